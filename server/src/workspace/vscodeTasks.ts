// VS Code's own configuration files, in a workspace's `.vscode/` folder (JSONC):
// - tasks.json: the Container Tools' `docker-build` task, `dockerBuild.target` with `dockerBuild.dockerfile`
//   (default `${workspaceFolder}/Dockerfile`) and `dockerBuild.context` (default `${workspaceFolder}`);
// - launch.json: the Docker extension's buildx debugger (`type: "dockerfile"`), `target` with `dockerfile`
//   (default `Dockerfile`) relative to `contextPath` (default `${workspaceFolder}`).
// `${workspaceFolder}` is the folder that holds `.vscode/`; other variables leave the path unknown.
import { basename, dirname, isAbsolute, normalize, resolve } from 'node:path';
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { TargetSource, type DiscoveredTarget } from './discovered';

/** Whether a file is one of these: `tasks.json` or `launch.json` directly in a `.vscode` folder. */
export function isVscodeConfiguration(path: string): boolean {
  return basename(dirname(path)) === '.vscode' && /^(tasks|launch)\.json$/.test(basename(path));
}

export function vscodeTargets(text: string, file: string, origin: string): DiscoveredTarget[] {
  const tree = parseTree(text, [], { allowTrailingComma: true });
  if (!tree) return [];
  const folder = dirname(dirname(file));
  const tasks = basename(file) === 'tasks.json';
  const entries = findNodeAtLocation(tree, [tasks ? 'tasks' : 'configurations'])?.children ?? [];
  const source = new TargetSource(text, file, origin);
  return entries.flatMap((entry) => {
    if (tasks ? valueAt(entry, ['type']) !== 'docker-build' : valueAt(entry, ['type']) !== 'dockerfile') return [];
    const at = tasks ? ['dockerBuild'] : [];
    const target = findNodeAtLocation(entry, [...at, 'target']);
    if (!target || typeof target.value !== 'string') return [];
    const context = expand(valueAt(entry, [...at, tasks ? 'context' : 'contextPath']) ?? '${workspaceFolder}', folder);
    const dockerfile = expand(valueAt(entry, [...at, 'dockerfile']) ?? (tasks ? '${workspaceFolder}/Dockerfile' : 'Dockerfile'), folder);
    if (context === undefined || dockerfile === undefined) return [];
    const path = normalize(isAbsolute(dockerfile) ? dockerfile : resolve(tasks ? folder : resolve(folder, context), dockerfile));
    const closed = target.length > 1 && text[target.offset + target.length - 1] === '"';
    return [source.target(path, target.value, target.offset + 1, target.offset + target.length - (closed ? 1 : 0), undefined, { context: resolve(folder, context) })];
  });
}

function valueAt(node: Node, path: string[]): string | undefined {
  const value = findNodeAtLocation(node, path)?.value;
  return typeof value === 'string' ? value : undefined;
}

/** `${workspaceFolder}` replaced; undefined when another variable is left, whose value only VS Code knows. */
function expand(value: string, folder: string): string | undefined {
  const expanded = value.replace(/\$\{workspaceFolder\}/g, folder);
  return /\$\{[^}]*\}/.test(expanded) ? undefined : expanded;
}

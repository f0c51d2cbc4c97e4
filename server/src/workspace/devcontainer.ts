// devcontainer.json (JSONC): `build.target`, with `build.dockerfile` and `build.context` (default `.`) relative to
// the file.
import { dirname, resolve } from 'node:path';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { contextFolder, dockerfilePath, isUnknownContext, TargetSource, type DiscoveredTarget } from './discovered';

export function devcontainerTargets(text: string, file: string, origin: string): DiscoveredTarget[] {
  const tree = parseTree(text, [], { allowTrailingComma: true });
  if (!tree) return [];
  const target = findNodeAtLocation(tree, ['build', 'target']);
  if (!target || typeof target.value !== 'string') return [];
  const dockerfile = findNodeAtLocation(tree, ['build', 'dockerfile'])?.value;
  const context = findNodeAtLocation(tree, ['build', 'context'])?.value;
  const folder = dirname(file);
  // `dockerfile` is relative to the devcontainer.json, not to the context.
  const path = typeof dockerfile === 'string' ? resolve(folder, dockerfile) : dockerfilePath(folder, typeof context === 'string' ? context : undefined, undefined);
  const closed = target.length > 1 && text[target.offset + target.length - 1] === '"';
  // `${localWorkspaceFolder}` and the like: a context only the editor knows.
  const known = context === undefined || (typeof context === 'string' && !isUnknownContext(context));
  return [new TargetSource(text, file, origin).target(path, target.value, target.offset + 1, target.offset + target.length - (closed ? 1 : 0), undefined,
    known ? { context: contextFolder(folder, context as string | undefined) } : {})];
}

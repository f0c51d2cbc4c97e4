// What both language clients (the desktop's languageClient.ts, the web's web/extension.ts) tell the server and
// which documents they send it.
import * as vscode from 'vscode';
import type { DocumentSelector } from 'vscode-languageclient';

/** Extensions that bring their own Dockerfile language server (for `generalFeatures` and `buildkitChecks` "auto"). */
const OTHER_DOCKER_EXTENSIONS = ['ms-azuretools.vscode-docker', 'ms-azuretools.vscode-containers', 'docker.docker'];

/** Compose, bake and devcontainer files, and VS Code's tasks.json and launch.json. */
const BUILD_FILE_PATTERNS = [
  '**/{compose,docker-compose}.{yml,yaml}', '**/{compose,docker-compose}.*.{yml,yaml}',
  '**/*.hcl', '**/docker-bake.json', '**/docker-bake.*.json',
  '**/{devcontainer,.devcontainer}.json', '**/.vscode/{tasks,launch}.json',
];

export function otherDockerExtensions(): vscode.Extension<unknown>[] {
  return OTHER_DOCKER_EXTENSIONS.flatMap((id) => vscode.extensions.getExtension(id) ?? []);
}

/**
 * Dockerfiles in these URI schemes, build files in the first (the desktop's: `file`, `untitled`); every scheme
 * when absent (the web's, a virtual workspace's too).
 */
export function servedDocuments(schemes?: readonly string[]): DocumentSelector {
  const dockerfiles: DocumentSelector = schemes ? schemes.map((scheme) => ({ language: 'dockerfile', scheme })) : [{ language: 'dockerfile' }];
  // Build files, whatever language they were given (yaml, dockercompose, hcl, dockerbake, json, jsonc): the
  // server completes, checks and navigates their `target` values. The same names as server/src/workspace/scanner.ts.
  const buildFiles: DocumentSelector = BUILD_FILE_PATTERNS.map((pattern) => (schemes ? { scheme: schemes[0], pattern } : { pattern }));
  return [...dockerfiles, ...buildFiles];
}

export function initializationOptions(): Record<string, unknown> {
  const others = otherDockerExtensions();
  return {
    otherDockerServerActive: others.length > 0,
    // Which ones: Docker DX reports BuildKit's checks, the others some checks of their own.
    dockerExtensions: others.map((extension) => extension.id),
    // The Docker extension's buildx debugger (`type: "dockerfile"`), for the "Debug this stage" lens.
    dockerfileDebugger: vscode.extensions.all.some((extension) =>
      (extension.packageJSON?.contributes?.debuggers as { type?: string }[] | undefined)?.some((debug) => debug.type === 'dockerfile') === true),
  };
}

// The language client: starts dist/server.js over IPC for Dockerfiles and the build files naming their stages.
// A bundle of its own (dist/languageClient.js), loaded after activation: see extension.ts.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { afterRefactor, AFTER_REFACTOR_COMMAND, refactorMiddleware } from './refactorCommands';
import { RenameFirst } from './renameFirst';
import { SERVER_NODE_FLAGS } from './serverLaunch';

/** Extensions that bring their own Dockerfile language server (for `generalFeatures` and `buildkitChecks` "auto"). */
const OTHER_DOCKER_EXTENSIONS = ['ms-azuretools.vscode-docker', 'ms-azuretools.vscode-containers', 'docker.docker'];

/** Compose, bake and devcontainer files, and VS Code's tasks.json and launch.json. */
const BUILD_FILE_PATTERNS = [
  '**/{compose,docker-compose}.{yml,yaml}', '**/{compose,docker-compose}.*.{yml,yaml}',
  '**/*.hcl', '**/docker-bake.json', '**/docker-bake.*.json',
  '**/{devcontainer,.devcontainer}.json', '**/.vscode/{tasks,launch}.json',
];

let renameFirst: RenameFirst | undefined;

/** Before VS Code's rename starts (F2 in a Dockerfile): our rename provider registered again, the newest. */
export function bringRenameToFront(): void {
  renameFirst?.bringToFront();
}

export async function startLanguageClient(context: vscode.ExtensionContext): Promise<LanguageClient> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: SERVER_NODE_FLAGS } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6010'] } },
  };
  const otherDockerExtensions = OTHER_DOCKER_EXTENSIONS.flatMap((id) => vscode.extensions.getExtension(id) ?? []);
  const documentSelector = [
    { language: 'dockerfile', scheme: 'file' },
    { language: 'dockerfile', scheme: 'untitled' },
    // Build files, whatever language they were given (yaml, dockercompose, hcl, dockerbake, json, jsonc): the
    // server completes, checks and navigates their `target` values. The same names as server/src/workspace/scanner.ts.
    ...BUILD_FILE_PATTERNS.map((pattern) => ({ scheme: 'file', pattern })),
  ];
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    middleware: refactorMiddleware,
    initializationOptions: {
      otherDockerServerActive: otherDockerExtensions.length > 0,
      // Which ones: Docker DX reports BuildKit's checks, the others some checks of their own.
      dockerExtensions: otherDockerExtensions.map((extension) => extension.id),
      // The Docker extension's buildx debugger (`type: "dockerfile"`), for the "Debug this stage" lens.
      dockerfileDebugger: vscode.extensions.all.some((extension) =>
        (extension.packageJSON?.contributes?.debuggers as { type?: string }[] | undefined)?.some((debug) => debug.type === 'dockerfile') === true),
    },
  };
  const client = new LanguageClient('dockerfileStages', 'Dockerfile Stages', serverOptions, clientOptions);
  await client.start();
  renameFirst = new RenameFirst(client, documentSelector, otherDockerExtensions);
  context.subscriptions.push(renameFirst, vscode.commands.registerCommand(AFTER_REFACTOR_COMMAND, afterRefactor));
  return client;
}

// The VS Code side: starts the language server over IPC for Dockerfiles, and little else.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/** Extensions that bring their own Dockerfile language server (for `generalFeatures: "auto"`). */
const OTHER_DOCKER_EXTENSIONS = ['ms-azuretools.vscode-docker', 'ms-azuretools.vscode-containers', 'docker.docker'];

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'dockerfile', scheme: 'file' }, { language: 'dockerfile', scheme: 'untitled' }],
    initializationOptions: {
      otherDockerServerActive: OTHER_DOCKER_EXTENSIONS.some((id) => vscode.extensions.getExtension(id) !== undefined),
    },
  };
  client = new LanguageClient('dockerfileStages', 'Dockerfile Stages', serverOptions, clientOptions);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

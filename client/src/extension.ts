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
  context.subscriptions.push(
    vscode.commands.registerCommand('dockerfileStages.addTarget', addTarget),
    vscode.commands.registerCommand('dockerfileStages.renameAt', renameAt),
  );
  await client.start();
}

/** Quick fix "Treat as a build target": adds the stage to `dockerfileStages.targets` of the workspace. */
async function addTarget(name: string): Promise<void> {
  const configuration = vscode.workspace.getConfiguration('dockerfileStages');
  const targets = configuration.get<string[]>('targets', []);
  if (targets.includes(name)) return;
  const scope = vscode.workspace.workspaceFolders ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await configuration.update('targets', [...targets, name], scope);
}

/** Puts the cursor on a stage name and starts a rename, after a refactor gave the stage a provisional name. */
async function renameAt(uri: string, position: { line: number; character: number }): Promise<void> {
  const editor = await vscode.window.showTextDocument(vscode.Uri.parse(uri));
  const at = new vscode.Position(position.line, position.character);
  editor.selection = new vscode.Selection(at, at);
  await vscode.commands.executeCommand('editor.action.rename');
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

// Activation: registers the commands (those the code lenses, quick picks and F2 run, and the stage graph) and the
// status bar, then loads the language client (languageClient.ts, a bundle of its own, which starts the server)
// right after activation returns. Everything else is asked of the server.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { buildStagePicked, type StageRequests } from './stagePicks';
import { registerSharedCommands } from './commands';

let client: Promise<LanguageClient> | undefined;
let languageClientModule: typeof import('./languageClient') | undefined;

export function activate(context: vscode.ExtensionContext): void {
  // The language client (vscode-languageclient, most of this extension's code) is loaded and started right
  // after activation returns, so that activation itself stays short; requests wait for it.
  client = new Promise((resolve, reject) => setImmediate(() => {
    try {
      languageClientModule = require(path.join(__dirname, 'languageClient.js')) as typeof import('./languageClient');
      resolve(languageClientModule.startLanguageClient(context));
    } catch (error) {
      reject(error);
    }
  }));
  client.catch((error: Error) => void vscode.window.showErrorMessage(`Dockerfile Stages: the language server did not start: ${error.message}`));
  const requests: StageRequests = { sendRequest: async (method, params) => (await client!).sendRequest(method, params) };
  context.subscriptions.push(
    ...registerSharedCommands(requests, {
      // F2 right after a Dockerfile opened, before our server is up: ours is not registered yet, and theirs would
      // rename alone (without the mount). So F2 waits for our server, as any request of ours does.
      bringRenameToFront: async () => {
        await client?.catch(() => undefined);
        languageClientModule?.bringRenameToFront();
      },
      // The graph panel (and the webview it loads) is its own bundle, loaded on first use.
      showStageGraph: () => (require(path.join(__dirname, 'graphPanel.js')) as typeof import('./graph/graphPanel')).showStageGraph(context, requests),
      // So is the What Ships tree view.
      showWhatShips: (target) => (require(path.join(__dirname, 'shipsView.js')) as typeof import('./ships/shipsView')).showWhatShips(context, requests, target),
    }),
    vscode.commands.registerCommand('dockerfileStages.buildStage', buildStage),
    vscode.commands.registerCommand('dockerfileStages.debugStage', debugStage),
    vscode.commands.registerCommand('dockerfileStages.buildStagePicked', () => buildStagePicked(requests, buildStage)),
  );
}

/** The "Build this stage" lens: runs docker build in a terminal. Running a process needs a trusted workspace. */
async function buildStage(uri: string, stage: string): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    await vscode.window.showWarningMessage('Dockerfile Stages runs docker only in a trusted workspace.');
    return;
  }
  const file = vscode.Uri.parse(uri).fsPath;
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(uri))?.uri.fsPath ?? path.dirname(file);
  const terminal = vscode.window.createTerminal({ name: `docker build --target ${stage}`, cwd: folder });
  terminal.show();
  terminal.sendText(`docker build --target ${quote(stage)} -f ${quote(file)} ${quote(folder)}`);
}

/**
 * The "Debug this stage" lens: the Docker extension's buildx debugger with the stage as its target (without
 * one it would build the last stage). Running a build needs a trusted workspace.
 */
async function debugStage(uri: string, stage: string): Promise<boolean> {
  if (!vscode.workspace.isTrusted) {
    await vscode.window.showWarningMessage('Dockerfile Stages runs docker only in a trusted workspace.');
    return false;
  }
  const file = vscode.Uri.parse(uri).fsPath;
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(uri));
  const contextPath = folder?.uri.fsPath ?? path.dirname(file);
  return vscode.debug.startDebugging(folder, { type: 'dockerfile', request: 'launch', name: `Debug stage ${stage}`, dockerfile: file, contextPath, target: stage });
}

function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export async function deactivate(): Promise<void> {
  await (await client?.catch(() => undefined))?.stop();
}

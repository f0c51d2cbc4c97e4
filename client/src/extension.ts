// Activation: registers the commands (those the code lenses, quick picks and F2 run, and the stage graph) and the
// status bar, then loads the language client (languageClient.ts, a bundle of its own, which starts the server)
// right after activation returns. Everything else is asked of the server.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { buildStagePicked, goToStage, showStageReferences, type StageRequests } from './stagePicks';
import { StageStatusBar } from './statusBar';

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
    vscode.commands.registerCommand('dockerfileStages.addTarget', addTarget),
    vscode.commands.registerCommand('dockerfileStages.renameAt', renameAt),
    vscode.commands.registerCommand('dockerfileStages.rename', rename),
    vscode.commands.registerCommand('dockerfileStages.showReferences', showReferences),
    vscode.commands.registerCommand('dockerfileStages.buildStage', buildStage),
    vscode.commands.registerCommand('dockerfileStages.debugStage', debugStage),
    vscode.commands.registerCommand('dockerfileStages.goToStage', () => goToStage(requests)),
    vscode.commands.registerCommand('dockerfileStages.showStageReferences', () => showStageReferences(requests)),
    vscode.commands.registerCommand('dockerfileStages.buildStagePicked', () => buildStagePicked(requests, buildStage)),
    // The graph panel (and the webview it loads) is its own bundle, loaded on first use.
    vscode.commands.registerCommand('dockerfileStages.showStageGraph', () =>
      (require(path.join(__dirname, 'graphPanel.js')) as typeof import('./graph/graphPanel')).showStageGraph(context, requests)),
    // So is the What Ships tree view.
    vscode.commands.registerCommand('dockerfileStages.showWhatShips', (target?: string) =>
      (require(path.join(__dirname, 'shipsView.js')) as typeof import('./ships/shipsView')).showWhatShips(context, requests, target)),
    new StageStatusBar(requests, 'dockerfileStages.goToStage'),
  );
}

/** Quick fix "Treat as a build target": adds the stage to `dockerfileStages.targets` of the workspace. */
async function addTarget(name: string): Promise<void> {
  const configuration = vscode.workspace.getConfiguration('dockerfileStages');
  const targets = configuration.get<string[]>('targets', []);
  if (targets.includes(name)) return;
  const scope = vscode.workspace.workspaceFolders ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await configuration.update('targets', [...targets, name], scope);
}

type JsonPosition = { line: number; character: number };
type JsonLocation = { uri: string; range: { start: JsonPosition; end: JsonPosition } };

function toRange(range: JsonLocation['range']): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

/** The "N references" lens: VS Code's references view wants its own types, not JSON. */
async function showReferences(uri: string, position: JsonPosition, locations: JsonLocation[]): Promise<void> {
  await vscode.commands.executeCommand('editor.action.showReferences', vscode.Uri.parse(uri),
    new vscode.Position(position.line, position.character),
    locations.map((l) => new vscode.Location(vscode.Uri.parse(l.uri), toRange(l.range))));
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

/** F2 in a Dockerfile: our rename provider brought to the front (see renameFirst.ts), then VS Code's rename. */
async function rename(): Promise<void> {
  languageClientModule?.bringRenameToFront();
  await vscode.commands.executeCommand('editor.action.rename');
}

/** Puts the cursor on a stage name and starts a rename, after a refactor gave the stage a provisional name. */
async function renameAt(uri: string, position: { line: number; character: number }): Promise<void> {
  const editor = await vscode.window.showTextDocument(vscode.Uri.parse(uri));
  const at = new vscode.Position(position.line, position.character);
  editor.selection = new vscode.Selection(at, at);
  // Not awaited: the rename command settles only when the user closes its input box.
  void rename();
}

export async function deactivate(): Promise<void> {
  await (await client?.catch(() => undefined))?.stop();
}

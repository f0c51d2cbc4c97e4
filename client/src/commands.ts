// The commands of both extensions, the desktop's (extension.ts) and the web's (web/extension.ts): everything
// but what runs docker, which only the desktop registers.
import * as vscode from 'vscode';
import { goToStage, showStageReferences, type StageRequests } from './stagePicks';
import { StageStatusBar } from './statusBar';

export interface CommandHost {
  /** Our rename provider brought to the front (renameFirst.ts), before VS Code's rename starts. */
  bringRenameToFront(): void | Promise<void>;
  showStageGraph(): unknown;
  showWhatShips(target?: string): unknown;
}

/** Registers the shared commands and the status bar. */
export function registerSharedCommands(requests: StageRequests, host: CommandHost): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('dockerfileStages.addTarget', addTarget),
    vscode.commands.registerCommand('dockerfileStages.renameAt', (uri: string, position: JsonPosition) => renameAt(host.bringRenameToFront, uri, position)),
    vscode.commands.registerCommand('dockerfileStages.rename', () => rename(host.bringRenameToFront)),
    vscode.commands.registerCommand('dockerfileStages.showReferences', showReferences),
    vscode.commands.registerCommand('dockerfileStages.goToStage', () => goToStage(requests)),
    vscode.commands.registerCommand('dockerfileStages.showStageReferences', () => showStageReferences(requests)),
    vscode.commands.registerCommand('dockerfileStages.showStageGraph', () => host.showStageGraph()),
    vscode.commands.registerCommand('dockerfileStages.showWhatShips', (target?: string) => host.showWhatShips(target)),
    new StageStatusBar(requests, 'dockerfileStages.goToStage'),
  ];
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

/** F2 in a Dockerfile: our rename provider brought to the front (see renameFirst.ts), then VS Code's rename. */
async function rename(bringRenameToFront: CommandHost['bringRenameToFront']): Promise<void> {
  await bringRenameToFront();
  await vscode.commands.executeCommand('editor.action.rename');
}

/** Puts the cursor on a stage name and starts a rename, after a refactor gave the stage a provisional name. */
async function renameAt(bringRenameToFront: CommandHost['bringRenameToFront'], uri: string, position: { line: number; character: number }): Promise<void> {
  const editor = await vscode.window.showTextDocument(vscode.Uri.parse(uri));
  const at = new vscode.Position(position.line, position.character);
  editor.selection = new vscode.Selection(at, at);
  // Not awaited: the rename command settles only when the user closes its input box.
  void rename(bringRenameToFront);
}

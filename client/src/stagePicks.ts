// The palette commands: "Go to Stage...", "Show Stage References" and "Build Stage...", each a quick pick of
// the active Dockerfile's stages as the server lists them.
import * as vscode from 'vscode';
import { STAGES_REQUEST, type StageList, type StageSummary } from '../../server/src/protocol';

/** The language client, once it runs: requests made before wait for it. */
export interface StageRequests {
  sendRequest(method: string, params: unknown): Promise<unknown>;
}

export async function fetchStages(client: StageRequests, document: vscode.TextDocument): Promise<StageList | undefined> {
  if (document.languageId !== 'dockerfile') return undefined;
  const list = await client.sendRequest(STAGES_REQUEST, { textDocument: { uri: document.uri.toString() } }) as StageList | null;
  return list ?? undefined;
}

interface StageItem extends vscode.QuickPickItem {
  readonly stage: StageSummary;
}

/** A quick pick of the active Dockerfile's stages, the one around the cursor first selected. */
async function pickStage(client: StageRequests, placeHolder: string, filter: (stage: StageSummary) => boolean = () => true): Promise<{ editor: vscode.TextEditor; stage: StageSummary } | undefined> {
  const editor = vscode.window.activeTextEditor;
  const list = editor && await fetchStages(client, editor.document);
  if (!editor || !list) {
    void vscode.window.showInformationMessage('Open a Dockerfile to pick one of its stages.');
    return undefined;
  }
  const items: StageItem[] = list.stages.filter(filter).map((stage) => ({
    label: stage.label,
    description: stage.base,
    detail: `#${stage.index} · line ${stage.range.start.line + 1} · ${stage.builtBy.length > 0 ? `built by ${stage.builtBy.join(', ')}` : 'unused'}`,
    stage,
  }));
  const cursor = editor.selection.active.line;
  const around = items.find((item) => item.stage.range.start.line <= cursor && cursor <= item.stage.range.end.line);
  const quickPick = vscode.window.createQuickPick<StageItem>();
  Object.assign(quickPick, { items, placeholder: placeHolder, matchOnDescription: true, activeItems: around ? [around] : [] });
  quickPick.buttons = [{ iconPath: new vscode.ThemeIcon('type-hierarchy'), tooltip: 'Show Stage Graph' }];
  quickPick.onDidTriggerButton(() => {
    quickPick.hide();
    void vscode.commands.executeCommand('dockerfileStages.showStageGraph');
  });
  const picked = await new Promise<StageItem | undefined>((resolve) => {
    quickPick.onDidAccept(() => resolve(quickPick.selectedItems[0] ?? quickPick.activeItems[0]));
    quickPick.onDidHide(() => resolve(undefined));
    quickPick.show();
  });
  quickPick.dispose();
  return picked && { editor, stage: picked.stage };
}

function toRange(range: StageSummary['range']): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

export async function goToStage(client: StageRequests): Promise<void> {
  const picked = await pickStage(client, 'Go to stage');
  if (!picked) return;
  const target = toRange(picked.stage.selectionRange);
  const editor = await vscode.window.showTextDocument(picked.editor.document, picked.editor.viewColumn);
  editor.selection = new vscode.Selection(target.start, target.end);
  editor.revealRange(target, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

export async function showStageReferences(client: StageRequests): Promise<void> {
  const picked = await pickStage(client, 'Show the references of stage');
  if (!picked) return;
  const { uri } = picked.editor.document;
  const at = toRange(picked.stage.selectionRange).start;
  const locations = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', uri, at);
  await vscode.commands.executeCommand('editor.action.showReferences', uri, at, locations ?? []);
}

/** `--target` takes names only: unnamed stages are not offered. */
export async function buildStagePicked(client: StageRequests, build: (uri: string, stage: string) => Promise<void>): Promise<void> {
  const picked = await pickStage(client, 'Build stage (docker build --target)', (stage) => stage.name !== undefined);
  if (picked) await build(picked.editor.document.uri.toString(), picked.stage.name!);
}

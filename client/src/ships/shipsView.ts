// "Show What Ships": a tree view in the Explorer of what the active Dockerfile's target image holds, as the server
// says it (`dockerfileStages/ships`), drawn by shipsTree.ts; a click on a node selects the line that put the
// path there. Kept in step with the document's edits. Its own bundle (dist/shipsView.js), loaded on first use.
import * as vscode from 'vscode';
import { SHIPS_REQUEST, type ShipsParams, type ShipsReport } from '../../../server/src/protocol';
import type { StageRequests } from '../stagePicks';
import { shipsTree, type ShipsNode } from './shipsTree';

const VIEW_ID = 'dockerfileStages.ships';
/** The context key that shows the view (package.json `views`): it stays hidden until the command first runs. */
const SHOWN_KEY = 'dockerfileStages.shipsShown';
const REFRESH_DELAY_MS = 300;

let current: ShipsView | undefined;

/** Shows what `target` (the last stage by default) of the active Dockerfile ships. */
export async function showWhatShips(context: vscode.ExtensionContext, client: StageRequests, target?: string): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'dockerfile') {
    void vscode.window.showInformationMessage('Open a Dockerfile to see what its image ships.');
    return;
  }
  current ??= new ShipsView(context, client);
  await current.show(editor.document, target);
}

class ShipsView implements vscode.TreeDataProvider<ShipsNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<ShipsNode>;
  private nodes: ShipsNode[] = [];
  private document?: vscode.TextDocument;
  private target?: string;
  private timer?: NodeJS.Timeout;

  constructor(context: vscode.ExtensionContext, private readonly client: StageRequests) {
    this.view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    context.subscriptions.push(this.view, this.changed, vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document !== this.document) return;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
    }));
  }

  async show(document: vscode.TextDocument, target?: string): Promise<void> {
    this.document = document;
    this.target = target;
    await vscode.commands.executeCommand('setContext', SHOWN_KEY, true);
    await this.refresh();
    await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
  }

  private async refresh(): Promise<void> {
    const document = this.document;
    if (!document) return;
    const params: ShipsParams = { textDocument: { uri: document.uri.toString() }, ...(this.target === undefined ? {} : { target: this.target }) };
    const report = await this.client.sendRequest(SHIPS_REQUEST, params) as ShipsReport | null;
    if (document !== this.document) return;
    this.nodes = report ? shipsTree(report) : [];
    this.view.message = report ? undefined : `No stage ${this.target ?? ''} to show.`;
    this.view.description = report ? `${report.target} · ${vscode.workspace.asRelativePath(document.uri)}` : undefined;
    this.changed.fire();
  }

  getChildren(node?: ShipsNode): ShipsNode[] {
    return node ? [...node.children] : this.nodes;
  }

  getTreeItem(node: ShipsNode): vscode.TreeItem {
    const item = new vscode.TreeItem(node.label, node.children.length > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    item.description = node.description;
    item.tooltip = node.tooltip;
    if (node.line !== undefined && this.document && node.line < this.document.lineCount) {
      const selection = this.document.lineAt(node.line).range;
      item.command = { title: 'Select the line', command: 'vscode.open', arguments: [this.document.uri, { selection, preserveFocus: false }] };
    }
    return item;
  }
}

// The status bar item while a Dockerfile is active: `N stages · target <name>`; a click opens "Go to Stage...",
// its hover links to the stage graph.
import * as vscode from 'vscode';
import { fetchStages, type StageRequests } from './stagePicks';

const REFRESH_DELAY_MS = 300;

/** The item's hover: what a click does, and the graph one click away (a command link, trusted for it alone). */
const STATUS_TOOLTIP = Object.assign(new vscode.MarkdownString(
  'Dockerfile Stages: click to go to a stage (the target is what `docker build` builds without `--target`)\n\n' +
  '[$(type-hierarchy) Show Stage Graph](command:dockerfileStages.showStageGraph)', true),
{ isTrusted: { enabledCommands: ['dockerfileStages.showStageGraph'] } });

export class StageStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('dockerfileStages.status', vscode.StatusBarAlignment.Right, 100);
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer?: NodeJS.Timeout;

  constructor(private readonly client: StageRequests, command: string) {
    this.item.name = 'Dockerfile Stages';
    this.item.command = command;
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule()),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === vscode.window.activeTextEditor?.document) this.schedule();
      }),
      // Published diagnostics say the server has the document: asked before that (while it starts), it knows
      // nothing of it yet.
      vscode.languages.onDidChangeDiagnostics((event) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (event.uris.some((uri) => uri.toString() === active)) this.schedule();
      }),
    );
    this.schedule();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
  }

  private async refresh(): Promise<void> {
    const document = vscode.window.activeTextEditor?.document;
    const list = document && await fetchStages(this.client, document).catch(() => undefined);
    if (!list) {
      this.item.hide();
      return;
    }
    const count = list.stages.length;
    this.item.text = `$(layers) ${count} stage${count === 1 ? '' : 's'}${list.defaultTarget ? ` · target ${list.defaultTarget}` : ''}`;
    this.item.tooltip = STATUS_TOOLTIP;
    this.item.show();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.item.dispose();
  }
}

// "Show Stage Graph": a webview beside the editor drawing the active Dockerfile's stage graph, as the server
// computes it (`dockerfileStages/graph`), kept in step with the editor: edits redraw it, switching to another
// Dockerfile switches it, the cursor highlights its stage, and a click in the graph selects the stage's FROM
// line (or the reference an edge stands for), and the target picked in the view is the one whose image the graph
// marks what ships in (kept here, across edits and while the view is hidden). Its own bundle (dist/graphPanel.js),
// loaded on first use.
import * as vscode from 'vscode';
import { GRAPH_REQUEST, type GraphParams, type StageGraph } from '../../../server/src/protocol';
import type { StageRequests } from '../stagePicks';
import type { FromWebview, ToWebview } from './messages';

const VIEW_TYPE = 'dockerfileStages.graph';
/** Edits are sent after typing pauses this long: a redraw of 100 stages costs up to 0.3 s of layout. */
const REDRAW_DELAY_MS = 300;

let current: StageGraphPanel | undefined;

/** Opens the panel beside the active editor, or brings the open one forward. */
export function showStageGraph(context: vscode.ExtensionContext, client: StageRequests): void {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'dockerfile') {
    void vscode.window.showInformationMessage('Open a Dockerfile to see its stage graph.');
    return;
  }
  if (current) current.reveal(editor.document);
  else current = new StageGraphPanel(context, client, editor.document);
}

class StageGraphPanel {
  private readonly panel: vscode.WebviewPanel;
  private readonly subscriptions: vscode.Disposable[] = [];
  private document: vscode.TextDocument;
  private timer?: NodeJS.Timeout;
  /** The target whose image the marks are for (`GraphParams.target`); the default target when undefined. */
  private shipsTarget?: string;

  constructor(context: vscode.ExtensionContext, private readonly client: StageRequests, document: vscode.TextDocument) {
    this.document = document;
    const media = vscode.Uri.joinPath(context.extensionUri, 'dist');
    this.panel = vscode.window.createWebviewPanel(VIEW_TYPE, this.title(), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [media] });
    this.panel.webview.html = webviewHtml(this.panel.webview, media);
    this.subscriptions.push(
      this.panel.webview.onDidReceiveMessage((message: FromWebview) => void this.receive(message)),
      this.panel.onDidDispose(() => this.dispose()),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === this.document) this.schedule();
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor?.document.languageId === 'dockerfile' && editor.document !== this.document) this.reveal(editor.document, false);
      }),
      vscode.window.onDidChangeTextEditorSelection((event) => {
        if (event.textEditor.document === this.document) this.sendCursor(event.selections[0].active.line);
      }),
    );
  }

  /** Shows `document`'s graph; brings the panel forward unless the user just switched editors. */
  reveal(document: vscode.TextDocument, focus = true): void {
    if (document !== this.document) {
      this.document = document;
      this.shipsTarget = undefined;
      this.panel.title = this.title();
      void this.sendGraph();
    }
    if (focus) this.panel.reveal(undefined, true);
  }

  private title(): string {
    return `Stages: ${vscode.workspace.asRelativePath(this.document.uri)}`;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.sendGraph(), REDRAW_DELAY_MS);
  }

  private async sendGraph(): Promise<void> {
    const document = this.document;
    const target = this.shipsTarget;
    const params: GraphParams = { textDocument: { uri: document.uri.toString() }, ...(target === undefined ? {} : { target }) };
    const graph = await this.client.sendRequest(GRAPH_REQUEST, params) as StageGraph | null;
    // A newer document, version or target may have been asked for meanwhile: only the latest is drawn.
    if (!graph || document !== this.document || target !== this.shipsTarget) return;
    // The target picked is no longer one (its stage renamed or removed): the default target's marks.
    if (target !== undefined && graph.shippedFor === undefined) {
      this.shipsTarget = undefined;
      return this.sendGraph();
    }
    this.post({ type: 'graph', uri: document.uri.toString(), fileName: vscode.workspace.asRelativePath(document.uri), graph });
    const editor = vscode.window.visibleTextEditors.find((candidate) => candidate.document === document);
    if (editor) this.sendCursor(editor.selection.active.line);
  }

  private sendCursor(line: number): void {
    this.post({ type: 'cursor', uri: this.document.uri.toString(), line });
  }

  private post(message: ToWebview): void {
    void this.panel.webview.postMessage(message);
  }

  private async receive(message: FromWebview): Promise<void> {
    if (message.type === 'ready') return this.sendGraph();
    if (message.type === 'ships') {
      this.shipsTarget = message.target;
      return this.sendGraph();
    }
    if (message.type === 'copy') {
      await vscode.env.clipboard.writeText(message.text);
      void vscode.window.setStatusBarMessage('Stage graph copied as Mermaid', 3000);
      return;
    }
    const { start, end } = message.range;
    const selection = new vscode.Selection(start.line, start.character, end.line, end.character);
    const shown = vscode.window.visibleTextEditors.find((editor) => editor.document.uri.toString() === message.uri);
    const editor = await vscode.window.showTextDocument(vscode.Uri.parse(message.uri), { viewColumn: shown?.viewColumn ?? vscode.ViewColumn.One, selection });
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private dispose(): void {
    clearTimeout(this.timer);
    this.subscriptions.forEach((subscription) => subscription.dispose());
    current = undefined;
  }
}

/**
 * The page: no remote content, no inline styles, scripts only with this load's nonce (and WebAssembly, which
 * Graphviz is, in a worker started from a blob of its fetched script); colors come from the theme's CSS variables.
 */
function webviewHtml(webview: vscode.Webview, media: vscode.Uri): string {
  const resource = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(media, name));
  const nonce = [...Array(32)].map(() => Math.floor(Math.random() * 36).toString(36)).join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource}; script-src 'nonce-${nonce}' 'wasm-unsafe-eval'; worker-src blob:; connect-src ${webview.cspSource}; img-src ${webview.cspSource} data:;">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${resource('graphView.css')}">
<title>Stage Graph</title>
</head>
<body data-layout-worker="${resource('graphLayout.js')}">
<script nonce="${nonce}" src="${resource('graphView.js')}"></script>
</body>
</html>`;
}

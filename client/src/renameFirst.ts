// Rename goes to our server even beside the Docker extensions. VS Code asks one rename provider: among those
// whose selector scores highest for the document (every Dockerfile server scores 10 for the language
// `dockerfile`), the one registered last (LanguageFeatureRegistry orders by score, then newest first); only if
// that one declines a position (no range from prepareRename) does it try the next. The Docker extensions' server
// renames stages too but leaves `RUN --mount=...,from=` behind, which breaks the build. So our provider is
// registered again, and so is the newest, each time the user may be about to rename: when a Dockerfile editor
// becomes active and when its selection changes (one message to the renderer each time; throttled). Where our
// server has nothing to rename, prepareRename declines and VS Code asks the next provider as before.
import * as vscode from 'vscode';
import { PrepareRenameRequest, RenameRequest } from 'vscode-languageclient';
import type { LanguageClient } from 'vscode-languageclient/node';

/** At most one re-registration in this time; a trailing one follows a burst of selection changes. */
const THROTTLE_MS = 250;

export class RenameFirst implements vscode.Disposable {
  private registration?: vscode.Disposable;
  private readonly subscriptions: vscode.Disposable[] = [];
  private last = 0;
  private trailing?: NodeJS.Timeout;

  constructor(private readonly client: LanguageClient, private readonly selector: vscode.DocumentSelector) {
    // The library's own registration would sit behind ours and answer the same: one provider of ours is enough.
    client.getFeature(RenameRequest.method).clear();
    this.register();
    const dockerfile = (editor: vscode.TextEditor | undefined) => editor !== undefined && vscode.languages.match(selector, editor.document) > 0;
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => dockerfile(editor) && this.schedule()),
      vscode.window.onDidChangeTextEditorSelection((event) => dockerfile(event.textEditor) && this.schedule()),
    );
  }

  private schedule(): void {
    const wait = this.last + THROTTLE_MS - Date.now();
    if (wait <= 0) return this.register();
    clearTimeout(this.trailing);
    this.trailing = setTimeout(() => this.register(), wait);
  }

  private register(): void {
    this.last = Date.now();
    this.registration?.dispose();
    this.registration = vscode.languages.registerRenameProvider(this.selector, this.provider);
  }

  private readonly provider: vscode.RenameProvider = {
    prepareRename: async (document, position, token) => {
      const { code2ProtocolConverter: toProtocol, protocol2CodeConverter: toCode } = this.client;
      const result = await this.client.sendRequest(PrepareRenameRequest.type, toProtocol.asTextDocumentPositionParams(document, position), token);
      if (!result) return undefined;
      if ('defaultBehavior' in result) return document.getWordRangeAtPosition(position);
      return 'range' in result ? { range: toCode.asRange(result.range), placeholder: result.placeholder } : toCode.asRange(result);
    },
    provideRenameEdits: async (document, position, newName, token) => {
      const { code2ProtocolConverter: toProtocol, protocol2CodeConverter: toCode } = this.client;
      const edit = await this.client.sendRequest(RenameRequest.type, { ...toProtocol.asTextDocumentPositionParams(document, position), newName }, token);
      return edit ? toCode.asWorkspaceEdit(edit, token) : undefined;
    },
  };

  dispose(): void {
    clearTimeout(this.trailing);
    this.registration?.dispose();
    this.subscriptions.forEach((subscription) => subscription.dispose());
  }
}

// Rename goes to our server even beside the Docker extensions. VS Code asks one rename provider: among those
// whose selector scores highest for the document (every Dockerfile server scores 10 for the language
// `dockerfile`), the one registered last (LanguageFeatureRegistry orders by score, then newest first); only if
// that one declines a position (no range from prepareRename) does it try the next. The Docker extensions' server
// renames stages too but leaves `RUN --mount=...,from=` behind, which breaks the build. So our provider is
// registered again, and so is the newest, each time the user may be about to rename: when a Dockerfile editor
// becomes active and when its selection changes (one message to the renderer each time; throttled), and a few
// times in the seconds after one of those extensions activates (their server registers once it has started).
// F2 itself, in a Dockerfile, runs `dockerfileStages.rename` (package.json), which registers ours again and then
// starts VS Code's rename: both messages go to VS Code's window in that order, so an F2 pressed right after a
// click, before the click's re-registration arrived, finds ours first too (measured: without it, theirs
// answered such an F2 in the UI test). Where our server has nothing to rename, prepareRename declines and VS
// Code asks the next provider as before. Once ours took the rename, VS Code must not hand it to theirs: an old
// registration stays while a rename may still reach it (providerRegistrations.ts), and a refusal ends the rename
// here: of the place (a stage named through ARGs: prepareRename below) and of the new name (provideRenameEdits).
import * as vscode from 'vscode';
import { LSPErrorCodes, PrepareRenameRequest, RenameRequest, ResponseError } from 'vscode-languageclient';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { ProviderRegistrations, type Registration } from './providerRegistrations';

/** At most one re-registration in this time; a trailing one follows a burst of selection changes. */
const THROTTLE_MS = 250;
/** After our start and after another Dockerfile server's extension activates: when to register again. */
const SETTLE_DELAYS_MS = [1_000, 3_000, 10_000];
/** How often, and how long, to look for those extensions activating (VS Code has no event for it). */
const ACTIVATION_POLL_MS = 1_000;
const ACTIVATION_WATCH_MS = 300_000;

export class RenameFirst implements vscode.Disposable {
  private readonly registrations = new ProviderRegistrations((registration) => vscode.languages.registerRenameProvider(this.selector, this.provider(registration)));
  private readonly subscriptions: vscode.Disposable[] = [];
  private last = 0;
  private trailing?: NodeJS.Timeout;
  private readonly timers = new Set<NodeJS.Timeout>();

  /** `others`: the installed extensions that run another Dockerfile language server. */
  constructor(private readonly client: LanguageClient, private readonly selector: vscode.DocumentSelector, others: readonly vscode.Extension<unknown>[]) {
    // The library's own registration would sit behind ours and answer the same: one provider of ours is enough.
    client.getFeature(RenameRequest.method).clear();
    this.bringToFront();
    const dockerfile = (editor: vscode.TextEditor | undefined) => editor !== undefined && vscode.languages.match(selector, editor.document) > 0;
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => dockerfile(editor) && this.schedule()),
      vscode.window.onDidChangeTextEditorSelection((event) => dockerfile(event.textEditor) && this.schedule()),
    );
    this.settle();
    this.watchActivation(others);
  }

  private settle(): void {
    for (const delay of SETTLE_DELAYS_MS) this.later(delay, () => this.schedule());
  }

  private watchActivation(others: readonly vscode.Extension<unknown>[]): void {
    const waiting = new Set(others.filter((extension) => !extension.isActive));
    const started = Date.now();
    const poll = () => {
      for (const extension of [...waiting]) {
        if (!extension.isActive) continue;
        waiting.delete(extension);
        this.settle();
      }
      if (waiting.size > 0 && Date.now() - started < ACTIVATION_WATCH_MS) this.later(ACTIVATION_POLL_MS, poll);
    };
    poll();
  }

  private later(delay: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, delay);
    this.timers.add(timer);
  }

  private schedule(): void {
    const wait = this.last + THROTTLE_MS - Date.now();
    if (wait <= 0) return this.bringToFront();
    clearTimeout(this.trailing);
    this.trailing = setTimeout(() => this.bringToFront(), wait);
  }

  /** Registers our provider again: the newest, it is the one VS Code asks first. */
  bringToFront(): void {
    this.last = Date.now();
    // A trailing one still pending would only replace this one again, as a rename may be starting on it.
    clearTimeout(this.trailing);
    this.registrations.add();
  }

  private provider(registration: Registration): vscode.RenameProvider {
    return {
      prepareRename: async (document, position, token) => {
        const { code2ProtocolConverter: toProtocol, protocol2CodeConverter: toCode } = this.client;
        const place = `${document.uri.toString()}@${document.version}:${position.line}:${position.character}`;
        if (this.registrations.wasDeclined(place)) return undefined;
        // Declined, or failed: VS Code asks the next provider, and its edits.
        const decline = () => {
          if (!token.isCancellationRequested) this.registrations.declined(place);
          this.registrations.renameEnded(registration);
        };
        // Marked as soon as VS Code calls: a re-registration while the server answers must not dispose this one.
        this.registrations.renameStarted(registration);
        const result = await this.client.sendRequest(PrepareRenameRequest.type, toProtocol.asTextDocumentPositionParams(document, position), token)
          .catch((error: unknown) => {
            if (!token.isCancellationRequested && isRefusal(error)) {
              this.registrations.renameEnded(registration);
              throw endingRejection(error.message);
            }
            decline();
            throw error;
          });
        if (!result) {
          decline();
          return undefined;
        }
        if ('defaultBehavior' in result) return document.getWordRangeAtPosition(position);
        return 'range' in result ? { range: toCode.asRange(result.range), placeholder: result.placeholder } : toCode.asRange(result);
      },
      provideRenameEdits: async (document, position, newName, token) => {
        const { code2ProtocolConverter: toProtocol, protocol2CodeConverter: toCode } = this.client;
        try {
          const edit = await this.client.sendRequest(RenameRequest.type, { ...toProtocol.asTextDocumentPositionParams(document, position), newName }, token);
          return edit ? toCode.asWorkspaceEdit(edit, token) : undefined;
        } catch (error) {
          if (token.isCancellationRequested) throw error;
          // Our server refused the new name (taken, not a valid name) or failed. Thrown, VS Code would ask the
          // next provider for edits (RenameSkeleton._provideRenameEdits): the Docker extensions' rename, without
          // the mount. So the refusal is shown here, as VS Code shows one, and the rename changes nothing.
          void vscode.window.showInformationMessage(refusal(error));
          return new vscode.WorkspaceEdit();
        } finally {
          this.registrations.renameEnded(registration);
        }
      },
    };
  }

  dispose(): void {
    clearTimeout(this.trailing);
    this.timers.forEach((timer) => clearTimeout(timer));
    this.registrations.dispose();
    this.subscriptions.forEach((subscription) => subscription.dispose());
  }
}

/** Our server refused the rename (a name it must not rename, a name it cannot take), as opposed to failing. */
function isRefusal(error: unknown): error is ResponseError<unknown> {
  return error instanceof ResponseError && error.code === LSPErrorCodes.RequestFailed;
}

/** What the user reads: our server's refusal as it stands, any other failure said to be ours. */
function refusal(error: unknown): string {
  if (isRefusal(error)) return error.message;
  return `Dockerfile Stages could not rename: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * A refusal at prepareRename, thrown so that it ends the rename instead of handing it on. An Error or a string
 * thrown there becomes a reject reason (the extension host's RenameAdapter), and RenameSkeleton then asks the
 * next provider: the Docker extensions' server, which renames what ours refused (a stage named through ARGs, a
 * variable a RUN sets itself), and breaks the build. Anything else fails the rename location, and VS Code's
 * RenameController shows such a failure at the cursor, as it shows a reject reason, where it is a Markdown
 * string: a plain object with a string `value` (isMarkdownString). Elsewhere the rename ends without a message.
 */
function endingRejection(message: string): { readonly value: string } {
  return { value: message.replace(/[\\`*_{}[\]()#+\-.!<>|~]/g, '\\$&') };
}

// A minimal editor: spawns dist/server.js over stdio and speaks JSON-RPC to it, as VS Code or Neovim would.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './paths';
import { fixture, type Fixture } from './fixture';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

const SERVER = join(REPO_ROOT, 'dist', 'server.js');

/** The completion list defaults VS Code's language client (vscode-languageclient 9) reads. */
export const VS_CODE_ITEM_DEFAULTS = ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'];

export interface ClientOptions {
  /** What `workspace/configuration` answers for the `dockerfileStages` section. */
  settings?: Record<string, unknown>;
  initializationOptions?: Record<string, unknown>;
  /** Announce support for dynamic registration (as VS Code does). */
  dynamicRegistration?: boolean;
  /** The process the server watches, as an editor's (default: this test process). */
  processId?: number;
  /** What `workspace/configuration` answers for `files.exclude`. */
  filesExclude?: Record<string, unknown>;
  /** The workspace folder, as a file URI. */
  rootUri?: string;
  /** How long the client takes to answer `workspace/configuration` (a busy editor). */
  configurationDelayMs?: number;
  /** The completion list defaults the client reads (`completionList.itemDefaults`; VS Code's client reads `editRange` among them). */
  completionItemDefaults?: string[];
  /** Another server to run instead of ours (the benchmark runs the incumbent): a node script and its arguments. */
  server?: string[];
}

export class LspClient {
  readonly connection: MessageConnection;
  private readonly process: ChildProcess;
  private readonly versions = new Map<string, number>();
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  /** Every `publishDiagnostics` the server sent, in order. */
  readonly publications: PublishDiagnosticsParams[] = [];
  /** Woken by every message from the server, for the waits below. */
  private readonly waiters: Array<() => void> = [];
  readonly registrations: string[] = [];
  /** The server's `window/logMessage` messages. */
  readonly logs: string[] = [];
  /** For each of `logs`, how many diagnostics had been published before it (which publications came after). */
  private readonly publicationsBeforeLog: number[] = [];
  stderr = '';
  settings: Record<string, unknown>;

  private constructor(options: ClientOptions) {
    this.settings = options.settings ?? {};
    this.process = spawn(process.execPath, options.server ?? [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (chunk) => (this.stderr += chunk));
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onRequest('workspace/configuration', async (params: { items: { section?: string }[] }) => {
      if (options.configurationDelayMs) await new Promise((resolve) => setTimeout(resolve, options.configurationDelayMs));
      return params.items.map((item) => (item.section === 'dockerfileStages' ? this.settings : item.section === 'files.exclude' ? options.filesExclude ?? {} : null));
    });
    this.connection.onRequest('client/registerCapability', (params: { registrations: { method: string }[] }) => {
      this.registrations.push(...params.registrations.map((r) => r.method));
      this.wake();
      return null;
    });
    this.connection.onRequest('client/unregisterCapability', (params: { unregisterations: { method: string }[] }) => {
      for (const { method } of params.unregisterations) this.registrations.splice(this.registrations.indexOf(method), 1);
      this.wake();
      return null;
    });
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params);
      this.publications.push(params);
      this.wake();
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
      this.publicationsBeforeLog.push(this.publications.length);
      this.wake();
    });
    this.connection.listen();
  }

  static async start(options: ClientOptions = {}): Promise<LspClient> {
    const client = new LspClient(options);
    const dynamicRegistration = options.dynamicRegistration ?? false;
    const result = await client.connection.sendRequest('initialize', {
      processId: options.processId ?? process.pid,
      rootUri: options.rootUri ?? null,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration } },
        textDocument: {
          completion: {
            completionItem: { snippetSupport: true, documentationFormat: ['markdown'] },
            ...(options.completionItemDefaults ? { completionList: { itemDefaults: options.completionItemDefaults } } : {}),
          },
          hover: { contentFormat: ['markdown'] },
          definition: { linkSupport: true },
          rename: { prepareSupport: true },
          formatting: { dynamicRegistration },
          rangeFormatting: { dynamicRegistration },
          onTypeFormatting: { dynamicRegistration },
          signatureHelp: { dynamicRegistration },
          documentLink: { dynamicRegistration },
          publishDiagnostics: { versionSupport: true },
          codeAction: { resolveSupport: { properties: ['edit', 'command'] }, codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor'] } } },
        },
      },
      initializationOptions: options.initializationOptions,
    });
    client.capabilities = (result as { capabilities: Record<string, unknown> }).capabilities;
    await client.connection.sendNotification('initialized', {});
    return client;
  }

  capabilities: Record<string, unknown> = {};

  private fixtures = 0;

  /** Opens fixture text (`|` the cursor, `[[ ]]` ranges) as a Dockerfile of its own. */
  async openFixture(marked: string): Promise<Fixture & { uri: string }> {
    const fx = fixture(marked);
    const uri = `file:///fixture/${++this.fixtures}/Dockerfile`;
    await this.open(uri, fx.text);
    return { ...fx, uri };
  }

  async open(uri: string, text: string, languageId = 'dockerfile'): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  get pid(): number {
    return this.process.pid!;
  }

  /** Resolves with the exit code when the server process ends. */
  exited(): Promise<number | null> {
    if (this.process.exitCode !== null) return Promise.resolve(this.process.exitCode);
    return new Promise((resolve) => this.process.once('exit', (code) => resolve(code)));
  }

  /** Closes the server's input, as an editor that crashed would. */
  disappear(): void {
    this.process.stdin!.end();
  }

  /** Replaces a range, as an editor sends a keystroke. */
  async edit(uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    return version;
  }

  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  /** Closes the document: what the server publishes next for it carries no version (`diagnosticsFor` waits for that). */
  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R = any>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  /** Forgets what was published for the document, so that `diagnosticsFor` waits for the next publication. */
  forgetDiagnostics(uri: string): void {
    this.diagnostics.delete(uri);
  }

  private wake(): void {
    this.waiters.splice(0).forEach((wake) => wake());
  }

  /** Waits until `probe` answers, checking it again on every message from the server. */
  async until<T>(what: string | (() => string), probe: () => T | undefined, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = probe();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, Math.max(0, deadline - Date.now()) + 1).unref();
      });
    }
  }

  /** Waits for the diagnostics of the document's current version (earlier versions' are ignored; none once closed). */
  diagnosticsFor(uri: string, timeoutMs = 5000): Promise<Diagnostic[]> {
    return this.until(`diagnostics for ${uri} version ${this.versions.get(uri)}`, () => {
      const published = this.diagnostics.get(uri);
      return published && published.version === this.versions.get(uri) ? published.diagnostics : undefined;
    }, timeoutMs);
  }

  /**
   * Waits for diagnostics of the document's current version published after the server logged `pattern`
   * (`/Found \d+ build targets/`: the first workspace scan ended, so they count its targets), and answers the last.
   */
  async diagnosticsAfterLog(uri: string, pattern: RegExp, timeoutMs = 5000): Promise<Diagnostic[]> {
    await this.logged(pattern, timeoutMs);
    const after = this.publicationsBeforeLog[this.logs.findIndex((message) => pattern.test(message))];
    return this.until(`diagnostics for ${uri} version ${this.versions.get(uri)} after the log ${pattern}`, () => {
      const published = this.publications.slice(after).filter((p) => p.uri === uri && p.version === this.versions.get(uri));
      return published.length > 0 ? published[published.length - 1].diagnostics : undefined;
    }, timeoutMs);
  }

  /** Waits until the server logs a message matching `pattern` (the workspace scan says when it is done). */
  logged(pattern: RegExp, timeoutMs = 5000): Promise<string> {
    return this.until(() => `the server to log ${pattern} (it logged: ${this.logs.join(' | ')})`, () => this.logs.find((message) => pattern.test(message)), timeoutMs);
  }

  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: { dockerfileStages: settings } });
  }

  async stop(): Promise<void> {
    try {
      await this.request('shutdown', null);
      await this.connection.sendNotification('exit');
    } finally {
      this.connection.dispose();
      await new Promise<void>((resolve) => {
        if (this.process.exitCode !== null) resolve();
        this.process.once('exit', () => resolve());
        setTimeout(() => { this.process.kill(); resolve(); }, 2000);
      });
    }
  }
}

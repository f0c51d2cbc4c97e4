// Runs in the web worker extension host (test/e2e/web.js: `extensionDevelopmentKind` web, started by memfs.ts),
// on the virtual workspace `memfs:/ws` (memfs.ts): the web build's diagnostics (UnusedStage honouring the compose target, read
// through the client's file requests), completion, definition, rename across the Dockerfile and the compose
// file, and the graph view opening. Mocha is not bundled for a worker: a plain list of checks, ending with the
// line run.sh reads.
import * as vscode from 'vscode';
import { waitFor } from '../suite/wait';

/** Node's `assert` is not there in a worker: the two comparisons the checks make. */
const assert = {
  ok(value: unknown, message = 'not true'): void {
    if (!value) throw new Error(message);
  },
  equal(actual: unknown, expected: unknown, message?: string): void {
    if (actual !== expected) throw new Error(message ?? `${String(actual)} is not ${String(expected)}`);
  },
  deepEqual(actual: unknown, expected: unknown): void {
    if (JSON.stringify(actual) !== JSON.stringify(expected)) throw new Error(`${JSON.stringify(actual)} is not ${JSON.stringify(expected)}`);
  },
};

const EXTENSION = 'dockerfile-stages.dockerfile-stages';
const uri = (name: string) => vscode.Uri.parse(`memfs:/ws/${name}`);

const checks: [string, () => Promise<void>][] = [];
/** How long the server took to start after activation, in ms (logged for the README). */
let startedIn: number | undefined;
const check = (name: string, body: () => Promise<void>) => checks.push([name, body]);

check('runs in the web worker extension host, on the virtual workspace', async () => {
  assert.equal(typeof (globalThis as { importScripts?: unknown }).importScripts, 'function', 'not a worker');
  assert.equal(vscode.workspace.workspaceFolders?.[0].uri.toString(), 'memfs:/ws');
  const extension = vscode.extensions.getExtension<{ serverStartMs: number }>(EXTENSION);
  assert.ok(extension, `${EXTENSION} is not in this host: ${vscode.extensions.all.map((e) => e.id).join(', ')}`);
  const api = await extension!.activate();
  assert.ok(extension!.isActive);
  startedIn = api.serverStartMs;
});

check('reports the stage no target builds, honouring the compose target', async () => {
  const document = await vscode.workspace.openTextDocument(uri('Dockerfile'));
  await vscode.window.showTextDocument(document);
  const unused = await waitFor('UnusedStage', () => {
    const found = vscode.languages.getDiagnostics(document.uri).filter((d) => (d.code as { value?: string })?.value === 'UnusedStage' || d.code === 'UnusedStage');
    return found.length > 0 ? found : undefined;
  }, 30000);
  // `build` is compose.yaml's target (the file is not open: read through the client), `release` the last stage.
  assert.deepEqual(unused.map((d) => document.lineAt(d.range.start.line).text), ['FROM base AS orphan']);
});

check('completes stage names', async () => {
  const document = await vscode.workspace.openTextDocument(uri('Dockerfile'));
  const line = document.getText().split('\n').findIndex((text) => text.startsWith('COPY --from='));
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(line, 'COPY --from='.length));
  const labels = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
  for (const stage of ['base', 'build', 'orphan']) assert.ok(labels.includes(stage), `${stage} in ${labels.join(', ')}`);
});

check('goes to a stage from the compose target', async () => {
  const compose = await vscode.workspace.openTextDocument(uri('compose.yaml'));
  const target = compose.positionAt(compose.getText().indexOf('target: build') + 'target: bu'.length);
  const [link] = await waitFor('definition', async () => {
    const links = await vscode.commands.executeCommand<vscode.LocationLink[]>('vscode.executeDefinitionProvider', compose.uri, target);
    return links.length > 0 ? links : undefined;
  });
  assert.equal(link.targetUri.toString(), uri('Dockerfile').toString());
  assert.equal(link.targetSelectionRange!.start.line, 3);
});

check('renames a stage in the Dockerfile and the compose file', async () => {
  const document = await vscode.workspace.openTextDocument(uri('Dockerfile'));
  const at = document.positionAt(document.getText().indexOf('AS build') + 'AS bu'.length);
  const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', document.uri, at, 'compile');
  const changed = edit.entries().map(([file, edits]) => `${file.toString()}: ${edits.map((e) => e.newText).join(',')}`).sort();
  assert.deepEqual(changed, ['memfs:/ws/Dockerfile: compile,compile', 'memfs:/ws/compose.yaml: compile']);
});

check('opens the graph view', async () => {
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri('Dockerfile')));
  await vscode.commands.executeCommand('dockerfileStages.showStageGraph');
  await waitFor('the graph panel', () => vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((tab) => tab.input instanceof vscode.TabInputWebview));
});

/**
 * Runs the checks and writes what they say to `web-e2e.log` beside the workspace file, which web.js reads: a web
 * worker extension host's console does not reach the page.
 */
export async function run(): Promise<void> {
  const lines: string[] = [];
  const log = (line: string) => {
    lines.push(line);
    console.log(line);
  };
  let failed = 0;
  for (const [name, body] of checks) {
    try {
      await body();
      log(`  ✔ ${name}`);
    } catch (error) {
      failed++;
      log(`  ✘ ${name}: ${(error as Error).message}`);
    }
  }
  log(`web: the language server started in the worker ${startedIn ?? '?'} ms after activation`);
  log(`e2e: ${checks.length - failed} passed, ${failed} failed`);
  await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(vscode.workspace.workspaceFile!, '..', 'web-e2e.log'), new TextEncoder().encode(`${lines.join('\n')}\n`));
}

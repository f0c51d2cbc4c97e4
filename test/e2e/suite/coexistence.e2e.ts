// Beside the Docker extensions: ours and dockerfile-language-server-nodejs (run by the Container Tools test
// double, test/e2e/incumbent) both serve the Dockerfile, in the order the workspace's setting makes (see the
// double). Records what a user sees through VS Code's own merged requests (the same ones the suggest widget,
// hovers, peek, F2 and the Problems view use) as a Markdown table, and asserts what must hold in either order.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { positionIn } from './positions';
import { waitFor } from './wait';

const ORDER = vscode.workspace.getConfiguration('incumbentDouble').get<boolean>('startAfterDockerfileStages') ? 'ours registered first' : 'ours registered last';
let document: vscode.TextDocument;
const rows: string[] = [];

const positionOf = (text: string, offset = 0) => positionIn(document, text, offset);

function record(what: string, seen: string): void {
  rows.push(`| ${what} | ${seen.replace(/\|/g, '\\|')} |`);
}

async function completions(text: string, offset = text.length): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, positionOf(text, offset));
  return list.items;
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

async function completionLabels(text: string, offset = text.length): Promise<string[]> {
  return (await completions(text, offset)).map(labelOf);
}

/** As the suggest widget orders equal matches: by sortText (lower-cased), else by label. */
function widgetOrder(items: vscode.CompletionItem[]): vscode.CompletionItem[] {
  const key = (item: vscode.CompletionItem) => (item.sortText ?? labelOf(item)).toLowerCase();
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** The stage names among the suggestions, with how often each appears. */
function stageCounts(labels: string[], stages: string[]): string {
  return stages.map((stage) => `${stage} ×${labels.filter((label) => label === stage).length}`).join(', ');
}

function locationKey(location: vscode.Location | vscode.LocationLink): string {
  const [uri, range] = 'targetUri' in location ? [location.targetUri, location.targetSelectionRange ?? location.targetRange] : [location.uri, location.range];
  return `${uri.toString()}:${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

describe(`Beside the Docker extensions' server (${ORDER})`, () => {
  before(async function () {
    this.timeout(90000);
    const double = vscode.extensions.getExtension<{ started: Promise<void> }>('ms-azuretools.vscode-containers');
    assert.ok(double, 'the Container Tools double is installed');
    if (ORDER === 'ours registered last') {
      // Its server is up and registered before a Dockerfile opens, which is what activates ours.
      await (await double.activate()).started;
      assert.equal(vscode.extensions.getExtension('dockerfile-stages.dockerfile-stages')?.isActive, false);
    }
    document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'Dockerfile'));
    await vscode.window.showTextDocument(document);
    await waitFor('both servers', () => {
      const sources = new Set(vscode.languages.getDiagnostics(document.uri).map((diagnostic) => diagnostic.source));
      return sources.has('dockerfile-stages') && sources.has('dockerfile-utils') ? true : undefined;
    }, 60000).catch((error) => {
      console.log('diagnostics:', vscode.languages.getDiagnostics(document.uri).map((d) => `${d.source}: ${d.message}`));
      throw error;
    });
  });

  before(async function () {
    // A compose file naming `build` as a target, written now rather than kept in the workspace: in the workspace
    // it would activate ours at startup (workspaceContains), and the registration order would be left to chance.
    this.timeout(60000);
    const compose = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'compose.yaml');
    await vscode.workspace.fs.writeFile(compose, Buffer.from('services:\n  app:\n    build:\n      context: .\n      target: build\n'));
    await waitFor('the compose file read', async () => {
      const references = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', document.uri, positionOf('AS build', 3));
      return references.some((location) => location.uri.path.endsWith('/compose.yaml')) || undefined;
    }, 30000);
  });

  after(() => {
    console.log(`\nWhat a user sees (${ORDER}):\n\n| request | seen |\n|---|---|\n${rows.join('\n')}\n`);
  });

  it('renames a stage with every reference, the mount too, whichever server registered last', async () => {
    // As a user does before F2: the cursor on the name (after the other server started, in either order).
    const at = positionOf('--from=build', 8);
    vscode.window.activeTextEditor!.selection = new vscode.Selection(at, at);
    // Our provider is registered again, as the newest, once the cursor moved (throttled): until then the other answers.
    const edit = await waitFor('our rename answering, the mount included', async () => {
      const answer = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', document.uri, at, 'compile');
      return answer.get(document.uri).some((change) => change.range.start.line === 5) ? answer : undefined;
    }, 10000);
    const lines = (uri: vscode.Uri) => edit.get(uri).map((change) => change.range.start.line + 1).sort((a, b) => a - b);
    const edited = lines(document.uri);
    const compose = edit.entries().find(([uri]) => uri.path.endsWith('/compose.yaml'));
    record('F2 rename of `build` (used by FROM, a mount, COPY and compose.yaml)', `Dockerfile lines ${edited.join(', ')}${compose ? `, compose.yaml line ${lines(compose[0]).join(', ')}` : ''} edited`);
    // FROM ... AS build (2), FROM build (5), the mount's from=build (6), COPY --from=build (15); compose's target.
    assert.deepEqual(edited, [2, 5, 6, 15]);
    assert.deepEqual(compose && lines(compose[0]), [5]);
  });

  it('ends a rename ours refused: their server does not rename in its place', async () => {
    // `release` names a stage already: ours refuses the new name. Thrown, the refusal would make VS Code ask the
    // next provider for edits (their server's), which renames `build` to `release` anyway, the mount left behind.
    const at = positionOf('--from=build', 8);
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', document.uri, at, 'release');
    const edited = edit.entries().flatMap(([, changes]) => changes.map((change) => change.range.start.line + 1));
    record('F2 rename of `build` to `release` (taken by another stage)', edited.length === 0 ? 'refused, nothing edited' : `lines ${edited.join(', ')} edited`);
    assert.deepEqual(edited, []);
  });

  it('ends a rename ours refused at the place: their server does not rename in its place', async () => {
    // The RUN after `ARG LEVEL` sets LEVEL itself: ours refuses to rename the ARG. A refusal given as a reject
    // reason would make VS Code ask the next provider (their server's), which renames the ARG and the RUN's
    // `$LEVEL` but not the RUN's own `LEVEL=2`, and so changes what the RUN prints.
    const at = positionOf('ARG LEVEL', 'ARG L'.length);
    vscode.window.activeTextEditor!.selection = new vscode.Selection(at, at);
    const refusal = await waitFor('our refusal ending the rename', async () => {
      // A place prepared (theirs, before our provider was registered again) resolves; our refusal rejects.
      const rejection = await Promise.resolve(vscode.commands.executeCommand('vscode.prepareRename', document.uri, at)).then(() => undefined, (error: { value?: unknown }) => error);
      // Markdown, as VS Code shows it: the text with its escapes taken out.
      return typeof rejection?.value === 'string' ? rejection.value.replace(/\\(.)/g, '$1') : undefined;
    }, 10000);
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', document.uri, at, 'THRESHOLD')
      .then((answer) => answer, () => undefined);
    const edited = edit?.entries().flatMap(([, changes]) => changes.map((change) => change.range.start.line + 1)) ?? [];
    record('F2 on `ARG LEVEL` (the RUN after it sets LEVEL itself)', edited.length === 0 ? `refused, nothing edited: "${refusal}"` : `lines ${edited.join(', ')} edited`);
    assert.match(refusal, /The RUN on line 20 also sets LEVEL itself/);
    assert.deepEqual(edited, []);
  });

  it('suggests the stages after `COPY --from=` twice (VS Code merges both lists), ours first', async () => {
    const items = await completions('COPY --from=');
    const stages = ['build', 'test', 'tools'];
    record('suggestions after `COPY --from=`', stageCounts(items.map(labelOf), stages));
    // Ours (with the base image as detail) come first in the widget, theirs after.
    const shown = widgetOrder(items.filter((item) => stages.includes(labelOf(item))));
    record('their order in the suggest widget', shown.map((item) => `${labelOf(item)} (${item.detail ? 'ours' : 'theirs'})`).join(', '));
    assert.ok(shown.slice(0, 3).every((item) => item.detail !== undefined), 'ours first');
  });

  it('suggests stages after `from=` in a mount', async () => {
    const labels = await completionLabels(',from=');
    const counts = stageCounts(labels, ['build', 'test', 'tools']);
    record('suggestions after `RUN --mount=...,from=`', counts);
    // Ours only (theirs offers none there): the one stage before `test`, once.
    assert.equal(counts, 'build ×1, test ×0, tools ×0');
  });

  it('suggests stages after `FROM `', async () => {
    const labels = await completionLabels('FROM alpine:3.20 AS release', 'FROM '.length);
    const counts = stageCounts(labels, ['build', 'test', 'tools']);
    record('suggestions after `FROM `', counts);
    // Ours only: each stage before `release` once (`tools`, defined twice, too).
    assert.equal(counts, 'build ×1, test ×1, tools ×1');
  });

  it('hovers a stage name once', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf('--from=build', 8));
    record('hover on `--from=build`', `${hovers.length} hover${hovers.length === 1 ? '' : 's'}`);
    assert.equal(hovers.length, 1);
  });

  it('leaves instruction docs to their server (generalFeatures "auto" sees Container Tools\' id)', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf('RUN go build', 1));
    record('hover on the `RUN` keyword', `${hovers.length} hover${hovers.length === 1 ? '' : 's'} (theirs)`);
    assert.equal(hovers.length, 1);
  });

  it('goes to a stage once: no duplicate entry in the peek view', async () => {
    const definitions = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', document.uri, positionOf('--from=build', 8));
    const unique = new Set(definitions.map(locationKey));
    record('definition of `--from=build`', `${definitions.length} answers, ${unique.size} distinct`);
    assert.equal(unique.size, 1);
  });

  it('lists references once each', async () => {
    const references = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', document.uri, positionOf('--from=build', 8));
    const unique = new Set(references.map(locationKey));
    record('references of `build`', `${references.length} answers, ${unique.size} distinct`);
    assert.equal(references.length, unique.size);
  });

  it('reports a duplicate stage name and a misspelled --from once each, with our fixes', async () => {
    const diagnostics = vscode.languages.getDiagnostics(document.uri);
    const at = (line: number, pattern: RegExp) => diagnostics.filter((diagnostic) => diagnostic.range.start.line === line - 1 && pattern.test(diagnostic.message));
    // The quick fixes at a diagnostic's range (VS Code's command does not say which diagnostic each fixes).
    const fixes = async (diagnostic: vscode.Diagnostic) => (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value))
      .map((action) => action.title);
    // Their server marks both definitions of `tools`; ours steps aside there and offers its fix on theirs.
    const duplicate = at(11, /duplicate/i);
    record('Problems for the duplicate `tools` (line 11)', duplicate.map((d) => `${d.source}: ${d.message}`).join('; '));
    record('quick fixes there', (await fixes(duplicate[0])).join('; '));
    assert.equal(duplicate.length, 1, 'one problem for the duplicate name at line 11');
    assert.ok((await fixes(duplicate[0])).some((title) => /^Rename/.test(title)), 'our rename fix on their diagnostic');
    const misspelled = at(16, /biuld/);
    record('Problems for `--from=biuld` (line 16)', misspelled.map((d) => `${d.source}: ${d.message}`).join('; '));
    record('quick fixes there', (await fixes(misspelled[0])).join('; '));
    assert.equal(misspelled.length, 1, 'one problem for the misspelled stage');
  });
});

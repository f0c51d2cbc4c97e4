// Every stage feature through the real VS Code API, against the extension built from this checkout.
// The workspace is a fresh copy of test/e2e/workspace for each run.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { positionIn } from './positions';
import { waitFor } from './wait';

const EXTENSION_ID = 'dockerfile-stages.dockerfile-stages';
let document: vscode.TextDocument;
let original: string;

function uri(name = 'Dockerfile'): vscode.Uri {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, name);
}

const positionOf = (text: string, offset = 0, index = 0) => positionIn(document, text, offset, index);

/** A diagnostic's code: VS Code wraps it with its documentation link (`{ value, target }`). */
function codeOf(diagnostic: vscode.Diagnostic): string {
  return String(typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code);
}

function stageDiagnostics(): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'dockerfile-stages');
}

async function setText(text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), text);
  await vscode.workspace.applyEdit(edit);
}

describe('Dockerfile Stages in VS Code', () => {
  before(async () => {
    document = await vscode.workspace.openTextDocument(uri());
    original = document.getText();
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'dockerfile');
    await waitFor('activation', () => vscode.extensions.getExtension(EXTENSION_ID)?.isActive || undefined);
    await waitFor('diagnostics', () => (stageDiagnostics().length > 0 ? true : undefined));
  });

  afterEach(async () => {
    if (document.getText() !== original) await setText(original);
  });

  it('completes earlier stages after COPY --from=, nearest first', async () => {
    const position = positionOf('--from=build', '--from='.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position, '=');
    const labels = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Reference)
      .sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? '')).map((i) => i.label);
    assert.deepEqual(labels, ['debug', 'build', 'deps', 'base']);
  });

  it('goes to the definition of a stage from COPY --from and RUN --mount from=', async () => {
    for (const reference of ['--from=build', 'from=deps']) {
      const position = positionOf(reference, reference.length - 2);
      const locations = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', document.uri, position);
      const target = locations[0] as vscode.LocationLink;
      const name = reference.split('=')[1];
      assert.equal(document.getText(target.targetSelectionRange), name);
    }
  });

  it('finds every reference of a stage', async () => {
    const locations = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', document.uri, positionOf('AS deps', 4));
    assert.deepEqual(locations.map((l) => document.getText(l.range)).sort(), ['deps', 'deps', 'deps']);
  });

  it('renames a stage everywhere, mounts included', async () => {
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', document.uri, positionOf('AS deps', 4), 'vendored');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.equal((document.getText().match(/\bvendored\b/g) ?? []).length, 3);
    assert.ok(!/\bdeps\b/.test(document.getText().replace(/# deps/, '')));
  });

  it('shows the stage card on hover', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf('--from=build', 9));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : (c as vscode.MarkdownString).value))).join('\n');
    assert.match(text, /\*\*build\*\* · stage #2/);
    assert.match(text, /Chain: build ← deps ← base ← golang:1.22-alpine/);
  });

  it('reports a misspelled stage and fades the unused one', () => {
    const diagnostics = stageDiagnostics();
    const undefinedStage = diagnostics.find((d) => codeOf(d) === 'UndefinedStage');
    assert.ok(undefinedStage, JSON.stringify(diagnostics.map((d) => d.code)));
    assert.match(undefinedStage.message, /did you mean 'build'\?/);
    const unused = diagnostics.find((d) => d.tags?.includes(vscode.DiagnosticTag.Unnecessary));
    assert.ok(unused);
    assert.match(unused.message, /'debug'/);
  });

  it('fixes the misspelled stage with the preferred quick fix', async () => {
    const diagnostic = stageDiagnostics().find((d) => /did you mean/.test(d.message))!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.isPreferred)!;
    assert.equal(fix.title, "Change to 'build'");
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.match(document.getText(), /COPY --from=build \/etc\/ssl/);
  });

  it('hovers a variable with its value and where it comes from', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf('${GO_VERSION}-alpine', 4));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*\$GO_VERSION\*\* = `1\.22`/);
    assert.match(text, /global ARG line 2 = `1\.22`/);
  });

  it('hovers a copy of the build context with what a change there re-runs', async () => {
    await setText(original.replace('FROM deps AS build\n', 'FROM deps AS build\nCOPY . .\n'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf('COPY . .', 5));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*Cache\*\*: a change to `\.\/` in the build context/);
    assert.match(text, /- `build`: lines 13–15\n- `release`: lines 21–23/);
  });

  it('fixes an ARG used where it is not in scope by declaring it in the stage', async () => {
    await setText(original.replace('RUN go vet ./...', 'RUN echo go$GO_VERSION'));
    const diagnostic = await waitFor('ArgNotInScope', () => stageDiagnostics().find((d) => codeOf(d) === 'ArgNotInScope'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === "Declare 'ARG GO_VERSION' in this stage")!;
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.match(document.getText(), /FROM deps AS build\nARG GO_VERSION\nRUN go build -o \/out\/app \.\/cmd\/app\nRUN echo go\$GO_VERSION\n/);
    await waitFor('no ArgNotInScope', () => (stageDiagnostics().some((d) => codeOf(d) === 'ArgNotInScope') ? undefined : true));
  });

  it('completes a global ARG after $ and adds its ARG line to the stage', async () => {
    await setText(original.replace('RUN go vet ./...', 'RUN echo $'));
    const position = positionOf('RUN echo $', 'RUN echo $'.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position, '$');
    const item = list.items.find((i) => i.label === 'GO_VERSION')!;
    assert.match(String(item.detail), /not in scope here/);
    const edit = new vscode.WorkspaceEdit();
    edit.set(document.uri, [...(item.additionalTextEdits ?? []), new vscode.TextEdit(new vscode.Range(position, position), 'GO_VERSION')]);
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.match(document.getText(), /FROM deps AS build\nARG GO_VERSION\nRUN go build -o \/out\/app \.\/cmd\/app\nRUN echo \$GO_VERSION\n/);
  });

  it('goes from a COPY --from source path to the instruction that makes it', async () => {
    const locations = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', document.uri, positionOf('--from=build /out/app', '--from=build /out/'.length));
    const target = locations[0] as vscode.LocationLink;
    assert.equal(target.targetRange.start.line, positionOf('RUN go build -o /out/app').line);
  });

  it('extracts instructions into a new stage and starts renaming it', async () => {
    const line = positionOf('RUN go vet').line;
    const range = new vscode.Range(line, 0, line, 5);
    // Right after the previous test put the text back, the first answer may still be about the text before.
    const extract = await waitFor('the extract action', async () => {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, range, 'refactor.extract', 1);
      return actions.find((a) => a.title === 'Extract to new stage');
    }, 5000);
    assert.ok(extract.edit, 'the edit is resolved');
    assert.ok(await vscode.workspace.applyEdit(extract.edit));
    assert.match(document.getText(), /FROM deps AS build-base\nRUN go build -o \/out\/app \.\/cmd\/app\nFROM build-base AS build-part\nRUN go vet \.\/\.\.\.\nFROM build-part AS build\n/);
    // Listed with our command (client/src/refactorCommands.ts), which runs the rename the resolve brought.
    assert.equal(extract.command?.command, 'dockerfileStages.afterRefactor');
    await vscode.commands.executeCommand(extract.command.command, ...extract.command.arguments!);
    const editor = vscode.window.activeTextEditor!;
    assert.equal(document.getText(document.getWordRangeAtPosition(editor.selection.active, /[a-z0-9-_.]+/)), 'build-part');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await vscode.commands.executeCommand('cancelRenameInput');
  });

  it('inlines a stage into the one built from it', async () => {
    const line = positionOf('AS base').line;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, new vscode.Range(line, 0, line, 4), 'refactor.inline', 1);
    const inline = actions.find((a) => a.title === 'Inline stage into the stage built from it');
    assert.ok(inline?.edit, JSON.stringify(actions.map((a) => a.title)));
    assert.ok(await vscode.workspace.applyEdit(inline.edit));
    assert.match(document.getText(), /FROM golang:\$\{GO_VERSION\}-alpine AS deps\nWORKDIR \/src\nRUN go mod download\n/);
    assert.ok(!/AS base/.test(document.getText()));
  });

  it('names an unnamed stage and the indices that point to it', async () => {
    await setText('FROM alpine\nRUN make\n\nFROM alpine AS final\nCOPY --from=0 /out /out\n');
    const actions = await waitFor('the name action', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, new vscode.Range(0, 0, 0, 4), 'refactor.rewrite', 1);
      return found.some((a) => a.title === 'Name this stage') ? found : undefined;
    }, 5000);
    const name = actions.find((a) => a.title === 'Name this stage')!;
    assert.ok(await vscode.workspace.applyEdit(name.edit!));
    assert.equal(document.getText(), 'FROM alpine AS stage-0\nRUN make\n\nFROM alpine AS final\nCOPY --from=stage-0 /out /out\n');
  });

  /** Runs a palette command with the cursor at `text` and accepts its quick pick's active item (that stage). */
  async function pickStageAround(command: string, text: string): Promise<vscode.TextEditor> {
    const editor = await vscode.window.showTextDocument(document);
    const at = positionOf(text);
    editor.selection = new vscode.Selection(at, at);
    // The pick opens once the server answered, with the stage around the cursor active: accepted as soon as it shows.
    let picked = false;
    void Promise.resolve(vscode.commands.executeCommand(command)).finally(() => { picked = true; });
    await waitFor(`${command}'s pick accepted`, async () => {
      if (!picked) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return picked || undefined;
    }, 10000);
    return editor;
  }

  it('goes to a stage picked in the palette', async () => {
    const editor = await pickStageAround('dockerfileStages.goToStage', 'RUN go vet');
    await waitFor('the selection to move', () => (editor.selection.active.line !== positionOf('RUN go vet').line ? true : undefined), 5000);
    assert.equal(document.getText(editor.selection), 'build');
    assert.equal(editor.selection.active.line, positionOf('AS build').line);
  });

  it('builds a stage picked in the palette in a terminal', async () => {
    await pickStageAround('dockerfileStages.buildStagePicked', 'apk add');
    const terminal = await waitFor('the build terminal', () => vscode.window.terminals.find((t) => t.name === 'docker build --target debug'), 5000);
    terminal.dispose();
  });

  it('outlines the stages with their instructions', async () => {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
    assert.deepEqual(symbols.map((s) => s.name), ['GO_VERSION', 'base', 'deps', 'build', 'debug', 'release']);
    assert.deepEqual(symbols[3].children.map((c) => c.name), ['RUN', 'RUN']);
  });

  it('puts the users and the role, then a build command, above each FROM', async () => {
    // Resolving them all, as the editor does for those in view. The command lists the lenses in the order their
    // resolves end: the order on the line is asserted in test/features/editor.test.ts.
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 100);
    const titles = lenses.filter((l) => l.range.start.line === positionOf('AS deps').line).map((l) => l.command?.title);
    assert.deepEqual(titles.sort(), ['Build this stage', 'used by: build, release · shipped in build']);
  });

  it('takes a new build target from the settings without a reload', async () => {
    const configuration = vscode.workspace.getConfiguration('dockerfileStages');
    await configuration.update('targets', ['debug'], vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor('debug to count as used', () => (stageDiagnostics().some((d) => /'debug'/.test(d.message)) ? undefined : true));
    } finally {
      await configuration.update('targets', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor('debug to be unused again', () => (stageDiagnostics().some((d) => /'debug'/.test(d.message)) ? true : undefined));
  });

  it('adds a stage as build target from the quick fix command', async () => {
    await vscode.commands.executeCommand('dockerfileStages.addTarget', 'debug');
    try {
      assert.deepEqual(vscode.workspace.getConfiguration('dockerfileStages').get('targets'), ['debug']);
    } finally {
      await vscode.workspace.getConfiguration('dockerfileStages').update('targets', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});

// Compose files in VS Code: the same server completes, checks and navigates their `target` values, and the
// Dockerfile's references and renames reach them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from './wait';

function uri(name: string): vscode.Uri {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, name);
}

describe('Build files in VS Code', () => {
  let compose: vscode.TextDocument;
  let dockerfile: vscode.TextDocument;
  let original: string;
  /** `target: build`, on `build`. */
  let target: vscode.Position;

  before(async () => {
    dockerfile = await vscode.workspace.openTextDocument(uri('Dockerfile'));
    compose = await vscode.workspace.openTextDocument(uri('compose.yaml'));
    original = compose.getText();
    await vscode.window.showTextDocument(compose);
    target = compose.positionAt(original.indexOf('target: build') + 'target: bu'.length);
  });

  afterEach(async () => {
    if (compose.getText() === original) return;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(compose.uri, new vscode.Range(0, 0, compose.lineCount, 0), original);
    await vscode.workspace.applyEdit(edit);
  });

  it('completes the stages of the Dockerfile the service builds', async () => {
    const list = await waitFor('stage completion', async () => {
      const answer = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', compose.uri, target);
      return answer.items.some((i) => i.label === 'release') ? answer : undefined;
    });
    const stages = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Reference).map((i) => i.label).sort();
    assert.deepEqual(stages, ['base', 'build', 'debug', 'deps', 'release']);
  });

  it('goes to the stage and shows its card', async () => {
    const [link] = await vscode.commands.executeCommand<vscode.LocationLink[]>('vscode.executeDefinitionProvider', compose.uri, target);
    assert.equal(link.targetUri.toString(), dockerfile.uri.toString());
    assert.equal(dockerfile.lineAt(link.targetSelectionRange!.start.line).text, 'FROM deps AS build');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', compose.uri, target);
    const text = hovers.flatMap((h) => h.contents.map((c) => (c as vscode.MarkdownString).value ?? c)).join('\n');
    assert.match(text, /Stage of `Dockerfile`/);
    assert.match(text, /Built by .*target `build` \(compose\.yaml:5\)/);
  });

  it('reports a target that names no stage and fixes it', async () => {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(compose.uri, new vscode.Range(target.line, 14, target.line, 19), 'biuld');
    await vscode.workspace.applyEdit(edit);
    const diagnostic = await waitFor('UndefinedTarget', () =>
      vscode.languages.getDiagnostics(compose.uri).find((d) => /names no stage/.test(d.message)));
    assert.equal(diagnostic.message, "Target 'biuld' names no stage of Dockerfile. Did you mean 'build'?");
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', compose.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.isPreferred)!;
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.equal(compose.getText(), original);
  });

  it('counts the compose target among the stage\'s references and renames it with the stage', async () => {
    const stage = dockerfile.positionAt(dockerfile.getText().indexOf('AS build') + 4);
    const locations = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', dockerfile.uri, stage);
    assert.ok(locations.some((l) => l.uri.toString() === compose.uri.toString() && l.range.start.line === target.line), JSON.stringify(locations));
    const rename = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', dockerfile.uri, stage, 'compile');
    const composeEdits = rename.get(compose.uri);
    assert.deepEqual(composeEdits.map((e) => [e.range.start.line, e.range.start.character, e.newText]), [[target.line, 14, 'compile']]);
    assert.ok(rename.get(dockerfile.uri).length >= 2);
  });
});

// Compose, bake and devcontainer files over LSP, in the fixture workspace (test/fixtures/workspace): stage
// completion, definition, hover and diagnostics at `target`, and references and rename across files.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompletionItem, Hover, Location, LocationLink, WorkspaceEdit } from 'vscode-languageserver-types';
import { LspClient } from '../support/lspClient';
import { REPO_ROOT } from '../support/paths';

const WORKSPACE = join(REPO_ROOT, 'test', 'fixtures', 'workspace');
const uriOf = (path: string) => pathToFileURL(join(WORKSPACE, path)).href;
const textOf = (path: string) => readFileSync(join(WORKSPACE, path), 'utf8');
const COMPOSE = uriOf('compose.yaml');
const BAKE = uriOf('docker-bake.hcl');
const DEVCONTAINER = uriOf('.devcontainer/devcontainer.json');
const DOCKERFILE = uriOf('app/Dockerfile');
/** `      target: dev` in compose.yaml: line 4, the value from column 14. */
const COMPOSE_TARGET = { line: 4, character: 15 };

describe('build files over LSP', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ rootUri: pathToFileURL(WORKSPACE).href });
    await client.logged(/Found \d+ build targets/);
  });
  after(() => client.stop());

  const at = (uri: string, position: { line: number; character: number }) => ({ textDocument: { uri }, position });

  it('completes the Dockerfile\'s stage names at a compose target, replacing the value', async () => {
    await client.open(COMPOSE, textOf('compose.yaml'), 'dockercompose');
    const items = await client.request<CompletionItem[]>('textDocument/completion', at(COMPOSE, COMPOSE_TARGET));
    assert.deepEqual(items.map((i) => i.label).sort(), ['ci', 'compose-yml', 'deps', 'dev', 'devc', 'lint', 'make-target', 'nobody-builds-me', 'release', 'scripted', 'test']);
    const dev = items.find((i) => i.label === 'dev')!;
    assert.deepEqual((dev.textEdit as { range: unknown }).range, { start: { line: 4, character: 14 }, end: { line: 4, character: 17 } });
    const resolved = await client.request<CompletionItem>('completionItem/resolve', dev);
    assert.match((resolved.documentation as { value: string }).value, /\*\*dev\*\* · stage #3/);
  });

  it('goes from a compose target to the stage, with the stage card on hover', async () => {
    const [link] = await client.request<LocationLink[]>('textDocument/definition', at(COMPOSE, COMPOSE_TARGET));
    assert.equal(link.targetUri, DOCKERFILE);
    assert.deepEqual(link.targetSelectionRange, { start: { line: 3, character: 13 }, end: { line: 3, character: 16 } });
    const hover = await client.request<Hover>('textDocument/hover', at(COMPOSE, COMPOSE_TARGET));
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /^Stage of `app\/Dockerfile`/);
    assert.match(value, /Built by target `dev` \(compose\.yaml:5\)/);
  });

  it('serves bake and devcontainer targets too', async () => {
    await client.open(BAKE, textOf('docker-bake.hcl'), 'hcl');
    await client.open(DEVCONTAINER, textOf('.devcontainer/devcontainer.json'), 'jsonc');
    const [fromBake] = await client.request<LocationLink[]>('textDocument/definition', at(BAKE, { line: 15, character: 14 }));
    assert.deepEqual([fromBake.targetUri, fromBake.targetSelectionRange.start.line], [DOCKERFILE, 1]);
    const [fromDevcontainer] = await client.request<LocationLink[]>('textDocument/definition', at(DEVCONTAINER, { line: 6, character: 16 }));
    assert.deepEqual([fromDevcontainer.targetUri, fromDevcontainer.targetSelectionRange.start.line], [DOCKERFILE, 4]);
    assert.equal(await client.request('textDocument/documentSymbol', { textDocument: { uri: BAKE } }), null);
    assert.deepEqual(await client.diagnosticsFor(BAKE), []);
  });

  it('reports a target that names no stage, with the close name as a quick fix', async () => {
    await client.change(COMPOSE, textOf('compose.yaml').replace('target: dev', 'target: devv'));
    const diagnostics = await client.diagnosticsFor(COMPOSE);
    assert.deepEqual(diagnostics.map((d) => [d.code, d.message, d.range.start.character, d.range.end.character]),
      [['UndefinedTarget', "Target 'devv' names no stage of app/Dockerfile. Did you mean 'dev'?", 14, 18]]);
    const actions = await client.request<{ title: string; isPreferred: boolean; edit: WorkspaceEdit }[]>('textDocument/codeAction',
      { textDocument: { uri: COMPOSE }, range: diagnostics[0].range, context: { diagnostics, only: ['quickfix'] } });
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred, a.edit.changes![COMPOSE][0].newText]), [["Change to 'dev'", true, 'dev'], ["Change to 'devc'", false, 'devc']]);
  });

  it('reads targets from an open file\'s unsaved text: the Dockerfile\'s unused stages follow it', async () => {
    await client.open(DOCKERFILE, textOf('app/Dockerfile'));
    const unused = async () => (await client.diagnosticsFor(DOCKERFILE)).filter((d) => d.code === 'UnusedStage').map((d) => d.range.start.line);
    // compose.yaml now says `devv`: nothing builds `dev`.
    assert.deepEqual(await unused(), [3, 9]);
    await client.change(COMPOSE, textOf('compose.yaml'));
    await client.change(DOCKERFILE, textOf('app/Dockerfile') + '\n');
    assert.deepEqual(await unused(), [9]);
  });

  it('lists the places that build a stage among its references', async () => {
    const references = await client.request<Location[]>('textDocument/references', { ...at(DOCKERFILE, { line: 3, character: 14 }), context: { includeDeclaration: true } });
    assert.deepEqual(references.map((r) => [r.uri.slice(pathToFileURL(WORKSPACE).href.length + 1), r.range.start.line, r.range.start.character]),
      [['app/Dockerfile', 3, 13], ['compose.yaml', 4, 14]]);
    const ci = await client.request<Location[]>('textDocument/references', { ...at(DOCKERFILE, { line: 5, character: 14 }), context: { includeDeclaration: false } });
    assert.deepEqual(ci.map((r) => [r.uri.slice(pathToFileURL(WORKSPACE).href.length + 1), r.range.start.line, r.range.start.character]),
      [['.github/workflows/ci.yml', 9, 18]]);
  });

  it('renames a stage in the Dockerfile and in every file that builds it', async () => {
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { ...at(DOCKERFILE, { line: 1, character: 14 }), newName: 'unit' });
    assert.deepEqual(Object.keys(edit.changes!).sort(), [DOCKERFILE, BAKE]);
    assert.deepEqual(edit.changes![BAKE], [{ range: { start: { line: 15, character: 14 }, end: { line: 15, character: 18 } }, newText: 'unit' }]);
    const scripted = await client.request<WorkspaceEdit>('textDocument/rename', { ...at(DOCKERFILE, { line: 6, character: 14 }), newName: 'scripts' });
    const workflow = uriOf('.github/workflows/ci.yml');
    assert.deepEqual(scripted.changes![workflow], [{ range: { start: { line: 12, character: 57 }, end: { line: 12, character: 65 } }, newText: 'scripts' }]);
  });

  it('renames from a target value: the stage, its references and the other files', async () => {
    const prepared = await client.request<{ placeholder: string }>('textDocument/prepareRename', at(COMPOSE, COMPOSE_TARGET));
    assert.equal(prepared.placeholder, 'dev');
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { ...at(COMPOSE, COMPOSE_TARGET), newName: 'develop' });
    assert.deepEqual(Object.keys(edit.changes!).sort(), [DOCKERFILE, COMPOSE]);
    assert.deepEqual(edit.changes![DOCKERFILE].map((e) => [e.range.start.line, e.newText]), [[3, 'develop']]);
    await assert.rejects(client.request('textDocument/rename', { ...at(COMPOSE, COMPOSE_TARGET), newName: 'lint' }), /already used by stage #2/);
  });

  it('leaves other YAML and JSON files alone', async () => {
    const other = uriOf('.github/dependabot.yml');
    await client.open(other, 'version: 2\nupdates: []\n', 'yaml');
    assert.equal(await client.request('textDocument/completion', at(other, { line: 0, character: 3 })), null);
    assert.deepEqual(await client.diagnosticsFor(other), []);
  });
});

describe('a build file whose Dockerfile changes on disk', () => {
  it('is checked again when the editor reports the saved Dockerfile', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'dockerfile-stages-'));
    const client = await LspClient.start({ rootUri: pathToFileURL(folder).href });
    try {
      writeFileSync(join(folder, 'Dockerfile'), 'FROM alpine AS dev\nFROM alpine AS release\n');
      const compose = pathToFileURL(join(folder, 'compose.yaml')).href;
      await client.open(compose, 'services:\n  app:\n    build:\n      target: dev\n', 'yaml');
      assert.deepEqual(await client.diagnosticsFor(compose), []);
      writeFileSync(join(folder, 'Dockerfile'), 'FROM alpine AS devs\nFROM alpine AS release\n');
      client.forgetDiagnostics(compose);
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(folder, 'Dockerfile')).href, type: 2 }] });
      assert.deepEqual((await client.diagnosticsFor(compose)).map((d) => d.message), ["Target 'dev' names no stage of Dockerfile. Did you mean 'devs'?"]);
    } finally {
      await client.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('VS Code\'s tasks.json and launch.json', () => {
  it('complete, check and navigate the docker-build task\'s and the buildx debugger\'s target', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'dockerfile-stages-'));
    mkdirSync(join(folder, '.vscode'));
    mkdirSync(join(folder, 'app'));
    writeFileSync(join(folder, 'app', 'Dockerfile'), 'FROM alpine AS debug\nFROM alpine AS release\n');
    const launchText = '{\n  // the buildx debugger\n  "configurations": [{ "type": "dockerfile", "request": "launch", "name": "d",\n    "dockerfile": "Dockerfile", "contextPath": "${workspaceFolder}/app", "target": "debgu" }]\n}\n';
    writeFileSync(join(folder, '.vscode', 'launch.json'), launchText);
    const tasksText = '{ "tasks": [{ "type": "docker-build", "label": "b", "dockerBuild": { "dockerfile": "${workspaceFolder}/app/Dockerfile", "context": "${workspaceFolder}/app", "target": "release" } }] }';
    writeFileSync(join(folder, '.vscode', 'tasks.json'), tasksText);
    const client = await LspClient.start({ rootUri: pathToFileURL(folder).href });
    try {
      await client.logged(/Found 2 build targets/);
      const launch = pathToFileURL(join(folder, '.vscode', 'launch.json')).href;
      await client.open(launch, launchText, 'jsonc');
      assert.deepEqual((await client.diagnosticsFor(launch)).map((d) => [d.code, d.range.start.line, d.message]), [['UndefinedTarget', 3, "Target 'debgu' names no stage of ../app/Dockerfile. Did you mean 'debug'?"]]);
      const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: launch }, position: { line: 3, character: launchText.split('\n')[3].indexOf('debgu') + 1 } });
      assert.deepEqual(items.map((i) => i.label).sort(), ['debug', 'release']);
      const tasks = pathToFileURL(join(folder, '.vscode', 'tasks.json')).href;
      await client.open(tasks, tasksText, 'jsonc');
      const [link] = await client.request<LocationLink[]>('textDocument/definition', { textDocument: { uri: tasks }, position: { line: 0, character: tasksText.indexOf('release') + 2 } });
      assert.deepEqual([link.targetUri, link.targetSelectionRange.start.line], [pathToFileURL(join(folder, 'app', 'Dockerfile')).href, 1]);
    } finally {
      await client.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('files.exclude', () => {
  it('keeps the scan out of excluded folders and files', async () => {
    const client = await LspClient.start({ rootUri: pathToFileURL(WORKSPACE).href, filesExclude: { '**/.github': true, '**/*.hcl': true, '**/Makefile': { when: 'x' } } });
    try {
      assert.match(await client.logged(/Found \d+ build targets/), /^Found 4 build targets in 1 workspace folder/);
    } finally {
      await client.stop();
    }
  });
});

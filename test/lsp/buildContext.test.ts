// The build context of an open Dockerfile over LSP: the server reads the .dockerignore that applies (its own
// `<Dockerfile>.dockerignore` first, else the one in its folder) for CopyIgnoredFile and the cache hover, and the
// context's package.json and lock file for DependenciesAfterSource on an npm install (go.mod for the conversion's
// download first), and reads them again when the editor says one changed.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, Hover } from 'vscode-languageserver-types';
import { LspClient } from '../support/lspClient';
import { fixture, lines } from '../support/fixture';

describe('the build context of an open Dockerfile', () => {
  const folder = mkdtempSync(join(tmpdir(), 'dockerfile-stages-'));
  const uri = pathToFileURL(join(folder, 'Dockerfile')).href;
  let client: LspClient;
  before(async () => { client = await LspClient.start({ rootUri: pathToFileURL(folder).href }); });
  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  const ignored = async () => (await client.diagnosticsFor(uri)).filter((d) => d.code === 'CopyIgnoredFile').map((d) => d.message);

  it('reports what it excludes, prefers <Dockerfile>.dockerignore, and follows changes on disk', async () => {
    writeFileSync(join(folder, '.dockerignore'), 'dist\n');
    await client.open(uri, 'FROM scratch\nCOPY dist/app /app\nCOPY build/app /app\n');
    assert.deepEqual(await ignored(), ['Attempting to Copy file "dist/app" that is excluded by .dockerignore']);
    // The context's listing ends in the background and publishes again: the change below is seen after it.
    const listed = (await client.diagnosticsAfterLog(uri, /^Listed the build context of .*[/\\]Dockerfile \(/)).filter((d) => d.code === 'CopyIgnoredFile').map((d) => d.message);
    assert.deepEqual(listed, ['Attempting to Copy file "dist/app" that is excluded by .dockerignore']);
    writeFileSync(join(folder, 'Dockerfile.dockerignore'), 'build\n');
    client.forgetDiagnostics(uri);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(folder, 'Dockerfile.dockerignore')).href, type: 1 }] });
    assert.deepEqual(await ignored(), ['Attempting to Copy file "build/app" that is excluded by .dockerignore']);
  });

  it('says on `COPY . .` what a change to the context re-runs, less what .dockerignore excludes', async () => {
    const other = pathToFileURL(join(folder, 'web.Dockerfile')).href;
    const fx = fixture(lines('FROM node:20 AS build', 'WORKDIR /app', 'COPY package.json package-lock.json ./', 'RUN npm ci', 'COPY |. .', 'RUN npm run build',
      'FROM nginx AS web', 'COPY --from=build /app/dist /usr/share/nginx/html'));
    await client.open(other, fx.text);
    await client.diagnosticsFor(other);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: other }, position: fx.cursor });
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /^\*\*Cache\*\*: a change to `\.\/` in the build context \(less what \.dockerignore excludes\) re-runs:\n\n- `build`: lines 5–6\n- `web`: line 8\n/);
    assert.match(value, /target `web` \(default target\): 2 of its 2 stages/);
  });

  const nodeUri = pathToFileURL(join(folder, 'node.Dockerfile')).href;
  const finding = async () => (await client.diagnosticsFor(nodeUri)).find((d) => d.code === 'DependenciesAfterSource');
  const fixTitles = async (diagnostic: Diagnostic) => (await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: nodeUri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } }))
    .map((action) => action.title).filter((title) => title.startsWith('Copy'));

  it('reads package.json and the lock file for `npm ci` after `COPY . .`, and again when they change', async () => {
    writeFileSync(join(folder, 'package.json'), '{ "name": "app", "dependencies": { "express": "^4.19.0" } }\n');
    writeFileSync(join(folder, 'package-lock.json'), '{}\n');
    await client.open(nodeUri, lines('FROM node:22', 'WORKDIR /app', 'COPY . .', 'RUN npm ci', 'CMD ["node", "server.js"]'));
    const first = (await finding())!;
    assert.match(first.message, /Copy package\.json and package-lock\.json first, install, then copy the rest\.$/);
    assert.deepEqual(await fixTitles(first), ["Copy package.json, package-lock.json and install before 'COPY . .'"]);
    // The context's listing ends in the background and publishes again: the change below is seen after it.
    await client.diagnosticsAfterLog(nodeUri, /^Listed the build context of .*node\.Dockerfile /);

    writeFileSync(join(folder, 'package.json'), '{ "name": "app", "scripts": { "postinstall": "node setup.js" } }\n');
    client.forgetDiagnostics(nodeUri);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(folder, 'package.json')).href, type: 2 }] });
    const second = (await finding())!;
    assert.match(second.message, /package\.json has a `postinstall` script, which the install runs\./);
    assert.deepEqual(await fixTitles(second), []);
  });

  it('offers converting with the Go dependencies downloaded first only once go.mod is beside the file, computed on resolve', async () => {
    const goUri = pathToFileURL(join(folder, 'go.Dockerfile')).href;
    await client.open(goUri, lines('FROM golang:1.22', 'WORKDIR /app', 'COPY . .', 'RUN CGO_ENABLED=0 go build -o /server .', 'CMD ["/server"]'));
    const converts = () => client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: goUri }, range: { start: { line: 0, character: 2 }, end: { line: 0, character: 2 } }, context: { diagnostics: [], only: ['refactor.rewrite.multiStage'] } });
    assert.deepEqual((await converts()).map((action) => action.kind), ['refactor.rewrite.multiStage']);
    writeFileSync(join(folder, 'go.mod'), 'module example.com/server\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(folder, 'go.mod')).href, type: 1 }] });
    const [, first] = await converts();
    assert.equal(first.title, 'Convert to a multi-stage build (download dependencies first): runtime gcr.io/distroless/static-debian12 with only /server');
    assert.equal(first.edit, undefined);
    const edits = (await client.request<CodeAction>('codeAction/resolve', first)).edit!.changes![goUri];
    assert.ok(edits.some((edit) => edit.newText === 'COPY go.mod ./\nRUN go mod download\n' && edit.range.start.line === 2));
  });
});

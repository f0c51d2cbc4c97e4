// CopyIgnoredFile over LSP: the server reads the .dockerignore that applies to an open Dockerfile (its own
// `<Dockerfile>.dockerignore` first, else the one in its folder) and reads it again when the editor says it changed.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Hover } from 'vscode-languageserver-types';
import { LspClient } from '../support/lspClient';
import { fixture, lines } from '../support/fixture';

describe('the .dockerignore of an open Dockerfile', () => {
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
});

// What a change to the build context re-runs, over stdio: the hover on a context COPY's source (with the folder's
// .dockerignore), and the cache mount quick fix on a package manager's RUN.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Hover } from 'vscode-languageserver-types';
import { LspClient } from '../support/lspClient';
import { fixture, lines } from '../support/fixture';

describe('cache impact over LSP', () => {
  const folder = mkdtempSync(join(tmpdir(), 'dockerfile-stages-'));
  const uri = pathToFileURL(join(folder, 'Dockerfile')).href;
  let client: LspClient;
  before(async () => { client = await LspClient.start({ rootUri: pathToFileURL(folder).href }); });
  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('says on `COPY . .` what a change to the context re-runs, less what .dockerignore excludes', async () => {
    writeFileSync(join(folder, '.dockerignore'), 'node_modules\n');
    const fx = fixture(lines('FROM node:20 AS build', 'WORKDIR /app', 'COPY package.json package-lock.json ./', 'RUN npm ci', 'COPY |. .', 'RUN npm run build',
      'FROM nginx AS web', 'COPY --from=build /app/dist /usr/share/nginx/html'));
    await client.open(uri, fx.text);
    await client.diagnosticsFor(uri);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: fx.cursor });
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /^\*\*Cache\*\*: a change to `\.\/` in the build context \(less what \.dockerignore excludes\) re-runs:\n\n- `build`: lines 5–6\n- `web`: line 8\n/);
    assert.match(value, /target `web` \(default target\): 2 of its 2 stages/);
  });

  it('offers cache mounts on a package manager\'s RUN', async () => {
    const fx = fixture(lines('FROM node:20', 'RUN npm |ci'));
    const other = pathToFileURL(join(folder, 'Dockerfile.node')).href;
    await client.open(other, fx.text);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: other }, range: { start: fx.cursor, end: fx.cursor }, context: { diagnostics: [] } });
    assert.deepEqual(actions.filter((action) => action.title.startsWith('Add cache mounts')).map((action) => action.edit?.changes?.[other]), [[{
      range: { start: { line: 1, character: 3 }, end: { line: 1, character: 3 } }, newText: ' --mount=type=cache,target=/root/.npm',
    }]]);
  });
});

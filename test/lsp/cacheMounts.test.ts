// The cache mount quick fix over stdio: offered with the code actions of a package manager's RUN, no diagnostic.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction } from 'vscode-languageserver-types';
import { LspClient } from '../support/lspClient';
import { lines } from '../support/fixture';

let client: LspClient;
before(async () => { client = await LspClient.start(); });
after(async () => { await client.stop(); });

describe('cache mounts over LSP', () => {
  it('are offered on a package manager\'s RUN', async () => {
    const fx = await client.openFixture(lines('FROM node:20', 'RUN npm |ci'));
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: fx.uri }, range: { start: fx.cursor, end: fx.cursor }, context: { diagnostics: [] } });
    assert.deepEqual(actions.filter((action) => action.title.startsWith('Add cache mounts')).map((action) => action.edit?.changes?.[fx.uri]), [[{
      range: { start: { line: 1, character: 3 }, end: { line: 1, character: 3 } }, newText: ' --mount=type=cache,target=/root/.npm',
    }]]);
  });
});

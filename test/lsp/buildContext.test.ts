// DependenciesAfterSource on a Node install over LSP: the server reads the build context's package.json and lock
// file beside an open Dockerfile, offers the fix that copies them first, and reads them again when the editor
// says one changed (a postinstall script added: the install may read more, no fix).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { LspClient } from '../support/lspClient';
import { lines } from '../support/fixture';

describe('the build context of an open Dockerfile', () => {
  const folder = mkdtempSync(join(tmpdir(), 'dockerfile-stages-'));
  const uri = pathToFileURL(join(folder, 'Dockerfile')).href;
  let client: LspClient;
  before(async () => { client = await LspClient.start({ rootUri: pathToFileURL(folder).href }); });
  after(async () => {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  const finding = async () => (await client.diagnosticsFor(uri)).find((d) => d.code === 'DependenciesAfterSource');
  const fixTitles = async (diagnostic: Diagnostic) => (await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } }))
    .map((action) => action.title).filter((title) => title.startsWith('Copy'));

  it('reads package.json and the lock file for `npm ci` after `COPY . .`, and again when they change', async () => {
    writeFileSync(join(folder, 'package.json'), '{ "name": "app", "dependencies": { "express": "^4.19.0" } }\n');
    writeFileSync(join(folder, 'package-lock.json'), '{}\n');
    await client.open(uri, lines('FROM node:22', 'WORKDIR /app', 'COPY . .', 'RUN npm ci', 'CMD ["node", "server.js"]'));
    const first = (await finding())!;
    assert.match(first.message, /Copy package\.json and package-lock\.json first, install, then copy the rest\.$/);
    assert.deepEqual(await fixTitles(first), ["Copy package.json, package-lock.json and install before 'COPY . .'"]);

    writeFileSync(join(folder, 'package.json'), '{ "name": "app", "scripts": { "postinstall": "node setup.js" } }\n');
    client.forgetDiagnostics(uri);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(folder, 'package.json')).href, type: 2 }] });
    const second = (await finding())!;
    assert.match(second.message, /package\.json has a `postinstall` script, which the install runs\./);
    assert.deepEqual(await fixTitles(second), []);
  });
});

// The workspace scan reads files synchronously in Node (nodeFileAccess.ts) but in slices of the event loop
// (scanner.ts): a request that comes while it reads is answered before the scan ends.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Hover } from 'vscode-languageserver-types';
import { LspClient } from '../support/lspClient';
import { lines } from '../support/fixture';

const DOCKERFILE = lines('FROM golang AS build', 'RUN go build -o /app .', 'FROM alpine AS release', 'COPY --from=build /app /app');

describe('the workspace scan', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'dockerfile-stages-scan-'));
    writeFileSync(join(root, 'Dockerfile'), DOCKERFILE);
    // Enough scripts that build images for a scan of a few hundred milliseconds on any machine.
    for (let i = 0; i < 300; i++) {
      mkdirSync(join(root, 'hack', `g${i % 10}`), { recursive: true });
      writeFileSync(join(root, 'hack', `g${i % 10}`, `build${i}.sh`), `#!/bin/sh\nfor t in build release; do\n  docker build --target "$t" -t app:${i} .\ndone\n`);
    }
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('answers requests while it reads the files', async () => {
    const client = await LspClient.start({ rootUri: pathToFileURL(root).href });
    try {
      const uri = pathToFileURL(join(root, 'Dockerfile')).href;
      await client.open(uri, DOCKERFILE);
      await client.logged(/Found 600 build targets/, 20000);
      // A rescan (a script changed): the shell parser is loaded by now, so the scan waits on nothing but itself.
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(root, 'hack', 'g0', 'build0.sh')).href, type: 2 }] });
      const scans = () => client.logs.filter((message) => /Found \d+ build targets/.test(message)).length;
      await client.until('the rescan to start', () => client.logs.filter((message) => /Looking for build targets/.test(message)).length === 2 || undefined, 10000);
      const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 13 } });
      assert.match((hover.contents as { value: string }).value, /build/);
      assert.equal(scans(), 1, 'the hover waited for the end of the rescan');
      await client.until('the rescan to end', () => scans() === 2 || undefined, 20000);
    } finally {
      await client.stop();
    }
  });
});

// The npm package as another editor's user installs it: the CLI and the language server, bundled, with no
// dependency to install, and the server's bin speaking LSP over stdio by default.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LspClient } from '../support/lspClient';
import { REPO_ROOT } from '../support/paths';

describe('the npm package', () => {
  it('holds the CLI and the language server only, and asks for no dependency', () => {
    const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO_ROOT, encoding: 'utf8' }));
    assert.deepEqual(packed.files.map((file: { path: string }) => file.path).sort(),
      ['CHANGELOG.md', 'LICENSE', 'README.md', 'bin/dockerfile-stages-language-server.js', 'dist/cli.js', 'dist/server.js', 'dist/tree-sitter-bash.wasm', 'dist/web-tree-sitter.wasm', 'package.json']);
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
    assert.equal(manifest.dependencies, undefined);
    assert.deepEqual(manifest.bin, { 'dockerfile-stages': 'dist/cli.js', 'dockerfile-stages-language-server': 'bin/dockerfile-stages-language-server.js' });
  });

  it('runs the language server over stdio from its bin, without arguments', async () => {
    const client = await LspClient.start({ server: [join(REPO_ROOT, 'bin', 'dockerfile-stages-language-server.js')] });
    try {
      await client.open('file:///bin/Dockerfile', 'FROM golang AS build\nFROM alpine\nCOPY --from=buidl /a /a\n');
      const diagnostics = await client.diagnosticsFor('file:///bin/Dockerfile');
      assert.ok(diagnostics.some((d) => d.code === 'UndefinedStage'));
    } finally {
      await client.stop();
    }
  });
});

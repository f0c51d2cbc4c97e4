// The build context's files the rules and refactors read: which watched changes make the reader read again (the
// Node projects' manifests, and a Go module's for the conversion's download first), and that it does.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BuildContextFiles, isManifestFileUri } from '../../server/src/workspace/buildContextFiles';

describe('the build context files read', () => {
  it('a change to a Go module\'s manifests is one the reader must see', () => {
    for (const path of ['go.mod', 'go.sum', 'go.work', 'vendor/modules.txt', 'package.json']) assert.ok(isManifestFileUri(`file:///w/app/${path}`), path);
    for (const path of ['main.go', 'modules.txt', 'go.mod.bak']) assert.ok(!isManifestFileUri(`file:///w/app/${path}`), path);
  });

  it('reads a file once, and again after a watched change', () => {
    const folder = mkdtempSync(join(tmpdir(), 'dockerfile-stages-context-'));
    const files = new BuildContextFiles();
    assert.equal(files.readerFor(folder)('go.mod'), undefined);
    writeFileSync(join(folder, 'go.mod'), 'module m\n');
    assert.equal(files.readerFor(folder)('go.mod'), undefined, 'kept until a watched file changes');
    files.changed();
    assert.equal(files.readerFor(folder)('go.mod'), 'module m\n');
  });
});

// The build context as workspace/buildContext.ts lists it from disk: `.git` and credential files found anywhere,
// the .dockerignore that applies (`<Dockerfile>.dockerignore` first), excluded folders not walked, and no listing
// where it cannot be certain (too many entries, an empty own .dockerignore); a build context elsewhere than the
// Dockerfile's folder: `<Dockerfile>.dockerignore` beside the Dockerfile, else the context's `.dockerignore`.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildContextOf } from '../server/src/workspace/buildContext';
import { DockerignoreFiles, ignorePatternsFor } from '../server/src/workspace/dockerignore';
import { fileAccess, installFileAccess } from '../server/src/workspace/fileAccess';

/** The listing of the Dockerfile's own folder as its build context. */
const listingOf = async (dockerfile: string) => buildContextOf(dirname(dockerfile), ignorePatternsFor(dockerfile, dirname(dockerfile)));

/** A made-up context: each path a file with `text` (a path ending in `/` a folder). */
function contextWith(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'context-'));
  for (const [path, text] of Object.entries(files)) {
    if (path.endsWith('/')) mkdirSync(join(root, path), { recursive: true });
    else {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
  }
  return root;
}

describe('build context listing', () => {
  it('lists .git and credential files at any depth, with the context\'s .dockerignore', async (t) => {
    const root = contextWith({ 'Dockerfile': 'FROM alpine\n', '.git/HEAD': 'ref', '.env': 'A=1', 'src/app.js': '', 'deploy/.aws/credentials': 'x', 'src/.env.example': '', '.dockerignore': '# none\n/.git\n' });
    t.after(() => rmSync(root, { recursive: true }));
    const listing = (await listingOf(join(root, 'Dockerfile')));
    assert.deepEqual(listing && { sensitive: [...listing.sensitive].sort(), dockerignore: listing.dockerignore }, { sensitive: ['.env', '.git', 'deploy/.aws/credentials'], dockerignore: ['.git'] });
  });

  it('the Dockerfile\'s own .dockerignore first; none at all is an empty list; an empty own one is unknown', async (t) => {
    const root = contextWith({ 'Dockerfile': '', 'Dockerfile.dockerignore': '.env\n', '.dockerignore': '*\n', 'app.Dockerfile': '', '.env': '', 'other/Dockerfile': '', 'other/Dockerfile.dockerignore': '' });
    t.after(() => rmSync(root, { recursive: true }));
    assert.deepEqual((await listingOf(join(root, 'Dockerfile')))?.dockerignore, ['.env']);
    assert.deepEqual((await listingOf(join(root, 'app.Dockerfile')))?.dockerignore, ['*']);
    assert.equal((await listingOf(join(root, 'other/Dockerfile'))), undefined);
    const bare = contextWith({ 'Dockerfile': '', '.npmrc': '' });
    t.after(() => rmSync(bare, { recursive: true }));
    assert.deepEqual((await listingOf(join(bare, 'Dockerfile'))), { sensitive: ['.npmrc'], dockerignore: [] });
  });

  it('does not walk a folder the .dockerignore excludes (unless a pattern re-includes), and not a symbolic link', async (t) => {
    const many = Object.fromEntries(Array.from({ length: 20_001 }, (_, i) => [`node_modules/f${i}`, '']));
    const root = contextWith({ 'Dockerfile': '', '.dockerignore': 'node_modules\n', ...many, 'node_modules/.env': '' });
    t.after(() => rmSync(root, { recursive: true }));
    assert.deepEqual((await listingOf(join(root, 'Dockerfile'))), { sensitive: [], dockerignore: ['node_modules'] });
    // Re-included files: every folder is walked, and this one has too many entries to list.
    writeFileSync(join(root, '.dockerignore'), 'node_modules\n!node_modules/keep\n');
    assert.equal((await listingOf(join(root, 'Dockerfile'))), undefined);
    const linked = contextWith({ 'Dockerfile': '', 'real/x': '' });
    t.after(() => rmSync(linked, { recursive: true }));
    symlinkSync(join(linked, 'real/x'), join(linked, '.env'));
    assert.deepEqual((await listingOf(join(linked, 'Dockerfile'))), { sensitive: [], dockerignore: [] });
  });

  it('a context elsewhere: the .dockerignore beside the Dockerfile first, else the context root\'s (not the Dockerfile\'s folder\'s); none known without either', async (t) => {
    const root = contextWith({ '.dockerignore': '.git\n', '.git/HEAD': '', '.env': '', 'app/Dockerfile': '', 'app/.dockerignore': '.env\n', 'own/Dockerfile': '', 'own/Dockerfile.dockerignore': '.env\n' });
    t.after(() => rmSync(root, { recursive: true }));
    assert.deepEqual(ignorePatternsFor(join(root, 'app/Dockerfile'), root), ['.git']);
    assert.deepEqual(await buildContextOf(root, ignorePatternsFor(join(root, 'app/Dockerfile'), root)), { sensitive: ['.env', '.git'], dockerignore: ['.git'] });
    assert.deepEqual(ignorePatternsFor(join(root, 'own/Dockerfile'), root), ['.env']);
    assert.deepEqual(ignorePatternsFor(join(root, 'own/Dockerfile'), undefined), ['.env'], 'beside the Dockerfile, whatever the context');
    assert.equal(ignorePatternsFor(join(root, 'app/Dockerfile'), undefined), undefined);
  });

  it('the server\'s holder lists in the background: nothing known at first, then the listing, and onListed called', async (t) => {
    const root = contextWith({ 'Dockerfile': '', '.env': '' });
    t.after(() => rmSync(root, { recursive: true }));
    let listed!: () => void;
    const done = new Promise<void>((resolve) => { listed = resolve; });
    const holder = new DockerignoreFiles(() => listed());
    assert.equal(holder.contextFor(join(root, 'Dockerfile'), root), undefined);
    await done;
    assert.deepEqual(holder.contextFor(join(root, 'Dockerfile'), root), { sensitive: ['.env'], dockerignore: [] });
  });

  it('walks a context once for the Dockerfiles built from it with the same .dockerignore', async (t) => {
    const root = contextWith({ 'a/Dockerfile': '', 'b/Dockerfile': '', 'c/Dockerfile': '', 'c/Dockerfile.dockerignore': '.env', '.env': '', 'src/': '' });
    t.after(() => rmSync(root, { recursive: true }));
    const node = fileAccess();
    t.after(() => installFileAccess(node));
    const listedFolders: string[] = [];
    installFileAccess({ ...node, readDirectory: (path) => { listedFolders.push(path); return node.readDirectory(path); } });
    let pending = 3;
    let listed!: () => void;
    const done = new Promise<void>((resolve) => { listed = resolve; });
    const holder = new DockerignoreFiles(() => --pending === 0 && listed());
    for (const folder of ['a', 'b', 'c']) holder.contextFor(join(root, folder, 'Dockerfile'), root);
    await done;
    // a and b share the context's (absent) .dockerignore; c has its own.
    assert.equal(listedFolders.filter((path) => path === root).length, 2);
    assert.deepEqual(['a', 'b', 'c'].map((folder) => holder.contextFor(join(root, folder, 'Dockerfile'), root)), [
      { sensitive: ['.env'], dockerignore: [] }, { sensitive: ['.env'], dockerignore: [] }, { sensitive: ['.env'], dockerignore: ['.env'] },
    ]);
  });
});

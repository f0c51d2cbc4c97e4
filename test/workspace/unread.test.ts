// What the scan could not read may build any stage: it is said, and no stage of a Dockerfile below it is then
// reported unused (workspace/scanner.ts `unread`, workspaceTargets.ts). The files are made up, served by an
// in-memory FileAccess (a folder that cannot be listed, a file over the size cap) or written to disk for the CLI.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileAccess, installFileAccess, type FileAccess } from '../../server/src/workspace/fileAccess';
import { LIMITS, scanWorkspace } from '../../server/src/workspace/scanner';
import { scriptTargets } from '../../server/src/workspace/scripts';
import { NotFollowed } from '../../server/src/workspace/discovered';
import { ensureShellParser } from '../../server/src/workspace/shellModules';
import { WorkspaceTargets } from '../../server/src/workspace/workspaceTargets';
import { fileIndex } from '../support/files';
import { lines } from '../support/fixture';
import { CLI } from '../support/paths';

const DOCKERFILE = lines('FROM golang AS build', 'RUN go build -o /app .', 'FROM alpine AS debug', 'FROM scratch AS release', 'COPY --from=build /app /app');

/** Node's file access, but for the files and folders given here: a folder mapped to undefined cannot be listed. */
function memoryAccess(files: Record<string, string | undefined>): FileAccess {
  const node = fileAccess();
  return {
    ...node,
    async readDirectory(path) {
      if (path in files && files[path] === undefined) return undefined;
      const prefix = `${path}/`;
      const names = new Map<string, 'file' | 'directory'>();
      for (const file of Object.keys(files).filter((file) => file.startsWith(prefix))) {
        const [name, ...rest] = file.slice(prefix.length).split('/');
        names.set(name, rest.length > 0 ? 'directory' : 'file');
      }
      return [...names].map(([name, kind]) => ({ name, kind }));
    },
    async readFile(path, maxBytes) {
      const text = files[path];
      return text !== undefined && text.length <= maxBytes ? text : undefined;
    },
  };
}

// First: nothing has loaded the shell parser in this process yet.
describe('a script the shell parser cannot read', () => {
  it('is not taken as building nothing when the parser could not be loaded', () => {
    assert.throws(() => scriptTargets('docker build --target debug .\n', '/w/build.sh', 'build.sh', '/w', fileIndex(['/w/Dockerfile'])), (error) => error instanceof NotFollowed && error.message === 'the shell parser could not be loaded');
  });
});

describe('what the scan does not read', () => {
  const node = fileAccess();
  after(() => installFileAccess(node));

  before(async () => {
    assert.ok(await ensureShellParser());
  });

  it('says which files were over the size cap and which folders could not be listed', async () => {
    installFileAccess(memoryAccess({ '/w/Dockerfile': DOCKERFILE, '/w/Makefile': `image:\n\tdocker build --target debug .\n${'#'.repeat(LIMITS.bytesPerFile)}\n`, '/w/secret': undefined, '/w/secret/build.sh': '' }));
    const { unread } = await scanWorkspace('/w');
    installFileAccess(node);
    assert.deepEqual(unread, [
      { path: '/w/secret', why: 'the folder could not be read' },
      { path: '/w/Makefile', why: 'larger than 1024 KB, or unreadable' },
    ]);
  });

  it('says where a cap stopped the scan, and names only a few files when many were not read', async () => {
    const files: Record<string, string> = { '/w/Dockerfile': DOCKERFILE };
    for (let i = 0; i < 5; i++) files[`/w/hack/build${i}.sh`] = 'x'.repeat(LIMITS.bytesPerFile + 1);
    installFileAccess(memoryAccess(files));
    const { unread } = await scanWorkspace('/w');
    const filesCap = LIMITS.files;
    LIMITS.files = 3;
    try {
      assert.deepEqual((await scanWorkspace('/w')).unread.at(-1), { path: '/w', why: 'the scan stopped at more than 3 files' });
    } finally {
      LIMITS.files = filesCap;
      installFileAccess(node);
    }
    assert.deepEqual(unread, [{ path: '/w', why: '5 files or folders not read (hack/build0.sh, hack/build1.sh, hack/build2.sh, ...; larger than 1024 KB, or unreadable)' }]);
  });

  it('what was not read builds, for the Dockerfiles below its workspace folder, any stage: a target not resolved, said with why', () => {
    const targets = new WorkspaceTargets();
    targets.replace([], [{ root: '/w', part: { path: '/w/Makefile', why: 'larger than 1024 KB, or unreadable' } }]);
    assert.deepEqual(targets.for('/w/app/Dockerfile').map(({ target, origin, unresolved, computed }) => ({ target, origin, unresolved, computed })), [
      { target: '${TARGET}', origin: 'Makefile', unresolved: 'not read: larger than 1024 KB, or unreadable', computed: true },
    ]);
    assert.deepEqual(targets.for('/other/Dockerfile'), []);
    assert.deepEqual(targets.for('/w2/Dockerfile'), []);
  });

  it('the folder check reports no stage unused when a file that may build it was not read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dockerfile-stages-unread-'));
    writeFileSync(join(dir, 'Dockerfile'), DOCKERFILE);
    const check = () => spawnSync(process.execPath, [CLI, 'check', dir], { encoding: 'utf8' }).stdout;
    assert.match(check(), /hint UnusedStage Stage 'debug' is not built by any target/);
    writeFileSync(join(dir, 'Makefile'), `image:\n\tdocker build --target debug .\n${'#'.repeat(LIMITS.bytesPerFile)}\n`);
    assert.doesNotMatch(check(), /UnusedStage/);
  });
});

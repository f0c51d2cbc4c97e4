// `dockerfile-stages ships`: what a target's image holds and where each part comes from, as text and JSON.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, REPO_ROOT } from '../support/paths';
import { lines } from '../support/fixture';

function ships(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, 'ships', ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const EXAMPLE = join(REPO_ROOT, 'examples', 'Dockerfile');

describe('dockerfile-stages ships', () => {
  it('prints the default target\'s base and each line that adds files, following COPY --from to the lines that made them', () => {
    const { status, stdout } = ships(EXAMPLE);
    assert.equal(status, 0);
    assert.equal(stdout, lines(
      `${EXAMPLE}: what target release ships`,
      '  base: image alpine:3.20 (line 36, stage release): what it holds is unknown here, and ships',
      '  line 37 [release] RUN apk add --no-cache ca-certificates  →  paths unknown',
      '  line 38 [release] COPY --from=build /out/server /usr/local/bin/server  →  /usr/local/bin/server',
      '      from stage build: /out/server',
      '          line 20 [build] RUN --mount=type=bind,target=.  →  /out/server, and maybe more  (made it)',
      '  line 39 [release] COPY --from=licenses /licenses /usr/share/licenses/server  →  /usr/share/licenses/server',
      '      from stage licenses: /licenses',
      '          line 33 [licenses] RUN --mount=type=bind,target=. go run github.com/google/go-lice…  →  /licenses, and maybe more  (made it)',
    ));
  });

  it('--target picks the image; JSON carries the same tree', () => {
    const { status, stdout } = ships(EXAMPLE, '--target', 'build', '--format', 'json');
    assert.equal(status, 0);
    const report = JSON.parse(stdout);
    assert.equal(report.target, 'build');
    assert.deepEqual(report.base, { kind: 'image', image: 'golang:1.22-alpine3.20', line: 8, stage: 'base' });
    assert.deepEqual(report.steps.map((step: { line: number; source: { kind: string } }) => [step.line, step.source.kind]), [[9, 'workdir'], [14, 'context'], [15, 'run'], [20, 'run']]);
  });

  it('says where a path may come from when no line is known to make it: a copy into the root, the base image', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dockerfile-stages-ships-'));
    const file = join(dir, 'Dockerfile');
    writeFileSync(file, lines('FROM node:20 AS build', 'COPY . /', 'FROM scratch', 'COPY --from=build /app/.npmrc /'));
    const { stdout } = ships(file);
    assert.match(stdout, /from stage build: \/app\/\.npmrc\n {10}line 2 \[build\] COPY \. \/ {2}→ {2}\/ {2}\(may hold it\)\n {14}from the build context: \.\n {10}or from build's base, image node:20/);
  });

  it('a --target that names no stage fails as BuildKit does (status 2); one target only, no --workspace', () => {
    const missing = ships(EXAMPLE, '--target', 'nope');
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /target stage "nope" could not be found/);
    assert.equal(ships(EXAMPLE, '--target', 'a', '--target', 'b').status, 2);
    assert.match(ships(EXAMPLE, '--workspace', '.').stderr, /ships takes no --workspace/);
  });
});

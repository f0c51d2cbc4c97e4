// `dockerfile-stages convert` as a user runs it: the result on stdout, --diff, --write, --runtime, --deps-first,
// the reason and exit 2.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI } from '../support/paths';
import { lines } from '../support/fixture';
import { checkConversion } from '../support/convertProperties';

let dir: string;
before(() => { dir = mkdtempSync(join(tmpdir(), 'dockerfile-stages-convert-')); });

const SERVICE = lines('FROM golang:1.22', 'WORKDIR /app', 'COPY . .', 'RUN CGO_ENABLED=0 go build -o /server .', 'CMD ["/server"]');

type Converted = { status: number | null; stdout: string; stderr: string; path: string };

function convert(text: string, ...flags: string[]): Converted {
  return convertBeside({}, text, ...flags);
}

/** `files`: the build context's other files, beside the Dockerfile. */
function convertBeside(files: Record<string, string>, text: string, ...flags: string[]): Converted {
  const folder = mkdtempSync(join(dir, 'case-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(folder, name), content);
  const path = join(folder, 'Dockerfile');
  writeFileSync(path, text);
  const result = spawnSync(process.execPath, [CLI, 'convert', path, ...flags], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, path };
}

describe('dockerfile-stages convert', () => {
  it('prints the multi-stage file and says on stderr what the image no longer has', () => {
    const { status, stdout, stderr, path } = convert(SERVICE);
    assert.equal(status, 0);
    assert.match(stdout, /^FROM golang:1\.22 AS build\n[^]*\nFROM gcr\.io\/distroless\/static-debian12\nWORKDIR \/app\nCOPY --from=build \/server \/server\nCMD \["\/server"\]\n$/);
    assert.equal(stderr, `${path}: Runtime: only /server from the build; the sources, the golang toolchain and its environment, and all else the build made are not in this image.\n`);
    assert.equal(readFileSync(path, 'utf8'), SERVICE, 'the file is left as it was');
  });

  it('--diff prints a unified diff, --write writes the file', () => {
    const diff = convert(SERVICE, '--diff');
    assert.equal(diff.status, 0);
    assert.match(diff.stdout, /^-FROM golang:1\.22$/m);
    assert.match(diff.stdout, /^\+FROM golang:1\.22 AS build$/m);
    const written = convert(SERVICE, '--write');
    assert.equal(written.status, 0);
    assert.equal(written.stdout, '');
    assert.equal(readFileSync(written.path, 'utf8'), convert(SERVICE).stdout);
  });

  it('--runtime chooses the runtime base: scratch with the CA certificates, declined with the reason where it would not run the binary, a usage error for an unknown kind', () => {
    const scratch = convert(SERVICE, '--runtime', 'scratch');
    assert.equal(scratch.status, 0);
    assert.match(scratch.stdout, /\nFROM scratch\nWORKDIR \/app\nCOPY --from=build \/etc\/ssl\/certs\/ca-certificates\.crt \/etc\/ssl\/certs\/ca-certificates\.crt\nCOPY --from=build \/server \/server\nCMD \["\/server"\]\n$/);
    assert.match(scratch.stderr, /nor time zone data \(\/usr\/share\/zoneinfo\) and a user database \(\/etc\/passwd\)\.\n$/);
    const diff = convert(SERVICE, '--runtime=distroless', '--diff');
    assert.equal(diff.status, 0);
    assert.match(diff.stdout, /^\+FROM gcr\.io\/distroless\/static-debian12$/m);
    const alpine = convert(SERVICE, '--runtime', 'alpine');
    assert.equal(alpine.status, 2);
    assert.match(alpine.stderr, /not converted: golang:1\.22 is not an Alpine image/);
    const unknown = convert(SERVICE, '--runtime', 'busybox');
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown runtime 'busybox' \(auto, distroless, scratch, alpine, slim\)/);
  });

  it('--deps-first copies go.mod and go.sum from beside the file and downloads before COPY . .; exits 2 with the reason where go.mod is not there', () => {
    const first = convertBeside({ 'go.mod': 'module example.com/server\n', 'go.sum': '' }, SERVICE, '--deps-first');
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /^FROM golang:1\.22 AS build\nWORKDIR \/app\nCOPY go\.mod go\.sum \.\/\nRUN go mod download\nCOPY \. \.\nRUN CGO_ENABLED=0 go build -o \/server \.\n\n# Runtime: [^\n]*\nFROM gcr\.io\/distroless\/static-debian12\n/);
    checkConversion(SERVICE, first.stdout, ['COPY go.mod go.sum ./', 'RUN go mod download']);
    assert.match(convertBeside({ 'go.mod': 'module m\n' }, SERVICE, '--deps-first').stdout, /\nCOPY go\.mod \.\/\nRUN go mod download\nCOPY \. \.\n/);
    const unknown = convert(SERVICE, '--deps-first');
    assert.equal(unknown.status, 2);
    assert.equal(unknown.stdout, '');
    assert.match(unknown.stderr, /not converted with the dependencies downloaded first: go\.mod is not known to be in the build context/);
    assert.equal(convertBeside({ 'go.mod': 'module m\n' }, SERVICE).stdout, convert(SERVICE).stdout, 'not without the flag');
  });

  it('--deps-first reads go.mod in the build context the workspace\'s builds name (compose `context: ..`), not beside the file', () => {
    const root = mkdtempSync(join(dir, 'workspace-'));
    mkdirSync(join(root, 'app'));
    mkdirSync(join(root, 'deploy'));
    writeFileSync(join(root, 'go.mod'), 'module example.com/server\n');
    writeFileSync(join(root, 'app', 'Dockerfile'), SERVICE);
    writeFileSync(join(root, 'deploy', 'compose.yaml'), lines('services:', '  app:', '    build:', '      context: ..', '      dockerfile: app/Dockerfile'));
    const run = (...flags: string[]) => spawnSync(process.execPath, [CLI, 'convert', join(root, 'app', 'Dockerfile'), '--deps-first', ...flags], { encoding: 'utf8' });
    const withBuilds = run('--workspace', root);
    assert.equal(withBuilds.status, 0, withBuilds.stderr);
    assert.match(withBuilds.stdout, /\nCOPY go\.mod \.\/\nRUN go mod download\nCOPY \. \.\n/);
    assert.match(run().stderr, /go\.mod is not known to be in the build context/, 'without the workspace: the folder beside the file, which has none');
    writeFileSync(join(root, 'build.sh'), 'docker build app\n');
    assert.match(run('--workspace', root).stderr, /go\.mod is not known to be in the build context/, 'builds that name two contexts: none known');
  });

  it('exits 2 with the reason where it declines or has nothing to convert', () => {
    const declined = convert(lines('FROM golang:1.22', 'RUN CGO_ENABLED=0 go build .', 'CMD ["/go/app"]'));
    assert.equal(declined.status, 2);
    assert.match(declined.stderr, /not converted: go build on line 2 has no -o/);
    assert.equal(declined.stdout, '');
    const nothing = convert(lines('FROM nginx', 'COPY site /usr/share/nginx/html'));
    assert.equal(nothing.status, 2);
    assert.match(nothing.stderr, /nothing to convert/);
  });
});

// `dockerfile-stages check` as a user runs it: output formats, --target, exit status.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, REPO_ROOT } from '../support/paths';
import { lines } from '../support/fixture';

let dir: string;
before(() => { dir = mkdtempSync(join(tmpdir(), 'dockerfile-stages-cli-')); });

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function check(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, 'check', ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('dockerfile-stages check', () => {
  it('prints file:line:col severity Code message and exits 1 on an error', () => {
    const file = write('errors.Dockerfile', lines('FROM golang AS builder', 'FROM alpine', 'COPY --from=buidler / /', 'COPY --from=7 / /'));
    const { status, stdout } = check(file);
    assert.equal(status, 1);
    assert.deepEqual(stdout.trim().split('\n'), [
      `${file}:1:1 hint UnusedStage Stage 'builder' is not built by any target (targets considered: '#1 (unnamed)' (default target)).`,
      `${file}:3:13 warning UndefinedStage 'buidler' is not a stage of this Dockerfile and would be pulled as an image: did you mean 'builder'?`,
      `${file}:4:13 error StageIndexOutOfRange There is no stage 7: this Dockerfile has 2 stages (0–1), and BuildKit counts the image or mount before this line that names no stage as state 2.`,
    ]);
  });

  it('reads the .dockerignore beside the file for CopyIgnoredFile', () => {
    const folder = mkdtempSync(join(dir, 'context-'));
    writeFileSync(join(folder, '.dockerignore'), 'node_modules\n');
    writeFileSync(join(folder, 'Dockerfile'), lines('FROM node', 'COPY node_modules/x /x'));
    assert.equal(check(join(folder, 'Dockerfile')).stdout, `${join(folder, 'Dockerfile')}:2:1 warning CopyIgnoredFile Attempting to Copy file "node_modules/x" that is excluded by .dockerignore\n`);
  });

  it('reads the package.json and lock file beside the file for an npm install, and nothing of standard input', () => {
    const folder = mkdtempSync(join(dir, 'node-'));
    writeFileSync(join(folder, 'package.json'), '{"name":"app"}\n');
    writeFileSync(join(folder, 'package-lock.json'), '{}\n');
    const text = lines('FROM node:22', 'WORKDIR /app', 'COPY . .', 'RUN npm ci');
    writeFileSync(join(folder, 'Dockerfile'), text);
    assert.equal(check(join(folder, 'Dockerfile')).stdout, `${join(folder, 'Dockerfile')}:4:1 info DependenciesAfterSource \`npm ci\` re-runs on every change to the build context: \`COPY . .\` on line 3 copies all of it first. Copy package.json and package-lock.json first, install, then copy the rest.\n`);
    assert.equal(spawnSync(process.execPath, [CLI, 'check', '-'], { encoding: 'utf8', input: text, cwd: folder }).stdout, '');
  });

  it('exits 0 without errors, and --target adds a build target', () => {
    const file = write('targets.Dockerfile', lines('FROM a AS test', 'FROM a AS release'));
    assert.match(check(file).stdout, /UnusedStage Stage 'test'/);
    const withTarget = check(file, '--target', 'test');
    assert.equal(withTarget.status, 0);
    assert.equal(withTarget.stdout, '');
    assert.equal(check(file, '--target=TEST').stdout, '');
  });

  it('fails as BuildKit fails on a --target that names no stage, with its did-you-mean', () => {
    const file = write('mistyped.Dockerfile', lines('FROM a AS build', 'FROM a AS release'));
    const mistyped = check(file, '--target', 'bulid');
    assert.equal(mistyped.status, 2);
    assert.equal(mistyped.stderr, `dockerfile-stages: ${file}: target stage "bulid" could not be found (did you mean build?)\n`);
    assert.equal(mistyped.stdout, '');
    assert.equal(check(file, '--target', 'nosuch').stderr, `dockerfile-stages: ${file}: target stage "nosuch" could not be found\n`);
    // `--target` matches in any case; a name built from variables is a pattern.
    assert.equal(check(file, '--target', 'BUILD').status, 0);
    assert.equal(check(file, '--target', 'bu${X}').status, 0);
  });

  it('takes the targets a workspace builds with --workspace', () => {
    const workspace = join(REPO_ROOT, 'test', 'fixtures', 'workspace');
    const dockerfile = join(workspace, 'app', 'Dockerfile');
    assert.equal(check(dockerfile).stdout.trim().split('\n').length, 9);
    const { stdout, status } = check(dockerfile, '--workspace', workspace);
    assert.equal(status, 0);
    assert.deepEqual(stdout.trim().split('\n').map((line) => line.replace(`${dockerfile}:`, '')), [
      "10:1 hint UnusedStage Stage 'nobody-builds-me' is not built by any target (targets considered: 'release' (default target), " +
      "'devc' (.devcontainer/devcontainer.json:7), 'ci' (.github/workflows/ci.yml:10), 'scripted' (.github/workflows/ci.yml:13), 'make-target' (Makefile:2), " +
      "'dev' (compose.yaml:5), 'test' (docker-bake.hcl:16), 'lint' (docker-bake.hcl:21), 'compose-yml' (docker-compose.ci.yml:6)).",
    ]);
    assert.equal(check(dockerfile, '--workspace', join(dir, 'nowhere')).status, 2);
  });

  it('checks every Dockerfile under a folder, with the targets the folder\'s files build', () => {
    const workspace = join(REPO_ROOT, 'test', 'fixtures', 'workspace');
    const { stdout, status } = check(workspace, '--target', 'not-in-every-file');
    assert.equal(status, 0);
    assert.deepEqual(stdout.trim().split('\n').map((line) => line.split(' ').slice(0, 3).join(' ')), [`${join(workspace, 'app', 'Dockerfile')}:10:1 hint UnusedStage`]);
  });

  it('checks a folder without ever failing on a file that is no Dockerfile (a man page, a template), and checks a file a script names as its Dockerfile', () => {
    const workspace = mkdtempSync(join(dir, 'folder-'));
    // An error in each, were they read as Dockerfiles: a stage depending on itself.
    writeFileSync(join(workspace, 'Dockerfile.5.md'), lines('# Dockerfile(5)', 'FROM a AS x', 'COPY --from=x / /'));
    writeFileSync(join(workspace, 'Dockerfile'), lines('FROM {{ base }} AS x', 'COPY --from=x / /'));
    writeFileSync(join(workspace, 'Dockerfile-156'), lines('FROM alpine AS unused', 'FROM alpine AS release'));
    writeFileSync(join(workspace, 'build.sh'), lines('#!/bin/sh', 'docker build -f Dockerfile-156 --target release .'));
    const { stdout, status } = check(workspace);
    assert.equal(status, 0);
    assert.deepEqual(stdout.trim().split('\n').map((line) => line.split(' ').slice(0, 3).join(' ')), [`${join(workspace, 'Dockerfile-156')}:1:1 hint UnusedStage`]);
  });

  it('writes JSON and SARIF', () => {
    const file = write('json.Dockerfile', lines('FROM a AS Build', 'FROM Build'));
    const json = JSON.parse(check(file, '--format', 'json').stdout);
    // FROM Build does not find stage 'build' (FROM is case-sensitive), so that stage is unused too; BuildKit's
    // InvalidDefaultArgInFrom checks every base.
    assert.deepEqual(json[0].diagnostics.map((d: { code: string }) => d.code), ['UnusedStage', 'StageNameCasing', 'FromStageCasing', 'InvalidDefaultArgInFrom']);
    const sarif = JSON.parse(check('--format=sarif', file).stdout);
    assert.equal(sarif.version, '2.1.0');
    assert.deepEqual(sarif.runs[0].results.map((r: { ruleId: string; level: string }) => [r.ruleId, r.level]),
      [['UnusedStage', 'note'], ['StageNameCasing', 'warning'], ['FromStageCasing', 'error'], ['InvalidDefaultArgInFrom', 'warning']]);
    assert.equal(sarif.runs[0].results[2].locations[0].physicalLocation.region.startLine, 2);
  });

  it('writes GitHub Actions workflow commands, escaped', () => {
    const file = write('github,1.Dockerfile', lines('FROM a AS Build', 'FROM Build'));
    const { stdout, status } = check(file, '--format', 'github');
    assert.equal(status, 1);
    const escaped = file.replace(/,/g, '%2C').replace(/:/g, '%3A');
    assert.deepEqual(stdout.trim().split('\n'), [
      `::notice file=${escaped},line=1,col=1,endLine=1,endColumn=16,title=UnusedStage::Stage 'Build' is not built by any target (targets considered: '#1 (unnamed)' (default target)).`,
      `::warning file=${escaped},line=1,col=11,endLine=1,endColumn=16,title=StageNameCasing::Stage name 'Build' should be lowercase`,
      `::error file=${escaped},line=2,col=6,endLine=2,endColumn=11,title=FromStageCasing::FROM compares stage names case-sensitively: 'Build' does not match stage 'build' and would be pulled as an image.`,
      `::warning file=${escaped},line=2,col=6,endLine=2,endColumn=11,title=InvalidDefaultArgInFrom::Default value for ARG Build results in empty or invalid base image name`,
    ]);
  });

  it('--fix applies the fixes that keep every build as it is, says what it fixed, and reports what remains', () => {
    const file = write('fix.Dockerfile', lines('FROM golang as Build', 'FROM build AS test', 'FROM --platform=$BUILDPLATFORM build AS lint', 'FROM alpine', 'COPY --from=biuld /a /a'));
    const { status, stdout, stderr } = check(file, '--fix');
    assert.equal(stderr, `${file}: fixed FromAsCasing (line 1), StageNameCasing (line 1), PlatformOnStageReference (line 3)\n`);
    assert.equal(readFileSync(file, 'utf8'), lines('FROM golang AS build', 'FROM build AS test', 'FROM build AS lint', 'FROM alpine', 'COPY --from=biuld /a /a'));
    assert.equal(status, 0);
    assert.match(stdout, /UndefinedStage 'biuld'/);
    assert.doesNotMatch(stdout, /StageNameCasing|FromAsCasing|PlatformOnStageReference/);
  });

  it('--fix applies the certain fixes of BuildKit\'s instruction checks, not those that change the image', () => {
    const file = write('instructions.Dockerfile', lines('FROM alpine', 'MAINTAINER me', 'env A b', 'EXPOSE 80/TCP', 'CMD app'));
    assert.equal(check(file, '--fix').stderr, `${file}: fixed ConsistentInstructionCasing (line 3), LegacyKeyValueFormat (line 3), ExposeProtoCasing (line 4)\n`);
    assert.equal(readFileSync(file, 'utf8'), lines('FROM alpine', 'MAINTAINER me', 'ENV A=b', 'EXPOSE 80/tcp', 'CMD app'));
    check(file, '--fix-unsafe');
    assert.equal(readFileSync(file, 'utf8'), lines('FROM alpine', 'LABEL org.opencontainers.image.authors="me"', 'ENV A=b', 'EXPOSE 80/tcp', 'CMD ["app"]'));
  });

  it('--fix-unsafe applies the fixes that change the build on purpose; --diff shows them without writing', () => {
    const text = lines('ARG GO=1', 'FROM golang AS build', 'RUN echo $GO', 'FROM alpine', 'COPY --from=biuld /a /a');
    const file = write('unsafe.Dockerfile', text);
    const diff = check(file, '--fix-unsafe', '--diff');
    assert.equal(readFileSync(file, 'utf8'), text);
    assert.equal(diff.stdout.split('\n').filter((line) => /^[-+][^-+]/.test(line)).join('\n'), ['+ARG GO', '-COPY --from=biuld /a /a', '+COPY --from=build /a /a'].join('\n'));
    assert.match(diff.stderr, /fixed ArgNotInScope \(line 3\), UndefinedStage \(line 5\)/);
    check(file, '--fix-unsafe');
    assert.equal(readFileSync(file, 'utf8'), lines('ARG GO=1', 'FROM golang AS build', 'ARG GO', 'RUN echo $GO', 'FROM alpine', 'COPY --from=build /a /a'));
    // Lower-casing a name that a `FROM Builder` misses would change what that FROM names: not a safe fix.
    const missed = write('missed.Dockerfile', lines('FROM a AS Builder', 'FROM Builder'));
    assert.equal(check(missed, '--fix').stderr, 'dockerfile-stages: nothing to fix\n');
    assert.equal(check('-', '--fix').status, 2);
  });

  it('--help and -h print the usage on standard output and exit 0, with or without a command', () => {
    for (const args of [['--help'], ['-h'], ['check', '--help'], ['graph', '-h'], ['check', 'Dockerfile', '-h']]) {
      const help = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
      assert.deepEqual([help.status, help.stderr], [0, ''], args.join(' '));
      assert.match(help.stdout, /^usage: dockerfile-stages check FILE\|FOLDER/, args.join(' '));
    }
  });

  it('--fix-unsafe never removes a stage, even one no target builds; --diff and --fix say when there is nothing to fix', () => {
    const text = lines('FROM golang AS unused', 'FROM alpine');
    const file = write('nothing.Dockerfile', text);
    const diff = check(file, '--fix-unsafe', '--diff');
    assert.deepEqual([diff.stdout, diff.stderr, diff.status], ['', 'dockerfile-stages: nothing to fix\n', 0]);
    assert.equal(check(file, '--fix-unsafe').stderr, 'dockerfile-stages: nothing to fix\n');
    assert.equal(readFileSync(file, 'utf8'), text);
  });

  it('exits 2 with a clear message on bad usage or an unreadable file', () => {
    const missing = check(join(dir, 'missing'));
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read .*missing: ENOENT/);
    assert.equal(check('--format', 'xml', 'x').status, 2);
    assert.equal(check().status, 2);
    const unknown = spawnSync(process.execPath, [CLI, 'lint'], { encoding: 'utf8' });
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown command 'lint'[\s\S]*usage: dockerfile-stages check/);
  });

  it('checks the shipped example: only the test stage, built with --target test, is unused by default', () => {
    const example = join(REPO_ROOT, 'examples', 'Dockerfile');
    const { status, stdout } = check(example);
    assert.equal(status, 0, stdout);
    assert.deepEqual(stdout.trim().split('\n').map((line) => line.split(' ').slice(1, 4).join(' ')), ["hint UnusedStage Stage"]);
    assert.match(stdout, /Stage 'test' is not built/);
    assert.equal(check(example, '--target', 'test').stdout, '');
  });
});

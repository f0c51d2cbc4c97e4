// The build context of each build the readers find (DiscoveredTarget.context), on made-up files: the folder the
// build names, or none where it is not known (a variable, an expression, a Git context); whether the build exports
// files (`-o type=local`: DiscoveredTarget.exportsFiles); and workspace/buildContextFolder.ts, which folder the
// rules that read the context take for a Dockerfile.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { scriptTargets } from '../../server/src/workspace/scripts';
import { makefileTargets } from '../../server/src/workspace/makefiles';
import { bakeTargets } from '../../server/src/workspace/bake';
import { workflowTargets } from '../../server/src/workspace/workflows';
import { composeTargets } from '../../server/src/workspace/compose';
import { devcontainerTargets } from '../../server/src/workspace/devcontainer';
import { vscodeTargets } from '../../server/src/workspace/vscodeTasks';
import { packageScriptTargets } from '../../server/src/workspace/packageScripts';
import { codeTargets } from '../../server/src/workspace/codeTargets';
import { ensureShellParser } from '../../server/src/workspace/shellModules';
import { buildContextFolder } from '../../server/src/workspace/buildContextFolder';
import type { DiscoveredTarget } from '../../server/src/workspace/discovered';
import { analyze } from '../../server/src/analysis/parseFile';
import { fileIndex } from '../support/files';

const FILES = fileIndex(['/w/Dockerfile', '/w/app/Dockerfile', '/w/hack/x.Dockerfile', '/w/docker/dockerfile']);

/** `target @ Dockerfile <- context` (paths from /w, `?` where the context is not known). */
function contexts(targets: readonly DiscoveredTarget[]): string[] {
  const from = (path: string) => (path === '/w' ? '.' : path.slice(3));
  return targets.map((t) => `${t.defaultTarget ? '(default)' : t.target} @ ${from(t.dockerfile)} <- ${t.context === undefined ? '?' : from(t.context)}`).sort();
}

before(async () => {
  assert.ok(await ensureShellParser());
});

describe('the build context each reader records', () => {
  const script = (text: string, file = '/w/build.sh') => scriptTargets(text, file, 'build.sh', '/w', FILES);

  it('scripts: the context operand from the folder the Dockerfile is found from; unknown where it is a variable', () => {
    assert.deepEqual(contexts(script('docker build -f app/Dockerfile --target t .\n')), ['t @ app/Dockerfile <- .']);
    assert.deepEqual(contexts(script('docker build -f app/Dockerfile --target t .\n', '/w/scripts/build.sh')), ['t @ app/Dockerfile <- .'], 'found from the workspace folder only');
    assert.deepEqual(contexts(script('docker build --target t app\n')), ['t @ app/Dockerfile <- app']);
    assert.deepEqual(contexts(script('docker build -f app/Dockerfile --target t "$CONTEXT"\n')), ['t @ app/Dockerfile <- ?']);
    assert.deepEqual(contexts(script('for c in . app; do docker build -f app/Dockerfile --target t "$c"; done\n')), ['t @ app/Dockerfile <- .', 't @ app/Dockerfile <- app'], 'one build per context');
    assert.deepEqual(contexts(script('docker buildx bake --set "*.target=t"\n')).filter((t) => t.includes('app/')), ['t @ app/Dockerfile <- ?']);
  });

  it('Makefiles and package.json scripts: from the folder they run in', () => {
    assert.deepEqual(contexts(makefileTargets('gen:\n\tdocker build --file hack/x.Dockerfile --target update .\n', '/w/Makefile', 'Makefile', '/w', FILES)), ['update @ hack/x.Dockerfile <- .']);
    const json = '{ "scripts": { "base": "docker buildx build -f docker/dockerfile --target base2 ." } }';
    assert.deepEqual(contexts(packageScriptTargets(json, '/w/package.json', 'package.json', '/w', FILES)), ['base2 @ docker/dockerfile <- .']);
  });

  it('bake: `context` (default `.`) from where bake runs, through inherits; unknown where it reads a variable', () => {
    const bake = (text: string, file = '/w/docker-bake.hcl') => bakeTargets(text, file, 'docker-bake.hcl', '/w', FILES).filter((t) => !t.defaultTarget);
    assert.deepEqual(contexts(bake('target "base" {\n  context = "app"\n}\ntarget "t" {\n  inherits = ["base"]\n  target = "test"\n}\n')), ['test @ app/Dockerfile <- app']);
    assert.deepEqual(contexts(bake('target "x" {\n  dockerfile = "hack/x.Dockerfile"\n  target = "update"\n}\n', '/w/docker/sub/x.hcl')), ['update @ hack/x.Dockerfile <- .']);
    assert.deepEqual(contexts(bake('variable "CTX" {\n}\ntarget "x" {\n  context = CTX\n  dockerfile = "/w/app/Dockerfile"\n  target = "t"\n}\n')), ['t @ app/Dockerfile <- ?']);
  });

  it('workflows: build-push-action `context:`; none given is the Git context, not a folder; run: from the job\'s folder', () => {
    const workflow = (text: string) => workflowTargets(text, '/w/.github/workflows/ci.yml', '.github/workflows/ci.yml', '/w', FILES);
    const step = (inputs: string) => `jobs:\n  b:\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n${inputs}`;
    assert.deepEqual(contexts(workflow(step('          context: .\n          file: app/Dockerfile\n          target: t\n'))), ['t @ app/Dockerfile <- .']);
    assert.deepEqual(contexts(workflow(step('          file: app/Dockerfile\n          target: t\n'))), ['t @ app/Dockerfile <- ?']);
    assert.deepEqual(contexts(workflow(step('          context: ${{ inputs.dir }}\n          file: app/Dockerfile\n          target: t\n'))), ['t @ app/Dockerfile <- ?']);
    assert.deepEqual(contexts(workflow('jobs:\n  b:\n    steps:\n      - run: docker build --target t app\n')), ['t @ app/Dockerfile <- app']);
  });

  it('compose: `build.context` (default `.`) from the compose file\'s folder; unknown where interpolated or remote', () => {
    const compose = (text: string) => composeTargets(text, '/w/deploy/compose.yaml', 'deploy/compose.yaml');
    assert.deepEqual(contexts(compose('services:\n  a:\n    build:\n      context: ..\n      dockerfile: app/Dockerfile\n      target: t\n')), ['t @ app/Dockerfile <- .']);
    assert.deepEqual(contexts(compose('services:\n  a:\n    build: ../app\n')), ['(default) @ app/Dockerfile <- app']);
    assert.deepEqual(contexts(compose('services:\n  a:\n    build:\n      context: ${CTX:-..}\n      dockerfile: /w/app/Dockerfile\n      target: t\n')), ['t @ app/Dockerfile <- ?']);
    assert.deepEqual(contexts(compose('services:\n  a:\n    build:\n      context: https://github.com/o/r.git\n      target: t\n')).map((t) => t.split(' <- ')[1]), ['?']);
  });

  it('devcontainer.json and VS Code tasks: their context settings, relative to the file or the workspace folder', () => {
    const devcontainer = '{ "build": { "dockerfile": "../app/Dockerfile", "context": "..", "target": "dev" } }';
    assert.deepEqual(contexts(devcontainerTargets(devcontainer, '/w/.devcontainer/devcontainer.json', '.devcontainer/devcontainer.json')), ['dev @ app/Dockerfile <- .']);
    const unknown = '{ "build": { "dockerfile": "../app/Dockerfile", "context": "${localEnv:CTX}", "target": "dev" } }';
    assert.deepEqual(contexts(devcontainerTargets(unknown, '/w/.devcontainer/devcontainer.json', '.devcontainer/devcontainer.json')), ['dev @ app/Dockerfile <- ?']);
    const tasks = '{ "tasks": [{ "type": "docker-build", "dockerBuild": { "dockerfile": "${workspaceFolder}/app/Dockerfile", "target": "t" } }] }';
    assert.deepEqual(contexts(vscodeTargets(tasks, '/w/.vscode/tasks.json', '.vscode/tasks.json')), ['t @ app/Dockerfile <- .']);
  });

  it('code names a target without its build: no context', () => {
    const go = 'import "github.com/docker/docker/api/types"\nopts := types.ImageBuildOptions{Target: "t"}\n';
    assert.ok(codeTargets(go, '/w/build.go', 'build.go', '/w', FILES).every((t) => t.context === undefined));
  });
});

describe('which build context a Dockerfile has (buildContextFolder)', () => {
  const stages = analyze('FROM alpine AS t\nFROM alpine AS other\n').stages;
  const build = (context: string | undefined, extra: Partial<DiscoveredTarget> = {}) => ({ dockerfile: '/w/app/Dockerfile', target: 't', ...(context ? { context } : {}), ...extra }) as DiscoveredTarget;

  it('the folder every build names; unknown where they disagree or one is not known', () => {
    assert.equal(buildContextFolder('/w/app/Dockerfile', [build('/w'), build('/w', { target: '' })], stages), '/w');
    assert.equal(buildContextFolder('/w/app/Dockerfile', [build('/w'), build('/w/app')], stages), undefined);
    assert.equal(buildContextFolder('/w/app/Dockerfile', [build('/w'), build(undefined)], stages), undefined);
  });

  it('a build named without its Dockerfile counts only where a stage has its name', () => {
    assert.equal(buildContextFolder('/w/app/Dockerfile', [build('/w'), build(undefined, { target: 'nope', ifStageExists: true })], stages), '/w');
    assert.equal(buildContextFolder('/w/app/Dockerfile', [build('/w'), build(undefined, { target: 'other', ifStageExists: true })], stages), undefined);
  });

  it('no build seen: the Dockerfile\'s own folder for a file named as a Dockerfile, else unknown', () => {
    for (const name of ['Dockerfile', 'Dockerfile.dev', 'app.Dockerfile', 'app.dockerfile', 'Containerfile']) assert.equal(buildContextFolder(`/w/app/${name}`, [], stages), '/w/app', name);
    assert.equal(buildContextFolder('/w/app/build.df', [], stages), undefined);
  });
});

describe('whether a build exports files (`--output`)', () => {
  const exported = (targets: readonly DiscoveredTarget[]) => targets.filter((t) => !t.defaultTarget || t.target === '').map((t) => `${t.target || '(default)'}: ${t.exportsFiles === true}`);

  it('scripts: `-o out`, `-o -`, type=local and type=tar export files; an image type, `--push`/`--load`, an unknown value or none do not', () => {
    const script = (line: string) => exported(scriptTargets(`${line}\n`, '/w/build.sh', 'build.sh', '/w', FILES));
    assert.deepEqual(script('docker build -o out --target bin .'), ['bin: true']);
    assert.deepEqual(script('docker buildx build --output type=local,dest=out --target bin .'), ['bin: true']);
    assert.deepEqual(script('docker buildx build --output=type=tar,dest=out.tar --target bin .'), ['bin: true']);
    assert.deepEqual(script('docker build -o - --target bin . > out.tar'), ['bin: true']);
    assert.deepEqual(script('docker buildx build --output type=image,push=true --target bin .'), ['bin: false']);
    assert.deepEqual(script('docker build -o "$OUT" --target bin .'), ['bin: false']);
    assert.deepEqual(script('docker build --target bin .'), ['bin: false']);
    // buildx reads --push and --load as an image output beside the files.
    assert.deepEqual(script('docker buildx build -o out --push --target bin .'), ['bin: false']);
    assert.deepEqual(script('docker buildx build --load --output type=local,dest=out --target bin .'), ['bin: false']);
  });

  it('bake `output` (strings or objects) and build-push-action `outputs:` without push or load', () => {
    const bake = (output: string) => exported(bakeTargets(`target "b" {\n  target = "bin"\n  output = ${output}\n}\n`, '/w/docker-bake.hcl', 'docker-bake.hcl', '/w', FILES));
    assert.deepEqual(bake('["type=local,dest=out"]'), ['bin: true']);
    assert.deepEqual(bake('[{ type = "tar", dest = "out.tar" }]'), ['bin: true']);
    assert.deepEqual(bake('["type=registry"]'), ['bin: false']);
    const workflow = (inputs: string) => exported(workflowTargets(`jobs:\n  b:\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          context: .\n          target: bin\n${inputs}`, '/w/.github/workflows/ci.yml', 'ci.yml', '/w', FILES));
    assert.deepEqual(workflow('          outputs: type=local,dest=out\n'), ['bin: true']);
    assert.deepEqual(workflow('          outputs: type=local,dest=out\n          push: true\n'), ['bin: false']);
  });
});

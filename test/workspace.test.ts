// Build targets discovered in a workspace (test/fixtures/workspace): bake with inherits and contexts, compose
// with context and dockerfile, devcontainer, a workflow, a Makefile; ignored folders are not read.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanWorkspace } from '../server/src/workspace/scanner';
import { composeTargets } from '../server/src/workspace/compose';
import { bakeTargets } from '../server/src/workspace/bake';
import { devcontainerTargets } from '../server/src/workspace/devcontainer';
import { makefileTargets } from '../server/src/workspace/makefiles';
import { ensureShellParser } from '../server/src/workspace/shellModules';
import { fileIndex } from './support/files';

const NO_FILES = fileIndex([]);
import { vscodeTargets } from '../server/src/workspace/vscodeTasks';
import { workflowTargets } from '../server/src/workspace/workflows';
import type { DiscoveredTarget } from '../server/src/workspace/discovered';
import { REPO_ROOT } from './support/paths';

const WORKSPACE = join(REPO_ROOT, 'test', 'fixtures', 'workspace');

before(async () => {
  assert.ok(await ensureShellParser());
});

describe('workspace targets', () => {
  it('finds every target with the Dockerfile it builds and where it is said', async () => {
    const { targets, capped } = await scanWorkspace(WORKSPACE);
    assert.equal(capped, undefined);
    const found = targets.filter((t) => !t.defaultTarget).map((t) => `${t.target} ${t.dockerfile.slice(WORKSPACE.length + 1)} ${t.origin}`);
    assert.deepEqual(found, [
      'devc app/Dockerfile .devcontainer/devcontainer.json:7',
      'ci app/Dockerfile .github/workflows/ci.yml:10',
      'scripted app/Dockerfile .github/workflows/ci.yml:13',
      'make-target app/Dockerfile Makefile:2',
      'dev app/Dockerfile compose.yaml:5',
      'test app/Dockerfile docker-bake.hcl:16',
      'lint app/Dockerfile docker-bake.hcl:21',
      'compose-yml app/Dockerfile docker-compose.ci.yml:6',
    ]);
  });

  it('knows where each target is written, to the column', async () => {
    const { targets } = await scanWorkspace(WORKSPACE);
    for (const target of targets) assert.equal(written(readFileSync(target.file, 'utf8'), target), target.target, target.origin);
  });

  it('reads the build args each build passes: compose args (map or list), build-push-action build-args, bake args (inherited, then its own)', async () => {
    const { targets } = await scanWorkspace(WORKSPACE);
    assert.deepEqual(targets.find((t) => t.target === 'test')!.args, { GO: '1.22' });
    assert.equal(targets.find((t) => t.target === 'lint')!.args, undefined);
    const compose = (args: string) => composeTargets(`services:\n  web:\n    build:\n      target: dev\n      args:\n${args}`, '/w/compose.yaml', 'compose.yaml')[0].args;
    assert.deepEqual(compose('        GO: "1.23"\n        DEBUG: 1\n        FROM_ENV:\n'), { GO: '1.23', DEBUG: '1' });
    assert.deepEqual(compose('        - GO=1.23\n        - FROM_ENV\n'), { GO: '1.23' });
    const bake = bakeTargets('target "a" {\n  args = { GO = "1.21", X = "x" }\n}\ntarget "b" {\n  inherits = ["a"]\n  target = "b"\n  args = {\n    "GO" = "1.23"\n  }\n}\n', '/w/docker-bake.hcl', 'docker-bake.hcl', '/w', NO_FILES);
    assert.deepEqual(bake[0].args, { GO: '1.23', X: 'x' });
    const workflow = workflowTargets('jobs:\n  b:\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          target: dev\n          build-args: |\n            GO=1.23\n            DEBUG=true\n', '/w/.github/workflows/ci.yml', 'ci.yml', '/w', fileIndex(['/w/Dockerfile']));
    assert.deepEqual(workflow[0].args, { GO: '1.23', DEBUG: 'true' });
    const json = bakeTargets('{"target": {"b": {"target": "b", "args": {"GO": "1.23"}}}}', '/w/docker-bake.json', 'docker-bake.json', '/w', NO_FILES);
    assert.deepEqual(json[0].args, { GO: '1.23' });
  });

  it('reads VS Code\'s docker-build tasks and buildx debug configurations, with their defaults', () => {
    const tasks = vscodeTargets('{ "tasks": [ { "type": "shell" }, { "type": "docker-build", "dockerBuild": { "target": "build" } },\n'
      + '{ "type": "docker-build", "dockerBuild": { "context": "${workspaceFolder}/svc", "dockerfile": "${workspaceFolder}/svc/Dockerfile.prod", "target": "release" } },\n'
      + '{ "type": "docker-build", "dockerBuild": { "dockerfile": "${env:X}/Dockerfile", "target": "unknown" } } ] }', '/w/.vscode/tasks.json', '.vscode/tasks.json');
    assert.deepEqual(tasks.map((t) => [t.target, t.dockerfile, t.origin]), [['build', '/w/Dockerfile', '.vscode/tasks.json:1'], ['release', '/w/svc/Dockerfile.prod', '.vscode/tasks.json:2']]);
    const launch = vscodeTargets('{ "configurations": [ { "type": "node" }, { "type": "dockerfile", "target": "test" }, { "type": "dockerfile", "contextPath": "app", "dockerfile": "Dockerfile.dev", "target": "dev" } ] }', '/w/.vscode/launch.json', '.vscode/launch.json');
    assert.deepEqual(launch.map((t) => [t.target, t.dockerfile]), [['test', '/w/Dockerfile'], ['dev', '/w/app/Dockerfile.dev']]);
    assert.deepEqual(vscodeTargets('{ "tasks": [', '/w/.vscode/tasks.json', 'x'), []);
  });

  it('does not read what files.exclude excludes', async () => {
    const { targets } = await scanWorkspace(WORKSPACE, ['**/.github', '**/*.hcl', 'Makefile']);
    assert.deepEqual(targets.map((t) => t.origin), ['.devcontainer/devcontainer.json:7', 'compose.yaml:5', 'docker-compose.ci.yml:6']);
  });

  it('skips the folders .gitignore names, an anchored name in the workspace folder only', async () => {
    const root = mkdtempSync(join(tmpdir(), 'dockerfile-stages-gitignore-'));
    try {
      const script = (folder: string, target: string) => {
        mkdirSync(join(root, folder), { recursive: true });
        writeFileSync(join(root, folder, 'docker.sh'), `docker build --target ${target} .\n`);
      };
      writeFileSync(join(root, 'Dockerfile'), 'FROM alpine AS a\nFROM alpine AS b\nFROM alpine AS c\nFROM alpine AS d\n');
      writeFileSync(join(root, '.gitignore'), '/build\ngenerated/\n');
      script('build', 'a');
      script('hack/build', 'b');
      script('generated', 'c');
      script('hack/generated', 'd');
      assert.deepEqual((await scanWorkspace(root)).targets.map((target) => target.origin), ['hack/build/docker.sh:1']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('build file readers', () => {
  const where = (text: string, targets: DiscoveredTarget[]) => targets.map((t) => [t.target, written(text, t), t.range.start.line, t.range.start.character]);

  it('reads quoted, commented and empty compose targets', () => {
    const text = 'services:\n  a:\n    build:\n      target: "dev"\n  b:\n    build:\n      target: lint # why\n  c:\n    build:\n      target: \n';
    assert.deepEqual(where(text, composeTargets(text, '/w/compose.yaml', 'compose.yaml')), [['dev', 'dev', 3, 15], ['lint', 'lint', 6, 14], ['', '', 9, 14]]);

  });

  it('reads bake HCL and JSON targets, with inherits, once per place', () => {
    const hcl = 'target "base" {\n  target = "build"\n}\ntarget "a" {\n  inherits = ["base"]\n}\ntarget "b" {\n  target = ""\n}\n';
    assert.deepEqual(where(hcl, bakeTargets(hcl, '/w/docker-bake.hcl', 'docker-bake.hcl', '/w', NO_FILES)), [['build', 'build', 1, 12], ['', '', 7, 12]]);
    // Lines end as the editor counts them, `\r` alone included.
    const cr = 'target "a" {\r  target = "dev"\r}\r';
    assert.deepEqual(bakeTargets(cr, '/w/docker-bake.hcl', 'docker-bake.hcl', '/w', NO_FILES).map((t) => [t.range.start, t.origin]), [[{ line: 1, character: 12 }, 'docker-bake.hcl:2']]);
    const json = '{\n  "target": {\n    "app": { "context": "x", "target": "release" }\n  }\n}\n';
    const [release] = bakeTargets(json, '/w/docker-bake.json', 'docker-bake.json', '/w', NO_FILES);
    assert.deepEqual([release.dockerfile, written(json, release)], ['/w/x/Dockerfile', 'release']);
  });

  it('reads a devcontainer target, even half-typed', () => {
    const text = '{ "build": { "target": "dev' ;
    assert.deepEqual(where(text, devcontainerTargets(text, '/w/.devcontainer/devcontainer.json', 'devcontainer.json')), [['dev', 'dev', 0, 24]]);
  });

  it('reads script targets across line continuations and quotes', () => {
    const text = 'build:\n\tdocker build \\\n\t  --target "ci" \\\n\t  -f app/Dockerfile .\n\tdocker buildx build --target=rel app\n';
    const files = fileIndex(['/w/app/Dockerfile']);
    assert.deepEqual(where(text, makefileTargets(text, '/w/Makefile', 'Makefile', '/w', files)), [['ci', 'ci', 2, 13], ['rel', 'rel', 4, 30]]);
    const crlf = text.replace(/\n/g, '\r\n');
    assert.deepEqual(where(crlf, makefileTargets(crlf, '/w/Makefile', 'Makefile', '/w', files)), [['ci', 'ci', 2, 13], ['rel', 'rel', 4, 30]]);
  });
});

/** The text a target's range covers. */
function written(text: string, target: DiscoveredTarget): string {
  const { start, end } = target.range;
  assert.equal(start.line, end.line);
  return text.split('\n')[start.line].slice(start.character, end.character);
}

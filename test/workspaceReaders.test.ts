// The workspace readers, one pattern each (issue 22), on made-up scripts, Makefiles, bake files, workflows and
// code: which Dockerfile and target each build names, and where; what stays unresolved.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { scriptTargets } from '../server/src/workspace/scripts';
import { makefileTargets } from '../server/src/workspace/makefiles';
import { bakeTargets } from '../server/src/workspace/bake';
import { workflowTargets } from '../server/src/workspace/workflows';
import { codeTargets } from '../server/src/workspace/codeTargets';
import { composeTargets } from '../server/src/workspace/compose';
import { packageScriptTargets } from '../server/src/workspace/packageScripts';
import { ensureShellParser } from '../server/src/workspace/shellModules';
import type { DiscoveredTarget } from '../server/src/workspace/discovered';
import { isDockerfileName, isTemplateText } from '../server/src/workspace/dockerfileKinds';
import { fileIndex } from './support/files';

const FILES = fileIndex(['/w/Dockerfile', '/w/hack/x.Dockerfile', '/w/app/Dockerfile', '/w/docker/dockerfile', '/w/distros/ubuntu/Dockerfile', '/w/distros/debian/Dockerfile', '/w/Containerfile']);

/** `target @ Dockerfile (relative) line`; unresolved ones with `?`; default-target builds as `(default)`. */
function summary(targets: readonly DiscoveredTarget[]): string[] {
  return targets.map((t) => `${t.defaultTarget ? '(default)' : t.target}${t.unresolved ? '?' : ''} @ ${t.dockerfile.slice(3)}:${t.range.start.line + 1}`).sort();
}

/** The text at a target's range. */
function written(text: string, target: DiscoveredTarget): string {
  return text.split('\n')[target.range.start.line].slice(target.range.start.character, target.range.end.character);
}

const script = (text: string) => scriptTargets(text, '/w/build.sh', 'build.sh', '/w', FILES);

before(async () => {
  assert.ok(await ensureShellParser());
});

describe('shell scripts', () => {
  it('reads a flag whose value looks like a flag (`-o -`): the context stays the last operand', () => {
    assert.deepEqual(summary(script('docker build --target release -o - . | gzip > out.tgz\n')), ['release @ Dockerfile:1']);
  });

  it('follows the flags and the target in a variable, and a loop over literal values, to where the value is written', () => {
    const text = 'STAGE="--target kind-node"\nT=base\ndocker build $STAGE .\ndocker build --target "$T" .\nfor t in a b; do docker build --target "$t" .; done\n';
    const targets = script(text);
    assert.deepEqual(summary(targets), ['a @ Dockerfile:5', 'b @ Dockerfile:5', 'base @ Dockerfile:2', 'kind-node @ Dockerfile:1']);
    for (const target of targets) assert.equal(written(text, target), target.target);
  });

  it('resolves the context the script assigns (`"${REPO}"`, `$(dirname "$0")`), and keeps a computed -f as a pattern over the workspace\'s files', () => {
    assert.deepEqual(summary(script('REPO="$(cd "$(dirname "$0")" && pwd)"\ndocker build --target t1 "${REPO}/app"\n')), ['t1 @ app/Dockerfile:2']);
    assert.deepEqual(summary(script('for d in ubuntu debian; do docker build --target builder -f "distros/$d/Dockerfile" .; done\n')), ['builder @ distros/debian/Dockerfile:1', 'builder @ distros/ubuntu/Dockerfile:1']);
    assert.deepEqual(summary(script('docker build --target builder -f "distros/$DISTRO/Dockerfile" .\n')), ['builder @ distros/debian/Dockerfile:1', 'builder @ distros/ubuntu/Dockerfile:1']);
  });

  it('reads every build command: buildx build, image build, podman, buildah bud, nerdctl, depot, and bake --set *.target=', () => {
    const text = ['docker buildx build --target a .', 'docker image build --target b .', 'podman build --target c .', 'buildah bud --target d .',
      'nerdctl build --target e .', 'depot build --target f .', 'docker buildx bake --set "*.target=g"', 'docker run --target h .'].join('\n');
    const targets = summary(script(text));
    for (const [name, line] of [['a', 1], ['b', 2], ['c', 3], ['d', 4], ['e', 5], ['f', 6]]) assert.ok(targets.includes(`${name} @ Dockerfile:${line}`), `${name}: ${targets.join(' | ')}`);
    assert.ok(targets.includes('c @ Containerfile:3'), 'podman reads Containerfile too');
    assert.ok(targets.includes('g @ app/Dockerfile:7'), 'bake --set names the stage in any Dockerfile');
    assert.ok(!targets.some((t) => t.startsWith('h ')), 'docker run builds nothing');
  });

  it('leaves a target it cannot know unresolved (an argument, run-time values), and says so', () => {
    const targets = script('docker build --target "$1" .\nfor t in $(ls stages); do docker build --target "$t" app; done\ndocker build $EXTRA_FLAGS -f hack/x.Dockerfile .\n');
    assert.deepEqual(summary(targets), ['${TARGET}? @ hack/x.Dockerfile:3', '${VALUE}? @ Dockerfile:1', '${t}? @ app/Dockerfile:2']);
    assert.match(targets.find((t) => t.target === '${TARGET}')!.unresolved!, /\$EXTRA_FLAGS may give --target/);
  });

  it('follows a function called with literal arguments', () => {
    assert.deepEqual(summary(script('build() {\n  docker build --target "$1" -f "$2" .\n}\nbuild release hack/x.Dockerfile\n')), ['release @ hack/x.Dockerfile:4']);
  });

  it('passes build args (FROM ${ARG} reaches the stage they name) and builds of the default target', () => {
    const [target] = script('docker build --build-arg BASE=conda --build-arg GO .\n');
    assert.equal(target.defaultTarget, true);
    assert.deepEqual(target.args, { BASE: 'conda', GO: '${GO}' });
  });
});

describe('Makefiles', () => {
  it('expands variables with Make\'s rules (=, :=, ?=, +=) and runs recipes in the Makefile\'s folder', () => {
    const text = 'DOCKER ?= docker\nBUILDX ?= $(DOCKER) buildx\nBUILD_CMD := $(BUILDX) build\nFLAGS = --target\nFLAGS += "update"\ngen:\n\t$(BUILD_CMD) $(FLAGS) --file ./hack/x.Dockerfile .\n';
    const targets = makefileTargets(text, '/w/Makefile', 'Makefile', '/w', FILES);
    assert.deepEqual(summary(targets), ['update @ hack/x.Dockerfile:5']);
    assert.equal(written(text, targets[0]), 'update');
  });

  it('keeps what the environment or the command line may set unknown: `$(TARGET)` unset is unresolved', () => {
    assert.deepEqual(summary(makefileTargets('image:\n\tdocker build --target $(TARGET) .\n', '/w/Makefile', 'Makefile', '/w', FILES)), ['${TARGET}? @ Dockerfile:2']);
  });
});

describe('bake', () => {
  const bake = (text: string, file = '/w/docker-bake.hcl') => bakeTargets(text, file, 'docker-bake.hcl', '/w', FILES);

  it('follows inherits named with a variable, carrying context and dockerfile down the chain', () => {
    const text = 'variable "BASE_TYPE" {\n  default = "alpine"\n}\ntarget "test-alpine" {\n  context = "app"\n}\ntarget "mid" {\n  inherits = ["test-${BASE_TYPE}"]\n}\ntarget "test" {\n  inherits = ["mid"]\n  target = "test"\n}\n';
    assert.deepEqual(summary(bake(text)).filter((t) => !t.startsWith('(default)')), ['test @ app/Dockerfile:12']);
  });

  it('expands matrix and functions, and reads JSON bake files', () => {
    const text = 'function "tag" {\n  params = [x]\n  result = "${x}-final"\n}\ntarget "t" {\n  name = "t-${item.name}"\n  matrix = { item = [{ name = "a", stage = "lint" }, { name = "b", stage = tag("go") }] }\n  target = item.stage\n}\n';
    assert.deepEqual(summary(bake(text)), ['go-final @ Dockerfile:8', 'lint @ Dockerfile:7']);
    const json = '{"variable": {"D": {"default": "hack"}}, "target": {"x": {"dockerfile": "${D}/x.Dockerfile", "target": "update"}}}';
    assert.deepEqual(summary(bakeTargets(json, '/w/docker-bake.json', 'docker-bake.json', '/w', FILES)), ['update @ hack/x.Dockerfile:1']);
  });

  it('resolves paths from where bake runs: a bake file in a subfolder names paths from the workspace folder', () => {
    assert.deepEqual(summary(bake('target "x" {\n  dockerfile = "hack/x.Dockerfile"\n  target = "update"\n}\n', '/w/docker/sub/x.hcl')), ['update @ hack/x.Dockerfile:3']);
  });

  it('a target read from a bake variable may be anything the environment sets: also unresolved', () => {
    assert.deepEqual(summary(bake('variable "IMAGE_TARGET" {\n  default = "release"\n}\ntarget "image" {\n  target = IMAGE_TARGET\n}\n')), ['${IMAGE_TARGET}? @ Dockerfile:5', 'release @ Dockerfile:2']);
  });
});

describe('workflows', () => {
  const workflow = (text: string) => workflowTargets(text, '/w/.github/workflows/ci.yml', '.github/workflows/ci.yml', '/w', FILES);

  it('reads build-push-action target, file and context, with ${{ matrix.x }} from the job\'s matrix', () => {
    const text = 'jobs:\n  b:\n    strategy:\n      matrix:\n        stage: [lint, test]\n        include:\n          - stage: update\n            file: hack/x.Dockerfile\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          context: app\n          file: ${{ matrix.file }}\n          target: ${{ matrix.stage }}\n';
    const targets = workflow(text);
    assert.deepEqual(summary(targets), ['lint @ app/Dockerfile:5', 'test @ app/Dockerfile:5', 'update @ hack/x.Dockerfile:7']);
  });

  it('reads bake-action set: *.target=, run: steps through the shell reader, and evaluates expressions', () => {
    const text = 'jobs:\n  b:\n    strategy:\n      matrix:\n        flavor: ["", "-conda"]\n    steps:\n      - uses: docker/bake-action@v6\n        with:\n          set: |\n            *.target=lint\n      - run: |\n          docker build --target "ci${{ matrix.flavor }}" app\n      - uses: docker/build-push-action@v6\n        with:\n          build-args: |\n            ${{ endsWith(matrix.flavor, \'conda\') && \'BASE=conda\' || \'\' }}\n';
    const targets = workflow(text);
    assert.deepEqual(summary(targets).filter((t) => !t.startsWith('lint')), ['(default) @ Dockerfile:1', '(default) @ Dockerfile:1', 'ci @ app/Dockerfile:12', 'ci-conda @ app/Dockerfile:12']);
    assert.ok(summary(targets).includes('lint @ app/Dockerfile:10'));
    assert.deepEqual(targets.filter((t) => t.defaultTarget).map((t) => t.args ?? {}), [{}, { BASE: 'conda' }]);
  });
});

describe('compose, package.json and code', () => {
  it('compose: build: *anchor, and services building the default target with args', () => {
    const text = 'x-b: &b\n  context: app\n  target: dev\nservices:\n  a:\n    build: *b\n  c:\n    build: *b\n  d:\n    build:\n      context: .\n      args:\n        BASE: conda\n';
    const targets = composeTargets(text, '/w/compose.yaml', 'compose.yaml');
    assert.deepEqual(summary(targets), ['(default) @ Dockerfile:11', 'dev @ app/Dockerfile:3']);
  });

  it('package.json scripts', () => {
    const text = '{ "scripts": { "base": "docker buildx build -f docker/dockerfile --target base2 . --push" } }';
    assert.deepEqual(summary(packageScriptTargets(text, '/w/package.json', 'package.json', '/w', FILES)), ['base2 @ docker/dockerfile:1']);
  });

  it('code: Go Target:, testcontainers WithTarget/withTarget, Python target=, "--target", "x"; a variable target covers the Dockerfiles the file names', () => {
    const go = 'import "github.com/docker/docker/api/types"\nopts := types.ImageBuildOptions{Target: "copy_to_root"}\n';
    const targets = codeTargets(go, '/w/build.go', 'build.go', '/w', FILES);
    assert.ok(targets.every((t) => t.target === 'copy_to_root' && t.ifStageExists && t.origin === 'build.go:2'));
    const java = 'new ImageFromDockerfile().withDockerfile(path).withTarget("itest"); // testcontainers\n';
    assert.deepEqual([...new Set(codeTargets(java, '/w/T.java', 'T.java', '/w', FILES).map((t) => t.target))], ['itest']);
    const py = 'client.images.build(path=".", target="wheels")  # docker\n';
    assert.deepEqual([...new Set(codeTargets(py, '/w/b.py', 'b.py', '/w', FILES).map((t) => t.target))], ['wheels']);
    const js = 'const args = ["buildx", "build", "-f", "docker/dockerfile", "--target", target]; spawn("docker", args);\n';
    assert.deepEqual(summary(codeTargets(js, '/w/lib.mjs', 'lib.mjs', '/w', FILES)), ['${TARGET}? @ docker/dockerfile:1']);
    assert.deepEqual(codeTargets('const config = { target: "node" };\n', '/w/webpack.config.js', 'webpack.config.js', '/w', FILES), []);
  });
});

describe('which files are Dockerfiles', () => {
  it('never documentation or a template engine\'s file by name, never a template by its FROM lines', () => {
    for (const name of ['Dockerfile', 'Containerfile', 'Dockerfile.dev', 'app.Dockerfile', 'x.dockerfile']) assert.ok(isDockerfileName(name), name);
    for (const name of ['Dockerfile.5.md', 'Dockerfile.j2', 'Dockerfile.tmpl', 'Dockerfile.txt', 'rust.Dockerfile.jinja2']) assert.ok(!isDockerfileName(name), name);
    for (const text of ['FROM {{ base }} AS build', 'FROM alpine AS {% if x %}a{% endif %}', 'FROM <%= image %>', 'FROM ${{ inputs.base }}']) assert.ok(isTemplateText(text), text);
    assert.ok(!isTemplateText('ARG BASE\nFROM ${BASE} AS build\nRUN echo "{{ not a FROM }}"\n'));
  });
});

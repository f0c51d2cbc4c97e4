// Each stage rule with positive and negative cases; `[[ ]]` marks where each diagnostic must be.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AnalyzedDocument } from '../../server/src/analysis/document';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { featureContext } from '../../server/src/features/featureContext';
import type { BuildTarget } from '../../server/src/analysis/graph';
import { fixture, lines } from '../support/fixture';
import { diagnose, expectAt } from '../support/diagnostics';

describe('UnusedStage', () => {
  it('reports a stage no target reaches, faded, naming the targets considered', () => {
    const [diagnostic] = expectAt('UnusedStage', lines('FROM a AS used', '[[FROM a AS unused', 'RUN true]]', 'FROM used'));
    assert.deepEqual(diagnostic.tags, [1]);
    assert.equal(diagnostic.severity, 4);
    assert.match(diagnostic.message, /'unused' is not built by any target \(targets considered: '#2 \(unnamed\)' \(default target\)\)/);
  });

  it('counts the stages an automatic platform ARG names in FROM (`FROM ${TARGETOS}`: linux, windows)', () => {
    expectAt('UnusedStage', lines('FROM a AS tools', 'COPY --from=tools / /', '[[FROM a AS unused]]', 'FROM tools AS linux', 'FROM tools AS windows', 'FROM ${TARGETOS} AS target', 'FROM target'));
  });

  it('counts the stage a build arg of a target names in `FROM ${ARG}`, and those a pattern of an unknown value may name', () => {
    const text = lines('ARG BASE', 'FROM a AS conda', 'FROM a AS ubuntu-22-base', 'FROM a AS debian-12-base', 'FROM a AS unused', 'FROM ${BASE} AS final');
    const unused = (targets: BuildTarget[]) => computeDiagnostics(featureContext(AnalyzedDocument.fromText(text), targets), {})
      .filter((d) => d.code === 'UnusedStage').map((d) => d.message.replace(/^Stage '([^']*)'.*$/, '$1'));
    // No target says what BASE is: having no default, it is set by `--build-arg`, to any of them (fluent-bit's
    // distros/*/Dockerfile, whose build script sets BASE_BUILDER to a `*-base` stage): none is certainly unused.
    // Where a target passes it, the builds that do say which (the default target, without it, cannot run).
    assert.deepEqual(unused([]), []);
    assert.deepEqual(unused([{ name: 'final', origin: 'ci.yml:3', args: { BASE: 'conda' } }]), ['ubuntu-22-base', 'debian-12-base', 'unused']);
    assert.deepEqual(unused([{ name: 'final', origin: 'build.sh:9', args: { BASE: '${DISTRO}-${VERSION}-base' } }]), ['conda', 'unused']);
  });

  it('says each target once with its places, and the builds seen but not resolved', () => {
    const text = lines('FROM a AS release', 'FROM a AS unused', 'FROM a AS last');
    const targets: BuildTarget[] = [
      { name: 'release', origin: 'docker-bake.hcl:3' }, { name: 'release', origin: 'docker-bake.hcl:3' }, { name: 'release', origin: 'Makefile:7' },
      { name: 'x-${FLAVOR}', origin: 'build.sh:4', unresolved: 'the target is x-$FLAVOR, known only when it runs' },
    ];
    const [diagnostic] = computeDiagnostics(featureContext(AnalyzedDocument.fromText(text), targets), {}).filter((d) => d.code === 'UnusedStage');
    assert.equal(diagnostic.message, "Stage 'unused' is not built by any target (targets considered: 'last' (default target), 'release' (docker-bake.hcl:3, Makefile:7); "
      + 'builds not resolved: build.sh:4 (the target is x-$FLAVOR, known only when it runs)).');
  });

  it('counts stages used only through ONBUILD in a base stage, and configured targets', () => {
    expectAt('UnusedStage', lines('FROM a AS src', 'FROM a AS tmpl', 'ONBUILD COPY --from=src / /', 'FROM tmpl'));
    expectAt('UnusedStage', lines('FROM a AS test', 'FROM a AS release'), { targets: ['test'] });
  });

  it('ignores text in heredoc bodies', () => {
    expectAt('UnusedStage', lines('[[FROM a AS lonely]]', 'FROM b', 'RUN <<EOF', 'COPY --from=lonely / /', 'EOF'));
  });
});

describe('UndefinedStage', () => {
  it('suggests the close stage name for --from, mount from= and FROM', () => {
    const [copy] = expectAt('UndefinedStage', lines('FROM golang AS builder', 'FROM alpine', 'COPY --from=[[buidler]] / /'));
    assert.match(copy.message, /did you mean 'builder'\?/);
    assert.deepEqual(copy.data, { suggestions: ['builder'] });
    expectAt('UndefinedStage', lines('FROM golang AS builder', 'FROM alpine', 'RUN --mount=from=[[buildr]] true'));
    expectAt('UndefinedStage', lines('FROM golang AS builder', 'FROM [[buidler]] AS test'));
  });

  it('suggests the stage whose name has the reference as one part', () => {
    const [diagnostic] = expectAt('UndefinedStage', lines('FROM a AS license-set', 'FROM b', 'COPY --from=[[set]] / /'));
    assert.deepEqual(diagnostic.data, { suggestions: ['license-set'] });
  });

  it('leaves images, named contexts and far names alone, and never suggests the current stage', () => {
    expectAt('UndefinedStage', lines('FROM golang AS builder', 'FROM alpine', 'COPY --from=busybox:1.36 / /', 'COPY --from=golang-base / /', 'COPY --from=nginx / /'));
    expectAt('UndefinedStage', lines('FROM golang AS builder', 'COPY --from=buidler / /'));
    expectAt('UndefinedStage', lines('FROM golang AS builder', 'FROM node AS web', 'FROM nodejs AS other'));
  });
});

describe('reference errors', () => {
  it('StageForwardReference on --from and mount from= naming a later stage', () => {
    expectAt('StageForwardReference', lines('FROM a AS first', 'COPY --from=[[later]] / /', 'RUN --mount=from=[[later]] true', 'FROM b AS later'));
  });

  it('CircularStageDependency on self references and cycles', () => {
    expectAt('CircularStageDependency', lines('FROM a AS s', 'COPY --from=[[s]] / /', 'COPY --from=[[0]] / /'));
    expectAt('CircularStageDependency', lines('FROM x AS a', 'COPY --from=[[b]] / /', 'FROM x AS b', 'COPY --from=[[a]] / /'));
  });

  it('StageIndexOutOfRange, MountFromIndex and VariableInStageReference', () => {
    expectAt('StageIndexOutOfRange', lines('FROM a', 'FROM b', 'COPY --from=[[2]] / /', 'COPY --from=1 / /'));
    expectAt('MountFromIndex', lines('FROM a AS x', 'FROM b', 'RUN --mount=from=[[0]] true', 'RUN --mount=from=x true'));
    expectAt('VariableInStageReference', lines('FROM a', 'FROM b', 'COPY --from=[[$S]] / /', 'RUN --mount=from=[[${S}]] true'));
  });

  it('FromStageCasing when FROM differs from the stage name only in case', () => {
    const [diagnostic] = expectAt('FromStageCasing', lines('FROM golang AS builder', 'FROM [[Builder]]', 'FROM builder AS ok'));
    assert.deepEqual(diagnostic.data, { stage: 0, suggestions: ['builder'] });
    expectAt('FromStageCasing', lines('FROM golang AS Builder', 'FROM [[Builder]]'));
  });
});

describe('declaration rules', () => {
  it('DuplicateStageName on every later definition, a warning as in BuildKit, which builds such a file', () => {
    const found = expectAt('DuplicateStageName', lines('FROM a AS x', 'FROM b AS [[x]]', 'FROM c AS [[X]]'));
    assert.deepEqual(found.map((d) => d.severity), [2, 2]);
    // BuildKit's message, word for word (linter/ruleset.go), on the lower-cased name.
    assert.deepEqual(found.map((d) => d.message), ['Duplicate stage name "x", stage names should be unique', 'Duplicate stage name "x", stage names should be unique']);
  });

  it('InvalidStageName, ReservedStageName and StageNameCasing', () => {
    expectAt('InvalidStageName', lines('FROM a AS [[1st]]', 'FROM a AS [[my$stage]]', 'FROM a AS fine-name_1.2'));
    expectAt('ReservedStageName', lines('FROM a AS [[scratch]]', 'FROM a AS [[Context]]', 'FROM scratch'));
    expectAt('StageNameCasing', lines('FROM a AS [[Build]]', 'FROM a AS build2'));
  });

  it('says what BuildKit says, word for word, and checks the casing of a name it then rejects (instructions/parse.go)', () => {
    assert.deepEqual(expectAt('ReservedStageName', lines('FROM a AS [[Scratch]]')).map((d) => d.message), ['Stage name should not use the same name as reserved stage "scratch"']);
    assert.deepEqual(expectAt('StageNameCasing', lines('FROM a AS [[Build]]', 'FROM a AS [[Bad!]]')).map((d) => d.message), ["Stage name 'Build' should be lowercase", "Stage name 'Bad!' should be lowercase"]);
    assert.deepEqual(expectAt('FromAsCasing', lines('FROM a [[as]] x')).map((d) => d.message), ["'as' and 'FROM' keywords' casing do not match"]);
  });

  it('FromAsCasing on mixed keyword casing only', () => {
    expectAt('FromAsCasing', lines('FROM a [[as]] x', 'from a [[AS]] y', 'FROM a AS z', 'from a as w', 'From a as v'));
  });
});

describe('ArgNotInScope', () => {
  it('reports a global, automatic or other stage\'s ARG used where the stage does not declare it, shell-form RUN included', () => {
    const [global] = expectAt('ArgNotInScope', lines('ARG GO=1.22', 'FROM golang:${GO}', 'RUN echo $[[GO]] $GO', 'COPY app-${[[TARGETARCH]]} /'));
    assert.equal(global.message, 'ARG GO is declared before the first FROM (line 1), which makes it visible in FROM lines only, so $GO is empty here unless the base image sets GO: declare `ARG GO` in this stage.');
    assert.deepEqual(global.data, { stage: 0, variable: 'GO' });
    // In a shell-form RUN: in a COPY of this scratch stage, BuildKit's UndefinedVar reports it (test/features/undefinedVar.test.ts).
    const [other] = expectAt('ArgNotInScope', lines('FROM scratch AS a', 'ARG V=1', 'FROM scratch', 'RUN echo $[[V]]'));
    assert.equal(other.message, "ARG V is declared in stage 'a' (line 1), which this stage is not built FROM, so $V is empty here: declare `ARG V` in this stage.");
  });

  it('reports an automatic ARG read with a default (or any other form) where the stage does not declare it: the default always wins', () => {
    const [copy, run, alternative] = expectAt('ArgNotInScope', lines('FROM alpine', 'COPY app-${[[TARGETARCH]]:-amd64} /', 'RUN GOOS=${[[TARGETOS]]:-linux} go build',
      'ENV V=${[[BUILDPLATFORM]]:+cross}', 'RUN echo ${TARGETARCH:-x}'));
    assert.equal(copy.message, 'BuildKit sets TARGETARCH in the global scope, visible in FROM lines only, so ${TARGETARCH:-…} takes its default here on every platform, '
      + 'unless the base image sets TARGETARCH: declare `ARG TARGETARCH` in this stage.');
    assert.deepEqual(copy.data, { stage: 0, variable: 'TARGETARCH' });
    assert.match(run.message, /so \$\{TARGETOS:-…\} takes its default here on every platform/);
    assert.match(alternative.message, /so \$\{BUILDPLATFORM:\+…\} reads an empty BUILDPLATFORM here on every platform/);
    // Declared in the stage or one it is built FROM: BuildKit's value; FROM lines see the automatic ARGs.
    expectAt('ArgNotInScope', lines('FROM --platform=${BUILDPLATFORM:-linux/amd64} alpine AS base', 'ARG TARGETARCH', 'FROM base', 'COPY app-${TARGETARCH:-amd64} /'));
    expectAt('ArgNotInScope', lines('FROM alpine', 'COPY app-${[[TARGETSTAGE]]:-x} /')).forEach((d) => assert.match(d.message, /takes its default here for every target/));
    // On scratch, BuildKit's UndefinedVar reports that `$X` (no image ENV can set it): one finding, not two.
    expectAt('ArgNotInScope', lines('FROM scratch', 'COPY app-${TARGETSTAGE:-x} /'));
  });

  it('leaves alone declared and inherited ARGs, ENV, shell variables, quoted or escaped text, fallbacks and proxies', () => {
    expectAt('ArgNotInScope', lines('ARG GO=1', 'ARG TARGETARCH', 'FROM a AS base', 'ARG GO', 'ARG V=1', 'RUN echo $GO', 'FROM base', 'RUN echo $GO $V'));
    expectAt('ArgNotInScope', lines('ARG V=1', 'FROM a', 'RUN V=2 && echo $V', 'RUN for V in 1 2; do echo $V; done'));
    expectAt('ArgNotInScope', lines('ARG V=1', 'FROM a', "RUN echo '$V' \\$V ${V:-x} ${V:+y} $HTTP_PROXY $UNDECLARED"));
    expectAt('ArgNotInScope', lines('ARG V=1', 'FROM a', 'ONBUILD RUN echo $V', 'RUN echo ok', 'ARG V'));
  });

  it('says nothing of CMD, ENTRYPOINT or HEALTHCHECK text, which the container\'s shell reads with `docker run -e`\'s values', () => {
    // Before, "$PORT is empty here" (atuin's `CMD ... ${PORT:-8888}`: the automatic-ARG form aside, the same for any ARG).
    expectAt('ArgNotInScope', lines('ARG PORT=80', 'FROM node', 'CMD serve -l $PORT', 'ENTRYPOINT run $PORT', 'HEALTHCHECK CMD curl localhost:$PORT'));
  });

  it('says nothing of `--from=a-${V}`, which reads no variable: BuildKit refuses it, VariableInStageReference says so', () => {
    // Before, "$V is empty here": BuildKit never expands it (toCommand; parseMount for from=).
    const refused = lines('ARG V=x', 'FROM alpine AS a-x', 'FROM alpine', 'COPY --from=a-${V} /a /b', 'RUN --mount=from=a-$V,target=/m echo');
    expectAt('ArgNotInScope', refused);
    assert.deepEqual(diagnose(refused).filter((d) => d.code === 'VariableInStageReference').map((d) => d.range.start.line), [3, 4]);
  });

  it('says nothing where a FROM built from ARGs may name the stage declaring it: that depends on --build-arg', () => {
    // With BASE=a-base the builder inherits X (dispatchState.init); with another value it does not.
    expectAt('ArgNotInScope', lines('ARG BASE=a-base', 'FROM alpine AS a-base', 'ARG X=1', 'FROM alpine AS other', 'FROM ${BASE} AS builder', 'RUN echo "$X"'));
    expectAt('ArgNotInScope', lines('ARG BASE', 'FROM alpine AS a-base', 'ARG X=1', 'FROM a-base AS b', 'FROM $BASE AS builder', 'FROM builder', 'RUN echo "$X"'));
    // A global or automatic ARG the stage may inherit declared so from such a stage: the same.
    expectAt('ArgNotInScope', lines('ARG VERSION=1.2', 'ARG BASE', 'FROM alpine AS a-base', 'ARG VERSION', 'ARG TARGETARCH', 'FROM $BASE AS builder', 'RUN echo $VERSION $TARGETARCH'));
    // Set by ENV in a stage the FROM may name (before: reported, as only ARGs were looked for there).
    expectAt('ArgNotInScope', lines('ARG BASE', 'FROM alpine AS other', 'ARG X=1', 'FROM alpine AS a-base', 'ENV X=2', 'FROM $BASE AS builder', 'RUN echo "$X"'));
    // Declared in a stage after it, which no FROM of it can name: certain.
    const [later] = expectAt('ArgNotInScope', lines('ARG BASE=a-base', 'FROM alpine AS a-base', 'FROM ${BASE} AS builder', 'RUN echo "$[[X]]"', 'FROM alpine AS late', 'ARG X=1'));
    assert.match(later.message, /ARG X is declared in stage 'late' \(line 5\), which this stage is not built FROM/);
  });
});

describe('ArgAfterFrom', () => {
  it('reports an ARG a stage does not use but a later FROM does, unless a global ARG or BuildKit declares it', () => {
    const [found] = expectAt('ArgAfterFrom', lines('FROM golang AS build', 'ARG [[BASE]]=alpine', 'ARG TARGETARCH', 'FROM ${BASE}-$TARGETARCH'));
    assert.equal(found.message, "ARG BASE is declared inside stage 'build', but only the FROM on line 4 uses it, and FROM lines see only ARGs declared before the first FROM: move it there.");
    expectAt('ArgAfterFrom', lines('ARG BASE=alpine', 'FROM golang AS build', 'ARG BASE', 'FROM ${BASE}'));
    expectAt('ArgAfterFrom', lines('FROM golang AS build', 'ARG BASE=alpine', 'RUN echo $BASE', 'FROM ${BASE}'));
  });
});

describe('FROM lines (BuildKit\'s checks, and PlatformOnStageReference)', () => {
  it('UndefinedArgInFrom: a variable no global ARG declares, with BuildKit\'s suggestion', () => {
    const [found] = expectAt('UndefinedArgInFrom', lines('ARG VERSION=1', 'FROM alpine:${[[VERSON]]}', 'FROM --platform=$[[PLATFORM]] alpine:$VERSION', 'FROM alpine:${[[image]]#x}'));
    assert.equal(found.message, "FROM argument 'VERSON' is not declared (did you mean VERSION?)");
    expectAt('UndefinedArgInFrom', lines('ARG V', 'FROM --platform=$BUILDPLATFORM alpine:${V:-3} AS b', 'FROM app-$TARGETARCH'));
  });

  it('InvalidDefaultArgInFrom: defaults that give no valid image name, unset ARGs expanding to nothing', () => {
    const [found] = expectAt('InvalidDefaultArgInFrom', lines('ARG TAG', 'ARG REPO=library', 'FROM [[alpine:${TAG}]]', 'FROM ${REPO}/alpine:${TAG:-3}', 'FROM debian:"bookworm"'));
    assert.equal(found.message, 'Default value for ARG alpine:${TAG} results in empty or invalid base image name');
    expectAt('InvalidDefaultArgInFrom', lines('ARG P=${TARGETPLATFORM#linux/}', 'FROM app-${P}', 'FROM [[${NOPE}]]', 'FROM alpine'));
  });

  it('InvalidDefaultArgInFrom on every FROM, as validateBaseImagesWithDefaultArgs checks every base, variables or not', () => {
    const found = expectAt('InvalidDefaultArgInFrom', lines('FROM [[MyImage:1.0]]', 'FROM [[alpine:]] AS b', 'FROM [[alpine@sha256:abc]]', 'FROM alpine AS builder', 'FROM [[Builder]]', 'FROM builder'));
    assert.equal(found[0].message, 'Default value for ARG MyImage:1.0 results in empty or invalid base image name');
    // A FROM BuildKit rejects for its arguments never gets that far.
    expectAt('InvalidDefaultArgInFrom', lines('FROM {{ image }} AS x'));
  });

  it('RedundantTargetPlatform and FromPlatformFlagConstDisallowed', () => {
    expectAt('RedundantTargetPlatform', lines('FROM --platform=[[$TARGETPLATFORM]] a', 'FROM --platform=[[${TARGETPLATFORM:-linux/amd64}]] b', 'FROM --platform=$BUILDPLATFORM c'));
    const [constant] = expectAt('FromPlatformFlagConstDisallowed', lines('FROM --platform=[[linux/amd64]] a AS build', 'FROM --platform=linux/arm64 a AS build-arm64', 'FROM --platform=linux/x86_64 b AS amd64-tools', 'FROM --platform=arm64 c'));
    assert.equal(constant.message, 'FROM --platform flag should not use constant value "linux/amd64"');
  });

  it('PlatformOnStageReference: --platform on FROM <stage> is ignored', () => {
    const [found] = expectAt('PlatformOnStageReference', lines('FROM --platform=$BUILDPLATFORM golang AS build', 'FROM --platform=[[$TARGETPLATFORM]] build AS test', 'FROM --platform=linux/arm64 alpine AS arm'));
    assert.match(found.message, /--platform is ignored on FROM build: a stage built FROM another stage takes that stage's platform \(\$BUILDPLATFORM\)/);
  });
});

describe('platform ARGs', () => {
  it('PlatformArgDefault: a default on an automatic platform ARG replaces what BuildKit sets (docker/buildx#510)', () => {
    const [global] = expectAt('PlatformArgDefault', lines('ARG [[TARGETARCH]]=amd64', 'ARG TARGETOS', 'ARG TARGETSTAGE=x', 'FROM a', 'ARG [[BUILDPLATFORM]]=linux/amd64', 'ARG TARGETPLATFORM'));
    assert.equal(global.message, "The default 'amd64' replaces the TARGETARCH BuildKit sets: every build without --build-arg TARGETARCH gets 'amd64', whatever --platform says.");
  });

  it('CrossCompileWithoutTarget: a compiler on the build platform, copied into a target stage, reading no TARGET ARG', () => {
    const build = ['FROM --platform=[[$BUILDPLATFORM]] golang AS build', 'RUN go build -o /app .'];
    const [found] = expectAt('CrossCompileWithoutTarget', lines(...build, 'FROM alpine', 'COPY --from=build /app /app'));
    assert.match(found.message, /^Stage 'build' runs `go build` on the build platform and is copied into '#1 \(unnamed\)' \(line 4\)/);
    const plain = fixture(lines(...build)).text.split('\n').slice(0, 2);
    expectAt('CrossCompileWithoutTarget', lines(...plain, 'ARG TARGETARCH', 'RUN GOARCH=$TARGETARCH go build', 'FROM alpine', 'COPY --from=build /app /app'));
    expectAt('CrossCompileWithoutTarget', lines(plain[0], 'RUN npm run build', 'FROM alpine', 'COPY --from=build /app /app'));
    expectAt('CrossCompileWithoutTarget', lines(plain[0], 'RUN ln -s xx-cc /out/xx-clang', 'FROM alpine', 'COPY --from=build /out /usr/bin'));
    expectAt('CrossCompileWithoutTarget', lines(...plain, 'FROM --platform=$BUILDPLATFORM alpine', 'COPY --from=build /app /app'));
    // Built on a stage a FROM built from ARGs may name (which may set GOARCH, and whose platform it would take), or
    // copied into one: which platform, a build arg decides.
    const cross = ['ARG BASE', 'FROM golang AS cross', 'ARG TARGETARCH', 'ENV GOARCH=$TARGETARCH'];
    expectAt('CrossCompileWithoutTarget', lines(...cross, 'FROM --platform=$BUILDPLATFORM $BASE AS build', 'RUN go build -o /app .', 'FROM alpine', 'COPY --from=build /app /app'));
    expectAt('CrossCompileWithoutTarget', lines(...cross, ...plain, 'FROM $BASE AS final', 'COPY --from=build /app /app'));
  });
});

describe('InvalidDefinitionDescription (BuildKit\'s experimental check)', () => {
  const text = (directive: string) => lines(directive, '# the Go version', 'ARG GO=1', '', '# build compiles it', 'FROM golang AS build', '# not about this stage', '#', 'FROM b AS test', '# the app', 'FROM c AS release');

  it('is off unless # check=experimental= or the rules setting turns it on', () => {
    expectAt('InvalidDefinitionDescription', text('# syntax=docker/dockerfile:1'));
    expectAt('InvalidDefinitionDescription', text('# check=skip=all'));
    assert.equal(diagnose(text(''), { rules: { InvalidDefinitionDescription: 'warning' } }).filter((d) => d.code === 'InvalidDefinitionDescription').length, 2);
  });

  it('wants the last comment above a named FROM or an ARG to start with the name', () => {
    const found = expectAt('InvalidDefinitionDescription', lines('# check=experimental=InvalidDefinitionDescription', '# the Go version', '[[ARG]] GO=1', '',
      '# build compiles it', 'FROM golang AS build', '# not about this stage', '#', 'FROM b AS test', '# the app', '[[FROM]] c AS release', '# two', '[[ARG]] A B'));
    assert.deepEqual(found.map((d) => d.message), ['Comment for ARG should follow the format: `# GO <description>`', 'Comment for FROM should follow the format: `# release <description>`',
      'Comment for ARG should follow the format: `# <arg_key> <description>`']);
  });
});

describe('COPY --from paths', () => {
  it('CopyFromRelativePath: a relative source is read from the source stage\'s root, not its WORKDIR', () => {
    const [found] = expectAt('CopyFromRelativePath', lines('FROM golang AS build', 'WORKDIR /src', 'RUN go build -o out/app .', 'FROM alpine', 'COPY --from=build [[out/app]] /usr/local/bin/'));
    assert.equal(found.message, "COPY --from=build reads 'out/app' from the root of stage 'build' (/out/app), not from its WORKDIR /src, where line 3 makes /src/out/app.");
    // Under a directory every image has (/bin, /etc, ...): made exactly under the WORKDIR and nowhere at the root,
    // it is reported, saying that the base image could have it.
    const [bin] = expectAt('CopyFromRelativePath', lines('FROM golang AS build', 'WORKDIR /src', 'RUN go build -o bin/tool .', 'FROM alpine', 'COPY --from=build [[bin/tool]] /x'));
    assert.equal(bin.message, "COPY --from=build reads 'bin/tool' from the root of stage 'build' (/bin/tool), not from its WORKDIR /src, where line 3 makes /src/bin/tool (unless the base image golang has /bin/tool).");
    expectAt('CopyFromRelativePath', lines('FROM scratch AS build', 'WORKDIR /src', 'COPY lib/x.so lib/x.so', 'FROM alpine', 'COPY --from=build [[lib/x.so]] /x'));
    // `COPY x.so lib/` makes /src/lib/x.so only if x.so is a file (a folder's contents would land in lib/): not said.
    expectAt('CopyFromRelativePath', lines('FROM scratch AS build', 'WORKDIR /src', 'COPY x.so lib/', 'FROM alpine', 'COPY --from=build lib/x.so /x'));
    // Only a path made exactly there: under a folder made under the WORKDIR (`bin/`), the root's /bin may hold it.
    expectAt('CopyFromRelativePath', lines('FROM golang AS build', 'WORKDIR /src', 'RUN mkdir -p bin', 'FROM alpine', 'COPY --from=build bin/sh /x'));
    // Something copied in at the root (a whole stage, a folder above the path) may hold it.
    expectAt('CopyFromRelativePath', lines('FROM golang AS build', 'WORKDIR /src', 'COPY --from=tools / /', 'RUN go build -o out/app .', 'FROM alpine', 'COPY --from=build out/app /x'));
    expectAt('CopyFromRelativePath', lines('FROM golang AS build', 'COPY --from=tools / /', 'WORKDIR /', 'WORKDIR /src', 'RUN go build -o out/app .', 'FROM alpine', 'COPY --from=build out/app /x'));
    expectAt('CopyFromRelativePath', lines('FROM golang AS build', 'COPY rootfs/usr /usr', 'WORKDIR /src', 'RUN go build -o usr/bin/app .', 'FROM alpine', 'COPY --from=build usr/bin/app /x'));
    // Absolute, at the root too, not made under the WORKDIR, a WORKDIR of `/`: nothing.
    expectAt('CopyFromRelativePath', lines('FROM golang AS build', 'WORKDIR /src', 'RUN go build -o bin/app . && mkdir -p /bin/app', 'FROM alpine', 'COPY --from=build bin/app /x'));
    expectAt('CopyFromRelativePath', lines('FROM golang AS build', 'WORKDIR /src', 'RUN make', 'FROM alpine', 'COPY --from=build out/app /x', 'COPY --from=build /src/bin /x'));
    expectAt('CopyFromRelativePath', lines('FROM golang AS build', 'WORKDIR /', 'RUN go build -o out/app', 'FROM alpine', 'COPY --from=build out/app /x'));
    // A WORKDIR in an image's own directory: /etc/etc/x is made, /etc/x read.
    expectAt('CopyFromRelativePath', lines('FROM golang AS build', 'WORKDIR /etc', 'RUN touch /etc/etc/x', 'FROM alpine', 'COPY --from=build [[etc/x]] /x'));
  });

  it('CopyFromMissingPath: only where the source stage\'s whole content is known (scratch, nothing run)', () => {
    const bin = ['FROM golang AS build', 'RUN go build -o /out/app .', 'FROM scratch AS bin', 'COPY --from=build /out/app /app', 'COPY conf/ /etc/app/'];
    const [found] = expectAt('CopyFromMissingPath', lines(...bin, 'FROM alpine', 'COPY --from=bin [[/out/app]] /usr/local/bin/app'));
    assert.equal(found.severity, 2);
    assert.equal(found.message, 'Stage \'bin\' has no /out/app: it is built from scratch and no instruction makes it, so BuildKit fails with "not found" (unless a build context named \'bin\' replaces the stage): did you mean /app?');
    // A variable in a COPY makes what it brings unknown.
    expectAt('CopyFromMissingPath', lines('FROM scratch AS base', 'ARG REPO=x', 'ADD ${REPO} /', 'FROM scratch', 'COPY --from=base /anything /x'));
    // What exists: a made path, one inside a directory copied in, a directory above a made path, the root.
    expectAt('CopyFromMissingPath', lines(...bin, 'FROM alpine', 'COPY --from=bin /app /a', 'COPY --from=bin /etc/app/x.conf /b', 'COPY --from=bin /etc /c', 'COPY --from=bin / /d'));
    // What may exist: a stage that runs something, or starts from an image.
    expectAt('CopyFromMissingPath', lines('FROM scratch AS s', 'COPY busybox /bin/sh', 'RUN echo > /x', 'FROM alpine', 'COPY --from=s /x /x'));
    expectAt('CopyFromMissingPath', lines('FROM alpine AS s', 'FROM alpine', 'COPY --from=s /anything /x'));
  });

  it('CopyFromAncestor: copying from the stage this one is built on, to the same place, before anything ran', () => {
    const [found] = expectAt('CopyFromAncestor', lines('FROM golang AS build', 'RUN go build -o /out/app', 'FROM build AS test', '[[COPY --from=build /out/app /out/app]]'));
    assert.equal(found.severity, 4);
    expectAt('CopyFromAncestor', lines('FROM golang AS build', 'FROM build AS test', 'RUN rm -rf /out', 'COPY --from=build /out /out'));
    expectAt('CopyFromAncestor', lines('FROM golang AS build', 'FROM build AS test', 'COPY --from=build /out /backup'));
    // --chown and --chmod change what is there: not a no-op.
    expectAt('CopyFromAncestor', lines('FROM golang AS build', 'FROM build AS test', 'COPY --from=build --chown=app:app /out /out', 'COPY --chmod=755 --from=build /bin/x /bin/x'));
  });
});

describe('InvalidSourceDateEpochStage', () => {
  const arg = 'ARG SOURCE_DATE_EPOCH=src';
  const app = ['FROM busybox AS app', 'RUN true'];

  it('accepts scratch with ARGs and one remote ADD (HTTP or Git), and counts the stage as used', () => {
    for (const source of ['https://example.com/src.tar', 'git@github.com:moby/buildkit.git#v0.1', 'https://github.com/moby/buildkit.git']) {
      assert.deepEqual(diagnose(lines(arg, 'FROM scratch AS src', 'ARG V=1', `ADD ${source} /`, ...app)), [], source);
    }
  });

  it('reports what BuildKit fails on, where, in its words', () => {
    const cases: [string[], string][] = [
      [['FROM [[busybox]] AS src', 'ADD https://e.com/a /'], 'SOURCE_DATE_EPOCH stage must use FROM scratch'],
      [['FROM scratch AS src', '[[COPY]] Dockerfile /Dockerfile'], 'SOURCE_DATE_EPOCH stage does not meet source-only requirements: unsupported COPY instruction'],
      [['FROM scratch AS src', 'ADD https://e.com/a /', '[[ADD]] https://e.com/b /'], 'SOURCE_DATE_EPOCH stage must contain exactly one remote ADD'],
      [['FROM scratch AS [[src]]', 'ARG V'], 'SOURCE_DATE_EPOCH stage must contain exactly one remote ADD'],
      [['FROM scratch AS src', '[[ADD https://e.com/a https://e.com/b /]]'], 'SOURCE_DATE_EPOCH stage must contain exactly one remote ADD source'],
      [['FROM scratch AS src', '[[ADD src.tar /]]'], 'SOURCE_DATE_EPOCH stage source must be a single HTTP(S) or Git ADD'],
    ];
    for (const [stage, message] of cases) {
      const [diagnostic] = expectAt('InvalidSourceDateEpochStage', lines(arg, ...stage, ...app));
      assert.equal(diagnostic.message, `${message} (ARG SOURCE_DATE_EPOCH on line 1 names this stage).`);
      assert.equal(diagnostic.severity, 1);
    }
  });

  it('says nothing where variables decide, or where the value names no stage', () => {
    expectAt('InvalidSourceDateEpochStage', lines('ARG BASE=scratch', arg, 'FROM ${IMAGE} AS src', 'RUN true', ...app));
    expectAt('InvalidSourceDateEpochStage', lines(arg, 'FROM scratch AS src', 'ADD ${URL} /', ...app));
    expectAt('InvalidSourceDateEpochStage', lines('ARG SOURCE_DATE_EPOCH=1700000000', 'FROM scratch AS src', 'RUN true', ...app));
  });
});

describe('UndefinedTargetSetting', () => {
  const twoStages = lines('FROM a AS [[build]]', 'FROM b AS release');
  const fromSetting = { targetOrigin: 'dockerfileStages.targets' };

  it('warns on the stage a mistyped target in the setting was meant to name, with BuildKit\'s message', () => {
    const [diagnostic] = expectAt('UndefinedTargetSetting', twoStages, { targets: ['bulid'], ...fromSetting });
    assert.equal(diagnostic.severity, 2);
    assert.equal(diagnostic.message, "dockerfileStages.targets names 'bulid', which is no stage of this Dockerfile: building it would fail with target stage \"bulid\" could not be found (did you mean build?).");
  });

  it('says nothing of a name that may be another Dockerfile\'s stage, of patterns, or of targets from build files', () => {
    expectAt('UndefinedTargetSetting', fixture(twoStages).text, { targets: ['integration', 'BUILD', 'bu${X}'], ...fromSetting });
    expectAt('UndefinedTargetSetting', fixture(twoStages).text, { targets: ['bulid'] });
  });
});

describe('configuration', () => {
  it('# check=skip= silences rules for the file, and all of them with all, but never what makes BuildKit fail', () => {
    expectAt('StageNameCasing', lines('# check=skip=StageNameCasing,FromAsCasing', 'FROM a AS Build'));
    assert.deepEqual(diagnose(lines('# check=skip=all', 'FROM a AS Build', 'COPY --from=9 / /')).map((d) => d.code), ['StageIndexOutOfRange']);
    assert.deepEqual(diagnose(lines('# check=skip=StageIndexOutOfRange', 'FROM a', 'COPY --from=9 / /')).map((d) => d.code), ['StageIndexOutOfRange']);
  });

  it('a # check= comment among an instruction\'s comments applies to it alone, as BuildKit merges it (linter.WithMergedConfigFromComments)', () => {
    expectAt('StageNameCasing', lines('FROM a AS first', '# check=skip=StageNameCasing', 'FROM a AS Quiet', 'FROM a AS [[Loud]]'));
    // The comments since the previous instruction count (blank lines too); an empty `#` drops those above it.
    expectAt('StageNameCasing', lines('FROM a AS first', '# check=skip=StageNameCasing', '# the quiet one', '', 'FROM a AS Quiet', '# check=skip=StageNameCasing', '#', 'FROM a AS [[Loud]]'));
    // The first `# check=` decides, read up to its first space; our own rules follow it too.
    expectAt('StageNameCasing', lines('FROM a AS first', '# check=skip=FromAsCasing', '# check=skip=StageNameCasing', 'FROM a AS [[Loud]]'));
    expectAt('UnusedStage', lines('# check=skip=UnusedStage quiet, please', 'FROM a AS unused', 'FROM b'));
    // BuildKit checks reserved and duplicate names with the file's configuration only (validateStageNames).
    expectAt('ReservedStageName', lines('FROM a', '# check=skip=ReservedStageName', 'FROM a AS [[scratch]]'));
    // What makes BuildKit fail stays.
    expectAt('StageIndexOutOfRange', lines('FROM a', 'FROM b', '# check=skip=StageIndexOutOfRange', 'COPY --from=[[7]] / /'));
  });

  it('# check=experimental= in an instruction\'s comments turns the rule on there', () => {
    expectAt('InvalidDefinitionDescription', lines('# wrong words', 'FROM a AS one', '# check=experimental=InvalidDefinitionDescription', '# builds things', '[[FROM]] a AS two'));
  });

  it('error=true raises warnings to errors', () => {
    const [diagnostic] = diagnose(lines('# check=error=true', 'FROM a AS Build'));
    assert.equal(diagnostic.code, 'StageNameCasing');
    assert.equal(diagnostic.severity, 1);
  });

  it('the rules setting changes severities and turns rules off', () => {
    const text = lines('FROM a AS Build', 'FROM b AS unused', 'FROM c');
    const found = diagnose(text, { rules: { StageNameCasing: 'error', UnusedStage: 'off' } });
    assert.deepEqual(found.map((d) => [d.code, d.severity]), [['StageNameCasing', 1]]);
  });

  it('carries source, code and a documentation link', () => {
    const [diagnostic] = diagnose(lines('FROM a AS Build'));
    assert.equal(diagnostic.source, 'dockerfile-stages');
    assert.equal(diagnostic.codeDescription?.href, 'https://docs.docker.com/go/dockerfile/rule/stage-name-casing/');
  });
});

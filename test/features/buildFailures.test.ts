// The rules that say BuildKit fails: where it fails (each with the BuildKit code that decides it), an error where no
// build arg can avoid it, a warning naming the build args otherwise, and never hidden by `# check=skip`.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, lines } from '../support/fixture';
import { expectAt } from '../support/diagnostics';
import { AnalyzedDocument } from '../../server/src/analysis/document';
import { featureContext } from '../../server/src/features/featureContext';
import { checkBaseNames } from '../../server/src/features/diagnostics/baseNameRules';
import type { Finding } from '../../server/src/features/diagnostics/rules';

/** The base name rules' findings at the marked ranges, before the diagnostics leave out those InvalidDefaultArgInFrom says. */
function foundAt(code: string, marked: string): Finding[] {
  const fx = fixture(marked);
  const found = checkBaseNames(featureContext(AnalyzedDocument.fromText(fx.text)).model).filter((finding) => finding.code === code);
  assert.deepEqual(found.map((finding) => finding.range), fx.ranges, `${code} in:\n${fx.text}`);
  return found;
}

describe('names BuildKit pulls', () => {
  it('InvalidImageReference: a base or --from image that is no image reference (resolveBaseImage), in BuildKit\'s words', () => {
    const found = expectAt('InvalidImageReference', lines('FROM [[MyImage:1.0]] AS a', 'FROM [[alpine:]] AS b', 'COPY --from=[[Tools:1]] / /', 'RUN --mount=from=[[x@sha256:abc]] true', 'FROM alpine AS c', 'FROM scratch AS d'));
    assert.deepEqual(found.map((d) => [d.severity, d.message]), [
      [1, 'failed to parse stage name "MyImage:1.0": invalid reference format: repository name (library/MyImage) must be lowercase'],
      [1, 'failed to parse stage name "alpine:": invalid reference format'],
      [1, 'failed to parse stage name "Tools:1": invalid reference format: repository name (library/Tools) must be lowercase'],
      [1, 'failed to parse stage name "x@sha256:abc": invalid reference format'],
    ]);
  });

  it('InvalidImageReference: a warning naming the build args where the ARG defaults make it (validateBaseImagesWithDefaultArgs)', () => {
    const text = lines('ARG TAG', 'ARG REPO=ghcr.io/org/${UNSET}', 'FROM [[golang:${TAG}-alpine]]', 'FROM [[${REPO}:1]]', 'FROM golang:${TAG:-1}-alpine');
    const [found] = foundAt('InvalidImageReference', text);
    assert.equal(found.severity, 2);
    assert.equal(found.message, 'A build without --build-arg TAG fails: failed to parse stage name "golang:-alpine": invalid reference format');
    // BuildKit's InvalidDefaultArgInFrom on the same base says it: the warning of ours is not shown beside it.
    expectAt('InvalidDefaultArgInFrom', text);
    expectAt('InvalidImageReference', fixture(text).text);
  });

  it('a warning BuildKit\'s InvalidDefaultArgInFrom says is shown where that check is skipped or off; an error always', () => {
    const text = lines('ARG BASE', 'FROM [[${BASE}]] AS a', 'FROM [[$NOPE]] AS b');
    expectAt('BlankBaseName', lines('# check=skip=InvalidDefaultArgInFrom', 'ARG BASE', 'FROM [[${BASE}]] AS a'));
    expectAt('BlankBaseName', text, { rules: { InvalidDefaultArgInFrom: 'off' } });
    expectAt('InvalidDefaultArgInFrom', text);
    const [certain] = expectAt('BlankBaseName', lines('ARG BASE', 'FROM ${BASE} AS a', 'FROM [[$NOPE]] AS b'));
    assert.equal(certain.severity, 1);
  });

  it('InvalidImageReference: not on a stage, on `FROM Builder` (FromStageCasing says it), or on a FROM BuildKit rejects earlier', () => {
    expectAt('InvalidImageReference', lines('FROM alpine AS builder', 'FROM builder', 'FROM Builder', 'COPY --from=BUILDER / /', 'FROM {{ image }} AS x'));
    expectAt('FromStageCasing', lines('FROM alpine AS builder', 'FROM [[Builder]]'));
  });

  it('BlankBaseName: a base the global ARGs leave empty (buildDispatchStates), a warning naming the build arg', () => {
    const [blank] = foundAt('BlankBaseName', lines('ARG BASE', 'FROM [[${BASE}]] AS a', 'FROM [[$NOPE]] AS b', 'FROM ${BASE:-alpine}'));
    assert.deepEqual([blank.severity, blank.message], [2, 'A build without --build-arg BASE fails: base name (${BASE}) should not be blank']);
    // Shown, the warning is left to BuildKit's InvalidDefaultArgInFrom on the same base; the error stays.
    const [certain] = expectAt('BlankBaseName', lines('ARG BASE', 'FROM ${BASE} AS a', 'FROM [[$NOPE]] AS b', 'FROM ${BASE:-alpine}'));
    assert.deepEqual([certain.severity, certain.message], [1, 'base name ($NOPE) should not be blank']);
  });
});

describe('FROM arguments', () => {
  it('MalformedFrom: neither FROM <image> nor FROM <image> AS <name> (parseBuildStageName); nothing more is said of it, nor of a template', () => {
    const [found] = expectAt('MalformedFrom', lines('[[FROM alpine AS]]', '[[FROM alpine AS a b]]', 'FROM {{ image }} AS x', 'FROM alpine AS ok'));
    assert.equal(found.message, 'FROM requires either one or three arguments (FROM <image> or FROM <image> AS <name>): BuildKit fails');
    expectAt('InvalidImageReference', lines('FROM {{ image }} AS x'));
  });
});

describe('parser directives', () => {
  it('DuplicateParserDirective: a directive given twice at the top (parser/directives.go), the check one included', () => {
    const [found] = expectAt('DuplicateParserDirective', lines('# syntax=docker/dockerfile:1', '# check=skip=StageNameCasing', '[[#CHECK = error=true]]', 'FROM a AS Build'));
    assert.equal(found.message, 'only one check parser directive can be used (the first is on line 2): BuildKit fails');
    // Directives end at the first line that is none: a blank line, a comment, an unknown name, an empty value.
    expectAt('DuplicateParserDirective', lines('# check=skip=A', '', '# check=skip=B', 'FROM a'));
    expectAt('DuplicateParserDirective', lines('# foo=bar', '# check=skip=A', '# check=skip=B', 'FROM a'));
    expectAt('DuplicateParserDirective', lines('# check=', '# check=skip=A', '# check=skip=B', 'FROM a'));
  });

  it('InvalidCheckDirective: a # check= value the linter cannot read (linter.ParseLintOptions), and it configures nothing', () => {
    const [found] = expectAt('InvalidCheckDirective', lines('# check=[[skip=StageNameCasing;warn=true]]', 'FROM a AS Build'));
    assert.equal(found.message, 'failed to parse check options: invalid check option "warn"');
    expectAt('StageNameCasing', lines('# check=skip=StageNameCasing;warn=true', 'FROM a AS [[Build]]'));
    assert.equal(expectAt('InvalidCheckDirective', lines('# check=[[error=yes]]', 'FROM a'))[0].message, 'failed to parse check options: failed to parse check option "error=yes": strconv.ParseBool: parsing "yes": invalid syntax');
    // In an instruction's comments, a value that does not parse is ignored.
    expectAt('InvalidCheckDirective', lines('FROM a', '# check=warn=true', 'FROM b'));
  });
});

describe('--from=N past the last stage (dispatchStates.findStateByIndex)', () => {
  // State 2 is the image COPY --from pulls, 3 the empty state the cache mount adds; naming one by index adds it
  // again (4, 5). BuildKit fails only at 6.
  const text = (index: string) => lines('FROM alpine AS one', 'COPY --from=busybox:1.36 /bin/busybox /b', 'RUN --mount=type=cache,target=/c true', 'FROM alpine',
    'COPY --from=2 / /', 'COPY --from=3 / /', `COPY --from=${index} / /`);

  it('ImplicitStageIndex: an index BuildKit gives to an image or an empty state, said as such', () => {
    const [image, empty] = expectAt('ImplicitStageIndex', lines('FROM alpine AS one', 'COPY --from=busybox:1.36 /bin/busybox /b', 'RUN --mount=type=cache,target=/c true', 'FROM alpine', 'COPY --from=[[2]] / /', 'COPY --from=[[3]] / /', 'COPY --from=[[5]] / /'));
    assert.equal(image.message, "There is no stage 2: BuildKit counts the images and mounts that name no stage after the 2 stages, and state 2 is the COPY --from=busybox:1.36 on line 2; this --from names the image 'busybox:1.36' that it pulls, so this copies from that image.");
    assert.equal(empty.message, 'There is no stage 3: BuildKit counts the images and mounts that name no stage after the 2 stages, and state 3 is the RUN --mount without from= on line 3; this --from names the empty state that it adds: nothing is in it, so the build fails when it copies a path from it.');
    expectAt('StageIndexOutOfRange', text('5'));
  });

  it('StageIndexOutOfRange where BuildKit has no such state, counting what it added', () => {
    const [found] = expectAt('StageIndexOutOfRange', lines('FROM alpine AS one', 'COPY --from=busybox:1.36 /bin/busybox /b', 'RUN --mount=type=cache,target=/c true', 'FROM alpine', 'COPY --from=2 / /', 'COPY --from=3 / /', 'COPY --from=[[6]] / /'));
    assert.equal(found.message, 'There is no stage 6: this Dockerfile has 2 stages (0–1), and BuildKit counts the 4 images and mounts before this line that name no stage as states 2–5.');
    expectAt('StageIndexOutOfRange', lines('FROM a', 'COPY --from=[[1]] / /', 'RUN --mount=type=secret,id=x true'));
  });
});

describe('order of stages (dispatchStages)', () => {
  it('a loop closed by FROM <stage> is no cycle to BuildKit: its forward reference fails, reported once', () => {
    expectAt('StageForwardReference', lines('FROM alpine AS a', 'COPY --from=[[b]] / /', 'FROM a AS b'));
    expectAt('CircularStageDependency', lines('FROM alpine AS a', 'COPY --from=b / /', 'FROM a AS b'));
  });

  it('a forward reference in a stage no target builds fails --check and a build that needs it, and says so', () => {
    const [unbuilt] = expectAt('StageForwardReference', lines('FROM alpine AS a', 'COPY --from=[[b]] / /', 'FROM alpine AS b', 'FROM alpine'));
    assert.equal(unbuilt.message, "Stage 'b' is defined after 'a' (line 3): BuildKit requires it to be defined before. No target builds 'a': `docker build --check` fails, and so does a build whose target needs it.");
    const [built] = expectAt('StageForwardReference', lines('FROM alpine AS a', 'COPY --from=[[b]] / /', 'FROM alpine AS b', 'FROM a'));
    assert.equal(built.message, "Stage 'b' is defined after 'a' (line 3): BuildKit requires it to be defined before.");
  });

  it('an ONBUILD trigger naming a later stage fails where it runs, at the FROM of the stage built from its stage', () => {
    const [found] = expectAt('StageForwardReference', lines('FROM alpine AS tmpl', 'ONBUILD COPY --from=later / /', 'FROM [[tmpl]] AS child', 'FROM alpine AS later', 'COPY --from=child / /'));
    assert.equal(found.message, "The ONBUILD trigger of 'tmpl' on line 2 runs here, in 'child': it names 'later', defined after it (line 4): BuildKit fails when it builds 'child'.");
    const [unbuilt] = expectAt('StageForwardReference', lines('FROM alpine AS tmpl', 'ONBUILD COPY --from=later / /', 'FROM [[tmpl]] AS child', 'FROM alpine AS later'));
    assert.match(unbuilt.message, /No target builds it: only a build whose target needs it fails \(`docker build --check` runs no trigger of a stage the last stage does not need\)\.$/);
    expectAt('StageForwardReference', lines('FROM alpine AS tmpl', 'ONBUILD COPY --from=child / /', 'FROM tmpl AS child'));
    expectAt('CircularStageDependency', lines('FROM alpine AS tmpl', 'ONBUILD COPY --from=child / /', 'FROM tmpl AS child'));
  });

  it('what else a trigger fails on is said where it runs: an index past every state, a variable, an image name', () => {
    const [index] = expectAt('StageIndexOutOfRange', lines('FROM alpine AS tmpl', 'ONBUILD COPY --from=5 / /', 'FROM [[tmpl]]'));
    assert.equal(index.message, "The ONBUILD trigger of 'tmpl' on line 2 runs here, in '#1 (unnamed)': There is no stage 5: this Dockerfile has 2 stages (0–1).");
    expectAt('StageIndexOutOfRange', lines('FROM alpine AS tmpl', 'ONBUILD COPY --from=5 / /'));
    expectAt('VariableInStageReference', lines('FROM alpine AS tmpl', 'ONBUILD COPY --from=$X / /', 'FROM [[tmpl]]'));
    expectAt('InvalidImageReference', lines('FROM alpine AS tmpl', 'ONBUILD COPY --from=Bad_Name / /', 'FROM [[tmpl]]'));
  });

  it('a stage named scratch is what a mount without from= gets (detectRunMount): after a cache mount it fails, before it it is used', () => {
    const [found] = expectAt('StageForwardReference', lines('FROM alpine', 'RUN [[--mount=type=cache,target=/root/.npm]] npm ci', 'RUN --mount=type=secret,id=x true', 'FROM alpine AS scratch'));
    assert.equal(found.message, "This cache mount has no from=, so BuildKit mounts the stage named 'scratch' (line 4), which is defined after '#0 (unnamed)': BuildKit requires it to be defined before. No target builds '#0 (unnamed)': `docker build --check` fails, and so does a build whose target needs it.");
    expectAt('UnusedStage', lines('FROM alpine AS scratch', 'FROM alpine', 'RUN --mount=type=cache,target=/c true'));
    expectAt('UnusedStage', lines('[[FROM alpine AS scratch]]', 'FROM alpine', 'RUN --mount=from=x,target=/c true'));
    expectAt('CircularStageDependency', lines('FROM alpine AS scratch', 'RUN [[--mount=type=secret,id=x]] true'));
  });
});

describe('FROM lines expanded (buildMetaArgs, buildDispatchStates)', () => {
  it('RequiredArgUnset: ${X:?} with X unset or empty fails where the lexer meets it, in its words', () => {
    const [base] = expectAt('RequiredArgUnset', lines('ARG TAG=', 'FROM [[alpine:${TAG:?}]]', 'FROM alpine:${TAG?}'));
    assert.deepEqual([base.severity, base.message], [2, 'A build without --build-arg TAG fails: failed to process "alpine:${TAG:?}": TAG: is not allowed to be empty']);
    const [certain] = expectAt('RequiredArgUnset', lines('FROM [[alpine:${NOPE:?}]]'));
    assert.deepEqual([certain.severity, certain.message], [1, 'failed to process "alpine:${NOPE:?}": NOPE: is not allowed to be unset']);
    const [global] = expectAt('RequiredArgUnset', lines('ARG B', 'ARG A=[[${B:?}]]', 'FROM alpine:$A'));
    assert.equal(global.message, 'A build without --build-arg A fails: failed to process "${B:?}": B: is not allowed to be unset');
    const [platform] = expectAt('RequiredArgUnset', lines('FROM --platform=[[linux/${ARCH:?}]] alpine'));
    assert.equal(platform.message, 'failed to process arguments for platform : failed to process "linux/${ARCH:?}": ARCH: is not allowed to be unset');
  });

  it('${X?} with X set to nothing expands to nothing, and the base is judged', () => {
    expectAt('RequiredArgUnset', lines('ARG TAG=', 'FROM alpine:${TAG?}'));
    foundAt('InvalidImageReference', lines('ARG TAG=', 'FROM [[alpine:${TAG?}]]'));
    expectAt('InvalidDefaultArgInFrom', lines('ARG TAG=', 'FROM [[alpine:${TAG?}]]'));
  });

  it('InvalidDefaultArgInFrom stops at the first FROM the lexer fails on, as validateBaseImagesWithDefaultArgs does', () => {
    expectAt('InvalidDefaultArgInFrom', lines('FROM [[Alpine:3]]', 'FROM alpine:${NOPE:?}', 'FROM Debian'));
    expectAt('InvalidDefaultArgInFrom', lines('ARG A=${B:?}', 'FROM Alpine:3'));
  });

  it('InvalidPlatform: a --platform that expands to no platform (platforms.Parse), in its words', () => {
    const [empty] = expectAt('InvalidPlatform', lines('ARG ARCH', 'FROM --platform=[[linux/${ARCH}]] alpine'));
    assert.deepEqual([empty.severity, empty.message], [2, 'A build without --build-arg ARCH fails: failed to parse platform linux/${ARCH}: "" is an invalid component of "linux/": platform specifier component must match "^[A-Za-z0-9_.-]+$": invalid argument']);
    const [undeclared] = expectAt('InvalidPlatform', lines('FROM --platform=[[${NOPE}]] alpine'));
    assert.deepEqual([undeclared.severity, undeclared.message], [1, 'empty platform value from expression ${NOPE}']);
    assert.equal(expectAt('InvalidPlatform', lines('FROM --platform=[[/amd64]] alpine'))[0].message,
      'failed to parse platform /amd64: "" is an invalid OS component of "/amd64": OSAndVersion specifier component must match "^([A-Za-z0-9_-]+)(?:\\\\(([A-Za-z0-9_.%-]*)((?:\\\\+[A-Za-z0-9_.%-]+)*)\\\\))?$": invalid argument');
    expectAt('InvalidPlatform', lines('FROM --platform=[[linux/amd64/v8/x]] alpine AS linux-amd64', 'FROM --platform=$BUILDPLATFORM alpine', 'FROM --platform=linux/arm64/v8 alpine AS arm64'));
    // A lone component must be an OS or an architecture containerd knows (database.go).
    assert.equal(expectAt('InvalidPlatform', lines('FROM --platform=linux alpine AS l', 'FROM --platform=x86_64 alpine AS a', 'FROM --platform=[[foo]] alpine AS f', 'FROM --platform=foo/bar alpine AS b'))[0].message,
      'failed to parse platform foo: "foo": unknown operating system or architecture: invalid argument');
  });
});

// The stage model against every row of ../shared/docs/stage-semantics.md.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/analysis/parseFile';
import { buildWideStages, reachability } from '../../server/src/analysis/graph';
import { globalArgDefaults } from '../../server/src/analysis/args';
import type { StageModel, StageReference } from '../../server/src/analysis/model';
import { lines } from '../support/fixture';

function refs(model: StageModel, kind?: StageReference['kind']): StageReference[] {
  return model.references.filter((r) => !kind || r.kind === kind);
}

function only(model: StageModel, kind: StageReference['kind']): StageReference {
  const found = refs(model, kind);
  const last = found[found.length - 1];
  assert.ok(last, `no ${kind} reference`);
  return last;
}

function unused(model: StageModel, targets: string[] = []): string[] {
  const r = reachability(model.stages, model.edges, targets.map((name) => ({ name, origin: 'test' })), buildWideStages(model.references));
  return model.stages.filter((s) => r.builtBy[s.index].length === 0).map((s) => s.name?.text ?? String(s.index));
}

describe('names', () => {
  it('lower-cases the name and matches AS case-insensitively', () => {
    const model = analyze(lines('FROM alpine as Builder', 'FROM alpine aS other'));
    assert.equal(model.stages[0].name?.text, 'Builder');
    assert.equal(model.stages[0].normalizedName, 'builder');
    assert.equal(model.stages[1].normalizedName, 'other');
  });

  it('takes no name unless FROM has exactly the AS form', () => {
    const model = analyze(lines('FROM alpine AS', 'FROM alpine foo bar', 'FROM alpine'));
    assert.deepEqual(model.stages.map((s) => s.name), [undefined, undefined, undefined]);
  });

  it('counts unnamed stages by index, all stages in file order', () => {
    const model = analyze(lines('FROM a', 'FROM b AS x', 'FROM c', 'COPY --from=2 / /', 'COPY --from=0 / /'));
    assert.deepEqual(model.stages.map((s) => s.index), [0, 1, 2]);
    assert.deepEqual(refs(model, 'copy-from').map((r) => r.resolution), [
      { kind: 'stage', stage: 2, by: 'index' },
      { kind: 'stage', stage: 0, by: 'index' },
    ]);
  });
});

describe('FROM X', () => {
  it('finds an earlier stage by its name', () => {
    const model = analyze(lines('FROM golang AS build', 'FROM build AS test'));
    assert.deepEqual(only(model, 'from').resolution, { kind: 'stage', stage: 0, by: 'name' });
  });

  it('compares as written against the lower-cased names: FROM Builder is an image', () => {
    const model = analyze(lines('FROM golang AS Builder', 'FROM Builder', 'FROM builder'));
    const [, upper, lower] = refs(model, 'from');
    assert.deepEqual(upper.resolution, { kind: 'image' });
    assert.deepEqual(lower.resolution, { kind: 'stage', stage: 0, by: 'name' });
  });

  it('only sees stages defined earlier: FROM foo AS foo is the image foo', () => {
    const model = analyze(lines('FROM foo AS foo', 'FROM later', 'FROM alpine AS later'));
    assert.deepEqual(refs(model, 'from').map((r) => r.resolution.kind), ['image', 'image', 'image']);
  });

  it('expands global ARG defaults, and only global ones', () => {
    const model = analyze(lines('ARG BASE=build', 'ARG GO=1.22', 'FROM golang:${GO}-alpine AS build', 'ARG BASE=other', 'FROM ${BASE} AS next'));
    assert.equal(model.stages[0].expandedBase, 'golang:1.22-alpine');
    assert.equal(model.stages[1].expandedBase, 'build');
  });

  it('reads a bare ${X} whose default names a stage as a selector of any earlier stage, else as an image', () => {
    const selector = analyze(lines('ARG OS=debian', 'FROM a AS alpine', 'FROM b AS debian', 'FROM ${OS} AS common'));
    assert.deepEqual(only(selector, 'from').resolution, { kind: 'pattern', stages: [0, 1] });
    const image = analyze(lines('ARG BASE=alpine:3.20', 'FROM a AS build', 'FROM ${BASE} AS final'));
    assert.deepEqual(only(image, 'from').resolution, { kind: 'image' });
  });

  it('reads a bare $X whose global ARG has no default as a selector of any earlier stage: only --build-arg sets it', () => {
    // fluent-bit's packaging/distros/*/Dockerfile: `ARG BASE_BUILDER`, `*-base` stages, `FROM $BASE_BUILDER AS builder`.
    const model = analyze(lines('ARG BASE', 'FROM alpine AS a-base', 'FROM alpine AS b-base', 'FROM $BASE AS builder', 'RUN make'));
    assert.deepEqual(model.baseReferences[2]!.resolution, { kind: 'pattern', stages: [0, 1], buildArg: 'BASE' });
    assert.deepEqual(unused(model), []);
    // No earlier stage to name: an image, as before; an undeclared $X is no build arg either.
    assert.deepEqual(only(analyze(lines('ARG BASE', 'FROM $BASE AS builder')), 'from').resolution, { kind: 'image' });
    assert.deepEqual(analyze(lines('FROM alpine AS a', 'FROM $UNDECLARED')).baseReferences[1]!.resolution, { kind: 'image' });
    // BuildKit sets an automatic ARG declared so (`ARG TARGETOS`): the stages named like its values, as undeclared.
    assert.deepEqual(analyze(lines('ARG TARGETOS', 'FROM a AS linux', 'FROM a AS other', 'FROM ${TARGETOS}')).baseReferences[2]!.resolution, { kind: 'pattern', stages: [0] });
  });

  it('expands a global ARG that uses an earlier one, and ${X:-default}', () => {
    const model = analyze(lines('ARG V=3', 'ARG IMAGE=alpine:${V}', 'FROM ${IMAGE}', 'FROM ${MISSING:-busybox}'));
    assert.equal(model.stages[0].expandedBase, 'alpine:3');
    assert.equal(model.stages[1].expandedBase, 'busybox');
  });

  it('treats a name built from ARGs around literal text as a pattern over earlier stages', () => {
    const model = analyze(lines('FROM a AS binaries-linux', 'FROM a AS binaries-windows', 'FROM a AS other', 'ARG TARGETOS', 'FROM binaries-${TARGETOS}'));
    assert.deepEqual(only(model, 'from').resolution, { kind: 'pattern', stages: [0, 1] });
    assert.deepEqual(unused(model), ['other']);
  });

  it('binds a duplicated name to the latest earlier definition', () => {
    const model = analyze(lines('FROM a AS x', 'FROM x AS first', 'FROM b AS x', 'FROM x AS second'));
    const [, first, , second] = refs(model, 'from');
    assert.deepEqual(first.resolution, { kind: 'stage', stage: 0, by: 'name' });
    assert.deepEqual(second.resolution, { kind: 'stage', stage: 2, by: 'name' });
  });
});

describe('COPY --from=X', () => {
  it('reads all digits as an index, and reports one out of range', () => {
    const model = analyze(lines('FROM a', 'FROM b', 'COPY --from=7 / /'));
    assert.deepEqual(only(model, 'copy-from').resolution, { kind: 'index-out-of-range' });
  });

  it('finds a name anywhere in the file, case-insensitively, and marks a later one as forward', () => {
    const model = analyze(lines('FROM a AS first', 'COPY --from=LATER / /', 'FROM b AS later'));
    const reference = only(model, 'copy-from');
    assert.deepEqual(reference.resolution, { kind: 'stage', stage: 1, by: 'name' });
    assert.equal(reference.order, 'forward');
  });

  it('binds a duplicated name to the last definition', () => {
    const model = analyze(lines('FROM a AS x', 'FROM b AS x', 'FROM c', 'COPY --from=x / /'));
    assert.deepEqual(only(model, 'copy-from').resolution, { kind: 'stage', stage: 1, by: 'name' });
  });

  it('is an image or a named context when no stage has the name', () => {
    const model = analyze(lines('FROM a', 'COPY --from=busybox:1.36 / /', 'COPY --from=golang-base / /'));
    assert.deepEqual(refs(model, 'copy-from').map((r) => r.resolution.kind), ['image', 'image']);
  });

  it('does not expand variables', () => {
    const model = analyze(lines('ARG S=a', 'FROM a AS a', 'FROM b', 'COPY --from=$S / /', 'COPY --from=${S} / /'));
    assert.deepEqual(refs(model, 'copy-from').map((r) => r.resolution.kind), ['variable', 'variable']);
  });

  it('strips shell quotes from the value', () => {
    const model = analyze(lines('FROM a AS build', 'FROM b', 'COPY --from="build" / /'));
    const reference = only(model, 'copy-from');
    assert.equal(reference.text, 'build');
    assert.deepEqual(reference.range, { start: { line: 2, character: 13 }, end: { line: 2, character: 18 } });
  });

  it('marks a reference to its own stage, by name or index, as self', () => {
    const model = analyze(lines('FROM a AS s', 'COPY --from=s / /', 'COPY --from=0 / /'));
    assert.deepEqual(refs(model, 'copy-from').map((r) => r.order), ['self', 'self']);
  });

  it('finds --from beside other flags', () => {
    const model = analyze(lines('FROM a AS build', 'FROM b', 'COPY --link --chown=1:1 --from=build / /', 'COPY --from=build --link / /'));
    assert.deepEqual(refs(model, 'copy-from').map((r) => r.resolution.kind), ['stage', 'stage']);
  });

  it('reads ONBUILD COPY --from', () => {
    const model = analyze(lines('FROM a AS src', 'FROM b AS tmpl', 'ONBUILD COPY --from=src / /'));
    const reference = only(model, 'copy-from');
    assert.equal(reference.onbuild, true);
    assert.deepEqual(reference.resolution, { kind: 'stage', stage: 0, by: 'name' });
  });
});

describe('RUN --mount=...,from=X', () => {
  it('finds a stage name case-insensitively, in any position of the key list', () => {
    const model = analyze(lines('FROM a AS deps', 'FROM b', 'RUN --mount=from=DEPS,target=/d --mount=type=cache,target=/c,from=deps true'));
    assert.deepEqual(refs(model, 'mount-from').map((r) => r.resolution), [
      { kind: 'stage', stage: 0, by: 'name' },
      { kind: 'stage', stage: 0, by: 'name' },
    ]);
  });

  it('takes no index: from=0 is an image called 0', () => {
    const model = analyze(lines('FROM a', 'FROM b', 'RUN --mount=from=0,target=/x true'));
    assert.deepEqual(only(model, 'mount-from').resolution, { kind: 'mount-index' });
  });

  it('does not expand variables, and marks a later stage as forward', () => {
    const model = analyze(lines('FROM a', 'RUN --mount=from=$X true', 'RUN --mount=from=later true', 'FROM b AS later'));
    const [variable, later] = refs(model, 'mount-from');
    assert.equal(variable.resolution.kind, 'variable');
    assert.equal(later.order, 'forward');
  });
});

describe('cycles', () => {
  it('finds a cycle through COPY edges', () => {
    const model = analyze(lines('FROM x AS a', 'COPY --from=b / /', 'FROM x AS b', 'COPY --from=a / /'));
    assert.equal(model.circular.size, 2);
  });

  it('does not hang on FROM b AS a / FROM a AS b', () => {
    const model = analyze(lines('FROM b AS a', 'FROM a AS b'));
    assert.deepEqual(refs(model, 'from').map((r) => r.resolution.kind), ['image', 'stage']);
    assert.equal(model.circular.size, 0);
  });

  it('walks COPY and mount edges only, as validateCircularDependency does: FROM and ONBUILD close no cycle', () => {
    // BuildKit builds this (the trigger copies from child as it stands) and fails the second on its forward COPY.
    assert.equal(analyze(lines('FROM x AS tmpl', 'ONBUILD COPY --from=child / /', 'FROM tmpl AS child')).circular.size, 0);
    assert.equal(analyze(lines('FROM x AS a', 'COPY --from=b / /', 'FROM a AS b')).circular.size, 0);
    assert.equal(analyze(lines('FROM x AS a', 'RUN --mount=from=b true', 'FROM x AS b', 'COPY --from=a / /')).circular.size, 2);
  });
});

describe('which stages are built', () => {
  it('builds what the last stage reaches over FROM, COPY --from, mounts and indices', () => {
    const model = analyze(lines(
      'FROM a AS base', 'FROM a AS deps', 'FROM a AS unused', 'FROM a', 'FROM base AS build',
      'RUN --mount=from=deps true', 'COPY --from=3 / /'));
    assert.deepEqual(unused(model), ['unused']);
  });

  it('follows ONBUILD of a base stage into its children, not its grandchildren', () => {
    const model = analyze(lines(
      'FROM a AS src', 'FROM a AS src2', 'FROM a AS tmpl', 'ONBUILD COPY --from=src / /',
      'FROM tmpl AS child', 'ONBUILD COPY --from=src2 / /', 'FROM child AS grandchild'));
    const edges = model.edges.map((e) => `${e.from}->${e.to}`);
    assert.ok(edges.includes('3->0'), 'child depends on src');
    assert.ok(!edges.includes('2->0'), 'tmpl itself does not');
    assert.ok(edges.includes('4->1'), 'grandchild depends on src2 through child');
    assert.ok(!edges.includes('4->0'), 'grandchild does not inherit tmpl\'s trigger');
    assert.deepEqual(unused(model), []);
  });

  it('counts configured targets, case-insensitively and as patterns', () => {
    const model = analyze(lines('FROM a AS test', 'FROM a AS bin-linux', 'FROM a AS bin-darwin', 'FROM a AS other', 'FROM a AS release'));
    assert.deepEqual(unused(model), ['test', 'bin-linux', 'bin-darwin', 'other']);
    assert.deepEqual(unused(model, ['TEST', 'bin-${TARGETOS}']), ['other']);
  });

  it('binds a duplicated target name to its last definition', () => {
    const model = analyze(lines('FROM a AS x', 'FROM b AS x', 'FROM c'));
    assert.deepEqual(unused(model, ['x']), ['x']);
    assert.equal(unused(model, ['x']).length, 1);
  });
});

describe('ARG SOURCE_DATE_EPOCH=<stage> (dockerfile2llb/epoch.go)', () => {
  const epochStage = lines('FROM scratch AS src', 'ADD https://example.com/src.tar /');

  it('names the first stage of that name in any case, for every target', () => {
    const model = analyze(lines('ARG SOURCE_DATE_EPOCH=SRC') + epochStage + lines('FROM busybox AS app', 'FROM busybox AS other'));
    const reference = only(model, 'source-date-epoch');
    assert.deepEqual([reference.text, reference.resolution, reference.range.start], ['SRC', { kind: 'stage', stage: 0, by: 'name' }, { line: 0, character: 22 }]);
    assert.deepEqual(unused(model), ['app']);
    assert.deepEqual(unused(model, ['app']), []);
    assert.deepEqual(model.edges, []);
  });

  it('takes the last global declaration with a value; a number, `context` and stage ARGs are no stage', () => {
    assert.equal(only(analyze(lines('ARG SOURCE_DATE_EPOCH=x', 'ARG SOURCE_DATE_EPOCH="src"', 'ARG SOURCE_DATE_EPOCH') + epochStage), 'source-date-epoch').range.start.character, 23);
    for (const value of ['1700000000', 'context', '']) {
      assert.deepEqual(refs(analyze(lines(`ARG SOURCE_DATE_EPOCH=${value}`) + epochStage), 'source-date-epoch'), [], value);
    }
    assert.deepEqual(refs(analyze(epochStage + lines('ARG SOURCE_DATE_EPOCH=src')), 'source-date-epoch'), []);
  });

  it('is a named context or an error when no stage has the name', () => {
    assert.deepEqual(only(analyze(lines('ARG SOURCE_DATE_EPOCH=elsewhere') + epochStage), 'source-date-epoch').resolution, { kind: 'image' });
  });
});

describe('global ARG values', () => {
  it('keeps an earlier value when ARG NAME is declared again without one (buildMetaArgs)', () => {
    const model = analyze(lines('ARG V=1', 'ARG V', 'ARG W=${V}-x', 'FROM a:$V'));
    assert.deepEqual([...globalArgDefaults(model.globalArgs)], [['V', '1'], ['W', '1-x']]);
    assert.equal(model.stages[0].expandedBase, 'a:1');
  });
});

describe('parser facts that move positions', () => {
  it('ignores FROM text inside a heredoc body', () => {
    const model = analyze(lines('FROM a AS s', 'RUN <<EOF', 'FROM x AS y', 'COPY --from=zzz / /', 'EOF', 'COPY --from=s / /'));
    assert.equal(model.stages.length, 1);
    assert.deepEqual(model.stages[0].range.end, { line: 5, character: 17 });
    assert.deepEqual(refs(model, 'copy-from').map((r) => r.text), ['s']);
  });

  it('keeps an unterminated heredoc inside its stage', () => {
    const model = analyze(lines('FROM a AS s', 'RUN <<EOF', 'FROM x AS y', 'echo'));
    assert.equal(model.stages.length, 1);
  });

  it('reads a backtick-escape file with continuations', () => {
    const model = analyze(['# escape=`', 'FROM mcr.microsoft.com/windows AS build', 'RUN echo a `', '    && echo b', 'FROM build', 'COPY --from=build C:\\a C:\\b'].join('\r\n'));
    assert.equal(model.escapeCharacter, '`');
    assert.equal(model.stages.length, 2);
    assert.deepEqual(model.stages[0].range.end, { line: 3, character: 13 });
    assert.deepEqual(only(model, 'copy-from').range, { start: { line: 5, character: 12 }, end: { line: 5, character: 17 } });
  });

  it('gives the same positions on CRLF files', () => {
    const lf = analyze(lines('FROM a AS build', 'RUN x \\', '  y', 'FROM b', 'COPY --from=build / /'));
    const crlf = analyze(lines('FROM a AS build', 'RUN x \\', '  y', 'FROM b', 'COPY --from=build / /').replace(/\n/g, '\r\n'));
    assert.deepEqual(crlf.references, lf.references);
    assert.deepEqual(crlf.stages, lf.stages);
  });

  it('ignores a byte order mark, which still counts as a column of the text', () => {
    const model = analyze('\uFEFFFROM a AS build\nFROM build\n');
    assert.equal(model.stages.length, 2);
    assert.deepEqual(model.stages[0].name?.range, { start: { line: 0, character: 11 }, end: { line: 0, character: 16 } });
    assert.deepEqual(only(model, 'from').resolution, { kind: 'stage', stage: 0, by: 'name' });
  });

  it('counts columns in UTF-16 code units after non-ASCII text', () => {
    const model = analyze(lines('FROM a AS build', 'FROM b', 'RUN echo "héllo 😀" && true --mount=x # ignored', 'COPY --chown=ü:😀 --from=build / /'));
    assert.deepEqual(only(model, 'copy-from').range, { start: { line: 3, character: 25 }, end: { line: 3, character: 30 } });
  });

  it('handles an empty file, a file with no FROM, and a half-typed FROM', () => {
    assert.equal(analyze('').stages.length, 0);
    assert.equal(analyze('# just a comment\nARG X=1\n').globalArgs.length, 1);
    const model = analyze('FROM\nFROM --platform=linux/amd64 \n');
    assert.deepEqual(model.stages.map((s) => s.base), [undefined, undefined]);
    assert.equal(model.stages[1].platform?.text, 'linux/amd64');
  });

  it('reads directives and the doc comment above FROM', () => {
    const model = analyze(lines('# syntax=docker/dockerfile:1', '# check=skip=StageNameCasing', '', '# build compiles the app', '# with Go', 'FROM golang AS build'));
    assert.deepEqual(model.directives.map((d) => d.name), ['syntax', 'check']);
    assert.equal(model.stages[0].docComment, 'build compiles the app\nwith Go');
  });
});

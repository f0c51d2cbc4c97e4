// What a change to the build context re-runs (features/cacheImpact/), row by row: which instructions read the
// context, what re-runs after a step misses the cache, which paths a source takes in, and the hover.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { MarkupContent } from 'vscode-languageserver-types';
import { analyze } from '../../server/src/analysis/parseFile';
import { AnalyzedDocument } from '../../server/src/analysis/document';
import { featureContext } from '../../server/src/features/featureContext';
import { contextReads } from '../../server/src/features/cacheImpact/contextReads';
import { rerunsFrom } from '../../server/src/features/cacheImpact/reruns';
import { impactOfPath, overlaps } from '../../server/src/features/cacheImpact/pathImpact';
import { hoverCacheImpact } from '../../server/src/features/cacheImpact/cacheHover';
import { stageGraph } from '../../server/src/features/stageGraph';
import { fixture, lines } from '../support/fixture';

const GRAPH = lines(
  'FROM golang:1.22 AS build', // 0
  'WORKDIR /src', // 1
  'COPY go.mod go.sum ./', // 2
  'RUN go mod download', // 3
  'COPY . .', // 4
  'RUN go build -o /app ./cmd', // 5
  'FROM build AS test', // 6
  'RUN go test ./...', // 7
  'FROM alpine AS docs', // 8
  'COPY docs/ /docs', // 9
  'FROM alpine AS release', // 10
  'RUN apk add ca-certificates', // 11
  'COPY --from=build /app /app', // 12
  'RUN --mount=from=docs,target=/d ls /d', // 13
  'ENTRYPOINT ["/app"]', // 14
);

describe('cache impact: the instructions that read the build context', () => {
  const rows: [string, string[] | undefined][] = [
    ['COPY . .', ['.']],
    ['COPY ./src/ /app/src', ['src']],
    ['COPY go.mod go.sum ./', ['go.mod', 'go.sum']],
    ['COPY /etc/app.conf /etc/', ['etc/app.conf']],
    ['COPY --chown=1:1 a b /x/', ['a', 'b']],
    ['COPY --from=build /app /app', undefined],
    ['ADD https://example.com/a.tgz /a', undefined],
    ['ADD git@github.com:moby/buildkit.git /bk', undefined],
    ['ADD app.tar.gz /opt/', ['app.tar.gz']],
    ['COPY <<EOF /x\nhello\nEOF', undefined],
    ['RUN --mount=type=bind,source=go.sum,target=go.sum go mod download', ['go.sum']],
    ['RUN --mount=target=/src make', ['.']],
    ['RUN --mount=type=cache,target=/root/.cache make', undefined],
    ['RUN --mount=type=bind,from=build,source=/app,target=/app ls', undefined],
    ['RUN make', undefined],
  ];
  for (const [instruction, paths] of rows) {
    it(`${instruction.split('\n')[0]} reads ${paths ? paths.join(', ') : 'nothing of it'}`, () => {
      const reads = contextReads(analyze(`FROM alpine\n${instruction}\n`));
      assert.deepEqual(reads.map((read) => read.paths)[0], paths);
    });
  }

  it('marks a source with a variable as unknown', () => {
    const [read] = contextReads(analyze('FROM alpine\nARG DIR=src\nCOPY ${DIR} go.mod /x/\n'));
    assert.deepEqual({ paths: read.paths, unknown: read.unknown }, { paths: ['go.mod'], unknown: true });
  });

  it('reads no context in a mount without from= where a stage is named scratch (BuildKit mounts that stage)', () => {
    assert.deepEqual(contextReads(analyze('FROM alpine AS scratch\nFROM alpine\nRUN --mount=target=/x ls\n')), []);
  });
});

describe('cache impact: what re-runs after a step misses the cache', () => {
  const model = analyze(GRAPH);
  it('re-runs the rest of the stage, every stage built FROM it, and a stage copying from it from that COPY', () => {
    assert.deepEqual(rerunsFrom(model, 0, 4), [
      { stage: 0, fromLine: 4, whole: false, possible: false },
      { stage: 1, fromLine: 6, whole: true, possible: false },
      { stage: 3, fromLine: 12, whole: false, possible: false },
    ]);
  });

  it('follows a mount from= from the RUN that mounts', () => {
    assert.deepEqual(rerunsFrom(model, 2, 9), [
      { stage: 2, fromLine: 9, whole: false, possible: false },
      { stage: 3, fromLine: 13, whole: false, possible: false },
    ]);
  });

  it('takes a stage reached twice from the earlier instruction, and follows chains', () => {
    const chained = analyze(lines('FROM alpine AS a', 'COPY x /x', 'FROM alpine AS b', 'COPY --from=a /x /x', 'FROM alpine AS c', 'COPY --from=a /x /y', 'COPY --from=b /x /z', 'FROM c AS d'));
    assert.deepEqual(rerunsFrom(chained, 0, 1).map(({ stage, fromLine }) => [stage, fromLine]), [[0, 1], [1, 3], [2, 5], [3, 7]]);
  });

  it('runs a stage\'s ONBUILD triggers in the whole stage built FROM it', () => {
    const triggered = analyze(lines('FROM alpine AS a', 'ONBUILD COPY --from=b /x /x', 'FROM alpine AS b', 'COPY x /x', 'FROM a AS c', 'RUN ls'));
    assert.deepEqual(rerunsFrom(triggered, 1, 3).map(({ stage, fromLine, whole }) => [stage, fromLine, whole]), [[1, 3, false], [2, 4, true]]);
  });

  it('says possible where only a name built from ARGs reaches the stage', () => {
    const patterned = analyze(lines('ARG V=a', 'FROM alpine AS base-a', 'COPY x /x', 'FROM alpine AS base-b', 'FROM base-${V}', 'RUN ls'));
    assert.deepEqual(rerunsFrom(patterned, 0, 2).map(({ stage, possible }) => [stage, possible]), [[0, false], [2, true]]);
  });
});

describe('cache impact: the paths a source takes in', () => {
  const rows: [string, string, string][] = [
    ['.', 'src/main.go', 'certain'], ['src', 'src/main.go', 'certain'], ['src/main.go', 'src', 'certain'],
    ['go.mod', 'go.sum', 'none'], ['src', 'srcs/a', 'none'], ['*.json', 'package.json', 'certain'],
    ['*.json', 'src/a.json', 'none'], ['cmd/*/main.go', 'cmd/app/main.go', 'certain'], ['file[0-9]', 'file1', 'possible'],
  ];
  for (const [source, changed, expected] of rows) {
    it(`${source} and a change to ${changed}: ${expected}`, () => assert.equal(overlaps(source, changed), expected));
  }

  it('finds what a change to one path re-runs, and nothing for a path .dockerignore excludes', () => {
    const model = analyze(GRAPH);
    assert.deepEqual(impactOfPath(model, 'go.mod').map((impact) => impact.read.instruction.range.start.line), [2, 4]);
    assert.deepEqual(impactOfPath(model, './docs/index.md').map((impact) => impact.read.instruction.range.start.line), [4, 9]);
    assert.deepEqual(impactOfPath(model, 'docs/index.md', ['docs']), []);
    assert.deepEqual(impactOfPath(model, 'docs/index.md', ['docs', '!docs/index.md']).map((impact) => impact.possible), [false, false]);
    // A directory an exclusion re-includes part of: what lies under it may be sent.
    assert.deepEqual(impactOfPath(model, 'docs', ['docs', '!docs/index.md']).map((impact) => impact.possible), [true, true]);
  });
});

describe('cache impact: the hover', () => {
  function hover(marked: string, targets: string[] = []): string | undefined {
    const fx = fixture(marked);
    const context = featureContext(AnalyzedDocument.fromText(fx.text), targets.map((name) => ({ name, origin: 'test' })));
    return (hoverCacheImpact(context, fx.cursor)?.contents as MarkupContent | undefined)?.value;
  }

  it('says what a change to a COPY\'s source re-runs, per stage and per target', () => {
    assert.equal(hover(GRAPH.replace('COPY . .', 'COPY |. .'), ['test']), [
      '**Cache**: a change to `./` in the build context re-runs:',
      '',
      '- `build`: lines 5–6',
      '- `test`: the whole stage',
      '- `release`: lines 13–15',
      '',
      'In the build of target `release` (default target): 2 of its 3 stages; target `test` (test): 2 of its 2 stages.',
      '',
      'BuildKit still reuses a later step whose input comes out unchanged.',
    ].join('\n'));
  });

  it('answers on a bind mount of the context, not on a COPY --from source or the keyword', () => {
    assert.match(hover('FROM alpine\nRUN --mount=type=bind,source=go.sum,tar|get=go.sum ls\n') ?? '', /`go\.sum` in the build context re-runs:\n\n- `#0 \(unnamed\)`: line 2/);
    assert.equal(hover(GRAPH.replace('COPY --from=build /app', 'COPY --from=build /a|pp')), undefined);
    assert.equal(hover(GRAPH.replace('COPY . .', 'CO|PY . .')), undefined);
  });
});

describe('cache impact: the stages the graph marks', () => {
  it('marks every stage a change to the build context re-runs, and none it cannot reach or reaches only maybe', () => {
    const marked = (text: string) => stageGraph(featureContext(AnalyzedDocument.fromText(text))).nodes.filter((node) => node.contextChange).map((node) => node.label);
    // build and docs read the context; test is built FROM build; release copies from build and mounts docs.
    assert.deepEqual(marked(GRAPH), ['build', 'test', 'docs', 'release']);
    assert.deepEqual(marked(lines('FROM alpine AS tools', 'RUN apk add git', 'FROM golang AS build', 'COPY . .', 'FROM alpine', 'COPY --from=tools /usr/bin/git /git')), ['build']);
    assert.deepEqual(marked(lines('FROM alpine AS a', 'RUN --mount=target=/src make', 'FROM alpine AS out', 'RUN --mount=from=a,target=/a ls /a')), ['a', 'out']);
    // A name built from ARGs may name another stage (a build arg overrides the default): not marked.
    assert.deepEqual(marked(lines('ARG V=a', 'FROM alpine AS a', 'COPY . .', 'FROM alpine AS out', 'COPY --from=${V} /x /x')), ['a']);
  });
});

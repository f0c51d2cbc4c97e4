// The stage graph webview's pure parts: the build of one target (the target picker), the stage around the
// editor's cursor, and the DOT it lays out (ids and classes it finds the drawing by; bounded layout on large graphs).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AnalyzedDocument } from '../../server/src/analysis/document';
import { featureContext } from '../../server/src/features/featureContext';
import { stageGraph } from '../../server/src/features/stageGraph';
import { formatDot } from '../../server/src/features/graphFormats';
import { buildOf, stageAtLine } from '../../client/src/graph/subgraph';
import { generateDockerfile } from '../support/generate';
import { lines } from '../support/fixture';

const graphOf = (text: string) => stageGraph(featureContext(AnalyzedDocument.fromText(text), []));

const TEXT = lines(
  'FROM golang AS base',        // 0
  'FROM base AS build',         // 1
  'RUN --mount=from=tools,target=/t make',
  'FROM alpine AS tools',       // 3
  'FROM base AS test',          // 4
  'COPY --from=build /out /',
  '',
  'FROM alpine AS release',     // 7
  'COPY --from=build /out /',
);

describe('stage graph webview', () => {
  it('shows what a build of one stage needs: the stages and images upstream of it, and their edges', () => {
    const graph = graphOf(TEXT);
    // release copies from build, which mounts tools (defined later: BuildKit rejects it, the edge is drawn in
    // the error color, and tools is upstream); test is not needed.
    const release = buildOf(graph, 'stage:4');
    assert.deepEqual(release.nodes.map((node) => node.id), ['stage:0', 'stage:1', 'stage:2', 'stage:4', 'image:alpine', 'image:golang']);
    assert.deepEqual(release.edges.map((edge) => `${edge.from}>${edge.to}:${edge.kind}${edge.error ? ' (error)' : ''}`),
      ['image:golang>stage:0:from', 'stage:0>stage:1:from', 'stage:2>stage:1:mount (error)', 'image:alpine>stage:2:from', 'image:alpine>stage:4:from', 'stage:1>stage:4:copy']);
    assert.deepEqual(buildOf(graph, 'stage:0').nodes.map((node) => node.id), ['stage:0', 'image:golang']);
  });

  it('counts the SOURCE_DATE_EPOCH stage in the build of every target, as UnusedStage does', () => {
    const graph = graphOf(lines(
      'ARG SOURCE_DATE_EPOCH=epoch',
      'FROM scratch AS epoch',
      'ADD https://example.com/stamp /stamp',
      'FROM alpine AS build',
      'FROM alpine AS release',
    ));
    assert.deepEqual(graph.nodes.filter((node) => node.kind === 'stage').map((node) => `${node.label}${node.unused ? ' unused' : ''}`), ['epoch', 'build unused', 'release']);
    assert.deepEqual(buildOf(graph, 'stage:1').nodes.map((node) => node.id), ['stage:0', 'stage:1', 'image:alpine', 'scratch']);
    assert.deepEqual(buildOf(graph, 'stage:2').edges.map((edge) => `${edge.from}>${edge.to}:${edge.kind}`), ['stage:0>stage:2:epoch', 'scratch>stage:0:from', 'image:alpine>stage:2:from']);
  });

  it('finds the stage around a line: from its FROM line to the next one', () => {
    const graph = graphOf(TEXT);
    assert.equal(stageAtLine(graph, 0)?.id, 'stage:0');
    assert.equal(stageAtLine(graph, 2)?.id, 'stage:1');
    assert.equal(stageAtLine(graph, 6)?.id, 'stage:3');
    assert.equal(stageAtLine(graph, 8)?.id, 'stage:4');
    assert.equal(stageAtLine(graphOf(lines('ARG A=1', 'FROM scratch')), 0), undefined);
  });

  it('bounds Graphviz on large graphs only, edge labels placed after the layout there', () => {
    const small = formatDot(graphOf(TEXT));
    assert.doesNotMatch(small, /splines=line|xlabel/);
    assert.match(small, /"stage:1" -> "stage:4" \[style=dashed, label="COPY --from"/);
    const large = formatDot(graphOf(generateDockerfile(98)));
    assert.match(large, /^ {2}splines=line;\n {2}mclimit=0\.1;\n {2}nslimit=1;\n {2}nslimit1=1;$/m);
    assert.match(large, /-> "stage:\d+" \[style=dashed, xlabel="COPY --from"/);
    assert.doesNotMatch(large, /[ [,]label="COPY --from"/);
  });
});

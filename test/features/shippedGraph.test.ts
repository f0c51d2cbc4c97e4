// The stages and edges the graph marks as shipped: those whose files reach the picked target's image (the default
// target's unless another is picked; their role, analysis/ships/roles.ts), in the graph's JSON, its DOT classes,
// the view's tooltips and its "Ships in" picker. (Row by row: shippedEdges.test.ts.)
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AnalyzedDocument } from '../../server/src/analysis/document';
import { featureContext } from '../../server/src/features/featureContext';
import { stageGraph } from '../../server/src/features/stageGraph';
import { formatDot } from '../../server/src/features/graphFormats';
import { describeEdge, describeNode, describeTarget } from '../../client/src/graph/webview/describe';
import { mergeParallelEdges } from '../../client/src/graph/viewGraph';
import { lines } from '../support/fixture';

const TEXT = lines(
  'FROM golang AS deps',
  'RUN go mod download',
  'FROM deps AS build',
  'RUN go build -o /out/app',
  'FROM golang AS lint',
  'FROM alpine AS debug',
  'COPY --from=build /out/app /app',
  'FROM alpine AS release',
  'COPY --from=build /out/app /app',
  'RUN --mount=from=deps,target=/d true',
);
const graph = stageGraph(featureContext(AnalyzedDocument.fromText(TEXT), ['lint', 'debug'].map((name) => ({ name, origin: 'compose.yaml:5' }))));

describe('the graph marks the stages that ship in the default target', () => {
  it('marks the default target and the stages its copies take files from; not a mount, a check, nor another image', () => {
    // deps is only in build's chain (build's own RUN made /out/app) and mounted; debug ships only in target debug.
    assert.deepEqual(graph.nodes.filter((node) => node.shipped).map((node) => node.label), ['build', 'release']);
  });

  it('gives them the DOT class shipped and a tooltip line', () => {
    const dot = formatDot(graph);
    assert.match(dot, /id="stage:1", class="stage shipped"\]/);
    assert.match(dot, /id="stage:4", class="stage target shipped"\]/);
    assert.match(dot, /id="stage:3", class="stage target"\]/);
    const release = graph.nodes.find((node) => node.label === 'release')!;
    assert.match(describeNode(release, 'release'), /\nships in the image of release$/);
    assert.doesNotMatch(describeNode(graph.nodes.find((node) => node.label === 'deps')!, 'release'), /ships/);
  });

  it('gives the edges files come along the DOT class shipped and a tooltip line; not the mount', () => {
    const dot = formatDot(graph);
    assert.match(dot, /"image:alpine" -> "stage:4" \[style=solid, id="edge:\d+", class="from shipped"\];/);
    assert.match(dot, /"stage:1" -> "stage:4" \[style=dashed, label="COPY --from", id="edge:\d+", class="copy shipped"\];/);
    assert.match(dot, /"stage:1" -> "stage:3" \[style=dashed, label="COPY --from", id="edge:\d+", class="copy"\];/);
    assert.match(dot, /"stage:0" -> "stage:4" \[style=dotted, label="mount", id="edge:\d+", class="mount"\];/);
    const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
    const copy = graph.edges.filter((edge) => edge.from === 'stage:1' && edge.to === 'stage:4');
    assert.equal(describeEdge(copy, nodes, 'release'), 'COPY --from: build → release\nfiles come along it into the image of release');
  });
});

describe('the graph\'s "Ships in" picker', () => {
  it('marks what ships in the picked target instead: debug and the build it copies from; nothing for the check lint', () => {
    const debug = stageGraph(featureContext(AnalyzedDocument.fromText(TEXT), ['lint', 'debug'].map((name) => ({ name, origin: 'compose.yaml:5' }))), 'debug');
    assert.deepEqual(debug.nodes.filter((node) => node.shipped).map((node) => node.label), ['build', 'debug']);
    assert.deepEqual(debug.buildTargets?.map(describeTarget), [
      'release (default target)', 'lint (compose.yaml:5): a check, nothing ships', 'debug (compose.yaml:5)',
    ]);
    assert.equal(describeTarget({ node: 'stage:2', label: 'export', name: 'export', origins: ['docker-bake.hcl:2', 'compose.yaml:9'], role: 'undetermined' }),
      'export (docker-bake.hcl:2, compose.yaml:9): an image or --output files, not marked');
    assert.equal(describeTarget({ node: 'stage:2', label: 'export', name: 'export', origins: ['Makefile:3'], role: 'exported-files' }), 'export (Makefile:3): --output files, no image');
  });

  it('draws parallel references as one shipped edge when files come along one of them, and says which', () => {
    const text = lines('FROM alpine AS assets', 'RUN mkdir -p /a /b', 'FROM alpine AS web', 'COPY --from=assets /a /a', 'COPY --from=assets /b /b',
      'FROM scratch', 'COPY --from=web /a /a');
    const parallel = stageGraph(featureContext(AnalyzedDocument.fromText(text), []));
    const view = mergeParallelEdges(parallel);
    const index = view.graph.edges.findIndex((edge) => edge.from === 'stage:0' && edge.to === 'stage:1' && edge.kind === 'copy');
    assert.deepEqual(view.references[index].map((edge) => edge.shipped ?? false), [true, false]);
    assert.equal(view.graph.edges[index].shipped, true);
    const nodes = new Map(parallel.nodes.map((node) => [node.id, node]));
    assert.equal(describeEdge(view.references[index], nodes, '#2 (unnamed)'),
      'COPY --from: assets → web\n2 references, lines 4, 5\nfiles come along it into the image of #2 (unnamed) (line 4)');
  });
});

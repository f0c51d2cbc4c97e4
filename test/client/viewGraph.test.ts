// What the graph view lays out: parallel edges drawn once (the tooltip lists them), the DOT for a view
// (shortened labels, edge labels only where they fit), and the direction in which the graph is drawn largest.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AnalyzedDocument } from '../../server/src/analysis/document';
import { featureContext } from '../../server/src/features/featureContext';
import { stageGraph } from '../../server/src/features/stageGraph';
import { formatDot, shortLabel } from '../../server/src/features/graphFormats';
import { mergeParallelEdges, viewDot } from '../../client/src/graph/viewGraph';
import { layoutDirection } from '../../client/src/graph/direction';
import { describeEdge } from '../../client/src/graph/webview/describe';
import { generateDockerfile } from '../support/generate';
import { lines } from '../support/fixture';
import { REPO_ROOT } from '../support/paths';

const graphOf = (text: string) => stageGraph(featureContext(AnalyzedDocument.fromText(text), []));
/** The made-up 53-stage file of the e2e test: twenty plugins fetched from one base, built from another. */
const PLUGINS = readFileSync(join(REPO_ROOT, 'test', 'e2e', 'graph', 'plugins.Dockerfile'), 'utf8');
const DIGEST = '16daa519bad5c31be2271f2aecb4d519758587ad53ad96007d31766b94561b01';
const TALL = { width: 521, height: 640 };

describe('stage graph view layout', () => {
  it('draws parallel references once, and its tooltip lists their lines', () => {
    const graph = graphOf(lines(
      'FROM alpine AS assets',
      'FROM alpine AS app',
      'COPY --from=assets /a /a',
      'COPY --from=assets /b /b',
      'RUN --mount=from=assets,target=/c true',
    ));
    const view = mergeParallelEdges(graph);
    assert.deepEqual(view.graph.edges.map((edge) => `${edge.from}>${edge.to}:${edge.kind}`),
      ['image:alpine>stage:0:from', 'image:alpine>stage:1:from', 'stage:0>stage:1:copy', 'stage:0>stage:1:mount']);
    assert.deepEqual(view.references.map((group) => group.length), [1, 1, 2, 1]);
    const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
    assert.equal(describeEdge(view.references[2], nodes), 'COPY --from: assets → app\n2 references, lines 3, 4');
    assert.equal(describeEdge(view.references[3], nodes), 'RUN --mount from=: assets → app');
  });

  it('shortens long names and digests in the view, keeping the start and the end', () => {
    assert.equal(shortLabel('golang:1.22-alpine'), 'golang:1.22-alpine');
    assert.equal(shortLabel(`alpine:3.20@sha256:${DIGEST}`), 'alpine:3.20@sha256:16daa51…');
    const long = `registry.example.com/platform/base-images/debian-bookworm-slim-with-ca-certificates:2024.06.1@sha256:${DIGEST}`;
    assert.equal(shortLabel(long), 'registry.exam…icates:2024.06.1@…');
    assert.equal(shortLabel(long).length, 32);
  });

  it('gives the view shortened labels and edge labels after the layout; the CLI keeps both whole', () => {
    const graph = graphOf(PLUGINS);
    const image = `registry.example.com/platform/base-images/debian-bookworm-slim-with-ca-certificates:2024.06.1@sha256:${DIGEST}`;
    const cli = formatDot(graph);
    assert.ok(cli.includes(`label="${image}"`));
    assert.match(cli, /\[style=dashed, label="COPY --from"/);
    const view = formatDot(graph, { view: true });
    assert.ok(!view.includes(`label="${image}"`));
    assert.ok(view.includes('label="registry.exam…icates:2024.06.1@…"'));
    assert.ok(view.includes('label="build-deps\\nregistry.exam…icates:2024.06.1@… · 1 instruction"'));
    assert.match(view, /^ {2}forcelabels=false;$/m);
    // 99 edges: no label on any, the style and the legend say the kind.
    assert.doesNotMatch(view, /label="COPY --from"/);
    const small = formatDot(graphOf(lines('FROM alpine AS a', 'FROM alpine', 'COPY --from=a / /')), { view: true });
    assert.match(small, /"stage:0" -> "stage:1" \[style=dashed, xlabel="COPY --from"/);
  });

  it('lays a graph with a wide rank out left to right, even in a tall panel, and a deep chain top to bottom', () => {
    // Top to bottom, the plugins' twenty sources and builds are each a row of twenty boxes.
    assert.equal(layoutDirection(mergeParallelEdges(graphOf(PLUGINS)).graph, TALL), 'LR');
    assert.equal(viewDot(mergeParallelEdges(graphOf(PLUGINS)), TALL).direction, 'LR');
    assert.equal(viewDot(mergeParallelEdges(graphOf(PLUGINS)), TALL, 'TB').direction, 'TB');
    // Each generated stage copies from the one before: 98 ranks.
    assert.equal(layoutDirection(mergeParallelEdges(graphOf(generateDockerfile(98))).graph, { width: 1200, height: 600 }), 'TB');
    // A small graph: the panel's shape decides.
    const chain = graphOf(lines('FROM alpine AS a', 'FROM a AS b'));
    assert.equal(layoutDirection(chain, TALL), 'TB');
    assert.equal(layoutDirection(chain, { width: 800, height: 400 }), 'LR');
  });
});

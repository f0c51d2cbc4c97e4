// The stages the graph marks as shipped: those whose files reach the default target's image (their role,
// analysis/ships/roles.ts), in the graph's JSON, its DOT classes and the view's tooltip.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AnalyzedDocument } from '../../server/src/analysis/document';
import { featureContext } from '../../server/src/features/featureContext';
import { stageGraph } from '../../server/src/features/stageGraph';
import { formatDot } from '../../server/src/features/graphFormats';
import { describeNode } from '../../client/src/graph/webview/describe';
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
    assert.match(describeNode(release), /\nships in the default target's image$/);
    assert.doesNotMatch(describeNode(graph.nodes.find((node) => node.label === 'deps')!), /ships/);
  });
});

// The stages and edges the graph marks as shipped for one target (features/stageGraph.ts over
// analysis/ships/roles.ts), row by row: each made-up Dockerfile with the targets the workspace builds, the target
// asked for, and the edges (`from -kind-> to`, by label) files come along into that target's image.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AnalyzedDocument } from '../../server/src/analysis/document';
import { featureContext } from '../../server/src/features/featureContext';
import { stageGraph } from '../../server/src/features/stageGraph';
import type { StageGraph } from '../../server/src/protocol';
import { lines } from '../support/fixture';

interface Row {
  readonly what: string;
  readonly text: string;
  /** Targets the workspace builds besides the default one. */
  readonly targets?: readonly string[];
  /** The target asked for; the default one when absent. */
  readonly target?: string;
  readonly shippedEdges: readonly string[];
  readonly shippedStages: readonly string[];
}

const ROWS: readonly Row[] = [
  {
    what: 'the FROM chain: every FROM line of it, the base image\'s included',
    text: lines('FROM alpine AS base', 'FROM base AS app', 'FROM base AS other'),
    shippedEdges: ['alpine -from-> base', 'base -from-> other'],
    shippedStages: ['base', 'other'],
  },
  {
    what: 'a chain on scratch: its FROM scratch carries nothing',
    text: lines('FROM scratch AS root', 'COPY app /app', 'FROM root AS final'),
    shippedEdges: ['root -from-> final'],
    shippedStages: ['root', 'final'],
  },
  {
    what: 'a COPY --from into the final stage; the FROM lines from the stage that made the path down to the stage copied from',
    text: lines(
      'FROM golang AS deps', 'RUN go build -o /out/app .', 'FROM deps AS build', 'RUN go vet ./...',
      'FROM alpine AS release', 'COPY --from=build /out/app /app', 'COPY --from=busybox /bin/busybox /bin/busybox'),
    shippedEdges: ['deps -from-> build', 'alpine -from-> release', 'build -copy-> release', 'busybox -copy-> release'],
    shippedStages: ['deps', 'build', 'release'],
  },
  {
    what: 'a path made two FROMs up: both FROM lines carry it, the stage between makes nothing that ships',
    text: lines('FROM golang AS compile', 'RUN go build -o /out/app .', 'FROM compile AS vet', 'RUN go vet ./...', 'FROM vet AS build', 'FROM scratch', 'COPY --from=build /out/app /app'),
    shippedEdges: ['compile -from-> vet', 'vet -from-> build', 'build -copy-> #3 (unnamed)'],
    shippedStages: ['compile', 'build', '#3 (unnamed)'],
  },
  {
    what: 'a COPY --from into a build-only stage carries nothing shipped, unless what it copies is copied on into the image',
    text: lines(
      'FROM alpine AS tools', 'RUN apk add curl', 'FROM alpine AS src', 'COPY . /src',
      'FROM golang AS build', 'COPY --from=tools /usr/bin/curl /usr/bin/curl', 'COPY --from=src /src /src', 'RUN go build -o /out/app /src',
      'FROM scratch', 'COPY --from=build /src /src'),
    shippedEdges: ['src -copy-> build', 'build -copy-> #3 (unnamed)'],
    shippedStages: ['src', 'build', '#3 (unnamed)'],
  },
  {
    what: 'a RUN --mount=from ships nothing by itself',
    text: lines('FROM alpine AS deps', 'RUN apk add git', 'FROM alpine AS app', 'RUN --mount=from=deps,target=/d cp /d/x /x'),
    shippedEdges: ['alpine -from-> app'],
    shippedStages: ['app'],
  },
  {
    what: 'a target that is not the last stage: its chain and its copies, not the default target\'s',
    text: lines(
      'FROM golang AS base', 'FROM base AS build', 'RUN go build -o /out/app .',
      'FROM alpine AS release', 'COPY --from=build /out/app /app'),
    targets: ['build'],
    target: 'build',
    shippedEdges: ['golang -from-> base', 'base -from-> build'],
    shippedStages: ['base', 'build'],
  },
  {
    what: 'a check target marks nothing',
    text: lines('FROM golang AS src', 'FROM src AS test', 'RUN go test ./...', 'FROM alpine', 'COPY --from=src /go /go'),
    targets: ['test'],
    target: 'test',
    shippedEdges: [],
    shippedStages: [],
  },
];

function graphOf(row: Row): StageGraph {
  const context = featureContext(AnalyzedDocument.fromText(row.text), (row.targets ?? []).map((name) => ({ name, origin: 'compose.yaml:3' })));
  return stageGraph(context, row.target);
}

describe('the graph marks what ships in the chosen target\'s image', () => {
  for (const row of ROWS) {
    it(row.what, () => {
      const graph = graphOf(row);
      const label = (id: string) => graph.nodes.find((node) => node.id === id)!.label;
      assert.deepEqual(graph.edges.filter((edge) => edge.shipped).map((edge) => `${label(edge.from)} -${edge.kind}-> ${label(edge.to)}`), row.shippedEdges);
      assert.deepEqual(graph.nodes.filter((node) => node.shipped).map((node) => node.label), row.shippedStages);
    });
  }

  it('lists the targets to pick from, each stage once with its role and origins, and says which the marks are for', () => {
    const text = lines('FROM golang AS src', 'FROM src AS test', 'FROM scratch AS export', 'COPY --from=src /go /go', 'FROM alpine AS release');
    const context = featureContext(AnalyzedDocument.fromText(text), [
      { name: 'test', origin: 'compose.yaml:3' }, { name: 'export', origin: 'docker-bake.hcl:2' }, { name: 'test', origin: 'docker-bake.hcl:7' },
      { name: 'release', origin: 'compose.yaml:9' },
    ]);
    const graph = stageGraph(context, 'test');
    assert.deepEqual(graph.buildTargets, [
      { node: 'stage:3', label: 'release', origins: ['default target', 'compose.yaml:9'], role: 'image' },
      { node: 'stage:1', label: 'test', name: 'test', origins: ['compose.yaml:3', 'docker-bake.hcl:7'], role: 'check' },
      { node: 'stage:2', label: 'export', name: 'export', origins: ['docker-bake.hcl:2'], role: 'undetermined' },
    ]);
    assert.equal(graph.shippedFor, 'stage:1');
    assert.equal(stageGraph(context).shippedFor, 'stage:3');
    // A stage no target builds: nothing marked, nothing said to be marked.
    const unbuilt = stageGraph(context, 'src');
    assert.equal(unbuilt.shippedFor, undefined);
    assert.equal(unbuilt.nodes.some((node) => node.shipped) || unbuilt.edges.some((edge) => edge.shipped), false);
  });
});

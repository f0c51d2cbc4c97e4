// `dockerfile-stages graph`: the shipped example as Mermaid, DOT and JSON; edge kinds, targets, unused stages
// and rejected edges marked; what ships in the default target's image, or the first --target's. (Graphviz's `dot` accepts every DOT output: test/e2e/graphviz.sh.)
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, REPO_ROOT } from '../support/paths';
import { lines } from '../support/fixture';

function graph(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, 'graph', ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const EXAMPLE = join(REPO_ROOT, 'examples', 'Dockerfile');

describe('dockerfile-stages graph', () => {
  it('prints Mermaid that GitHub renders: stages, images, edges by kind, targets and unused stages', () => {
    const { status, stdout } = graph(EXAMPLE, '--target', 'test');
    assert.equal(status, 0);
    assert.equal(stdout, lines(
      'flowchart LR',
      '  s0["base<br/><small>golang:1.22-alpine3.20 · 2 instructions</small>"]',
      '  s1["deps<br/><small>base · 2 instructions</small>"]',
      '  s2["build<br/><small>deps · 2 instructions</small>"]',
      '  s3["test<br/><small>deps · 1 instruction</small><br/><small>target: test (--target)</small>"]',
      '  s4["licenses<br/><small>deps · 1 instruction</small>"]',
      '  s5["release<br/><small>alpine:3.20 · 5 instructions</small><br/><small>target: release (default target)</small>"]',
      '  x6(["alpine:3.20"])',
      '  x7(["golang:1.22-alpine3.20"])',
      '  x7 --> s0', '  s0 --> s1', '  s1 --> s2', '  s1 --> s3', '  s1 --> s4', '  x6 --> s5',
      '  s2 -.->|"COPY --from"| s5', '  s4 -.->|"COPY --from"| s5',
      '  classDef unused opacity:0.45,stroke-dasharray:4 3', '  classDef target stroke-width:3px', '  classDef external fill:#eef,stroke:#88a',
      '  classDef shipped fill:#f3e8ff,stroke:#8250df',
      '  class s3,s5 target', '  class x6,x7 external',
    ));
  });

  it('draws mounts, ONBUILD and cycles differently in DOT, and JSON says the same', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dockerfile-stages-graph-'));
    const file = join(dir, 'Dockerfile');
    writeFileSync(file, lines('FROM scratch AS src', 'FROM golang AS tmpl', 'ONBUILD COPY --from=src / /', 'FROM tmpl AS app',
      'RUN --mount=from=src,target=/s true', 'COPY --from=app / /', 'FROM app'));
    const dot = graph(file, '--format', 'dot').stdout;
    assert.match(dot, /^digraph stages \{/);
    assert.match(dot, /"scratch" -> "stage:0" \[style=solid, id="edge:0", class="from"\];/);
    assert.match(dot, /"stage:0" -> "stage:2" \[style=bold, label="ONBUILD", id="edge:2", class="onbuild"\];/);
    assert.match(dot, /"stage:0" -> "stage:2" \[style=dotted, label="mount", id="edge:4", class="mount"\];/);
    assert.match(dot, /"stage:2" -> "stage:2" \[style=dashed, label="COPY --from", color=red, fontcolor=red, tooltip="circular dependency through 'app'", id="edge:5", class="copy error"\];/);
    assert.match(dot, /"stage:0" \[label="src\\nscratch · 0 instructions", id="stage:0", class="stage"\];/);
    assert.match(dot, /"scratch" \[label="scratch", shape=ellipse, style=filled, fillcolor="#eeeeff", id="scratch", class="scratch"\];/);
    const json = JSON.parse(graph(file, '--format', 'json').stdout);
    assert.deepEqual(json.edges.map((e: { from: string; to: string; kind: string }) => `${e.from}>${e.to}:${e.kind}`),
      ['scratch>stage:0:from', 'image:golang>stage:1:from', 'stage:0>stage:2:onbuild', 'stage:1>stage:2:from', 'stage:0>stage:2:mount', 'stage:2>stage:2:copy', 'stage:2>stage:3:from']);
    assert.equal(graph(file, file).status, 2);
    assert.equal(graph(file, '--format', 'svg').status, 2);
  });

  it('marks what ships in the default target\'s image, or in the first --target\'s, in JSON, DOT and Mermaid', () => {
    const shipped = (...args: string[]) => {
      const json = JSON.parse(graph(EXAMPLE, '--format', 'json', ...args).stdout);
      return {
        shippedFor: json.shippedFor,
        edges: json.edges.filter((e: { shipped?: boolean }) => e.shipped).map((e: { from: string; to: string; kind: string }) => `${e.from}>${e.to}:${e.kind}`),
        nodes: json.nodes.filter((n: { shipped?: boolean }) => n.shipped).map((n: { id: string }) => n.id),
        targets: json.buildTargets.map((t: { node: string; role: string; origins: string[] }) => `${t.node} ${t.role} (${t.origins.join(', ')})`),
      };
    };
    // release copies the binary from build and the notices from licenses.
    assert.deepEqual(shipped(), {
      shippedFor: 'stage:5', edges: ['image:alpine:3.20>stage:5:from', 'stage:2>stage:5:copy', 'stage:4>stage:5:copy'],
      nodes: ['stage:2', 'stage:4', 'stage:5'], targets: ['stage:5 image (default target)'],
    });
    // build, an image on golang: its chain whole.
    assert.deepEqual(shipped('--target', 'build'), {
      shippedFor: 'stage:2', edges: ['image:golang:1.22-alpine3.20>stage:0:from', 'stage:0>stage:1:from', 'stage:1>stage:2:from'],
      nodes: ['stage:0', 'stage:1', 'stage:2'], targets: ['stage:5 image (default target)', 'stage:2 image (--target)'],
    });
    // test, a check: nothing ships.
    assert.deepEqual(shipped('--target', 'test'), { shippedFor: 'stage:3', edges: [], nodes: [], targets: ['stage:5 image (default target)', 'stage:3 check (--target)'] });
    const dot = graph(EXAMPLE, '--format', 'dot').stdout;
    assert.match(dot, /"image:alpine:3\.20" -> "stage:5" \[style=solid, id="edge:5", class="from shipped"\];/);
    assert.match(dot, /"stage:2" -> "stage:5" \[style=dashed, label="COPY --from", id="edge:6", class="copy shipped"\];/);
    assert.match(dot, /"stage:0" -> "stage:1" \[style=solid, id="edge:1", class="from"\];/);
    // Mermaid: the stages by class, the edges (numbered in the order they are drawn: x6 --> s5, s2 and s4 -.-> s5) by linkStyle.
    const mermaid = graph(EXAMPLE).stdout.split('\n');
    assert.deepEqual(mermaid.filter((line) => /^  (class |linkStyle )/.test(line)), ['  class s3 unused', '  class s5 target', '  class x6,x7 external', '  class s2,s4,s5 shipped', '  linkStyle 5,6,7 stroke:#8250df,stroke-width:3px']);
    assert.ok(!graph(EXAMPLE, '--target', 'test').stdout.includes('linkStyle'));
    const missing = graph(EXAMPLE, '--target', 'nope');
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /target stage "nope" could not be found/);
  });
});

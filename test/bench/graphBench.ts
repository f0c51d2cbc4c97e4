// The stage graph (`npm run bench`): the server's `dockerfileStages/graph` answer right after an edit, the
// webview's layout of it (viewDot, then Graphviz compiled to WebAssembly, the same code the webview runs; beside
// it the CLI's DOT in the same direction, which the view laid out until it had its own) and how readable the view is
// (graphReadability.ts) on the corpus's largest files and on generated 98- and 300-stage files. Budget: data
// under 20 ms, layout under 300 ms for 98 stages.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Graphviz } from '@hpcc-js/wasm-graphviz';
import { formatDot } from '../../server/src/features/graphFormats';
import type { StageGraph } from '../../server/src/protocol';
import { GRAPH_REQUEST } from '../../server/src/protocol';
import { mergeParallelEdges, viewDot } from '../../client/src/graph/viewGraph';
import { generateDockerfile } from '../support/generate';
import { PANEL, readability } from './graphReadability';
import { LspClient } from '../support/lspClient';
import { CORPUS_DIR } from '../support/paths';

const URI = 'file:///bench/graph/Dockerfile';
const CORPUS_FILES = ['nginx__kubernetes-ingress__build__Dockerfile', 'moby__buildkit__Dockerfile', 'supabase__postgres__docker__orioledb__Dockerfile'];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timed<T>(run: () => Promise<T> | T): Promise<[T, number]> {
  const started = performance.now();
  const result = await run();
  return [result, performance.now() - started];
}

export async function graphBench(server: string[]): Promise<void> {
  const files: [string, string][] = CORPUS_FILES.filter((name) => existsSync(join(CORPUS_DIR, name)))
    .map((name) => [`corpus: ${name.split('__').slice(0, 2).join('/')}`, readFileSync(join(CORPUS_DIR, name), 'utf8')]);
  files.push(['generated, 98 stages', generateDockerfile(98)], ['generated, 300 stages', generateDockerfile(300)]);
  const graphviz = await Graphviz.load();
  const client = await LspClient.start({ server });
  console.log('\n### Stage graph: server data after an edit, the layout the webview runs, and how readable it is\n');
  console.log(`Readability in a ${PANEL.width} × ${PANEL.height} px panel: labels' height with the whole graph fitted; in the view the graph opens with (each stage as the cursor's), the share of nodes on screen with labels ≥ 9 px, and the share of the cursor's stage's neighbours on screen.\n`);
  console.log('| file | stages / edges | `dockerfileStages/graph` median (ms) | layout median, view (CLI\'s DOT, same direction) (ms) | direction, drawing (pt) | fitted labels (px) | opening view: readable nodes / neighbours shown |');
  console.log('|---|---|---|---|---|---|---|');
  for (const [name, text] of files) {
    await client.open(URI, text);
    const requests: number[] = [];
    let graph: StageGraph | undefined;
    const lines = text.split('\n');
    const last = { line: lines.length - 1, character: lines[lines.length - 1].length };
    await client.edit(URI, { start: last, end: last }, '\n#x');
    for (let i = 0; i < 12; i++) {
      // An edit (a comment line added at the end, toggled), then the request.
      await client.edit(URI, { start: { line: last.line + 1, character: 0 }, end: { line: last.line + 1, character: 2 } }, i % 2 === 0 ? '#y' : '#x');
      const [answer, ms] = await timed(() => client.request(GRAPH_REQUEST, { textDocument: { uri: URI } }) as Promise<StageGraph>);
      graph = answer;
      if (i >= 2) requests.push(ms);
    }
    const stages = graph!.nodes.filter((node) => node.kind === 'stage').length;
    // The first layout warms the WebAssembly up; 300 stages take seconds, so fewer rounds there.
    const rounds = stages > 200 ? 2 : 5;
    const layouts: number[] = [];
    const cliLayouts: number[] = [];
    const panel = PANEL;
    const { direction } = viewDot(mergeParallelEdges(graph!), panel);
    for (let i = 0; i <= rounds; i++) {
      // As the webview draws: parallel edges merged, the direction chosen, then Graphviz; the CLI's DOT laid out
      // the same way round beside it.
      const [, ms] = await timed(() => graphviz.dot(viewDot(mergeParallelEdges(graph!), panel).dot, 'svg'));
      const [, cliMs] = await timed(() => graphviz.dot(formatDot(graph!, { direction }), 'svg'));
      if (i > 0) layouts.push(ms), cliLayouts.push(cliMs);
    }
    const seen = readability(graphviz, graph!);
    const percent = (share: number) => `${Math.round(share * 100)} %`;
    console.log(`| ${name} | ${stages} / ${graph!.edges.length} | ${median(requests).toFixed(1)} | ${median(layouts).toFixed(0)} (${median(cliLayouts).toFixed(0)}) | `
      + `${seen.direction}, ${seen.size.width.toFixed(0)} × ${seen.size.height.toFixed(0)} | ${seen.fittedPx.toFixed(1)} | ${percent(seen.openingReadable)} / ${percent(seen.neighboursShown)} |`);
    await client.close(URI);
  }
  await client.stop();
}

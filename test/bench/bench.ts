// `npm run bench`: request latency after an edit on generated Dockerfiles (30, 300 and 1,000 stages), ours
// side by side with the incumbent dockerfile-language-server-nodejs, alternating in one run so that machine
// noise hits both alike. Prints Markdown tables for the README.
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { LspClient, VS_CODE_ITEM_DEFAULTS } from '../support/lspClient';
import { benchPositions, generateDockerfile } from '../support/generate';
import { analyze } from '../../server/src/analysis/parseFile';
import { REPO_ROOT } from '../support/paths';
import { SERVER_NODE_FLAGS } from '../../client/src/serverLaunch';
import { graphBench } from './graphBench';
import { scanBench } from './scanBench';
import { shipsBench } from './shipsBench';

/** Ours as VS Code starts it (client/src/serverLaunch.ts). */
const OURS = [...SERVER_NODE_FLAGS, join(REPO_ROOT, 'dist', 'server.js'), '--stdio'];
const INCUMBENT = [join(REPO_ROOT, 'node_modules', 'dockerfile-language-server-nodejs', 'bin', 'docker-langserver'), '--stdio'];
const URI = 'file:///bench/Dockerfile';

interface Scenario {
  readonly name: string;
  readonly method: string;
  /** Where it is asked: at the middle stage's `COPY --from=` (default), at `${GO_VERSION}` in a FROM, or in that COPY's source path. */
  readonly at?: 'variable' | 'path';
  /** The scenario whose incumbent median the ratio is taken to, where the incumbent answers nothing like it. */
  readonly versus?: string;
  params(position: Position): unknown;
}
type Position = { line: number; character: number };

const SCENARIOS: Scenario[] = [
  { name: 'completion at `COPY --from=`', method: 'textDocument/completion', params: (p) => ({ textDocument: { uri: URI }, position: p }) },
  { name: 'definition', method: 'textDocument/definition', params: (p) => ({ textDocument: { uri: URI }, position: { ...p, character: p.character + 2 } }) },
  { name: 'document highlight', method: 'textDocument/documentHighlight', params: (p) => ({ textDocument: { uri: URI }, position: { ...p, character: p.character + 2 } }) },
  { name: 'hover', method: 'textDocument/hover', params: (p) => ({ textDocument: { uri: URI }, position: { ...p, character: p.character + 2 } }) },
  { name: 'references', method: 'textDocument/references', params: (p) => ({ textDocument: { uri: URI }, position: { ...p, character: p.character + 2 }, context: { includeDeclaration: true } }) },
  { name: 'rename', method: 'textDocument/rename', params: (p) => ({ textDocument: { uri: URI }, position: { ...p, character: p.character + 2 }, newName: 'renamed' }) },
  { name: 'document symbols', method: 'textDocument/documentSymbol', params: () => ({ textDocument: { uri: URI } }) },
  { name: 'hover on `${GO_VERSION}`', method: 'textDocument/hover', at: 'variable', params: (p) => ({ textDocument: { uri: URI }, position: { ...p, character: p.character + 3 } }) },
  { name: 'completion after `$`', method: 'textDocument/completion', at: 'variable', params: (p) => ({ textDocument: { uri: URI }, position: { ...p, character: p.character + 1 } }) },
  { name: 'completion of a `COPY --from` path', method: 'textDocument/completion', at: 'path', params: (p) => ({ textDocument: { uri: URI }, position: p }) },
  { name: 'definition of a `COPY --from` path', method: 'textDocument/definition', at: 'path', params: (p) => ({ textDocument: { uri: URI }, position: p }) },
  // Every stage's lenses, the role among them (analysis/ships/roles.ts): issue 26's budget is 0.05 of the incumbent's hover.
  { name: 'code lens', method: 'textDocument/codeLens', versus: 'hover', params: () => ({ textDocument: { uri: URI } }) },
];

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

function format(ms: number | undefined): string {
  return ms === undefined ? 'n/a' : ms < 10 ? ms.toFixed(2) : ms.toFixed(1);
}


async function timeRequest(client: LspClient, method: string, params: unknown): Promise<number | undefined> {
  const started = performance.now();
  try {
    await client.request(method, params);
  } catch (error) {
    if (/Unhandled method|not found/i.test(String(error))) return undefined;
  }
  return performance.now() - started;
}

/**
 * Each request comes right after an edit of the copy it is asked about (one keystroke: the last character of
 * the ENV value toggles), and each edit once the other server is done with its own (its diagnostics of them
 * published): on two cores a server still validating takes a core from the one timed. At 1,000 stages the
 * incumbent validates an edit for seconds; while both copies were edited before each request, ours were timed
 * as it did (their medians three times those of the rounds past its ones), and it validated two edits before
 * each of its own requests.
 * `incumbentIterations`: fewer requests to the incumbent where each takes seconds (1,000 stages), so that ours get
 * enough for a p95 (of 10, the p95 is the slowest). `oursOnly` (`node out/bench/bench.js 1000 --ours`, for quick
 * comparisons while working): the incumbent is not started.
 */
async function runSize(stages: number, iterations: number, incumbentIterations: number, oursOnly = false): Promise<void> {
  const text = generateDockerfile(stages);
  const { reference, variable, path, editLine } = benchPositions(text);
  // Both told what VS Code's client tells them, the completion list defaults it reads among it.
  const asVsCode = { completionItemDefaults: VS_CODE_ITEM_DEFAULTS };
  const servers: { ours: LspClient; incumbent?: LspClient } = { ours: await LspClient.start({ server: OURS, ...asVsCode }), incumbent: oursOnly ? undefined : await LspClient.start({ server: INCUMBENT, ...asVsCode }) };
  const clients = Object.values(servers).filter((client): client is LspClient => client !== undefined);
  for (const client of clients) await client.open(URI, text);
  const results = new Map<string, { ours: number[]; incumbent: number[]; unsupported: Set<string> }>();
  const toggled = new Map<LspClient, boolean>();
  /** A server's edits it was not yet seen done with: its publications before the first, how many, the last version. */
  const pending = new Map<LspClient, { before: number; edits: number; version: number }>();
  // Done: diagnostics of the last version published (ours), or one publication per edit (the incumbent validates
  // each edit, in order, and names no version).
  const done = (client: LspClient, { before, edits, version }: { before: number; edits: number; version: number }) =>
    client.until('diagnostics of its last edit', () => {
      const published = client.publications.slice(before).filter((p) => p.uri === URI);
      return published.some((p) => p.version === version) || published.length >= edits || undefined;
    }, 60_000);
  const editAlone = async (edited: LspClient) => {
    for (const [client, edits] of pending) {
      if (client === edited) continue;
      await done(client, edits);
      pending.delete(client);
    }
    const toggle = !toggled.get(edited);
    toggled.set(edited, toggle);
    const column = lines[editLine].length - 1;
    const before = pending.get(edited) ?? { before: edited.publications.length, edits: 0, version: 0 };
    const version = await edited.edit(URI, { start: { line: editLine, character: column }, end: { line: editLine, character: column + 1 } }, toggle ? 'x' : lines[editLine][column]);
    pending.set(edited, { before: before.before, edits: before.edits + 1, version });
  };
  const lines = text.split('\n');
  for (let i = 0; i < iterations + 2; i++) {
    for (const scenario of SCENARIOS) {
      const entry = results.get(scenario.name) ?? { ours: [], incumbent: [], unsupported: new Set<string>() };
      results.set(scenario.name, entry);
      const order = i % 2 === 0 ? (['ours', 'incumbent'] as const) : (['incumbent', 'ours'] as const);
      for (const which of order) {
        if (!servers[which]) continue;
        if (which === 'incumbent' && i >= incumbentIterations + 2) continue;
        await editAlone(servers[which]!);
        const ms = await timeRequest(servers[which]!, scenario.method, scenario.params(scenario.at === 'variable' ? variable : scenario.at === 'path' ? path : reference));
        if (ms === undefined) entry.unsupported.add(which);
        else if (i >= 2) entry[which].push(ms); // the first two rounds warm up the JIT
      }
    }
  }
  const parse = [...Array(7)].map(() => { const t = performance.now(); analyze(text); return performance.now() - t; });
  const counts = oursOnly || incumbentIterations === iterations ? `${iterations} requests each` : `${iterations} requests each to ours, ${incumbentIterations} to the incumbent`;
  console.log(`\n### ${stages} stages, ${lines.length} lines (${counts}, each right after an edit)\n`);
  console.log('| request | ours median / p95 (ms) | incumbent median / p95 (ms) | ratio of medians |');
  console.log('|---|---|---|---|');
  const incumbentMedian = (entry: { incumbent: number[]; unsupported: Set<string> } | undefined) =>
    (!entry || entry.unsupported.has('incumbent') || entry.incumbent.length === 0 ? undefined : percentile(entry.incumbent, 0.5));
  for (const [name, entry] of results) {
    const ours = entry.unsupported.has('ours') ? undefined : percentile(entry.ours, 0.5);
    const incumbent = incumbentMedian(entry);
    const cell = (values: number[], median: number | undefined) => (median === undefined ? (oursOnly && values === entry.incumbent ? 'not run' : 'not supported') : `${format(median)} / ${format(percentile(values, 0.95))}`);
    const versus = SCENARIOS.find((scenario) => scenario.name === name)?.versus;
    const against = incumbent ?? (versus === undefined ? undefined : incumbentMedian(results.get(versus)));
    const ratio = ours !== undefined && against !== undefined ? `${(ours / against).toFixed(3)}${incumbent === undefined ? ` (to its ${versus})` : ''}` : '–';
    console.log(`| ${name} | ${cell(entry.ours, ours)} | ${cell(entry.incumbent, incumbent)} | ${ratio} |`);
  }
  console.log(`\nFull analysis of this file in-process (parse + model): median ${format(percentile(parse, 0.5))} ms.`);
  for (const client of clients) await client.stop();
}

function rssMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

/**
 * 1,000 edits of the 300-stage file, each followed by a request so that each version is analysed: the server
 * as VS Code starts it, and with plain `node` (as another editor might).
 */
async function memory(server: string[], how: string): Promise<void> {
  const text = generateDockerfile(300);
  const { reference, editLine } = benchPositions(text);
  const client = await LspClient.start({ server });
  await client.open(URI, text);
  const line = text.split('\n')[editLine];
  const samples: string[] = [];
  for (let i = 1; i <= 1000; i++) {
    await client.edit(URI, { start: { line: editLine, character: 0 }, end: { line: editLine, character: line.length } }, `${line}${i}`);
    await client.request('textDocument/hover', { textDocument: { uri: URI }, position: reference });
    if (i === 1 || i % 100 === 0) samples.push(`${i}: ${rssMegabytes(client.pid).toFixed(0)}`);
  }
  console.log(`\nServer RSS (MB) over 1,000 edits of the 300-stage file, ${how}: ${samples.join(', ')}.`);
  await client.stop();
}

async function startup(): Promise<void> {
  const times: Record<string, number[]> = { ours: [], incumbent: [] };
  for (let i = 0; i < 5; i++) {
    for (const which of ['ours', 'incumbent'] as const) {
      const started = performance.now();
      const client = await LspClient.start({ server: which === 'ours' ? OURS : INCUMBENT });
      times[which].push(performance.now() - started);
      await client.stop();
    }
  }
  console.log(`\nServer start to initialize result: ours median ${format(percentile(times.ours, 0.5))} ms, incumbent ${format(percentile(times.incumbent, 0.5))} ms.`);
}

async function main(): Promise<void> {
  console.log(`Benchmark ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0].model.trim()}, Node ${process.version}.`);
  const only = process.argv[2];
  for (const [stages, iterations, incumbentIterations] of [[30, 40, 40], [300, 30, 30], [1000, 40, 10]] as const) {
    if (!only || only === String(stages)) await runSize(stages, iterations, incumbentIterations, process.argv.includes('--ours'));
  }
  if (!only || only === 'graph') await graphBench(OURS);
  const otherServer = process.argv.slice(3).find((arg) => arg.endsWith('.js'));
  if (!only || only === 'scan') await scanBench(otherServer ? [...SERVER_NODE_FLAGS, otherServer, '--stdio'] : OURS);
  if (!only || only === 'ships') shipsBench();
  if (!only) await startup();
  if (!only || only === 'memory') {
    await memory(OURS, `as VS Code starts it (node ${SERVER_NODE_FLAGS.join(' ')})`);
    await memory([join(REPO_ROOT, 'dist', 'server.js'), '--stdio'], 'with plain node');
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

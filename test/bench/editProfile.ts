// `node out/bench/editProfile.js <stages> [edits]`: in-process, the steps between an edit and an answer on the
// generated file, timed one by one (no JSON-RPC, no other process): the re-parse and the model's assembly
// (`AnalyzedDocument.update`), each request `npm run bench` asks (the feature's function on the new model, at
// the same positions), the outline, and the outline's JSON encoding (the server's side) and decoding (the
// client's). Medians and p95 in ms over one-character edits in the middle of the file, typed and undone.
import { performance } from 'node:perf_hooks';
import { AnalyzedDocument } from '../../server/src/analysis/document';
import { featureContext, type FeatureContext } from '../../server/src/features/featureContext';
import { documentSymbols } from '../../server/src/features/symbols';
import { hover } from '../../server/src/features/hover';
import { definition } from '../../server/src/features/definition';
import { complete } from '../../server/src/features/completion';
import { highlight, references } from '../../server/src/features/references';
import { rename } from '../../server/src/features/rename';
import { codeLenses } from '../../server/src/features/codeLens';
import type { BuildingTargets } from '../../server/src/features/buildFiles/stageTargets';
import { benchPositions, generateDockerfile } from '../support/generate';

const URI = 'file:///bench/Dockerfile';
const NO_BUILD_FILES: BuildingTargets = { targets: () => [], uriOf: (file) => file, textOf: () => undefined };

function main(): void {
  const stages = Number(process.argv[2] ?? 1000);
  const edits = Number(process.argv[3] ?? 200);
  const text = generateDockerfile(stages);
  const { reference, variable, path, editLine } = benchPositions(text);
  const lines = text.split('\n');
  const editOffset = lines.slice(0, editLine).reduce((sum, line) => sum + line.length + 1, 0) + lines[editLine].length - 1;
  const inName = { ...reference, character: reference.character + 2 };
  const requests: Record<string, (context: FeatureContext) => unknown> = {
    'completion at `COPY --from=`': (context) => complete(context, reference, URI),
    definition: (context) => definition(context, inName, URI),
    'document highlight': (context) => highlight(context, inName),
    hover: (context) => hover(context, inName),
    references: (context) => references(context, inName, URI, true, NO_BUILD_FILES),
    rename: (context) => rename(context, inName, 'renamed', NO_BUILD_FILES),
    'hover on `${GO_VERSION}`': (context) => hover(context, { ...variable, character: variable.character + 3 }),
    'completion after `$`': (context) => complete(context, { ...variable, character: variable.character + 1 }, URI),
    'completion of a `COPY --from` path': (context) => complete(context, path, URI),
    'definition of a `COPY --from` path': (context) => definition(context, path, URI),
    'code lens': (context) => codeLenses(context, 0, 0),
  };
  let document = AnalyzedDocument.fromText(text, 0);
  const times: Record<string, number[]> = {};
  const time = (step: string, run: () => unknown) => {
    const start = performance.now();
    const result = run();
    (times[step] ??= []).push(performance.now() - start);
    return result;
  };
  let bytes = 0;
  for (let i = 1; i <= edits; i++) {
    const next = text.slice(0, editOffset) + (i % 2 === 1 ? 'x' : text[editOffset]) + text.slice(editOffset + 1);
    document = time('update (re-parse, assembly)', () => document.update(next, i)) as AnalyzedDocument;
    const context = featureContext(document);
    for (const [name, request] of Object.entries(requests)) time(name, () => request(context));
    const outline = time('document symbols (the outline)', () => documentSymbols(document.model));
    const json = time('the outline encoded (JSON.stringify)', () => JSON.stringify(outline)) as string;
    time('the outline decoded (JSON.parse)', () => JSON.parse(json));
    bytes = Buffer.byteLength(json);
  }
  console.log(`${stages} stages, ${lines.length} lines, ${edits} edits; the outline is ${bytes} bytes of JSON\n`);
  console.log('| step | median / p95 (ms) |\n|---|---|');
  for (const [step, values] of Object.entries(times)) {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(2);
    console.log(`| ${step} | ${at(0.5)} / ${at(0.95)} |`);
  }
}

main();

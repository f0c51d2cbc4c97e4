// `node out/bench/editProfile.js <stages> [edits]`: in-process, the steps between an edit and an answer on the
// generated file, timed one by one (no JSON-RPC, no other process): the re-parse and the model's assembly
// (`AnalyzedDocument.update`), the outline, and its JSON encoding (the server's side) and decoding (the
// client's). Medians and p95 in ms over one-character edits in the middle of the file, typed and undone.
import { performance } from 'node:perf_hooks';
import { AnalyzedDocument } from '../../server/src/analysis/document';
import { documentSymbols } from '../../server/src/features/symbols';
import { generateDockerfile } from '../support/generate';

function main(): void {
  const stages = Number(process.argv[2] ?? 1000);
  const edits = Number(process.argv[3] ?? 200);
  const text = generateDockerfile(stages);
  const lines = text.split('\n');
  const editLine = lines.findIndex((line, i) => i > lines.length / 2 && line.startsWith('ENV PART='));
  const editOffset = lines.slice(0, editLine).reduce((sum, line) => sum + line.length + 1, 0) + lines[editLine].length - 1;
  let document = AnalyzedDocument.fromText(text, 0);
  const times: Record<string, number[]> = { update: [], outline: [], encode: [], decode: [] };
  let bytes = 0;
  for (let i = 1; i <= edits; i++) {
    const next = text.slice(0, editOffset) + (i % 2 === 1 ? 'x' : text[editOffset]) + text.slice(editOffset + 1);
    let start = performance.now();
    document = document.update(next, i);
    times.update.push(performance.now() - start);
    start = performance.now();
    const outline = documentSymbols(document.model);
    times.outline.push(performance.now() - start);
    start = performance.now();
    const json = JSON.stringify(outline);
    times.encode.push(performance.now() - start);
    start = performance.now();
    JSON.parse(json);
    times.decode.push(performance.now() - start);
    bytes = Buffer.byteLength(json);
  }
  console.log(`${stages} stages, ${lines.length} lines, ${edits} edits; outline ${bytes} bytes`);
  for (const [step, values] of Object.entries(times)) {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(2);
    console.log(`${step.padEnd(8)} median ${at(0.5)} p95 ${at(0.95)}`);
  }
}

main();

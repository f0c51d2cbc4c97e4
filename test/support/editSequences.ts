// Random edit sequences for the incremental re-parse: each edit's re-parse, model, reachability and diagnostics
// must equal a full analysis's. The unit run checks the first rounds (test/analysis/incremental.test.ts),
// `npm run fuzz` all of them (test/bench/fuzz.ts): the same seeds, so the unit run's edits are a prefix.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyze, parseFile } from '../../server/src/analysis/parseFile';
import { AnalyzedDocument } from '../../server/src/analysis/document';
import { reparse } from '../../server/src/analysis/incremental';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { featureContext } from '../../server/src/features/featureContext';
import { generateDockerfile } from './generate';
import { randomGenerator, type Random } from './random';

/** Lines that change how the rest of the file parses: they are the interesting ones to type. */
const INTERESTING_LINES = [
  'FROM alpine AS inserted', 'FROM inserted', 'RUN <<EOF', 'EOF', 'RUN echo a \\', 'RUN echo b `', '# comment',
  'COPY --from=inserted / /', 'RUN --mount=from=stage1,target=/x true', 'ONBUILD COPY --from=0 / /', '', '  ',
  '# escape=`', 'ARG X=1', 'COPY <<-END /x', 'END', 'FROM', 'FROM --platform=$BUILDPLATFORM x AS 1bad', 'RUN "\\',
];

function randomEdit(text: string, random: Random): string {
  const all = text.split('\n');
  const line = random.int(all.length);
  switch (random.int(6)) {
    case 0: { // type a character
      const at = random.int(all[line].length + 1);
      all[line] = all[line].slice(0, at) + random.pick(['a', ' ', '=', '\\', '`', '"', '<', '-', 'é', '😀']) + all[line].slice(at);
      break;
    }
    case 1: { // delete a character
      const at = random.int(all[line].length + 1);
      all[line] = all[line].slice(0, at) + all[line].slice(at + 1);
      break;
    }
    case 2: all.splice(line, 0, random.pick(INTERESTING_LINES)); break;
    case 3: all.splice(line, 1); break;
    case 4: all.splice(line, 0, all[line]); break;
    default: all.splice(line, 1, all[line].replace(/\r?$/, '\r')); break;
  }
  return all.join('\n');
}

export interface Stats { edits: number; reused: number }

/** Each edit's re-parse equals a full parse, and so do the model assembled from the previous version's and its diagnostics. */
function checkEditSequence(start: string, edits: number, random: Random, stats: Stats): void {
  let text = start;
  let parsed = parseFile(text);
  let document = AnalyzedDocument.fromText(text, 0);
  for (let i = 0; i < edits; i++) {
    const next = randomEdit(text, random);
    const incremental = reparse(parsed, text, next).parsed;
    assert.deepEqual(incremental, parseFile(next), `edit ${i} differs from a full parse`);
    if (incremental.stages.length > 1 && incremental.stages[0] === parsed.stages[0]) stats.reused++;
    document = document.update(next, i + 1);
    assert.deepEqual(document.model, analyze(next, i + 1), `edit ${i}: the model differs from a full analysis`);
    const full = AnalyzedDocument.fromText(next, i + 1);
    assert.deepEqual(document.reachability([]), full.reachability([]), `edit ${i}: the reachability differs from a full analysis's`);
    // Diagnostics reuse per-stage findings of the previous version (features/diagnostics/stageMemo.ts).
    assert.deepEqual(computeDiagnostics(featureContext(document), {}), computeDiagnostics(featureContext(full), {}), `edit ${i}: the diagnostics differ from a full analysis's`);
    stats.edits++;
    text = next;
    parsed = incremental;
  }
}

/** All the rounds on generated files: 20 files of 12 stages, 40 edits each. */
export const GENERATED_ROUNDS = 20;

/** `rounds` generated files of 12 stages, 40 random edits each. */
export function editGeneratedFiles(rounds: number): Stats {
  const random = randomGenerator(20261126);
  const stats: Stats = { edits: 0, reused: 0 };
  for (let round = 0; round < rounds; round++) checkEditSequence(generateDockerfile(12), 40, random, stats);
  return stats;
}

/** 8 random edits of each file. */
export function editFiles(files: readonly string[]): Stats {
  const random = randomGenerator(7);
  const stats: Stats = { edits: 0, reused: 0 };
  for (const file of files) checkEditSequence(readFileSync(file, 'utf8'), 8, random, stats);
  return stats;
}

/** Most edits leave the stages before them alone, and the re-parse keeps those. */
export function assertReuse(stats: Stats): void {
  assert.ok(stats.reused > stats.edits / 3, `only ${stats.reused} of ${stats.edits} edits reused stages`);
}

// The incremental re-parse must give exactly what a full dockerfile-ast parse gives, on random edit sequences.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyze, parseFile } from '../../server/src/analysis/analyze';
import { AnalyzedDocument } from '../../server/src/analysis/document';
import { reparse } from '../../server/src/analysis/incremental';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { featureContext } from '../../server/src/features/context';
import { generateDockerfile } from '../support/generate';
import { corpusFiles, itWithShared } from '../support/paths';
import { lines } from '../support/fixture';
import { randomGenerator, type Random } from '../support/random';

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

interface Stats { edits: number; reused: number }

/** Each edit's re-parse equals a full parse, and so do the model assembled from the previous version's and its diagnostics. */
function checkEditSequence(start: string, edits: number, random: Random, stats: Stats): void {
  let text = start;
  let parsed = parseFile(text);
  let document = AnalyzedDocument.fromText(text, 0);
  for (let i = 0; i < edits; i++) {
    const next = randomEdit(text, random);
    const incremental = reparse(parsed, text, next);
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

describe('incremental re-parse', () => {
  it('equals a full parse after random edits of generated files', () => {
    const random = randomGenerator(20261126);
    const stats: Stats = { edits: 0, reused: 0 };
    for (let round = 0; round < 20; round++) checkEditSequence(generateDockerfile(12), 40, random, stats);
    assert.ok(stats.reused > stats.edits / 3, `only ${stats.reused} of ${stats.edits} edits reused stages`);
  });

  itWithShared('corpus', 'equals a full parse after random edits of the corpus files', () => {
    const random = randomGenerator(7);
    const stats: Stats = { edits: 0, reused: 0 };
    for (const file of corpusFiles()) checkEditSequence(readFileSync(file, 'utf8'), 8, random, stats);
    assert.ok(stats.reused > stats.edits / 3, `only ${stats.reused} of ${stats.edits} edits reused stages`);
  });

  it('falls back to a full parse when a heredoc is left open into the next stage', () => {
    const before = lines('FROM a AS one', 'RUN true', 'FROM b AS two', 'COPY --from=one / /');
    const after = lines('FROM a AS one', 'RUN <<EOF', 'FROM b AS two', 'COPY --from=one / /');
    const incremental = reparse(parseFile(before), before, after);
    assert.equal(incremental.stages.length, 1);
    assert.deepEqual(incremental, parseFile(after));
  });

  it('reports anew on a stage the edit left alone where a stage it copies from changed', () => {
    const before = lines('FROM alpine AS build', 'WORKDIR /', 'RUN mkdir -p out', 'FROM alpine', 'COPY --from=build out /app');
    const after = before.replace('WORKDIR /', 'WORKDIR /src');
    const document = AnalyzedDocument.fromText(before, 0);
    computeDiagnostics(featureContext(document), {});
    const updated = document.update(after, 1);
    assert.equal(updated.model.stages[1], document.model.stages[1]);
    const diagnostics = computeDiagnostics(featureContext(updated), {});
    assert.ok(diagnostics.some((d) => d.code === 'CopyFromRelativePath'));
    assert.deepEqual(diagnostics, computeDiagnostics(featureContext(AnalyzedDocument.fromText(after, 1)), {}));
  });

  it('keeps the edges and what the targets reach when an edit inside a stage leaves its references alone', () => {
    const before = generateDockerfile(5);
    const document = AnalyzedDocument.fromText(before, 0);
    const reached = document.reachability([]);
    const typed = document.update(before.replace('ENV PART=2', 'ENV PART=22'), 1);
    assert.equal(typed.model.edges, document.model.edges);
    assert.equal(typed.reachability([]), reached);
    const renamed = typed.update(before.replace('COPY --from=stage1', 'COPY --from=stage0'), 2);
    assert.notEqual(renamed.model.edges, typed.model.edges);
    assert.deepEqual(renamed.model, analyze(before.replace('COPY --from=stage1', 'COPY --from=stage0'), 2));
  });

  it('reuses the stages an edit did not touch, shifted', () => {
    const before = generateDockerfile(5);
    const after = before.replace('ENV PART=2', 'ENV PART=2\nENV MORE=1');
    const previous = parseFile(before);
    const incremental = reparse(previous, before, after);
    assert.equal(incremental.stages[0], previous.stages[0]);
    assert.equal(incremental.stages[4].fromRange.start.line, previous.stages[4].fromRange.start.line + 1);
    assert.deepEqual(incremental, parseFile(after));
  });
});

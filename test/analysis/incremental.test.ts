// The incremental re-parse must give exactly what a full dockerfile-ast parse gives, on random edit sequences
// (test/support/editSequences.ts), and reuse what an edit left alone.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, parseFile } from '../../server/src/analysis/parseFile';
import { AnalyzedDocument } from '../../server/src/analysis/document';
import { reparse } from '../../server/src/analysis/incremental';
import { assemble } from '../../server/src/analysis/assemble';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { featureContext } from '../../server/src/features/featureContext';
import { generateDockerfile } from '../support/generate';
import { corpusFiles, itWithShared } from '../support/paths';
import { lines } from '../support/fixture';
import { assertReuse, editFiles, editGeneratedFiles, GENERATED_ROUNDS } from '../support/editSequences';

/** The unit run checks the first quarter of the edit sequences `npm run fuzz` checks (generated files, corpus files). */
const SHARE = 4;

describe('incremental re-parse', () => {
  it('equals a full parse after random edits of generated files', () => {
    assertReuse(editGeneratedFiles(GENERATED_ROUNDS / SHARE));
  });

  itWithShared('corpus', 'equals a full parse after random edits of the corpus files', () => {
    const files = corpusFiles();
    assertReuse(editFiles(files.slice(0, Math.ceil(files.length / SHARE))));
  });

  it('falls back to a full parse when a heredoc is left open into the next stage', () => {
    const before = lines('FROM a AS one', 'RUN true', 'FROM b AS two', 'COPY --from=one / /');
    const after = lines('FROM a AS one', 'RUN <<EOF', 'FROM b AS two', 'COPY --from=one / /');
    const incremental = reparse(parseFile(before), before, after).parsed;
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

  it('moves the resolved references of the stages below an edit that adds a line, without resolving them again', () => {
    const before = generateDockerfile(5);
    const after = before.replace('ENV PART=1', 'ENV PART=1\nENV MORE=1');
    const document = AnalyzedDocument.fromText(before, 0);
    const updated = document.update(after, 1);
    const [moved, old] = [updated.model.referencesIn[4][0], document.model.referencesIn[4][0]];
    assert.equal(moved.range.start.line, old.range.start.line + 1);
    assert.equal(moved.resolution, old.resolution, 'the resolution is the previous version\'s');
    assert.deepEqual(updated.model, analyze(after, 1));
  });

  it('keeps the resolver (every stage name indexed) while the names and global ARGs stay, and builds one when a name changes', () => {
    const before = generateDockerfile(5);
    const first = assemble(parseFile(before), 0);
    const typedText = before.replace('ENV PART=2', 'ENV PART=22');
    const typed = assemble(reparse(first.parsed, before, typedText).parsed, 1, first);
    assert.equal(typed.resolver, first.resolver);
    const renamedText = typedText.replace('AS stage1', 'AS stage1b');
    const renamed = assemble(reparse(typed.parsed, typedText, renamedText).parsed, 2, typed);
    assert.notEqual(renamed.resolver, first.resolver);
    assert.deepEqual(renamed.model, analyze(renamedText, 2));
  });

  it('finds the doc comments above the stages where the edit moved the lines', () => {
    const before = lines('# base', 'FROM a AS one', 'RUN true', '# the second', '# of two', 'FROM b AS two', '# the third', 'FROM c');
    const document = AnalyzedDocument.fromText(before, 0);
    const after = before.replace('RUN true', 'RUN true\n# not the second\n\nRUN false');
    const updated = document.update(after, 1);
    assert.deepEqual(updated.model.stages.map((stage) => stage.docComment), ['base', 'the second\nof two', 'the third']);
    assert.deepEqual(updated.model, analyze(after, 1));
  });

  it('shifts the stages after an edit that adds a line by copying only what holds a position', () => {
    const before = generateDockerfile(5);
    const after = before.replace('ENV PART=1', 'ENV PART=1\nENV MORE=1');
    const previous = parseFile(before);
    const incremental = reparse(previous, before, after).parsed;
    const run = (stages: typeof previous.stages) => stages[3].instructions.find((instruction) => instruction.outputs?.length)!;
    assert.notEqual(run(incremental.stages), run(previous.stages));
    assert.equal(run(incremental.stages).range.start.line, run(previous.stages).range.start.line + 1);
    assert.equal(run(incremental.stages).outputs, run(previous.stages).outputs);
    assert.deepEqual(incremental, parseFile(after));
  });

  it('reuses the stages an edit did not touch, shifted', () => {
    const before = generateDockerfile(5);
    const after = before.replace('ENV PART=2', 'ENV PART=2\nENV MORE=1');
    const previous = parseFile(before);
    const incremental = reparse(previous, before, after).parsed;
    assert.equal(incremental.stages[0], previous.stages[0]);
    assert.equal(incremental.stages[4].fromRange.start.line, previous.stages[4].fromRange.start.line + 1);
    assert.deepEqual(incremental, parseFile(after));
  });
});

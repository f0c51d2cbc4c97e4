// Extract to new stage applied to contiguous instruction ranges of every stage of every corpus file: every
// build target must come out the same (test/support/equivalence.ts).
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { AnalyzedDocument } from '../server/src/analysis/document';
import { featureContext } from '../server/src/features/featureContext';
import { listRefactors, REFACTOR_KINDS, resolveRefactor } from '../server/src/features/refactors/refactorActions';
import { applyEdits } from './support/fixture';
import { differingTargets } from './support/equivalence';
import { corpusFiles, describeWithShared } from './support/paths';

/** Per file at most this many ranges, spread over all stages and lengths. */
const RANGES_PER_FILE = 40;

describeWithShared('corpus', 'extract over the corpus keeps every target', () => {
  let checked = 0;
  let refused = 0;
  for (const file of corpusFiles()) {
    it(basename(file), () => {
      const text = readFileSync(file, 'utf8');
      const context = featureContext(AnalyzedDocument.fromText(text));
      const ranges = context.model.stages.flatMap((stage) => stage.instructions.flatMap((first, i) =>
        stage.instructions.slice(i).map((last) => ({ start: first.range.start, end: last.range.end }))));
      const step = Math.max(1, Math.ceil(ranges.length / RANGES_PER_FILE));
      for (let i = 0; i < ranges.length; i += step) {
        const [action] = listRefactors(context, 'file:///corpus', ranges[i], [REFACTOR_KINDS.extract]);
        assert.ok(action, `no extract action for range ${JSON.stringify(ranges[i])}`);
        if (action.disabled) {
          refused++;
          continue;
        }
        const after = applyEdits(text, resolveRefactor(context, action).edit!.changes!['file:///corpus']);
        assert.deepEqual(differingTargets(text, after), [], `extract of ${JSON.stringify(ranges[i])} changed the build`);
        checked++;
      }
    });
  }
  it('checked thousands of refactors', () => {
    console.log(`# extract refactors checked for equivalence: ${checked} (refused: ${refused})`);
    assert.ok(checked > 2000, `only ${checked} checked`);
  });
});

describeWithShared('corpus', 'move dependencies into their own stage over the corpus keeps every target', () => {
  let checked = 0;
  for (const file of corpusFiles()) {
    it(basename(file), () => {
      const text = readFileSync(file, 'utf8');
      const context = featureContext(AnalyzedDocument.fromText(text));
      for (const run of context.model.stages.flatMap((stage) => stage.instructions.filter((i) => i.keyword === 'RUN'))) {
        const [action] = listRefactors(context, 'file:///corpus', { start: run.range.start, end: run.range.start }, [REFACTOR_KINDS.dependencies]);
        if (!action || action.disabled) continue;
        const after = applyEdits(text, resolveRefactor(context, action).edit!.changes!['file:///corpus']);
        assert.deepEqual(differingTargets(text, after), [], `moving the dependencies of line ${run.range.start.line + 1} changed the build`);
        checked++;
      }
    });
  }
  it('checked it wherever it is offered', () => {
    console.log(`# dependency stages checked for equivalence: ${checked}`);
    assert.ok(checked > 0);
  });
});

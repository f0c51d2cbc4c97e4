// The rules that keep findings per unchanged stage (features/diagnostics/stageMemo.ts) must say, after an edit
// of another stage, what a full analysis says: each edit here changes only what a later, reused stage reads.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AnalyzedDocument } from '../../server/src/analysis/document';
import { featureContext } from '../../server/src/features/featureContext';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { lines } from '../support/fixture';

const RULES = { DependenciesAfterSource: 'information' as const };

/** Stage `a`'s line 1 is the one edited; stage `b`, built FROM it, is left alone. */
function dockerfile(slot: string): string {
  return lines(
    'FROM alpine AS a', slot, 'RUN echo 1', 'RUN echo 2', 'RUN echo 3',
    'FROM a AS b', 'workdir src', 'copy . .', 'run go mod download', 'cmd echo hi', 'expose 80/TCP', 'run echo 4',
  );
}

describe('per-stage findings after an edit of another stage', () => {
  it('equal a full analysis when what the stage reads changes', () => {
    const slots = [
      'LABEL slot=1',
      'SHELL ["/bin/sh", "-c"]', // b's shell-form CMD: JSONArgsRecommended goes
      'WORKDIR /app', // b's relative WORKDIR: WorkdirRelativePath goes
      'RUN go mod download', // installed in the stage b is built FROM: DependenciesAfterSource goes
      'label slot=1', // the majority casing turns lower: ConsistentInstructionCasing moves to the upper-case ones
      'ONBUILD RUN true', // b starts with triggers not followed: the image config checks say nothing
      'LABEL slot=1',
    ];
    let document = AnalyzedDocument.fromText(dockerfile(slots[0]), 0);
    let before = computeDiagnostics(featureContext(document), RULES);
    for (let i = 1; i < slots.length; i++) {
      const text = dockerfile(slots[i]);
      const previous = document;
      document = document.update(text, i);
      assert.equal(document.model.stages[1], previous.model.stages[1], `edit ${i}: stage b is reused`);
      const incremental = computeDiagnostics(featureContext(document), RULES);
      const full = computeDiagnostics(featureContext(AnalyzedDocument.fromText(text, i)), RULES);
      assert.deepEqual(incremental, full, `edit ${i} (${slots[i]}): the diagnostics differ from a full analysis's`);
      const onB = (list: typeof full) => JSON.stringify(list.filter((diagnostic) => diagnostic.range.start.line >= 5));
      assert.notEqual(onB(full), onB(before), `edit ${i} (${slots[i]}) changes what is said on stage b`);
      before = full;
    }
  });
});

// Convert to a multi-stage build over ../shared/corpus-single: each file's outcome (converted with its output,
// declined with the reason, or not offered) is kept in test/golden/convert-single.json with a verdict read by
// hand; every conversion (and every --runtime kind's, where it converts) must also have the properties of
// test/support/convertProperties.ts. A new or changed outcome fails until the golden file is updated on purpose
// (UPDATE_GOLDEN=1 keeps the verdicts of unchanged outcomes; a new one gets "TO REVIEW", which fails).
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AnalyzedDocument } from '../server/src/analysis/document';
import { featureContext } from '../server/src/features/featureContext';
import { listRefactors, REFACTOR_KINDS, resolveRefactor } from '../server/src/features/refactors/refactorActions';
import { applyEdits } from './support/fixture';
import { checkConversion } from './support/convertProperties';
import { offersConvert, planConvert } from '../server/src/features/refactors/convertPlan';
import { convertStage } from '../server/src/features/refactors/convertStage';
import { RUNTIME_KINDS } from '../server/src/features/refactors/runtimeBases';
import { planDependenciesFirst } from '../server/src/features/refactors/goDependenciesFirst';
import { describeWithShared, REPO_ROOT, SINGLE_DIR } from './support/paths';

const GOLDEN = join(REPO_ROOT, 'test', 'golden', 'convert-single.json');
const URI = 'file:///corpus/Dockerfile';

interface Outcome {
  readonly outcome: 'converted' | 'declined' | 'not offered';
  readonly reason?: string;
  readonly output?: string[];
  readonly verdict?: string;
}

/** The action on the file's first FROM line, applied. */
function convert(text: string): Outcome {
  const context = featureContext(AnalyzedDocument.fromText(text));
  const stage = context.model.stages[0];
  if (!stage) return { outcome: 'not offered' };
  const at = { start: stage.fromRange.start, end: stage.fromRange.start };
  const [action] = listRefactors(context, URI, at, [REFACTOR_KINDS.convert]);
  if (!action) return { outcome: 'not offered' };
  if (action.disabled) return { outcome: 'declined', reason: action.disabled.reason };
  const after = applyEdits(text, resolveRefactor(context, action).edit!.changes![URI]);
  checkConversion(text, after);
  return { outcome: 'converted', output: after.split(/\r?\n/) };
}

describeWithShared('single', 'convert to a multi-stage build over the single-stage corpus', () => {
  const files = readdirSync(join(SINGLE_DIR, 'files')).sort();
  const golden: Record<string, Outcome> = JSON.parse(readFileSync(GOLDEN, 'utf8'));
  const actual: Record<string, Outcome> = {};
  for (const file of files) {
    it(file, () => {
      const outcome = convert(readFileSync(join(SINGLE_DIR, 'files', file), 'utf8'));
      const kept = golden[file];
      const same = kept && kept.outcome === outcome.outcome && kept.reason === outcome.reason && JSON.stringify(kept.output) === JSON.stringify(outcome.output);
      actual[file] = { ...outcome, verdict: same ? kept.verdict : 'TO REVIEW' };
      if (!process.env.UPDATE_GOLDEN) assert.deepEqual(outcome, withoutVerdict(kept), 'the outcome is the one read by hand');
      assert.ok(process.env.UPDATE_GOLDEN || (kept.verdict && kept.verdict !== 'TO REVIEW'), 'the outcome has a verdict');
    });
  }
  it('every --runtime kind, where it converts a file, gives a result with the properties', () => {
    const converted: Record<string, number> = {};
    for (const file of files) {
      const text = readFileSync(join(SINGLE_DIR, 'files', file), 'utf8');
      const { model } = AnalyzedDocument.fromText(text);
      const stage = model.stages.length === 1 ? offersConvert(model, model.stages[0].fromRange.start.line) : undefined;
      for (const kind of RUNTIME_KINDS) {
        const plan = stage && planConvert(model, stage, kind);
        if (!plan || 'disabled' in plan) continue;
        checkConversion(text, applyEdits(text, convertStage(model, text, plan).edits));
        converted[kind] = (converted[kind] ?? 0) + 1;
      }
    }
    console.log(`# convert --runtime over corpus-single, files converted: ${RUNTIME_KINDS.map((kind) => `${kind} ${converted[kind] ?? 0}`).join(', ')}`);
    assert.equal(converted.auto, Object.values(actual).filter((o) => o.outcome === 'converted').length);
  });

  it('the option to download Go dependencies first, with a made-up go.mod and go.sum in the context, gives a result with the properties', () => {
    let offered = 0;
    for (const file of files) {
      const text = readFileSync(join(SINGLE_DIR, 'files', file), 'utf8');
      const { model } = AnalyzedDocument.fromText(text);
      const stage = model.stages.length === 1 ? offersConvert(model, model.stages[0].fromRange.start.line) : undefined;
      const plan = stage && planConvert(model, stage);
      const dependencies = plan && !('disabled' in plan) ? planDependenciesFirst({ contextFile: (path) => ({ 'go.mod': 'module m\n', 'go.sum': '' } as Record<string, string>)[path] }, plan) : undefined;
      if (!plan || 'disabled' in plan || !dependencies || 'disabled' in dependencies) continue;
      const copy = [dependencies.copy.buildkit!.written, ...dependencies.copy.buildkit!.flags, 'go.mod', 'go.sum', './'].join(' ');
      checkConversion(text, applyEdits(text, convertStage(model, text, plan, dependencies).edits), [copy, 'RUN go mod download']);
      offered++;
    }
    console.log(`# convert, download dependencies first, over corpus-single: offered on ${offered} files`);
  });

  it('counts', () => {
    if (process.env.UPDATE_GOLDEN) writeFileSync(GOLDEN, `${JSON.stringify(actual, null, 1)}\n`);
    const count = (outcome: string) => Object.values(actual).filter((o) => o.outcome === outcome).length;
    console.log(`# convert over corpus-single: ${count('converted')} converted, ${count('declined')} declined, ${count('not offered')} not offered`);
    assert.equal(Object.keys(actual).length, files.length);
  });
});

function withoutVerdict(outcome: Outcome | undefined): Outcome | undefined {
  if (!outcome) return undefined;
  const { verdict: _verdict, ...rest } = outcome;
  return rest;
}

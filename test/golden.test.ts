// Corpus regression: each corpus file's stages, references and diagnostics, kept under test/golden/ and read
// by hand once. A change fails this test until the golden file is updated on purpose:
//   UPDATE_GOLDEN=1 npm run test:unit
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { AnalyzedDocument } from '../server/src/analysis/document';
import { featureContext } from '../server/src/features/featureContext';
import { computeDiagnostics } from '../server/src/features/diagnostics';
import { corpusFiles, describeWithShared, REPO_ROOT } from './support/paths';

const GOLDEN_DIR = join(REPO_ROOT, 'test', 'golden');

/** What is worth reviewing by hand: one line per stage, reference and diagnostic, 1-based lines. */
function summary(text: string): { stages: string[]; references: string[]; diagnostics: string[] } {
  const context = featureContext(AnalyzedDocument.fromText(text));
  const { model } = context;
  const label = (index: number) => model.stages[index].name?.text ?? `#${index}`;
  return {
    stages: model.stages.map((s) => `${s.index} ${s.name?.text ?? '-'} line ${s.fromRange.start.line + 1}-${s.range.end.line + 1} base ${s.expandedBase ?? '-'}`),
    references: model.references.map((r) => {
      const { resolution } = r;
      const target = resolution.kind === 'stage' ? `stage ${label(resolution.stage)}` : resolution.kind === 'pattern' ? `pattern ${resolution.stages.map(label).join('|')}` : resolution.kind;
      return `line ${r.range.start.line + 1} ${r.onbuild ? 'onbuild ' : ''}${r.kind} ${r.text} -> ${target}${r.order === 'ok' ? '' : ` (${r.order})`}`;
    }),
    diagnostics: computeDiagnostics(context, {}).map((d) => `line ${d.range.start.line + 1} ${d.code}: ${d.message}`),
  };
}

describeWithShared('corpus', 'golden outputs of the corpus', () => {
  for (const file of corpusFiles()) {
    it(basename(file), () => {
      const actual = summary(readFileSync(file, 'utf8'));
      const golden = join(GOLDEN_DIR, `${basename(file)}.json`);
      if (process.env.UPDATE_GOLDEN || !existsSync(golden)) {
        mkdirSync(GOLDEN_DIR, { recursive: true });
        writeFileSync(golden, JSON.stringify(actual, null, 1) + '\n');
        if (!process.env.UPDATE_GOLDEN) assert.fail(`${golden} was missing and has been written: review it and commit it`);
      }
      assert.deepEqual(actual, JSON.parse(readFileSync(golden, 'utf8')));
    });
  }
});

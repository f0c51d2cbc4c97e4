// BuildKit itself as the judge: for every case BuildKit's frontend was run on (../shared/peer/buildkit-oracle,
// the corpus files and seeded mutants of them), our findings of BuildKit's checks and our "BuildKit fails"
// errors equal BuildKit's, with `docker build --check` (every stage) and with a plain build of the default target.
// The rules compared are found in the rule table (test/support/buildkitOracle.ts); BuildKit's checks that no rule
// of ours implements are listed as not compared.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareWithBuildkit, COMPARED_CHECKS, type Comparison, type OracleCase, type OracleMode } from '../support/buildkitOracle';
import { CORPUS_DIR, describeWithShared, PEER_DIR } from '../support/paths';

const MODES: readonly OracleMode[] = ['check', 'build'];

describeWithShared('peer', 'BuildKit\'s verdicts (peer/buildkit-oracle/cases.json)', () => {
  describeWithShared('corpus', 'every recorded case, both modes', () => {
    const { cases } = JSON.parse(readFileSync(join(PEER_DIR, 'buildkit-oracle', 'cases.json'), 'utf8')) as { cases: OracleCase[] };
    const totals = new Map<OracleMode, { agree: number; buildkitOnly: number; productOnly: number; messages: number; stubbedImages: number; unjudged: number }>();
    const notCompared = new Map<string, number>();
    const count = (mode: OracleMode, comparison: Comparison) => {
      const total = totals.get(mode) ?? { agree: 0, buildkitOnly: 0, productOnly: 0, messages: 0, stubbedImages: 0, unjudged: 0 };
      total.agree += comparison.agree.length;
      total.buildkitOnly += comparison.buildkitOnly.length;
      total.productOnly += comparison.productOnly.length;
      total.messages += comparison.messages.length;
      total.stubbedImages += comparison.stubbedImages.length;
      total.unjudged += comparison.unjudged;
      totals.set(mode, total);
      for (const [rule, n] of comparison.notCompared) notCompared.set(rule, (notCompared.get(rule) ?? 0) + n);
    };
    for (const testCase of cases) {
      describe(testCase.id, () => {
        const text = testCase.dockerfile ?? readFileSync(join(CORPUS_DIR, testCase.corpusFile), 'utf8');
        for (const mode of MODES) {
          it(`${mode}${testCase.mutations.length > 0 ? ` (${testCase.mutations.join('; ')})` : ''}`, () => {
            const comparison = compareWithBuildkit(text, mode, testCase[mode]);
            count(mode, comparison);
            assert.deepEqual({ buildkitOnly: comparison.buildkitOnly, productOnly: comparison.productOnly, messages: comparison.messages },
              { buildkitOnly: [], productOnly: [], messages: [] });
          });
        }
      });
    }
    after(() => {
      for (const [mode, total] of totals) {
        console.log(`# BuildKit ${mode}: ${total.agree} agree, ${total.buildkitOnly} BuildKit-only, ${total.productOnly} product-only, ${total.messages} other messages, ${total.stubbedImages} only with the oracle's stubbed images (UndefinedVar of a variable the real image may set); ${total.unjudged} of ours after BuildKit's first error`);
      }
      console.log(`# compared: ${[...COMPARED_CHECKS].sort().join(', ')} and our "BuildKit fails" errors`);
      console.log(`# not compared (no rule of ours yet): ${[...notCompared].sort().map(([rule, n]) => `${rule} (${n})`).join(', ') || 'none'}`);
    });
  });
});

// BuildKit's own UndefinedVar verdicts (../shared/peer/buildkit-oracle/cases.json: `docker build --check` by
// BuildKit's frontend on the corpus files and seeded mutants of them). The oracle's images are stubs that set no
// ENV, which the rule cannot assume of a real image (`FROM golang` sets GOPATH): so the rule runs here twice.
// - As the oracle sees images (`imagesSetNothing`): the lexer, the reading of each instruction, the environment
//   and the messages are checked on every case, finding for finding.
// - As shipped: it reports nothing BuildKit does not.
// A case where BuildKit fails stops where it fails: what we find there is neither confirmed nor refuted, but
// every finding BuildKit made before failing must be ours.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../server/src/analysis/analyze';
import { checkUndefinedVar, type UndefinedVarOptions } from '../../server/src/features/diagnostics/undefinedVarRules';
import { isSkipped, readCheckConfiguration } from '../../server/src/features/diagnostics/checkDirectives';
import { CORPUS_DIR, describeWithShared, PEER_DIR } from '../support/paths';

interface OracleCase {
  readonly id: string;
  readonly corpusFile: string;
  readonly dockerfile?: string;
  readonly check: {
    readonly warnings: readonly { readonly rule: string; readonly startLine: number; readonly message: string }[];
    readonly error: { readonly message: string } | null;
  };
}

/**
 * `line: message`, once each (BuildKit repeats a name for each word of an instruction that holds it), where no
 * `# check=skip=` silences it.
 */
function findings(text: string, options: UndefinedVarOptions): string[] {
  const model = analyze(text);
  const checks = readCheckConfiguration(model);
  const shown = checkUndefinedVar(model, options).filter((f) => !isSkipped(checks, f.code, f.instructionLine));
  return [...new Set(shown.map((f) => `${f.instructionLine + 1}: ${f.message}`))].sort();
}

describeWithShared('peer', "BuildKit's UndefinedVar verdicts (buildkit-oracle/cases.json)", () => {
  const { cases } = JSON.parse(readFileSync(join(PEER_DIR, 'buildkit-oracle', 'cases.json'), 'utf8')) as { cases: OracleCase[] };
  for (const testCase of cases) {
    it(testCase.id, () => {
      const text = testCase.dockerfile ?? readFileSync(join(CORPUS_DIR, testCase.corpusFile), 'utf8');
      const buildkit = [...new Set(testCase.check.warnings.filter((w) => w.rule === 'UndefinedVar').map((w) => `${w.startLine}: ${w.message}`))].sort();
      const asOracle = findings(text, { imagesSetNothing: true });
      const shipped = findings(text, {});
      if (testCase.check.error) {
        assert.deepEqual(buildkit.filter((finding) => !asOracle.includes(finding)), [], 'BuildKit found before failing');
        return;
      }
      assert.deepEqual(asOracle, buildkit, 'with the oracle\'s images');
      assert.deepEqual(shipped.filter((finding) => !buildkit.includes(finding)), [], 'as shipped');
    });
  }
});

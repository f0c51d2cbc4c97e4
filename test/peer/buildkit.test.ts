// BuildKit's own stage tests, as data (../shared/peer/buildkit-cases.json): for every Dockerfile, what BuildKit
// warns and whether (and why) it fails, against our diagnostics with the case's target.
// - Every BuildKit warning of a rule we share is ours too, on the same line, and we report no other one.
// - A build that BuildKit accepts gets no error from us; a stage error of BuildKit's is ours under the code it
//   maps to (../shared/peer/README.md), on the line BuildKit names; a lint error (`# check=error=true`) makes
//   our shared warnings errors.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { AnalyzedDocument } from '../../server/src/analysis/document';
import { featureContext } from '../../server/src/features/featureContext';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { undefinedTargets } from '../../server/src/features/diagnostics/targetRules';
import { describeWithShared, PEER_DIR } from '../support/paths';

interface BuildkitCase {
  id: string;
  source: string;
  dockerfile: string;
  target: string | null;
  note?: string;
  needsBuildArgs?: boolean;
  buildkit: {
    warnings: { rule: string; line: number }[];
    error: string | null;
    errorKind?: 'stage' | 'lint' | 'parse' | 'runtime';
    errorLines?: number[];
    /** Warnings of rules beyond the stage rules that the BuildKit test asserts, e.g. `UndefinedArgInFrom@3`. */
    otherRules?: string[];
    warningsFrom: 'test' | 'derived' | 'docs';
  };
}

/** BuildKit's checks that we implement under the same name, whose warnings every case lists. */
const STAGE_RULES = ['FromAsCasing', 'StageNameCasing', 'ReservedStageName', 'DuplicateStageName'];
/** Those on variables in FROM lines and definitions: listed (as `otherRules`) only by the cases whose BuildKit test asserts every warning. */
const FROM_RULES = ['UndefinedArgInFrom', 'InvalidDefaultArgInFrom', 'RedundantTargetPlatform', 'FromPlatformFlagConstDisallowed', 'InvalidDefinitionDescription'];
const SHARED_RULES = new Set([...STAGE_RULES, ...FROM_RULES]);

/** BuildKit's stage errors and the code we report them under (../shared/peer/README.md). */
const ERROR_CODES: readonly [RegExp, string][] = [
  [/circular dependency detected on stage/, 'CircularStageDependency'],
  [/needs to be defined before current stage|stage needs to be defined before current command/, 'StageForwardReference'],
  [/invalid stage index/, 'StageIndexOutOfRange'],
  [/variable expansion is not supported for --from|'from' doesn't support variable expansion/, 'VariableInStageReference'],
  [/invalid name for build stage/, 'InvalidStageName'],
  [/SOURCE_DATE_EPOCH stage/, 'InvalidSourceDateEpochStage'],
];

/** `otherRules` entries such as `UndefinedArgInFrom@3` or `InvalidDefinitionDescription@3,5`, as warnings. */
function otherWarnings(testCase: BuildkitCase): { rule: string; line: number }[] {
  return (testCase.buildkit.otherRules ?? []).flatMap((entry) => {
    const match = /^(\w+)@([\d,]+)$/.exec(entry);
    return match ? match[2].split(',').map((line) => ({ rule: match[1], line: Number(line) })) : [];
  });
}

function lineOf(diagnostic: Diagnostic): number {
  return diagnostic.range.start.line + 1;
}

function checkCase(testCase: BuildkitCase): void {
  const document = AnalyzedDocument.fromText(testCase.dockerfile);
  const { warnings, error, errorKind, errorLines } = testCase.buildkit;
  if (testCase.target !== null && /could not be found/.test(error ?? '')) {
    // A --target that names no stage: BuildKit's message, word for word.
    assert.deepEqual(undefinedTargets(document.model, [testCase.target]).map((t) => t.message), [error]);
    return;
  }
  const targets = testCase.target === null ? [] : [{ name: testCase.target, origin: '--target' }];
  const diagnostics = computeDiagnostics(featureContext(document, targets), {});
  const compared = new Set(testCase.buildkit.warningsFrom === 'test' ? SHARED_RULES : STAGE_RULES);
  const expected = [...warnings, ...otherWarnings(testCase)].filter((w) => compared.has(w.rule)).map((w) => `${w.rule}:${w.line}`);
  const shared = diagnostics.filter((d) => SHARED_RULES.has(String(d.code)));
  assert.deepEqual(shared.filter((d) => compared.has(String(d.code))).map((d) => `${d.code}:${lineOf(d)}`).sort(), expected.sort(), 'shared checks');
  const lintErrors = errorKind === 'lint';
  for (const d of shared) assert.equal(d.severity, lintErrors ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, `${d.code} severity`);
  const errors = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error && !(lintErrors && SHARED_RULES.has(String(d.code))));
  const mapped = error === null ? undefined : ERROR_CODES.find(([pattern]) => pattern.test(error))?.[1];
  if (error === null) {
    assert.deepEqual(errors.map((d) => `${d.code}:${lineOf(d)} ${d.message}`), [], 'BuildKit builds this: no error');
  } else if (mapped) {
    const ours = errors.filter((d) => d.code === mapped);
    assert.ok(ours.length > 0, `BuildKit fails with "${error}": expected ${mapped}, got ${errors.map((d) => d.code).join(', ') || 'none'}`);
    if (errorLines) assert.ok(ours.some((d) => errorLines.includes(lineOf(d))), `${mapped} on line ${errorLines.join(' or ')}`);
  }
}

describeWithShared('peer', 'BuildKit\'s stage tests (peer/buildkit-cases.json)', () => {
  const cases = JSON.parse(readFileSync(join(PEER_DIR, 'buildkit-cases.json'), 'utf8')) as BuildkitCase[];
  // BUILDKIT_DOCKERFILE_CHECK passed as a build arg overrides `# check=`: an editor never sees build args.
  const checked = cases.filter((testCase) => !testCase.needsBuildArgs);
  it('has the 212 cases, 2 of which depend on a build arg', () => {
    assert.equal(cases.length, 212);
    assert.deepEqual(cases.filter((testCase) => testCase.needsBuildArgs).map((testCase) => testCase.id), ['testRuleCheckOption/7', 'testRuleCheckOption/8']);
  });
  for (const testCase of checked) it(`${testCase.id} (${testCase.source})`, () => checkCase(testCase));
});

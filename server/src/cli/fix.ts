// `check --fix`: applies, round after round until none is left, the preferred quick fix of each problem that
// cannot change what any target builds; `--fix-unsafe` also the fixes that do so on purpose (did-you-mean,
// declaring an ARG, moving an ARG or a stage). The same quick fixes the editor offers; a fix that removes (an
// unused stage, a COPY) is never preferred, so the CLI never applies it: the hint behind it may be wrong.
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { AnalyzedDocument } from '../analysis/document';
import type { BuildTarget } from '../analysis/graph';
import { comparePositions } from '../analysis/positions';
import { featureContext } from '../features/featureContext';
import { computeDiagnostics } from '../features/diagnostics';
import type { FindingData, RuleCode } from '../features/diagnostics/rules';
import { quickFixes } from '../features/codeActions/quickFixes';
import { DocumentText } from '../features/documentText';

/**
 * The fixes that keep every target's build as it is, by rule and title: keyword casing; stage names lower-cased
 * with every reference (BuildKit stores them lower-cased anyway); a `--platform` that BuildKit ignores;
 * `key=value`; EXPOSE's protocol case and host part (the image exposes the same ports); empty continuation lines.
 */
const SAFE: Partial<Record<RuleCode, RegExp>> = {
  FromAsCasing: /^Write '/,
  StageNameCasing: /^Rename '/,
  PlatformOnStageReference: /^Remove the ignored --platform/,
  ConsistentInstructionCasing: /^Write '/,
  LegacyKeyValueFormat: /^Write '/,
  ExposeProtoCasing: /^Write the protocols in lower case$/,
  ExposeInvalidFormat: /^Expose the container ports only$/,
  NoEmptyContinuation: /^Remove the empty continuation lines$/,
};

export interface FixResult {
  readonly text: string;
  /** What was fixed, in order: `FromAsCasing (line 3)`. */
  readonly fixed: readonly string[];
}

export function fixText(text: string, targets: readonly BuildTarget[], unsafe: boolean): FixResult {
  const fixed: string[] = [];
  let current = text;
  // Each round fixes what does not overlap; a fix may reveal or move others, so look again (bounded).
  for (let round = 0; round < 20; round++) {
    const context = featureContext(AnalyzedDocument.fromText(current), targets);
    const diagnostics = computeDiagnostics(context, {});
    const chosen: TextEdit[] = [];
    for (const diagnostic of diagnostics) {
      const code = diagnostic.code as RuleCode;
      const action = quickFixes(context, 'file:///fix', [diagnostic]).find((a) => allowed(diagnostic, a, diagnostics, unsafe));
      const edits = action?.edit?.changes?.['file:///fix'] ?? [];
      if (edits.length === 0 || edits.some((edit) => chosen.some((other) => overlaps(edit, other)))) continue;
      chosen.push(...edits);
      fixed.push(`${code} (line ${diagnostic.range.start.line + 1})`);
    }
    if (chosen.length === 0) break;
    current = applyEdits(current, chosen);
  }
  return { text: current, fixed };
}

function allowed(diagnostic: Diagnostic, action: CodeAction, diagnostics: readonly Diagnostic[], unsafe: boolean): boolean {
  const code = diagnostic.code as RuleCode;
  if (!action.edit || action.title.startsWith('Ignore ')) return false;
  const safe = SAFE[code]?.test(action.title) === true;
  if (unsafe) return safe || action.isPreferred === true;
  // Lower-casing a name also makes a `FROM Builder` that missed the stage find it: that changes the build.
  const stage = (diagnostic.data as FindingData | undefined)?.stage;
  return safe && !(code === 'StageNameCasing' && diagnostics.some((d) => d.code === 'FromStageCasing' && (d.data as FindingData | undefined)?.stage === stage));
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  return comparePositions(a.range.start, b.range.end) < 0 && comparePositions(b.range.start, a.range.end) < 0
    || comparePositions(a.range.start, b.range.start) === 0;
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const document = new DocumentText(text);
  const sorted = [...edits].sort((a, b) => document.offset(b.range.start) - document.offset(a.range.start));
  let result = text;
  for (const edit of sorted) result = result.slice(0, document.offset(edit.range.start)) + edit.newText + result.slice(document.offset(edit.range.end));
  return result;
}

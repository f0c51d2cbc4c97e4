// What BuildKit fails on in the names it pulls: a base name that the global ARGs leave blank (buildDispatchStates in
// dockerfile2llb/convert.go: `base name (X) should not be blank`), and a base or `--from`/mount image that is no
// image reference (resolveBaseImage: `failed to parse stage name "X": ...`, the grammar in
// analysis/imageReference.ts). BuildKit parses every stage's base and every image a COPY --from or mount names,
// built or not. A failure that a `--build-arg` can avoid is a warning that names it; one no build arg can avoid is
// an error.
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Stage, StageModel, StageReference } from '../../analysis/model';
import { imageReferenceError } from '../../analysis/imageReference';
import { stageMissedByCase } from './referenceRules';
import { basesAsBuilt, settableVariables, type BaseAsBuilt } from './buildDefaults';
import type { Finding } from './rules';
import { goQuote } from '../../analysis/goFormat';

export function checkBaseNames(model: StageModel): Finding[] {
  const bases = basesAsBuilt(model);
  const findings: Finding[] = [];
  for (const stage of model.stages) {
    const base = bases[stage.index];
    const finding = base && checkBase(model, stage, base);
    if (finding) findings.push(finding);
  }
  for (const reference of model.references) {
    const finding = checkImageName(reference);
    if (finding) findings.push(finding);
  }
  return findings;
}

function checkBase(model: StageModel, stage: Stage, { value: base, referenceError: error }: BaseAsBuilt): Finding | undefined {
  if (base === undefined || !stage.base) return undefined;
  const at = { range: stage.base.range, instructionLine: stage.fromRange.start.line, data: { stage: stage.index } };
  const settable = () => settableVariables(model, stage, stage.base!);
  if (base === '') return { ...at, code: 'BlankBaseName', ...failure(settable(), `base name (${stage.base.text}) should not be blank`) };
  if (error === undefined) return undefined;
  // An earlier stage's name (compared as written: addState) is not pulled; FromStageCasing speaks of `FROM Builder`.
  const earlierStage = model.stages.slice(0, stage.index).some((s) => s.normalizedName === base);
  const reference = model.baseReferences[stage.index];
  if (earlierStage || (reference && stageMissedByCase(model, reference))) return undefined;
  return { ...at, code: 'InvalidImageReference', ...failure(settable(), `failed to parse stage name ${goQuote(base)}: ${error}`) };
}

/** A `COPY --from` or mount `from=` that names no stage is pulled as an image (toCommand, detectRunMount). */
function checkImageName(reference: StageReference): Finding | undefined {
  // An ONBUILD trigger's image is resolved where it runs (triggerRules.ts).
  if (reference.onbuild || reference.kind === 'from' || reference.kind === 'source-date-epoch' || reference.resolution.kind !== 'image') return undefined;
  const error = imageReferenceError(reference.text);
  if (error === undefined) return undefined;
  return { code: 'InvalidImageReference', range: reference.range, instructionLine: reference.instructionLine, message: `failed to parse stage name ${goQuote(reference.text)}: ${error}`, data: { stage: reference.inStage } };
}

/**
 * Whether a finding is the warning that a build without some `--build-arg` fails on this base (BlankBaseName,
 * InvalidImageReference) while BuildKit's InvalidDefaultArgInFrom, among `shown`, speaks of the same base on the
 * same FROM. Both come of one cause: the default the ARGs give leaves no valid base (validateBaseImagesWithDefaultArgs
 * warns, then buildDispatchStates or resolveBaseImage fail the build on it). BuildKit's warning is kept alone: its
 * message already names the ARG whose default is at fault, which is what the `--build-arg` names of ours add.
 * An error (no build arg avoids the failure) is not implied: it stays.
 */
export function impliedByInvalidDefaultArg(finding: Finding, shown: readonly Finding[]): boolean {
  if ((finding.code !== 'BlankBaseName' && finding.code !== 'InvalidImageReference') || finding.severity !== DiagnosticSeverity.Warning) return false;
  return shown.some((other) => other.code === 'InvalidDefaultArgInFrom' && other.instructionLine === finding.instructionLine
    && other.range.start.line === finding.range.start.line && other.range.start.character === finding.range.start.character);
}

/** BuildKit's message; where a build arg can change the outcome, a warning that names it. */
export function failure(settable: readonly string[], message: string): Pick<Finding, 'message' | 'severity'> {
  if (settable.length === 0) return { message };
  return { message: `A build without ${settable.map((name) => `--build-arg ${name}`).join(' or ')} fails: ${message}`, severity: DiagnosticSeverity.Warning };
}

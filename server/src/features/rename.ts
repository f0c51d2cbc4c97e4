// Rename a stage: its declaration and every named reference of every kind, in any case.
import type { Position, Range, TextEdit } from 'vscode-languageserver-types';
import type { Stage, StageModel } from '../analysis/model';
import { hasVariable } from '../analysis/args';
import { isReservedStageName, isValidStageName, normalizeStageName } from '../analysis/names';
import type { FeatureContext } from './context';
import { symbolAt } from './locate';

/** A rename the user asked for that cannot be done; the message says why. */
export class RenameRefused extends Error {}

interface RenameTarget {
  readonly stage: Stage;
  readonly range: Range;
  readonly placeholder: string;
}

export function prepareStageRename({ model }: FeatureContext, position: Position): { range: Range; placeholder: string } {
  const { range, placeholder } = renameTargetAt(model, position);
  return { range, placeholder };
}

export function renameStage({ model }: FeatureContext, position: Position, newName: string): TextEdit[] {
  return renameStageTo(model, stageToRename(model, position), newName);
}

/** The stage a rename at the position renames; refused where renaming cannot follow every reference. */
export function stageToRename(model: StageModel, position: Position): Stage {
  return renameTargetAt(model, position).stage;
}

/** The Dockerfile's edits that rename the stage, after checking that it can be renamed to `newName`. */
export function renameStageTo(model: StageModel, stage: Stage, newName: string): TextEdit[] {
  checkNewName(model, checkRenameable(model, stage), newName);
  return stageRenameEdits(model, stage, newName);
}

/** The declaration and every reference bound to it by name; numeric references stay valid as they are. */
export function stageRenameEdits(model: StageModel, stage: Stage, newName: string): TextEdit[] {
  const edits: TextEdit[] = [{ range: stage.name!.range, newText: newName }];
  for (const reference of model.referencesTo[stage.index]) {
    if (reference.resolution.kind !== 'stage' || reference.resolution.by !== 'name') continue;
    // FROM compares as written with the lower-cased names, so it must be written in lower case to still match.
    edits.push({ range: reference.range, newText: reference.kind === 'from' ? normalizeStageName(newName) : newName });
  }
  return edits;
}

/**
 * A valid name that no stage uses yet, nor any reference (a name that some `FROM x` pulls as an image would
 * start naming the new stage instead): `base`, else `base-2`, `base-3`, ...
 */
export function freshStageName(model: StageModel, base: string, alsoTaken: readonly string[] = []): string {
  const taken = new Set<string | undefined>([
    ...model.stages.map((s) => s.normalizedName),
    ...model.references.map((r) => r.text.toLowerCase()),
    ...alsoTaken,
  ]);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

function renameTargetAt(model: StageModel, position: Position): RenameTarget {
  const symbol = symbolAt(model, position);
  if (!symbol) throw new RenameRefused('Only stage names can be renamed here.');
  if (symbol.kind === 'declaration') {
    const stage = checkRenameable(model, symbol.stage);
    return { stage, range: stage.name!.range, placeholder: stage.name!.text };
  }
  const { reference } = symbol;
  const { resolution } = reference;
  if (resolution.kind !== 'stage') {
    throw new RenameRefused(resolution.kind === 'pattern'
      ? `'${reference.text}' is built from ARGs and may name several stages: rename the stage itself.`
      : `'${reference.text}' is not a stage of this Dockerfile (it is pulled as an image).`);
  }
  if (resolution.by === 'index') {
    throw new RenameRefused(`--from=${reference.text} refers to the stage by its index, which renaming does not change.`);
  }
  const stage = checkRenameable(model, model.stages[resolution.stage]);
  return { stage, range: reference.range, placeholder: reference.text };
}

/** References written with ARGs cannot follow a rename: refuse rather than break the build. */
function checkRenameable(model: StageModel, stage: Stage): Stage {
  if (!stage.name) throw new RenameRefused('This stage has no name.');
  const viaArgs = model.referencesTo[stage.index].find((reference) => hasVariable(reference.text));
  if (viaArgs) {
    const line = viaArgs.range.start.line + 1;
    throw new RenameRefused(`Stage '${stage.name.text}' is named through ARGs ('${viaArgs.text}' on line ${line}); renaming it would change what that builds.`);
  }
  return stage;
}

function checkNewName(model: StageModel, stage: Stage, newName: string): void {
  if (!isValidStageName(newName)) {
    throw new RenameRefused(`'${newName}' is not a valid stage name: it must start with a letter and contain only letters, digits, '-', '_' and '.'.`);
  }
  if (isReservedStageName(newName)) throw new RenameRefused(`'${newName}' is reserved and cannot name a stage.`);
  const normalized = normalizeStageName(newName);
  const clash = model.stages.find((other) => other !== stage && other.normalizedName === normalized);
  if (clash) throw new RenameRefused(`Stage name '${newName}' is already used by stage #${clash.index} (line ${clash.fromRange.start.line + 1}).`);
}

// Rename: two entry points (prepare, rename) on the first symbol at the position. A stage: its declaration and
// every named reference of every kind, in any case, and the build files' targets that name it. A variable: every
// declaration and use of its binding, in every stage it reaches, RUN's shell text included; refused where the
// result could read another value: a name the file already declares or reads (or BuildKit sets), a binding a
// RUN script also sets itself, a name built into no binding.
import type { Position, Range, TextEdit } from 'vscode-languageserver-types';
import type { Stage, StageModel } from '../analysis/model';
import { hasVariable } from '../analysis/args';
import { isReservedStageName, isValidStageName, normalizeStageName } from '../analysis/names';
import type { FeatureContext } from './featureContext';
import { symbolsAt, type StageSymbol, type VariableSymbol } from './locate';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DiscoveredTarget } from '../analysis/discoveredTarget';
import { AUTOMATIC_ARGS, PROXY_ARGS } from '../analysis/scope';
import { targetsNaming, type BuildingTargets } from './buildFiles/stageTargets';
import { bindingOf, type VariableBinding } from './variableBinding';

/** A rename the user asked for that cannot be done; the message says why. */
export class RenameRefused extends Error {}

interface RenameTarget {
  readonly stage: Stage;
  readonly range: Range;
  readonly placeholder: string;
}

/**
 * Where a rename at the position starts, on the first symbol there (a stage, else a variable); undefined
 * where neither stands (a copied path, or nothing of ours: the general library's rename applies).
 */
export function prepareRename({ model }: FeatureContext, position: Position): { range: Range; placeholder: string } | undefined {
  const [symbol] = symbolsAt(model, position);
  switch (symbol?.kind) {
    case 'stage-declaration':
    case 'stage-reference':
      return prepareStageRename(model, symbol);
    case 'variable-use':
    case 'variable-declaration':
    case 'global-arg':
      return prepareVariableRename(model, symbol);
    default:
      return undefined;
  }
}

/** The rename's edits: in the Dockerfile, and by file path at the build files' targets naming a renamed stage. */
export function rename(context: FeatureContext, position: Position, newName: string, building: BuildingTargets): { dockerfile: TextEdit[]; elsewhere: Map<string, TextEdit[]> } | undefined {
  const [symbol] = symbolsAt(context.model, position);
  switch (symbol?.kind) {
    case 'stage-declaration':
    case 'stage-reference':
      return renameWithTargets(context, symbol, newName, building);
    case 'variable-use':
    case 'variable-declaration':
    case 'global-arg':
      return { dockerfile: renameVariable(context.model, symbol, newName), elsewhere: new Map() };
    default:
      return undefined;
  }
}

export function prepareStageRename(model: StageModel, symbol: StageSymbol): { range: Range; placeholder: string } {
  const { range, placeholder } = renameTargetOf(model, symbol);
  return { range, placeholder };
}

/** The stage a rename on the symbol renames; refused where renaming cannot follow every reference. */
export function stageToRename(model: StageModel, symbol: StageSymbol): Stage {
  return renameTargetOf(model, symbol).stage;
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

function renameTargetOf(model: StageModel, symbol: StageSymbol): RenameTarget {
  if (symbol.kind === 'stage-declaration') {
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

/**
 * The edits, by file, that write the new name at each target. A file's text is read again first: a file that
 * changed since it was scanned is refused rather than edited at the wrong place.
 */
function targetRenameEdits(targets: readonly DiscoveredTarget[], newName: string, textOf: (file: string) => string | undefined): Map<string, TextEdit[]> {
  const edits = new Map<string, TextEdit[]>();
  for (const target of targets) {
    const text = textOf(target.file);
    if (text === undefined || TextDocument.create('', '', 0, text).getText(target.range) !== target.target) {
      throw new RenameRefused(`${target.origin} changed since it was read: save it, then rename again.`);
    }
    edits.set(target.file, [...edits.get(target.file) ?? [], { range: target.range, newText: newName }]);
  }
  return edits;
}

/**
 * Rename from the Dockerfile: its own edits, and by file path those of every target naming the stage.
 * `textOf` gives a file's current text, to check each target is still where it was read.
 */
export function renameWithTargets(
  context: FeatureContext, symbol: StageSymbol, newName: string, building: BuildingTargets,
): { dockerfile: TextEdit[]; elsewhere: Map<string, TextEdit[]> } {
  return renameStageAndTargets(context, stageToRename(context.model, symbol), newName, building.targets(), building.textOf);
}

/** The stage's rename in its Dockerfile and, by file path, at every target naming it. */
export function renameStageAndTargets(
  context: FeatureContext, stage: Stage, newName: string,
  targets: readonly DiscoveredTarget[], textOf: (file: string) => string | undefined,
): { dockerfile: TextEdit[]; elsewhere: Map<string, TextEdit[]> } {
  const dockerfile = renameStageTo(context.model, stage, newName);
  return { dockerfile, elsewhere: targetRenameEdits(targetsNaming(context, stage, targets), newName, textOf) };
}

export function prepareVariableRename(model: StageModel, symbol: VariableSymbol): { range: Range; placeholder: string } {
  const { range, binding } = renameable(model, symbol);
  return { range, placeholder: binding.name };
}

export function renameVariable(model: StageModel, symbol: VariableSymbol, newName: string): TextEdit[] {
  const { binding } = renameable(model, symbol);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(newName)) throw new RenameRefused(`'${newName}' is not a variable name: letters, digits and '_', not starting with a digit.`);
  const taken = takenAt(model, newName);
  if (taken !== undefined) throw new RenameRefused(`'${newName}' is already ${taken}: renaming would mix two variables.`);
  return [...binding.declarations.map((d) => d.nameRange), ...binding.uses.map((u) => u.nameRange)].map((range) => ({ range, newText: newName }));
}

function renameable(model: StageModel, symbol: VariableSymbol): { range: Range; binding: VariableBinding } {
  const binding = bindingOf(model, symbol);
  const name = symbol.kind === 'variable-use' ? symbol.use.name : symbol.kind === 'global-arg' ? symbol.arg.name : symbol.declaration.name;
  if (!binding) throw new RenameRefused(AUTOMATIC_ARGS.has(name) ? `BuildKit sets ${name}: it cannot be renamed.` : `No ARG or ENV of this Dockerfile sets '${name}' here.`);
  const scripted = binding.uses.find((use) => use.shellAssigned);
  if (scripted) throw new RenameRefused(`The RUN on line ${scripted.instructionLine + 1} also sets ${name} itself: renaming would change what it reads.`);
  const range = symbol.kind === 'variable-use' ? symbol.use.nameRange : symbol.kind === 'global-arg' ? symbol.arg.nameRange : symbol.declaration.nameRange;
  return { range, binding };
}

/** How the file already knows a name, if it does: declared, read, or set by BuildKit. */
function takenAt(model: StageModel, name: string): string | undefined {
  if (AUTOMATIC_ARGS.has(name) || PROXY_ARGS.has(name)) return 'an ARG BuildKit sets';
  const global = model.globalArgs.find((arg) => arg.name === name);
  if (global) return `declared on line ${global.range.start.line + 1}`;
  for (const stage of model.stages) {
    const declared = stage.declarations.find((d) => d.name === name);
    if (declared) return `declared on line ${declared.instructionLine + 1}`;
    const read = stage.uses.find((u) => u.name === name);
    if (read) return `read on line ${read.instructionLine + 1}`;
  }
  return undefined;
}

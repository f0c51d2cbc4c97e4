// Rename a variable: every declaration and use of its binding, in every stage it reaches, RUN's shell text
// included. Refused where the result could read another value: a name the file already declares or reads
// (or BuildKit sets), a binding a RUN script also sets itself, a name built into no binding.
import type { Position, Range, TextEdit } from 'vscode-languageserver-types';
import type { StageModel } from '../analysis/model';
import { AUTOMATIC_ARGS, PROXY_ARGS } from '../analysis/scope';
import type { FeatureContext } from './context';
import { variableAt } from './locateVariable';
import { RenameRefused } from './rename';
import { bindingOf, type VariableBinding } from './variableBinding';

/** Whether a position holds a variable (rename goes there, not to the stage rename). */
export function isVariableAt({ model }: FeatureContext, position: Position): boolean {
  return variableAt(model, position) !== undefined;
}

export function prepareVariableRename({ model }: FeatureContext, position: Position): { range: Range; placeholder: string } {
  const { range, binding } = renameable(model, position);
  return { range, placeholder: binding.name };
}

export function renameVariable({ model }: FeatureContext, position: Position, newName: string): TextEdit[] {
  const { binding } = renameable(model, position);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(newName)) throw new RenameRefused(`'${newName}' is not a variable name: letters, digits and '_', not starting with a digit.`);
  const taken = takenAt(model, newName);
  if (taken !== undefined) throw new RenameRefused(`'${newName}' is already ${taken}: renaming would mix two variables.`);
  return [...binding.declarations.map((d) => d.nameRange), ...binding.uses.map((u) => u.nameRange)].map((range) => ({ range, newText: newName }));
}

function renameable(model: StageModel, position: Position): { range: Range; binding: VariableBinding } {
  const symbol = variableAt(model, position);
  if (!symbol) throw new RenameRefused('Only stage names and variables can be renamed here.');
  const binding = bindingOf(model, symbol);
  const name = symbol.kind === 'use' ? symbol.use.name : symbol.kind === 'global' ? symbol.arg.name : symbol.declaration.name;
  if (!binding) throw new RenameRefused(AUTOMATIC_ARGS.has(name) ? `BuildKit sets ${name}: it cannot be renamed.` : `No ARG or ENV of this Dockerfile sets '${name}' here.`);
  const scripted = binding.uses.find((use) => use.shellAssigned);
  if (scripted) throw new RenameRefused(`The RUN on line ${scripted.instructionLine + 1} also sets ${name} itself: renaming would change what it reads.`);
  const range = symbol.kind === 'use' ? symbol.use.nameRange : symbol.kind === 'global' ? symbol.arg.nameRange : symbol.declaration.nameRange;
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

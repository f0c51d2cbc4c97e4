// The outline: global ARGs, then each stage with its instructions as children. Breadcrumbs follow it.
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { InstructionInfo, StageModel } from '../analysis/model';
import { stageLabel } from '../analysis/names';

export function documentSymbols(model: StageModel): DocumentSymbol[] {
  const globals = model.globalArgs.map((arg): DocumentSymbol => ({
    name: arg.name,
    detail: arg.defaultValue === undefined ? 'ARG' : `ARG = ${arg.defaultValue}`,
    kind: SymbolKind.Variable,
    range: arg.range,
    selectionRange: arg.nameRange,
  }));
  const stages = model.stages.map((stage): DocumentSymbol => ({
    name: stageLabel(stage),
    detail: stage.expandedBase ?? stage.base?.text ?? '',
    kind: SymbolKind.Class,
    range: stage.range,
    selectionRange: stage.name?.range ?? stage.fromKeyword.range,
    children: stage.instructions.map(instructionSymbol),
  }));
  return [...globals, ...stages];
}

function instructionSymbol(instruction: InstructionInfo): DocumentSymbol {
  return {
    name: instruction.triggerKeyword ? `ONBUILD ${instruction.triggerKeyword}` : instruction.keyword,
    detail: instruction.summary,
    kind: instruction.keyword === 'ARG' || instruction.keyword === 'ENV' ? SymbolKind.Variable : SymbolKind.Function,
    range: instruction.range,
    selectionRange: instruction.keywordRange,
  };
}

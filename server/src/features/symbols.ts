// The outline: global ARGs, then each stage with its instructions as children. Breadcrumbs follow it.
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { InstructionInfo, Stage, StageModel } from '../analysis/model';
import { stageLabel } from '../analysis/names';

export function documentSymbols(model: StageModel): DocumentSymbol[] {
  const globals = model.globalArgs.map((arg): DocumentSymbol => ({
    name: arg.name,
    detail: arg.defaultValue === undefined ? 'ARG' : `ARG = ${arg.defaultValue}`,
    kind: SymbolKind.Variable,
    range: arg.range,
    selectionRange: arg.nameRange,
  }));
  return [...globals, ...model.stages.map(stageSymbol)];
}

/** A stage's symbol is its own: a stage an edit left alone is the same object in the next version's model. */
const STAGE_SYMBOLS = new WeakMap<Stage, DocumentSymbol>();

function stageSymbol(stage: Stage): DocumentSymbol {
  let symbol = STAGE_SYMBOLS.get(stage);
  if (!symbol) {
    STAGE_SYMBOLS.set(stage, symbol = {
      name: stageLabel(stage),
      detail: stage.expandedBase ?? stage.base?.text ?? '',
      kind: SymbolKind.Class,
      range: stage.range,
      selectionRange: stage.name?.range ?? stage.fromKeyword.range,
      children: stage.instructions.map(instructionSymbol),
    });
  }
  return symbol;
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

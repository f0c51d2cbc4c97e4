// Completion of a source path of another stage: after `COPY --from=x ` (right after the space, or at the start of
// a path already written) and in `RUN --mount=...,from=x,source=`: the paths x (and the stages it is built FROM)
// is known to make, the latest first, each with the instruction that makes it (the slot: completionSlot.ts).
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import { producedPaths } from '../analysis/fileSketch';
import type { FeatureContext } from './featureContext';
import type { PathSlot } from './completionSlot';
import { stageLabel } from '../analysis/names';

export function completeSourcePaths(context: FeatureContext, slot: PathSlot): CompletionItem[] {
  const { model } = context;
  const made = [...producedPaths(model, model.stages[slot.stage])].sort(([, a], [, b]) => b.instruction.range.start.line - a.instruction.range.start.line);
  return made.map(([path, { stage: maker, instruction }], rank) => ({
    label: path,
    kind: CompletionItemKind.File,
    detail: `line ${instruction.range.start.line + 1}: ${instruction.keyword} ${instruction.summary}${maker.index === slot.stage ? '' : ` (stage ${stageLabel(maker)})`}`,
    sortText: String(rank).padStart(6, '0'),
    textEdit: { range: slot.range, newText: path },
  }));
}

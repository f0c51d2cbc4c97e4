// Stage completion wherever a stage may be named: COPY --from=, RUN --mount=...,from=, FROM, and in ONBUILD.
import { CompletionItem, CompletionItemKind, MarkupKind, type Position as LspPosition } from 'vscode-languageserver-types';
import type { Range, Stage, StageModel } from '../analysis/model';
import { comparePositions } from '../analysis/positions';
import type { FeatureContext } from './context';
import { enclosingStage, referenceAt } from './locate';
import { stageCard } from './stageCard';

/** Carried by each item so that `completionItem/resolve` can add the stage card lazily. */
export interface StageCompletionData {
  readonly uri: string;
  readonly stage: number;
}

interface CompletionSlot {
  /** What may be offered: names only (FROM, mounts) or also indices of unnamed stages (COPY --from). */
  readonly indices: boolean;
  /** The value being typed, replaced as a whole when an item is accepted. */
  readonly range: Range;
  /** Stages defined before this one may be offered. */
  readonly inStage: number;
}

export function completeStages(context: FeatureContext, position: LspPosition, uri: string): CompletionItem[] | undefined {
  const slot = slotAt(context.model, position);
  if (!slot) return undefined;
  const candidates = uniqueByName(context.model.stages.slice(0, slot.inStage));
  return candidates
    .filter((stage) => stage.normalizedName !== undefined || slot.indices)
    .map((stage) => {
      const label = stage.name?.text ?? String(stage.index);
      const data: StageCompletionData = { uri, stage: stage.index };
      return {
        label,
        kind: CompletionItemKind.Reference,
        detail: stage.expandedBase ?? stage.base?.text,
        // Nearest first; zero-padded so that the 10th-nearest sorts after the 9th.
        sortText: String(slot.inStage - stage.index).padStart(6, '0'),
        filterText: label,
        textEdit: { range: slot.range, newText: label },
        data,
      };
    });
}

/** Adds the stage card as documentation: computed only for the item the user looks at. */
export function resolveStageCompletion(context: FeatureContext, item: CompletionItem): CompletionItem {
  const data = item.data as StageCompletionData;
  const stage = context.model.stages[data.stage];
  if (!stage) return item;
  return { ...item, documentation: { kind: MarkupKind.Markdown, value: stageCard(context, stage) } };
}

function slotAt(model: StageModel, position: LspPosition): CompletionSlot | undefined {
  const reference = referenceAt(model, position);
  if (reference) {
    return { indices: reference.kind === 'copy-from', range: reference.range, inStage: reference.inStage };
  }
  return emptyFromSlot(model, position);
}

/** `FROM |` or `FROM --platform=x |`: a FROM whose base is not typed yet, cursor after the keyword. */
function emptyFromSlot(model: StageModel, position: LspPosition): CompletionSlot | undefined {
  const stage = enclosingStage(model, position.line);
  if (!stage || stage.base || stage.fromRange.start.line !== position.line) return undefined;
  const afterKeyword = comparePositions(position, stage.fromKeyword.range.end) > 0;
  const afterPlatform = !stage.platform || comparePositions(position, stage.platform.range.end) > 0;
  if (!afterKeyword || !afterPlatform) return undefined;
  // A client may ask past the end of the line; the text goes at its end.
  const at = { line: position.line, character: Math.min(position.character, model.lineLengths[position.line] ?? 0) };
  return { indices: false, range: { start: at, end: at }, inStage: stage.index };
}

/** A duplicated name is offered once, as the definition it resolves to (the latest). */
function uniqueByName(stages: readonly Stage[]): Stage[] {
  const latest = new Map<string, Stage>();
  for (const stage of stages) if (stage.normalizedName !== undefined) latest.set(stage.normalizedName, stage);
  return stages.filter((stage) => stage.normalizedName === undefined || latest.get(stage.normalizedName) === stage);
}

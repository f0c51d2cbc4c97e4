// The completion request: a switch on the slot at the position (completionSlot.ts), variables after `$`
// (variableCompletion.ts), source paths of another stage (pathCompletion.ts), and here the stages wherever a stage
// may be named: COPY --from=, RUN --mount=...,from=, FROM, and in ONBUILD.
import { CompletionItem, CompletionItemKind, MarkupKind, type Position } from 'vscode-languageserver-types';
import type { Stage } from '../analysis/model';
import { isValidStageName } from '../analysis/names';
import type { FeatureContext } from './featureContext';
import { completionSlotAt, type StageSlot } from './completionSlot';
import { completeSourcePaths } from './pathCompletion';
import { stageCard } from './stageCard';
import { completeVariables } from './variableCompletion';

/** Carried by each item so that `completionItem/resolve` can add the stage card lazily. */
export interface StageCompletionData {
  readonly uri: string;
  readonly stage: number;
}

/** The items for the slot at the position; undefined where completion has no slot (the general features answer). */
export function complete(context: FeatureContext, position: Position, uri: string): CompletionItem[] | undefined {
  const slot = completionSlotAt(context, position);
  switch (slot?.kind) {
    case 'variable': return completeVariables(context, slot);
    case 'stage': return completeStages(context, slot, uri);
    case 'path': return completeSourcePaths(context, slot);
    default: return undefined;
  }
}

export function completeStages(context: FeatureContext, slot: StageSlot, uri: string): CompletionItem[] {
  // A trigger may name this stage too, if it has a name: a stage built FROM it runs the trigger, and FROM takes
  // names only, so an unnamed stage's triggers never run in this file.
  const latest = slot.onbuild && context.model.stages[slot.inStage].normalizedName !== undefined ? slot.inStage : slot.inStage - 1;
  const bound = boundStages(context.model.stages, slot.reference === 'from' ? latest : context.model.stages.length - 1);
  return context.model.stages
    .filter((stage) => stage.index <= latest && (stage.normalizedName === undefined ? slot.reference === 'copy-from' : bound.has(stage)))
    .map((stage) => {
      // The name as BuildKit stores it, lower-cased: FROM compares as written with it (`FROM Builder` would not
      // find `AS Builder`), and `--from` matches it in any case.
      const label = stage.normalizedName ?? String(stage.index);
      const data: StageCompletionData = { uri, stage: stage.index };
      return {
        label,
        kind: CompletionItemKind.Reference,
        detail: stage.expandedBase ?? stage.base?.text,
        // Nearest first; zero-padded so that the 10th-nearest sorts after the 9th. The leading `!` puts ours
        // before the same names from the Docker extensions' server, whose sortText is the stage index ("0",
        // "1"): VS Code merges both lists and orders equal matches by sortText.
        sortText: `!${String(slot.inStage - stage.index).padStart(6, '0')}`,
        filterText: label,
        textEdit: { range: slot.range, newText: label },
        data,
      };
    });
}

/**
 * The named stages that their name denotes when it is looked up among the stages up to `last`: the last
 * definition of each name (resolve.ts). `--from` and mounts look at the whole file, so a duplicated name may
 * bind to the current stage or a later one and offers nothing; FROM looks at the earlier stages only.
 * Invalid names are left out: BuildKit rejects them, and `AS 1` would read as an index.
 */
function boundStages(stages: readonly Stage[], last: number): Set<Stage> {
  const byName = new Map<string, Stage>();
  for (const stage of stages.slice(0, last + 1)) {
    if (stage.normalizedName !== undefined) byName.set(stage.normalizedName, stage);
  }
  return new Set([...byName.values()].filter((stage) => isValidStageName(stage.name!.text)));
}

/** Adds the stage card as documentation: computed only for the item the user looks at. */
export function resolveStageCompletion(context: FeatureContext, item: CompletionItem): CompletionItem {
  const data = item.data as StageCompletionData;
  const stage = context.model.stages[data.stage];
  if (!stage) return item;
  return { ...item, documentation: { kind: MarkupKind.Markdown, value: stageCard(context, stage) } };
}

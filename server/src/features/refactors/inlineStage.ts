// Inline stage, the inverse of extract: a stage used only as the base of one other stage (by `FROM x`, and
// nowhere else), with no ONBUILD, is merged into that stage.
import type { TextEdit } from 'vscode-languageserver-types';
import type { Stage } from '../../analysis/model';
import { targetsNamingStage } from '../../analysis/graph';
import type { FeatureContext } from '../featureContext';
import { renumberIndices, stageLines, textWithEdits } from '../codeActions/edits';
import { DocumentText } from '../documentText';
import { fromLine, type RefactorResult } from './refactor';
import { stageLabel } from '../../analysis/names';

export type InlinePlan = { readonly stage: Stage; readonly child: Stage } | { readonly disabled: string };

/** Offered on a stage whose only use is one `FROM` by name. */
export function planInline(context: FeatureContext, stage: Stage): InlinePlan | undefined {
  const { model, reachability } = context;
  const uses = model.referencesTo[stage.index];
  if (uses.length !== 1 || uses[0].kind !== 'from' || uses[0].resolution.kind !== 'stage') return undefined;
  const child = model.stages[uses[0].inStage];
  if (stage.instructions.some((i) => i.keyword === 'ONBUILD')) return { disabled: 'The stage has ONBUILD instructions, which run only in the stages built FROM it.' };
  if (targetsNamingStage(stage, reachability.builtBy[stage.index]).length > 0) {
    return { disabled: 'The stage is a build target of its own.' };
  }
  if (child.platform) return { disabled: `Stage '${stageLabel(child)}' sets its own --platform.` };
  return { stage, child };
}

export function inlineStage(context: FeatureContext, plan: { stage: Stage; child: Stage }): RefactorResult {
  const { model } = context;
  const { stage, child } = plan;
  const document = new DocumentText(context.text);
  const renumber = (index: number) => (index > stage.index ? index - 1 : undefined);
  // The stage's body moves into the child: its own numeric references are renumbered as it moves.
  const bodyStart = stage.fromRange.end.line + 1;
  const body = stage.range.end.line >= bodyStart
    ? textWithEdits(document, bodyStart, stage.range.end.line, renumberIndices(model, renumber))
    : '';
  const childFrom = fromLine(document, stage, child.name?.text ?? '').replace(/ (AS|as|As|aS) $/, '');
  const edits: TextEdit[] = [
    { range: stageLines(model, stage), newText: '' },
    { range: child.fromRange, newText: childFrom + (body ? document.eol + body.replace(/(\r?\n|\r)$/, '') : '') },
    ...renumberIndices(model, renumber, stage.index),
  ];
  return { edits };
}

// The StageForwardReference fix: move the stage a `--from` names above the stage that uses it. Offered only
// when every reference in the file still binds to the same stage afterwards, so the fix repairs the build
// without changing what any other line means (test/features/quickFixes.test.ts checks that by re-analysis).
import type { TextEdit } from 'vscode-languageserver-types';
import type { Stage, StageModel } from '../../analysis/model';
import { stagesNamedBy } from '../../analysis/graph';
import type { FeatureContext } from '../featureContext';
import { DocumentText } from '../documentText';
import { renumberIndices, stageLines, textWithEdits } from './edits';

/** The edit that moves `moved` right above `user` (with its description), or undefined when that is not safe. */
export function moveStageAbove(context: FeatureContext, moved: Stage, user: Stage): TextEdit[] | undefined {
  const { model, text } = context;
  if (moved.index <= user.index || !movePreservesBindings(model, moved, user)) return undefined;
  const document = new DocumentText(text);
  const newIndex = (index: number) => (index === moved.index ? user.index : index >= user.index && index < moved.index ? index + 1 : undefined);
  const removed = stageLines(model, moved);
  const stageText = textWithEdits(document, removed.start.line, removed.end.line - (removed.end.character === 0 ? 1 : 0), renumberIndices(model, newIndex));
  const insertAt = { line: user.fromRange.start.line - (user.docComment ? user.docComment.split('\n').length : 0), character: 0 };
  const block = stageText.endsWith('\n') || stageText.endsWith('\r') ? stageText : stageText + document.eol;
  const edits: TextEdit[] = [
    { range: { start: insertAt, end: insertAt }, newText: block },
    { range: removed, newText: '' },
    ...renumberIndices(model, newIndex, moved.index),
  ];
  return edits;
}

/**
 * Moving T above U keeps every binding when: T is not the last stage; everything T names is defined before U; nothing between U and T
 * names T by a FROM (that FROM would find T instead of what it finds now, as FROM sees earlier stages only);
 * and T's name is not defined twice (--from binds to the last definition, which the move could change).
 */
function movePreservesBindings(model: StageModel, moved: Stage, user: Stage): boolean {
  // The last stage is the default target: moving it would change what `docker build` builds.
  if (moved.index === model.stages.length - 1) return false;
  const ownReferences = model.references.filter((r) => r.inStage === moved.index && !r.onbuild);
  if (ownReferences.some((r) => stagesNamedBy(r).some((target) => target >= user.index))) return false;
  if (model.stages.some((s) => s !== moved && s.normalizedName !== undefined && s.normalizedName === moved.normalizedName)) return false;
  return !model.references.some((r) => r.kind === 'from' && r.inStage >= user.index && r.inStage < moved.index
    && (r.text === moved.normalizedName || (r.resolution.kind === 'pattern' && moved.normalizedName !== undefined)));
}

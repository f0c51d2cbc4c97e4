// Inlay hints: the index of each unnamed stage after its FROM (`#1`), the stage a numeric reference names after
// it (`--from=1` shows `build`), and the image a FROM names once its global ARG defaults are expanded
// (`FROM golang:${GO}-alpine` shows `= golang:1.22-alpine`).
import { InlayHintKind, type InlayHint } from 'vscode-languageserver-types';
import type { Range, StageModel } from '../analysis/model';
import { comparePositions } from '../analysis/positions';
import { hasVariable } from '../analysis/args';
import { stageLabel } from '../analysis/names';

export function inlayHints(model: StageModel, range: Range): InlayHint[] {
  const inside = (line: number) => line >= range.start.line && line <= range.end.line;
  const hints: InlayHint[] = [];
  for (const stage of model.stages) {
    if (!stage.name && inside(stage.fromKeyword.range.start.line)) {
      hints.push({ position: stage.fromKeyword.range.end, label: `#${stage.index}`, kind: InlayHintKind.Type, paddingLeft: true });
    }
    const { base, expandedBase } = stage;
    // Only a name fully known from the defaults: one that still holds variables would say little.
    if (base && expandedBase && expandedBase !== base.text && !hasVariable(expandedBase) && inside(base.range.end.line)) {
      hints.push({ position: base.range.end, label: `= ${expandedBase}`, kind: InlayHintKind.Type, paddingLeft: true });
    }
  }
  for (const reference of model.references) {
    const { resolution } = reference;
    if (resolution.kind !== 'stage' || resolution.by !== 'index' || !inside(reference.range.start.line)) continue;
    const target = model.stages[resolution.stage];
    hints.push({ position: reference.range.end, label: stageLabel(target), kind: InlayHintKind.Type, paddingLeft: true });
  }
  return hints.sort((a, b) => comparePositions(a.position, b.position));
}

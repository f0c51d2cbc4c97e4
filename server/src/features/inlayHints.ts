// Inlay hints: the index of each unnamed stage after its FROM (`#1`), the stage a numeric reference names after
// it (`--from=1` shows `build`), and the image a FROM names once its global ARG defaults are expanded as BuildKit
// expands them (`FROM golang:${GO}-alpine` shows `= golang:1.22-alpine`); where the build decides, what it
// depends on (`FROM ${TARGETPLATFORM#linux/amd64}` shows `depends on TARGETPLATFORM`), never one of its values.
import { InlayHintKind, type InlayHint } from 'vscode-languageserver-types';
import type { Range, Stage, StageModel } from '../analysis/model';
import { comparePositions } from '../analysis/positions';
import { stageLabel } from '../analysis/names';
import { valueText } from './valueText';

export function inlayHints(model: StageModel, range: Range): InlayHint[] {
  const inside = (line: number) => line >= range.start.line && line <= range.end.line;
  const hints: InlayHint[] = [];
  for (const stage of model.stages) {
    if (!stage.name && inside(stage.fromKeyword.range.start.line)) {
      hints.push({ position: stage.fromKeyword.range.end, label: `#${stage.index}`, kind: InlayHintKind.Type, paddingLeft: true });
    }
    const label = stage.base && inside(stage.base.range.end.line) ? baseLabel(stage) : undefined;
    if (label) hints.push({ position: stage.base!.range.end, label, kind: InlayHintKind.Type, paddingLeft: true });
  }
  for (const reference of model.references) {
    const { resolution } = reference;
    if (resolution.kind !== 'stage' || resolution.by !== 'index' || !inside(reference.range.start.line)) continue;
    const target = model.stages[resolution.stage];
    hints.push({ position: reference.range.end, label: stageLabel(target), kind: InlayHintKind.Type, paddingLeft: true });
  }
  return hints.sort((a, b) => comparePositions(a.position, b.position));
}

/**
 * The base's value once expanded; where the build decides, the few values it may take, or what it depends on
 * when a pattern hides it. A value that still shows its variables (`${REGISTRY}/app`) says nothing the text does not.
 */
function baseLabel(stage: Stage): string | undefined {
  if (!stage.baseEvaluation) return undefined;
  const text = valueText(stage.baseEvaluation);
  if (text.kind === 'value') return text.value !== stage.base!.text ? `= ${text.value}` : undefined;
  if (text.kind === 'depends' && (text.values || stage.baseEvaluation.opaque)) return text.text.replace(/`/g, '');
  return undefined;
}

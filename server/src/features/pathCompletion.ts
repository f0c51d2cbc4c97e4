// Completion of a source path after `COPY --from=x `: the paths x (and the stages it is built FROM) is known
// to make, the latest first, each with the instruction that makes it.
import { CompletionItemKind, type CompletionItem, type Position } from 'vscode-languageserver-types';
import type { StageModel } from '../analysis/model';
import { copyFromReference, producedPaths } from '../analysis/files';
import type { FeatureContext } from './context';
import { stageAtLine } from './locate';
import { DocumentText } from './refactors/documentText';
import { stageLabel } from './stageCard';

export function completeCopySources(context: FeatureContext, position: Position): CompletionItem[] | undefined {
  const { model } = context;
  const source = sourceStageAt(model, position);
  if (source === undefined) return undefined;
  const document = new DocumentText(context.text);
  const line = document.lineText(position.line);
  const character = Math.min(position.character, line.length);
  // The word being typed: back to the white space before it; a flag is no path.
  const start = line.slice(0, character).search(/\S*$/);
  if (line[start] === '-' || line[start] === '[' || line[start] === '"') return undefined;
  const end = character + line.slice(character).search(/\s|$/);
  const range = { start: { line: position.line, character: start }, end: { line: position.line, character: end } };
  const made = [...producedPaths(model, model.stages[source])].sort(([, a], [, b]) => b.instruction.range.start.line - a.instruction.range.start.line);
  return made.map(([path, { stage, instruction }], rank) => ({
    label: path,
    kind: CompletionItemKind.File,
    detail: `line ${instruction.range.start.line + 1}: ${instruction.keyword} ${instruction.summary}${stage.index === source ? '' : ` (stage ${stageLabel(stage)})`}`,
    sortText: String(rank).padStart(6, '0'),
    textEdit: { range, newText: path },
  }));
}

/** The stage a `COPY --from=x` names when the position is past its flags on the same line; undefined elsewhere. */
function sourceStageAt(model: StageModel, position: Position): number | undefined {
  const stage = stageAtLine(model, position.line);
  const instruction = stage?.instructions.find((i) => i.keyword === 'COPY' && i.range.start.line <= position.line && i.range.end.line >= position.line);
  if (!stage || !instruction) return undefined;
  const reference = copyFromReference(model, stage, instruction);
  if (reference?.resolution.kind !== 'stage' || reference.range.end.line !== position.line || position.character <= reference.range.end.character + 1) return undefined;
  // Not past the last word once the destination is written: the destination is no source.
  const destination = instruction.copyPaths?.destination.range;
  if (destination && (position.line > destination.start.line || (position.line === destination.start.line && position.character > destination.start.character))) return undefined;
  return reference.resolution.stage;
}

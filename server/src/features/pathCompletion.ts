// Completion of a source path of another stage: after `COPY --from=x ` (right after the space, or at the start of
// a path already written) and in `RUN --mount=...,from=x,source=`: the paths x (and the stages it is built FROM)
// is known to make, the latest first, each with the instruction that makes it.
import { CompletionItemKind, type CompletionItem, type Position, type Range } from 'vscode-languageserver-types';
import type { Stage, StageModel } from '../analysis/model';
import { copyFromReference, producedPaths } from '../analysis/files';
import { comparePositions, rangeContains } from '../analysis/positions';
import type { FeatureContext } from './context';
import { stageAtLine } from './locate';
import { DocumentText } from './documentText';
import { stageLabel } from '../analysis/names';

/** Where a source path is being written: the stage it is read from, and the text a chosen path replaces. */
interface PathSite {
  readonly stage: number;
  readonly range: Range;
}

export function completeSourcePaths(context: FeatureContext, position: Position): CompletionItem[] | undefined {
  const { model } = context;
  const stage = stageAtLine(model, position.line);
  if (!stage) return undefined;
  const line = new DocumentText(context.text).lineText(position.line);
  const site = copySourceSite(model, stage, line, position) ?? mountSourceSite(model, line, position);
  if (!site) return undefined;
  const made = [...producedPaths(model, model.stages[site.stage])].sort(([, a], [, b]) => b.instruction.range.start.line - a.instruction.range.start.line);
  return made.map(([path, { stage: maker, instruction }], rank) => ({
    label: path,
    kind: CompletionItemKind.File,
    detail: `line ${instruction.range.start.line + 1}: ${instruction.keyword} ${instruction.summary}${maker.index === site.stage ? '' : ` (stage ${stageLabel(maker)})`}`,
    sortText: String(rank).padStart(6, '0'),
    textEdit: { range: site.range, newText: path },
  }));
}

/** A source of `COPY --from=x`: past the flag and its space, on the flag's line, before the destination. */
function copySourceSite(model: StageModel, stage: Stage, line: string, position: Position): PathSite | undefined {
  const instruction = stage.instructions.find((i) => i.keyword === 'COPY' && i.range.start.line <= position.line && i.range.end.line >= position.line);
  const reference = instruction && copyFromReference(model, stage, instruction);
  if (reference?.resolution.kind !== 'stage' || reference.range.end.line !== position.line || position.character <= reference.range.end.character) return undefined;
  const character = Math.min(position.character, line.length);
  // The word being typed: back to the white space before it (none right after a space); a flag is no path.
  const start = line.slice(0, character).search(/\S*$/);
  if (line[start] === '-' || line[start] === '[' || line[start] === '"') return undefined;
  // The destination is no source: not from its first character on, once a source is written before it.
  const destination = instruction!.copyPaths?.destination.range;
  if (destination && comparePositions({ line: position.line, character: start }, destination.start) >= 0) return undefined;
  const end = character + line.slice(character).search(/\s|$/);
  return { stage: reference.resolution.stage, range: { start: { line: position.line, character: start }, end: { line: position.line, character: end } } };
}

/** The value of `source=` (or `src=`) in a `--mount` whose `from=` names a stage, the cursor in it. */
function mountSourceSite(model: StageModel, line: string, position: Position): PathSite | undefined {
  const character = Math.min(position.character, line.length);
  // The flag holding the cursor: a word without white space.
  const start = line.slice(0, character).search(/\S*$/);
  const end = character + line.slice(character).search(/\s|$/);
  const flag = line.slice(start, end);
  const prefix = /^--mount=/i.exec(flag)?.[0];
  if (!prefix) return undefined;
  let offset = start + prefix.length;
  let value: Range | undefined;
  for (const option of flag.slice(prefix.length).split(',')) {
    const equals = option.indexOf('=');
    const key = option.slice(0, equals).toLowerCase();
    if ((key === 'source' || key === 'src') && character > offset + equals && character <= offset + option.length) {
      value = { start: { line: position.line, character: offset + equals + 1 }, end: { line: position.line, character: offset + option.length } };
    }
    offset += option.length + 1;
  }
  const flagRange = { start: { line: position.line, character: start }, end: { line: position.line, character: end } };
  const from = model.references.find((r) => r.kind === 'mount-from' && r.range.start.line === position.line && rangeContains(flagRange, r.range.start));
  if (!value || from?.resolution.kind !== 'stage') return undefined;
  return { stage: from.resolution.stage, range: value };
}

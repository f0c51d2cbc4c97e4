// What completion fills in at a position, decided once, as `symbolsAt` (locate.ts) decides what stands there:
// a `$` slot (a variable name being typed), a stage slot (the value of a stage reference, or `FROM |` with no
// base yet), a path slot (a source of `COPY --from=x`, or `source=` in a mount `from=x`, x a stage). The order
// of `completionSlotAt` is the one precedence: `$` first (FROM's image and a COPY source are expanded, so
// `FROM ${B|` and `COPY --from=x $|` complete variables), except in `--from=` and a mount's `from=`, which
// BuildKit never expands (VariableInStageReference): there the stage slot. Tested in
// `test/features/completionSlot.test.ts`; completion.ts switches on the kind.
import type { Position, Range, ReferenceKind, Stage, StageModel } from '../analysis/model';
import { copyFromReference } from '../analysis/fileSketch';
import { comparePositions, rangeContains } from '../analysis/positions';
import type { FeatureContext } from './featureContext';
import { DocumentText } from './documentText';
import { enclosingStage, referenceAt, stageAtLine } from './locate';

export type CompletionSlot = VariableSlot | StageSlot | PathSlot;

/** After `$` or `${`: the name typed so far, and the rest of the word, replaced as a whole. */
export interface VariableSlot {
  readonly kind: 'variable';
  readonly range: Range;
  /** The stage written in (its FROM line included); undefined before the first FROM. */
  readonly stage: Stage | undefined;
}

export interface StageSlot {
  readonly kind: 'stage';
  readonly reference: ReferenceKind;
  /** The value being typed, replaced as a whole when an item is accepted. */
  readonly range: Range;
  /** The stage the reference is written in. */
  readonly inStage: number;
  /** Inside `ONBUILD`: the trigger runs in a stage built FROM this one, where this stage is an earlier one. */
  readonly onbuild: boolean;
}

/** Where a source path of another stage is written: that stage, and the text a chosen path replaces. */
export interface PathSlot {
  readonly kind: 'path';
  readonly stage: number;
  readonly range: Range;
}

export function completionSlotAt(context: FeatureContext, position: Position): CompletionSlot | undefined {
  const { model } = context;
  const document = new DocumentText(context.text, model.lineStarts);
  if (position.line >= document.lineCount) return undefined;
  const line = document.lineText(position.line);
  // A client may ask past the end of the line.
  const character = Math.min(position.character, line.length);
  const reference = referenceAt(model, position);
  const variable = reference && reference.kind !== 'from' ? undefined : variableSlot(model, line, position.line, character);
  if (variable) return variable;
  // `ARG SOURCE_DATE_EPOCH=<stage>` names a stage only for the epoch: no stage is offered there.
  if (reference?.kind === 'source-date-epoch') return pathSlot(model, line, position.line, character);
  if (reference) return { kind: 'stage', reference: reference.kind, range: reference.range, inStage: reference.inStage, onbuild: reference.onbuild };
  return emptyFromSlot(model, position) ?? pathSlot(model, line, position.line, character);
}

function variableSlot(model: StageModel, line: string, lineNumber: number, character: number): VariableSlot | undefined {
  const typed = /\$\{?([A-Za-z_][A-Za-z0-9_]*)?$/.exec(line.slice(0, character));
  if (!typed) return undefined;
  const rest = /^[A-Za-z0-9_]*/.exec(line.slice(character))![0];
  return {
    kind: 'variable',
    range: { start: { line: lineNumber, character: character - (typed[1]?.length ?? 0) }, end: { line: lineNumber, character: character + rest.length } },
    stage: enclosingStage(model, lineNumber),
  };
}

/** `FROM |` or `FROM --platform=x |`: a FROM whose base is not typed yet, cursor after the keyword. */
function emptyFromSlot(model: StageModel, position: Position): StageSlot | undefined {
  const stage = enclosingStage(model, position.line);
  if (!stage || stage.base || stage.fromRange.start.line !== position.line) return undefined;
  const afterKeyword = comparePositions(position, stage.fromKeyword.range.end) > 0;
  const afterPlatform = !stage.platform || comparePositions(position, stage.platform.range.end) > 0;
  if (!afterKeyword || !afterPlatform) return undefined;
  // A client may ask past the end of the line; the text goes at its end.
  const at = { line: position.line, character: Math.min(position.character, model.lineLengths[position.line] ?? 0) };
  return { kind: 'stage', reference: 'from', range: { start: at, end: at }, inStage: stage.index, onbuild: false };
}

function pathSlot(model: StageModel, line: string, lineNumber: number, character: number): PathSlot | undefined {
  const stage = stageAtLine(model, lineNumber);
  return stage && (copySourceSlot(model, stage, line, lineNumber, character) ?? mountSourceSlot(model, line, lineNumber, character));
}

/** A source of `COPY --from=x`: past the flag and its space, on the flag's line, before the destination. */
function copySourceSlot(model: StageModel, stage: Stage, line: string, lineNumber: number, character: number): PathSlot | undefined {
  const instruction = stage.instructions.find((i) => i.keyword === 'COPY' && i.range.start.line <= lineNumber && i.range.end.line >= lineNumber);
  const reference = instruction && copyFromReference(model, stage, instruction);
  if (reference?.resolution.kind !== 'stage' || reference.range.end.line !== lineNumber || character <= reference.range.end.character) return undefined;
  // The word being typed: back to the white space before it (none right after a space); a flag is no path.
  const start = line.slice(0, character).search(/\S*$/);
  if (line[start] === '-' || line[start] === '[' || line[start] === '"') return undefined;
  // The destination is no source: not from its first character on, once a source is written before it.
  const destination = instruction!.copyPaths?.destination.range;
  if (destination && comparePositions({ line: lineNumber, character: start }, destination.start) >= 0) return undefined;
  const end = character + line.slice(character).search(/\s|$/);
  return { kind: 'path', stage: reference.resolution.stage, range: { start: { line: lineNumber, character: start }, end: { line: lineNumber, character: end } } };
}

/** The value of `source=` (or `src=`) in a `--mount` whose `from=` names a stage, the cursor in it. */
function mountSourceSlot(model: StageModel, line: string, lineNumber: number, character: number): PathSlot | undefined {
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
      value = { start: { line: lineNumber, character: offset + equals + 1 }, end: { line: lineNumber, character: offset + option.length } };
    }
    offset += option.length + 1;
  }
  const flagRange = { start: { line: lineNumber, character: start }, end: { line: lineNumber, character: end } };
  const stage = enclosingStage(model, lineNumber);
  const from = stage && model.referencesIn[stage.index].find((r) => r.kind === 'mount-from' && r.range.start.line === lineNumber && rangeContains(flagRange, r.range.start));
  if (!value || from?.resolution.kind !== 'stage') return undefined;
  return { kind: 'path', stage: from.resolution.stage, range: value };
}

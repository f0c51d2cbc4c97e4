// `ARG SOURCE_DATE_EPOCH=<stage>` before the first FROM: BuildKit takes the build's timestamp from the remote
// ADD source of that stage, whatever the target (dockerfile2llb/convert.go calls resolveSourceDateEpochValue
// with the global ARGs; epoch.go). A number is a timestamp, `context` the main build context; any other value is
// a named build context if the build has one, else the first stage of that name in any case, else an error.
import { BEFORE_FIRST_STAGE, type GlobalArg, type Range, type Stage, type StageReference } from './model';
import { hasVariable } from './args';

export const SOURCE_DATE_EPOCH = 'SOURCE_DATE_EPOCH';

/** The reference a global `ARG SOURCE_DATE_EPOCH=name` makes, when its value can name a stage. */
export function sourceDateEpochReference(
  globalArgs: readonly GlobalArg[],
  argDefaults: ReadonlyMap<string, string | undefined>,
  stages: readonly Stage[],
): StageReference | undefined {
  // The last declaration with a default sets the value (buildMetaArgs); one without keeps it.
  const arg = globalArgs.filter((a) => a.name === SOURCE_DATE_EPOCH && a.defaultValue !== undefined).pop();
  const value = argDefaults.get(SOURCE_DATE_EPOCH);
  if (!arg?.valueRange || !value || hasVariable(arg.defaultValue!) || /^[+-]?\d+$/.test(value) || value === 'context') return undefined;
  const stage = stages.find((s) => s.normalizedName === value.toLowerCase());
  return {
    kind: 'source-date-epoch',
    onbuild: false,
    text: value,
    range: withoutQuotes(arg.valueRange, value),
    inStage: BEFORE_FIRST_STAGE,
    instructionLine: arg.range.start.line,
    resolution: stage ? { kind: 'stage', stage: stage.index, by: 'name' } : { kind: 'image' },
    order: 'ok',
  };
}

/** `ARG SOURCE_DATE_EPOCH="src"`: the value's range includes the quotes, the name does not. */
function withoutQuotes(range: Range, value: string): Range {
  const quoted = range.start.line === range.end.line && range.end.character - range.start.character === value.length + 2;
  if (!quoted) return range;
  return { start: { line: range.start.line, character: range.start.character + 1 }, end: { line: range.end.line, character: range.end.character - 1 } };
}

// BuildKit's checks of each instruction's own text, with BuildKit's names and messages (linter/ruleset.go):
// NoEmptyContinuation (parser.go), ConsistentInstructionCasing (validations.go validateCommandCasing),
// MaintainerDeprecated (instructions/parse.go), LegacyKeyValueFormat (convert.go dispatchEnv, dispatchLabel) and
// SecretsUsedInArgOrEnv (dispatchEnv, dispatchArg; validations.go validateNoSecretKey). BuildKit reports the
// lines of the instruction; so do we.
import type { Stage, StageModel } from '../../analysis/model';
import type { BuildkitReading } from '../../analysis/buildkitReading';
import type { Finding } from './rules';
import { findingOn, KNOWN_KEYWORDS, readBody, stageReading, type ReadInstruction } from './buildkitInstructions';
import { StageMemo } from './stageMemo';
import { goQuote } from '../../analysis/goFormat';
import { literalWord } from './shellWord';

export function checkInstructionText(model: StageModel): Finding[] {
  const casing = casingMajority(model);
  const perStage = model.stages.map((stage) => BY_STAGE.keyed(stage, [casing], () => stageFindings(stage, casing, model.escapeCharacter)));
  // In the rules' order: every empty continuation, then every casing finding, then the rest.
  return [...emptyContinuations(model.globalReadings), ...perStage.flatMap(([empty]) => empty), ...perStage.flatMap(([, casingFindings]) => casingFindings),
    ...perStage.flatMap(([, , rest]) => rest)];
}

/** A stage's findings depend on its own instructions and the file's majority casing alone. */
const BY_STAGE = new StageMemo<readonly [readonly Finding[], readonly Finding[], readonly Finding[]]>();

function stageFindings(stage: Stage, casing: Casing | undefined, escape: string): [Finding[], Finding[], Finding[]] {
  const rest: Finding[] = [];
  for (const instruction of readBody(stage)) {
    const { reading } = instruction;
    const keyword = reading.written.toLowerCase();
    if (keyword === 'maintainer') {
      rest.push(findingOn(instruction, 'MaintainerDeprecated', 'Maintainer instruction is deprecated in favor of using label'));
    }
    if ((keyword === 'env' || keyword === 'label') && reading.keyValues?.some((pair) => pair.legacy)) {
      rest.push(findingOn(instruction, 'LegacyKeyValueFormat', `"${reading.written} key=value" should be used instead of legacy "${reading.written} key value" format`));
    }
    for (const key of secretKeys(instruction, escape)) {
      rest.push(findingOn(instruction, 'SecretsUsedInArgOrEnv', `Do not use ARG or ENV instructions for sensitive data (${keyword.toUpperCase()} ${goQuote(key)})`));
    }
  }
  return [emptyContinuations(stageReadings(stage)), casing ? inconsistentCasing(stage, casing) : [], rest];
}

/** NoEmptyContinuation: BuildKit warns once the file is parsed, with the file's directive alone deciding. */
function emptyContinuations(readings: Iterable<BuildkitReading | undefined>): Finding[] {
  const findings: Finding[] = [];
  for (const reading of readings) {
    const range = reading?.emptyContinuation;
    if (range) findings.push({ code: 'NoEmptyContinuation', range, instructionLine: range.start.line, message: 'Empty continuation line' });
  }
  return findings;
}

/** Every instruction's reading, the global ARGs' and the FROM lines' too (undefined where not read). */
export function* allReadings(model: StageModel): Generator<BuildkitReading | undefined> {
  yield* model.globalReadings;
  for (const stage of model.stages) yield* stageReadings(stage);
}

function* stageReadings(stage: Stage): Generator<BuildkitReading | undefined> {
  yield stage.fromReading;
  for (const instruction of stage.instructions) yield instruction.buildkit;
}

/**
 * ConsistentInstructionCasing: every keyword written all upper or all lower case counts for its casing (global
 * ARGs aside); a keyword that does not match the majority (upper on a tie) is reported. Nothing when an
 * instruction could not be read: the majority would be unknown.
 */
function inconsistentCasing(stage: Stage, casing: Casing): Finding[] {
  const findings: Finding[] = [];
  for (const instruction of stageReading(stage).all ?? []) {
    const name = instruction.reading.written;
    if (!KNOWN_KEYWORDS.has(name.toLowerCase()) || name === caseAs(name, casing)) continue;
    findings.push(findingOn(instruction, 'ConsistentInstructionCasing', `Command '${name}' should match the case of the command majority (${casing})`));
  }
  return findings;
}

export type Casing = 'lowercase' | 'uppercase';

/** The majority casing of the stages' keywords; undefined when an instruction is not read. */
export function casingMajority(model: StageModel): Casing | undefined {
  let lower = 0;
  let upper = 0;
  for (const stage of model.stages) {
    const counts = casingCounts(stage);
    if (!counts) return undefined;
    lower += counts.lower;
    upper += counts.upper;
  }
  return lower > upper ? 'lowercase' : 'uppercase';
}

const CASING_COUNTS = new WeakMap<Stage, { lower: number; upper: number } | undefined>();

/** How many of a stage's keywords (FROM included) are written in lower, in upper case; undefined when one is not read. */
function casingCounts(stage: Stage): { lower: number; upper: number } | undefined {
  if (CASING_COUNTS.has(stage)) return CASING_COUNTS.get(stage);
  const instructions = stageReading(stage).all;
  let counts: { lower: number; upper: number } | undefined;
  if (instructions) {
    counts = { lower: 0, upper: 0 };
    for (const { reading } of instructions) {
      const name = reading.written;
      if (!KNOWN_KEYWORDS.has(name.toLowerCase())) continue;
      if (name === name.toLowerCase()) counts.lower++;
      else if (name === name.toUpperCase()) counts.upper++;
    }
  }
  CASING_COUNTS.set(stage, counts);
  return counts;
}

export function caseAs(name: string, casing: Casing): string {
  return casing === 'lowercase' ? name.toLowerCase() : name.toUpperCase();
}

/** Secret-looking tokens as the first or last `_`-separated part of a name, or the whole name; some are fine. */
const SECRET = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
const ALLOWED = /(?:_|^)(?:public|file|version)(?:_|$)/i;

/**
 * The keys of a stage's ARG (as written: BuildKit does not expand them) and ENV (expanded first: a key with
 * variables or quotes is unknown here and left alone) that look like secrets. Global ARGs are not checked.
 */
function secretKeys({ reading }: ReadInstruction, escape: string): string[] {
  const keyword = reading.written.toLowerCase();
  const keys = keyword === 'arg' ? reading.args.map((word) => word.split('=')[0])
    : keyword === 'env' ? (reading.keyValues ?? []).map((pair) => literalWord(pair.key, escape)).filter((key): key is string => key !== undefined)
      : [];
  return keys.filter((key) => SECRET.test(key) && !ALLOWED.test(key));
}


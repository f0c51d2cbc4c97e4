// One instruction read again the way BuildKit's own parser reads it (frontend/dockerfile/parser at 73ed682), once,
// for both the checks BuildKit runs on what its parser makes of the text and what its dispatch expands
// (dispatchSteps.ts): parser.go joins the continuation lines (dropping comment lines, noting empty ones),
// split_command.go separates the keyword, the `--flags` and the arguments, line_parsers.go splits the arguments per
// keyword (JSON or not, `key=value` or the legacy `key value`). dockerfile-ast finds the instructions; where its idea
// of where one ends is not BuildKit's, the placed reading is undefined and BuildKit's checks say nothing about that
// instruction (dispatch still reads its text, as BuildKit would read it).
import type { Position, Range } from './positions';
import { splitCommand, parseWords, jsonArray, splitWhitespace, trimSpace, trimLeft, trimRight } from './buildkitWords';

export interface BuildkitReading {
  /** The keyword as written: `run`, `Run`, `RUN`. */
  readonly written: string;
  /** The `--flags`, as written (`--from=build`). */
  readonly flags: readonly string[];
  /** The arguments as BuildKit's parser hands them on: JSON strings, words, or the whole rest (WORKDIR, USER). */
  readonly args: readonly string[];
  /** Written as a JSON array (exec form). */
  readonly json: boolean;
  /** What follows the keyword and the flags, trimmed. */
  readonly rest: string;
  /** Where `rest` starts, for an instruction on one line (heredoc bodies aside); edits need it. */
  readonly restStart?: Position;
  /** ENV and LABEL: each key and value as written, and whether it is written the legacy way (`ENV key value`). */
  readonly keyValues?: readonly { readonly key: string; readonly value: string; readonly legacy: boolean }[];
  /** ONBUILD: the trigger, read the same way. */
  readonly trigger?: BuildkitReading;
  /** BuildKit's parser rejects the arguments: the build fails on this instruction. */
  readonly rejected?: true;
  /** The line where BuildKit reports an empty continuation line in this instruction (it names the line its continuation ends on). */
  readonly emptyContinuation?: Range;
  /** Each empty continuation line with the line end before it: what deleting it takes. */
  readonly emptyLines?: readonly Range[];
}

/** Keywords whose text may carry heredocs (parser.go heredocDirectives; ONBUILD's trigger too). */
const HEREDOC_KEYWORDS = new Set(['add', 'copy', 'run', 'onbuild']);

/** An instruction's text joined and its line read, before anything is said of where BuildKit ends it. */
export interface ParsedInstruction {
  readonly joined: JoinedLine;
  /** The joined line as newNodeFromLine and the line parsers read it (no positions). */
  readonly line: BuildkitReading;
}

/** Reads an instruction's text (from its keyword through its last line, heredoc bodies included). */
export function parseInstruction(raw: string, escape: string): ParsedInstruction {
  const joined = joinContinuationLines(raw, escape);
  return { joined, line: readLine(joined.text, escape) };
}

/**
 * The reading of an instruction that starts at `start`, `lastInFile` when no line follows it. Undefined where
 * BuildKit would end the instruction elsewhere (a continuation dockerfile-ast does not follow, lines after the
 * joined ones that are no heredoc body, a lone `\r`: a line end to dockerfile-ast, not to BuildKit).
 */
export function placedReading({ joined, line: reading }: ParsedInstruction, start: Position, lastInFile: boolean): BuildkitReading | undefined {
  if (joined.loneCarriageReturn || (!joined.ended && !lastInFile)) return undefined;
  const heredoc = HEREDOC_KEYWORDS.has(reading.written.toLowerCase()) && !reading.json && joined.text.includes('<<');
  if (joined.after.length > 0 && !heredoc) return undefined;
  if (joined.lastLine === 0) {
    // On one line, the rest is the end of the text, trailing blanks aside.
    return { ...reading, restStart: { line: start.line, character: start.character + trimRight(joined.text).length - reading.rest.length } };
  }
  if (joined.emptyLines.length === 0) return reading;
  // An empty continuation line comes after the first: the line BuildKit names starts at column 0.
  const lineEnd = (index: number) => ({ line: start.line + index, character: (index === 0 ? start.character : 0) + joined.lengths[index] });
  return {
    ...reading,
    emptyContinuation: { start: { line: start.line + joined.lastLine, character: 0 }, end: lineEnd(joined.lastLine) },
    emptyLines: joined.emptyLines.map((index) => ({ start: lineEnd(index - 1), end: lineEnd(index) })),
  };
}

export interface JoinedLine {
  readonly text: string;
  /** The line (counted from the instruction's first) where the joining ended: BuildKit's `currentLine`. */
  readonly lastLine: number;
  /** The length of each line up to `lastLine`, its end excluded. */
  readonly lengths: readonly number[];
  /** The empty continuation lines (counted from the instruction's first). */
  readonly emptyLines: readonly number[];
  /** The lines after the joined ones (heredoc bodies), their ends removed. */
  readonly after: readonly string[];
  /** The last joined line ends the instruction (no escape at its end). */
  readonly ended: boolean;
  /** The text holds a `\r` that ends no line for BuildKit (its scanner splits at `\n` alone). */
  readonly loneCarriageReturn: boolean;
}

/**
 * parser.go's loop over the physical lines of one instruction: a line ending in the escape character continues
 * on the next; comment lines in between are dropped, empty ones skipped (and noted); the escape is removed.
 */
function joinContinuationLines(raw: string, escape: string): JoinedLine {
  const continuation = CONTINUATION[escape] ?? CONTINUATION['\\'];
  const lengths: number[] = [];
  const emptyLines: number[] = [];
  let offset = 0;
  /** The next physical line, its end removed; undefined at the end of the text (a final line end starts none). */
  const nextLine = (): string | undefined => {
    if (offset >= raw.length && lengths.length > 0) return undefined;
    const end = raw.indexOf('\n', offset);
    const line = trimNewline(raw.slice(offset, end < 0 ? raw.length : end));
    offset = end < 0 ? raw.length : end + 1;
    lengths.push(line.length);
    return line;
  };
  let [text, ended] = trimContinuation(trimLeft(nextLine()!), continuation);
  while (!ended) {
    const physical = nextLine();
    if (physical === undefined) break;
    if (trimLeft(physical).startsWith('#')) continue;
    if (trimLeft(physical) === '') {
      emptyLines.push(lengths.length - 1);
      continue;
    }
    const [part, end] = trimContinuation(physical, continuation);
    text += part;
    ended = end;
  }
  const after = offset < raw.length ? raw.slice(offset).split('\n').map(trimNewline) : [];
  return { text, lastLine: lengths.length - 1, lengths, emptyLines, after, ended, loneCarriageReturn: /\r(?!\n)/.test(raw) };
}

/** parser.go setEscapeToken: the escape as the last non-blank character, not itself escaped. */
const CONTINUATION: Readonly<Record<string, RegExp>> = { '\\': /([^\\])\\[ \t]*$|^\\[ \t]*$/, '`': /([^`])`[ \t]*$|^`[ \t]*$/ };

function trimContinuation(line: string, continuation: RegExp): [string, boolean] {
  return continuation.test(line) ? [line.replace(continuation, '$1'), false] : [line, true];
}

function trimNewline(line: string): string {
  return line.replace(/[\r\n]+$/, '');
}

/** newNodeFromLine and the line parsers of dispatch (line_parsers.go), on a joined line. */
function readLine(line: string, escape: string): BuildkitReading {
  const { keyword, flags, rest } = splitCommand(line, escape);
  const base = { written: keyword, flags, rest, json: false };
  switch (keyword.toLowerCase()) {
    case 'env':
    case 'label':
      return nameValues(base, rest, escape);
    case 'arg':
      return { ...base, args: parseWords(rest, escape) };
    case 'cmd':
    case 'entrypoint':
    case 'run':
    case 'shell':
      return maybeJson(base, rest, false);
    case 'add':
    case 'copy':
    case 'volume':
      return maybeJson(base, rest, true);
    case 'expose':
    case 'from':
      return { ...base, args: splitWhitespace(rest) };
    case 'workdir':
    case 'user':
    case 'maintainer':
    case 'stopsignal':
      return { ...base, args: rest === '' ? [] : [rest] };
    case 'onbuild':
      return rest === '' ? { ...base, args: [] } : { ...base, args: [], trigger: readLine(rest, escape) };
    default:
      return { ...base, args: [] };
  }
}

/** parseMaybeJSON / parseMaybeJSONToList: a JSON array of strings, else the whole rest or its words. */
function maybeJson(base: Pick<BuildkitReading, 'written' | 'flags' | 'rest'>, rest: string, toList: boolean): BuildkitReading {
  if (rest === '' && !toList) return { ...base, json: false, args: [] };
  const json = jsonArray(rest);
  if (json === 'not-strings') return { ...base, json: true, args: [], rejected: true };
  if (json) return { ...base, json: true, args: json };
  return { ...base, json: false, args: toList ? splitWhitespace(rest) : [rest] };
}

/**
 * parseNameVal: `key value` (the first word has no `=`: one pair, the rest its value) or `k=v k2=v2` (every word
 * needs an `=`).
 */
function nameValues(base: Pick<BuildkitReading, 'written' | 'flags' | 'rest'>, rest: string, escape: string): BuildkitReading {
  const reading = { ...base, json: false, args: [] };
  const words = parseWords(rest, escape);
  if (words.length === 0) return { ...reading, rejected: true };
  if (!words[0].includes('=')) {
    const parts = splitWhitespace(trimSpace(rest), 2);
    return parts.length < 2 ? { ...reading, rejected: true } : { ...reading, keyValues: [{ key: parts[0], value: parts[1], legacy: true }] };
  }
  if (words.some((word) => !word.includes('='))) return { ...reading, rejected: true };
  return { ...reading, keyValues: words.map((word) => ({ key: word.slice(0, word.indexOf('=')), value: word.slice(word.indexOf('=') + 1), legacy: false })) };
}

// BuildKit's parser on one joined instruction line (frontend/dockerfile/parser at 73ed682): split_command.go
// (keyword, `--flags`, the rest) and the word splitting of line_parsers.go, with Go's idea of white space
// (unicode.IsSpace, shellWords.ts: JavaScript's `\s` lacks U+0085 and counts U+FEFF).
import { GO_SPACE, isSpace } from './shellWords';

const LEADING_SPACE = new RegExp(`^${GO_SPACE}+`);
const TRAILING_SPACE = new RegExp(`${GO_SPACE}+$`);
/** parser.go reWhitespace. */
const WHITESPACE_RUN = /[\t\v\f\r ]+/;

export function trimLeft(text: string): string {
  return text.replace(LEADING_SPACE, '');
}

export function trimRight(text: string): string {
  return text.replace(TRAILING_SPACE, '');
}

export function trimSpace(text: string): string {
  return trimRight(trimLeft(text));
}

/** Go's `reWhitespace.Split(text, limit)`: at most `limit` parts (all when omitted); nothing for an empty text. */
export function splitWhitespace(text: string, limit = Infinity): string[] {
  if (text === '') return [];
  const parts: string[] = [];
  let rest = text;
  while (parts.length < limit - 1) {
    const match = WHITESPACE_RUN.exec(rest);
    if (!match) break;
    parts.push(rest.slice(0, match.index));
    rest = rest.slice(match.index + match[0].length);
  }
  parts.push(rest);
  return parts;
}

/** splitCommand: the keyword as written, the leading `--flags`, and the rest, trimmed. */
export function splitCommand(line: string, escape: string): { keyword: string; flags: string[]; rest: string } {
  const [keyword, after] = splitWhitespace(trimSpace(line), 2);
  if (after === undefined) return { keyword: keyword ?? '', flags: [], rest: '' };
  const { flags, rest } = extractBuilderFlags(after, escape);
  return { keyword, flags, rest: trimSpace(rest) };
}

/** extractBuilderFlags: words starting with `--` (quotes and escapes read), up to the first other word or `--`. */
function extractBuilderFlags(line: string, escape: string): { flags: string[]; rest: string } {
  const { words, rest } = scanWords(line, escape, true);
  return { flags: words, rest };
}

/** parseWords: words split at white space outside quotes; quotes and escapes are kept. */
export function parseWords(rest: string, escape: string): string[] {
  return scanWords(rest, escape, false).words;
}

/**
 * The word scanner BuildKit writes twice, as parseWords and extractBuilderFlags. For flags, a word that does not
 * start with `--` (or is `--` alone) ends the scan, quotes and escapes are read (an escape counts in single quotes
 * too); parseWords keeps them as written (no escape in single quotes).
 */
function scanWords(text: string, escape: string, flags: boolean): { words: string[]; rest: string } {
  // By UTF-16 unit: the characters that matter are ASCII, and a surrogate pair is taken unit by unit unchanged.
  const characters = text;
  const words: string[] = [];
  let word = '';
  let phase: 'spaces' | 'word' | 'quote' = 'spaces';
  let quote = '';
  let blankOK = false;
  const restAt = (pos: number) => ({ words, rest: text.slice(pos) });
  for (let pos = 0; pos <= characters.length; pos++) {
    const ch = characters[pos];
    if (phase === 'spaces') {
      if (pos === characters.length) break;
      if (isSpace(ch)) continue;
      if (flags && (ch !== '-' || characters[pos + 1] !== '-')) return restAt(pos);
      phase = 'word';
    }
    if (pos === characters.length) {
      if ((!flags || word !== '--') && (blankOK || word.length > 0)) words.push(word);
      break;
    }
    const last = pos + 1 === characters.length;
    if (phase === 'word') {
      if (isSpace(ch)) {
        if (flags && word === '--') return restAt(pos);
        if (blankOK || word.length > 0) words.push(word);
        phase = 'spaces';
        word = '';
        blankOK = false;
      } else if (ch === "'" || ch === '"') {
        quote = ch;
        blankOK = true;
        phase = 'quote';
        if (!flags) word += ch;
      } else if (ch === escape) {
        // An escape at the end is dropped; else the next character is taken (with the escape, by parseWords).
        if (!last) word += (flags ? '' : ch) + characters[++pos];
      } else {
        word += ch;
      }
      continue;
    }
    if (ch === quote) {
      phase = 'word';
      if (!flags) word += ch;
    } else if (ch === escape && (flags || quote !== "'")) {
      if (last) phase = 'word';
      else word += (flags ? '' : ch) + characters[++pos];
    } else {
      word += ch;
    }
  }
  return { words, rest: '' };
}

/**
 * parseJSON: the strings of a JSON array; undefined when the text is no JSON array (the shell form), and
 * `not-strings` for an array holding something else, which BuildKit rejects.
 */
export function jsonArray(rest: string): string[] | 'not-strings' | undefined {
  // Most instructions are no JSON: tell at the first character, before any copy of a long RUN line.
  if (rest[0] !== '[' && !isSpace(rest[0] ?? '')) return undefined;
  const text = trimLeft(rest);
  if (!text.startsWith('[')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(value)) return undefined;
  return value.every((item): item is string => typeof item === 'string') ? value : 'not-strings';
}

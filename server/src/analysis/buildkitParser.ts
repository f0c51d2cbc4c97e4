// BuildKit's Dockerfile parser, for one instruction's text (moby/buildkit 73ed682, frontend/dockerfile/parser):
// the continuation lines joined (parser.go), the flags taken (split_command.go), the words split
// (line_parsers.go parseWords). Only what dispatchSteps.ts needs.
import { GO_SPACE, isSpace } from './shellWords';

/** BuildKit's reWhitespace: the blanks that separate words (no newline: the line is joined already). */
export const BLANKS = /[\t\v\f\r ]+/;

export function splitBlanks(text: string, limit: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (parts.length < limit - 1) {
    const match = BLANKS.exec(rest);
    if (!match) break;
    parts.push(rest.slice(0, match.index));
    rest = rest.slice(match.index + match[0].length);
  }
  parts.push(rest);
  return parts;
}

export function trimNewline(line: string): string {
  return line.replace(/[\r\n]+$/, '');
}

const LEADING_SPACE = new RegExp(`^${GO_SPACE}+`);
const TRAILING_SPACE = new RegExp(`${GO_SPACE}+$`);

function trimSpace(text: string): string {
  return text.replace(LEADING_SPACE, '').replace(TRAILING_SPACE, '');
}

function isComment(line: string): boolean {
  return line.replace(LEADING_SPACE, '').startsWith('#');
}

/**
 * The instruction's lines joined as BuildKit joins them: a trailing escape character continues the line, comment
 * lines and empty lines inside are skipped; what follows the last joined line (heredoc bodies) is `rest`.
 */
/** A line that the escape character at its end continues (parser.go setEscapeToken's lineContinuationRegex). */
const BACKSLASH_CONTINUATION = /([^\\])\\[ \t]*$|^\\[ \t]*$/;
const BACKTICK_CONTINUATION = /([^`])`[ \t]*$|^`[ \t]*$/;

export function logicalLine(lines: readonly string[], escapeToken: string): { line: string; rest: string[] } {
  const continuation = escapeToken === '`' ? BACKTICK_CONTINUATION : BACKSLASH_CONTINUATION;
  const join = (line: string) => (continuation.test(line) ? { text: line.replace(continuation, '$1'), more: true } : { text: line, more: false });
  let { text, more } = join(lines[0].replace(LEADING_SPACE, ''));
  let index = 1;
  for (; more && index < lines.length; index++) {
    const line = lines[index];
    if (isComment(line) || line.replace(LEADING_SPACE, '') === '') continue;
    const next = join(line);
    text += next.text;
    more = next.more;
  }
  return { line: text, rest: lines.slice(index) };
}

/** splitCommand: the keyword, the leading `--flags` (quotes and escapes removed), the rest trimmed. */
export function splitCommand(line: string, escapeToken: string): { command: string; flags: string[]; args: string } {
  const [command, rest] = splitBlanks(trimSpace(line), 2);
  if (rest === undefined) return { command, flags: [], args: '' };
  const { args, flags } = extractBuilderFlags(rest, escapeToken);
  return { command, flags, args: trimSpace(args) };
}

function extractBuilderFlags(line: string, escapeToken: string): { args: string; flags: string[] } {
  const flags: string[] = [];
  let position = 0;
  for (;;) {
    while (position < line.length && isSpace(line[position])) position++;
    if (position >= line.length) return { args: '', flags };
    if (!line.startsWith('--', position)) return { args: line.slice(position), flags };
    let word = '';
    let quote: string | undefined;
    let blankOk = false;
    for (; position < line.length; position++) {
      let character = line[position];
      if (!quote && isSpace(character)) break;
      if (!quote && (character === '"' || character === "'")) {
        quote = character;
        blankOk = true;
        continue;
      }
      if (quote && character === quote) {
        quote = undefined;
        continue;
      }
      if (character === escapeToken) {
        if (position + 1 === line.length) continue;
        character = line[++position];
      }
      word += character;
    }
    if (word === '--') return { args: line.slice(position), flags };
    if (blankOk || word !== '') flags.push(word);
  }
}

/**
 * parseWords: words between blanks, quotes kept (and blanks inside them), an escape character kept with the
 * character it escapes.
 */
export function parseWords(text: string, escapeToken: string): string[] {
  const words: string[] = [];
  const characters = Array.from(text);
  let word = '';
  let inWord = false;
  let quote: string | undefined;
  let blankOk = false;
  for (let i = 0; i < characters.length; i++) {
    let character = characters[i];
    if (!inWord) {
      if (isSpace(character)) continue;
      inWord = true;
    }
    if (quote === undefined) {
      if (isSpace(character)) {
        if (blankOk || word !== '') words.push(word);
        word = '';
        blankOk = false;
        inWord = false;
        continue;
      }
      if (character === "'" || character === '"') {
        quote = character;
        blankOk = true;
      }
      if (character === escapeToken) {
        if (i + 1 === characters.length) continue;
        word += character;
        character = characters[++i];
      }
      word += character;
      continue;
    }
    if (character === quote) quote = undefined;
    else if (character === escapeToken && quote !== "'") {
      if (i + 1 === characters.length) {
        quote = undefined;
        continue;
      }
      word += character;
      character = characters[++i];
    }
    word += character;
  }
  if (inWord && (blankOk || word !== '')) words.push(word);
  return words;
}


// The words of BuildKit's processWords (frontend/dockerfile/shell/lex.go, wordsStruct): white space outside
// quotes splits, quoted text and escaped characters stay whole; and the characters names are made of, as Go's
// unicode package classes them.

/** The word being built by processWords; one buffer shared by the nested words of `${X:-w}`, as in BuildKit. */
export interface WordBuffer {
  text: string;
}

export class Words {
  private readonly words: string[] = [];
  private inWord = false;

  constructor(private readonly buffer: WordBuffer) {}

  /** A character outside quotes: white space ends the word. */
  addCharacter(character: string): void {
    if (isSpace(character)) {
      if (this.inWord && this.buffer.text.length !== 0) this.endWord();
    } else this.addRawCharacter(character);
  }

  addRawCharacter(character: string): void {
    this.buffer.text += character;
    this.inWord = true;
  }

  /** An expanded variable: its white space splits words too. */
  addString(text: string): void {
    for (const character of text) this.addCharacter(character);
  }

  /** A quoted part: kept whole. */
  addRawString(text: string): void {
    this.buffer.text += text;
    this.inWord = true;
  }

  finish(): string[] {
    if (this.buffer.text.length > 0) this.endWord();
    return this.words;
  }

  private endWord(): void {
    this.words.push(this.buffer.text);
    this.buffer.text = '';
    this.inWord = false;
  }
}

/** POSIX's special parameters (`$@`, `$*`, ...): BuildKit reads them as variables that are never set. */
export const SPECIAL_PARAMETERS = new Set(['@', '*', '#', '?', '-', '$', '!', '0']);

/** Go's unicode.IsSpace, as a regular expression character class. */
export const GO_SPACE = '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const SPACE = new RegExp(`^${GO_SPACE}$`);

export function isSpace(character: string): boolean {
  // Printable ASCII first, the common case, without a regular expression.
  if (character > ' ' && character < '\u0085') return false;
  return SPACE.test(character);
}

export function isLetter(character: string): boolean {
  // ASCII first: names are nearly always ASCII, and the Unicode test costs a regular expression.
  if (character < '\u0080') return (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z');
  return /^\p{L}$/u.test(character);
}

export function isDigit(character: string): boolean {
  if (character < '\u0080') return character >= '0' && character <= '9';
  return /^\p{Nd}$/u.test(character);
}

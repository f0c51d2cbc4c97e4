// Values as BuildKit's Go code prints and reads them: `%q` quoting, and a word without variables as the shell
// lexer (frontend/dockerfile/shell/lex.go) reads it.

const GO_ESCAPES: Readonly<Record<string, string>> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '"': '\\"', '\\': '\\\\' };

/** Go's `%q` (strconv.Quote) for the texts BuildKit's messages quote: ASCII control characters escaped. */
export function goQuote(text: string): string {
  let quoted = '"';
  for (const character of text) {
    const code = character.codePointAt(0)!;
    if (GO_ESCAPES[character]) quoted += GO_ESCAPES[character];
    else if (code < 0x20 || code === 0x7f) quoted += `\\x${code.toString(16).padStart(2, '0')}`;
    else quoted += character;
  }
  return quoted + '"';
}

/**
 * The word as BuildKit's shell lexer makes it, where no variable can change it: quotes removed. Undefined for a
 * word with `$` (its value depends on the build), an escape character (not read here) or an unclosed quote.
 */
export function literalWord(word: string, escape: string): string | undefined {
  let value = '';
  let quote = '';
  for (const character of word) {
    if (quote === "'") {
      if (character === "'") quote = '';
      else value += character;
    } else if (character === '$') {
      return undefined;
    } else if (character === escape) {
      return undefined;
    } else if (character === quote) {
      quote = '';
    } else if (!quote && (character === '"' || character === "'")) {
      quote = character;
    } else {
      value += character;
    }
  }
  return quote ? undefined : value;
}

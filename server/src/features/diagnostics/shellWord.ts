// A word without variables as BuildKit's shell lexer (frontend/dockerfile/shell/lex.go) reads it.

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

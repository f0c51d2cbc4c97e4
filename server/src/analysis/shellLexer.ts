// BuildKit's word expansion, as its Dockerfile frontend does it (frontend/dockerfile/shell/lex.go at 73ed682):
// quotes and escapes removed, `$X` and `${X}` replaced, and the modifiers `${X:-w}`, `${X-w}`, `${X:+w}`, `${X+w}`,
// `${X:?m}`, `${X?m}`, `${X#p}`, `${X##p}`, `${X%p}`, `${X%%p}`, `${X/p/r}`, `${X//p/r}`; anything else is
// BuildKit's error. Written from reading lex.go; its own tests (envVarTest, wordsTest, lex_test.go) run against
// this in test/peer/buildkitShell.test.ts. Every difference from a POSIX shell is BuildKit's and kept: `$1` reads a
// variable named `1`, `${X:#p}` is an error, quotes inside `${X:-"w"}` are removed, a word's text before a
// `${X:-w}` is lost by the word splitting of processWords (a buffer shared with the nested word).
import { convertShellPattern, PatternError, replaceAll, replaceFirst, trimPrefix, trimSuffix } from './shellPattern';
import { isDigit, isLetter, SPECIAL_PARAMETERS, Words, type WordBuffer } from './shellWords';

/** The variables a word is expanded with: a value, or undefined for a variable that is not set. */
export interface ShellEnvironment {
  get(name: string): string | undefined;
}

export interface LexOptions {
  /** The Dockerfile's escape character (`# escape=`), `\` by default. */
  readonly escapeToken?: string;
  /** Keep quote characters in the result (BuildKit's RawQuotes). */
  readonly rawQuotes?: boolean;
  /** Keep escape characters in the result (RawEscapes). */
  readonly rawEscapes?: boolean;
  /** Quotes are ordinary characters (SkipProcessQuotes: heredoc bodies). */
  readonly skipProcessQuotes?: boolean;
  /** Leave a variable that is not set as written (SkipUnsetEnv). */
  readonly skipUnsetEnv?: boolean;
  /**
   * Asked before a shell pattern is applied (`${X#p}`, `${X%p}`, `${X/p/r}`) with the pattern and the value: a
   * string it returns is the result instead (evaluate.ts, where the value is not known).
   */
  readonly patternResult?: (pattern: string, value: string) => string | undefined;
}

export interface LexResult {
  /** The expanded word; undefined when BuildKit refuses it. */
  readonly value?: string;
  /** The expanded text split into words as processWords does (quoted parts stay whole). */
  readonly words?: readonly string[];
  /** BuildKit's message when it refuses the word (`failed to process "…": …`). */
  readonly error?: string;
  /** Variables read that are set, and that are not (what UndefinedVar reports), as far as the lexer got. */
  readonly matched: ReadonlySet<string>;
  readonly unmatched: ReadonlySet<string>;
}

/** BuildKit's ProcessWord (and ProcessWords: `words`): the word expanded with the environment. */
export function processWord(word: string, environment: ShellEnvironment, options: LexOptions = {}): LexResult {
  const lexer = new Lexer(word, environment, options);
  try {
    const { result, words } = lexer.processStopOn(undefined, options.rawEscapes ?? false);
    return { value: result, words, matched: lexer.matched, unmatched: lexer.unmatched };
  } catch (error) {
    if (!(error instanceof LexError)) throw error;
    return { error: `failed to process ${JSON.stringify(word)}: ${error.message}`, matched: lexer.matched, unmatched: lexer.unmatched };
  }
}

class LexError extends Error {}

class Lexer {
  readonly matched = new Set<string>();
  readonly unmatched = new Set<string>();
  private readonly characters: string[];
  private position = 0;
  private readonly escapeToken: string;
  private rawEscapes: boolean;
  private readonly buffer: WordBuffer = { text: '' };

  constructor(word: string, private readonly environment: ShellEnvironment, private readonly options: LexOptions) {
    // Go reads the word by code point (text/scanner).
    this.characters = Array.from(word);
    this.escapeToken = options.escapeToken ?? '\\';
    this.rawEscapes = options.rawEscapes ?? false;
  }

  private peek(): string | undefined {
    return this.characters[this.position];
  }

  private next(): string | undefined {
    return this.characters[this.position++];
  }

  /** The text up to `stop` (consumed) or the end; an unclosed `stop` is an error. */
  processStopOn(stop: string | undefined, rawEscapes: boolean): { result: string; words: string[] } {
    let result = '';
    this.buffer.text = '';
    const words = new Words(this.buffer);
    const outer = this.rawEscapes;
    this.rawEscapes = rawEscapes;
    try {
      for (let character = this.peek(); character !== undefined; character = this.peek()) {
        if (stop !== undefined && character === stop) {
          this.next();
          return { result, words: words.finish() };
        }
        const special = this.special(character);
        if (special !== undefined) {
          result += special;
          if (character === '$') words.addString(special);
          else words.addRawString(special);
          continue;
        }
        let taken = this.next()!;
        if (taken === this.escapeToken) {
          if (this.rawEscapes) {
            words.addRawCharacter(taken);
            result += taken;
          }
          // The escape character takes the next one literally; at the end of the word it is dropped.
          const escaped = this.next();
          if (escaped === undefined) break;
          taken = escaped;
          words.addRawCharacter(taken);
        } else words.addCharacter(taken);
        result += taken;
      }
      if (stop !== undefined) throw new LexError(`unexpected end of statement while looking for matching ${stop}`);
      return { result, words: words.finish() };
    } finally {
      this.rawEscapes = outer;
    }
  }

  /** What a `$`, `<` or quote starts, processed; undefined for an ordinary character. */
  private special(character: string): string | undefined {
    if (character === '$') return this.processDollar();
    if (character === '<') return this.processPossibleHeredoc();
    if (this.options.skipProcessQuotes) return undefined;
    if (character === "'") return this.processSingleQuote();
    if (character === '"') return this.processDoubleQuote();
    return undefined;
  }

  /** Everything up to the next `'` as it is; a `'` cannot be escaped inside. */
  private processSingleQuote(): string {
    const end = this.characters.indexOf("'", this.position + 1);
    if (end === -1) {
      this.position = this.characters.length;
      throw new LexError('unexpected end of statement while looking for matching single-quote');
    }
    const inside = this.characters.slice(this.position + 1, end).join('');
    this.position = end + 1;
    return this.options.rawQuotes ? `'${inside}'` : inside;
  }

  /** Up to the next `"`, with `$` expanded; the escape character escapes only `"`, `$` and itself. */
  private processDoubleQuote(): string {
    const quote = this.next()!;
    let result = this.options.rawQuotes ? quote : '';
    for (;;) {
      const next = this.peek();
      if (next === undefined) throw new LexError('unexpected end of statement while looking for matching double-quote');
      if (next === '"') {
        this.next();
        return this.options.rawQuotes ? result + next : result;
      }
      if (next === '$') {
        result += this.processDollar();
        continue;
      }
      let character = this.next()!;
      if (character === this.escapeToken) {
        if (this.rawEscapes) result += character;
        const escaped = this.peek();
        if (escaped === undefined) continue;
        if (escaped === '"' || escaped === '$' || escaped === this.escapeToken) character = this.next()!;
      }
      result += character;
    }
  }

  private processDollar(): string {
    this.next();
    if (this.peek() !== '{') {
      const name = this.processName();
      if (name === '') return '$';
      const value = this.getEnv(name);
      if (value === undefined && this.options.skipUnsetEnv) return `$${name}`;
      return value ?? '';
    }
    this.next();
    const first = this.peek();
    if (first === undefined) throw new LexError("syntax error: missing '}'");
    if (first === '{' || first === '}' || first === ':') throw new LexError('syntax error: bad substitution');
    const name = this.processName();
    const operator = this.next();
    if (operator === '}') {
      const value = this.getEnv(name);
      if (value === undefined && this.options.skipUnsetEnv) return `\${${name}}`;
      return value ?? '';
    }
    if (operator === '/') return this.processReplacement(name);
    if (operator === ':' || operator === '+' || operator === '-' || operator === '?' || operator === '#' || operator === '%') return this.processModifier(name, operator);
    throw new LexError(`unsupported modifier (${operator ?? '\uFFFD'}) in substitution`);
  }

  /** `${X:-w}`, `${X-w}`, `${X:+w}`, `${X+w}`, `${X:?m}`, `${X?m}`, `${X#p}`, `${X##p}`, `${X%p}`, `${X%%p}`. */
  private processModifier(name: string, first: string): string {
    const nullIsUnset = first === ':';
    const modifier = nullIsUnset ? this.next() : first;
    const written = nullIsUnset ? `:${modifier ?? '\uFFFD'}` : first;
    const isPattern = modifier === '#' || modifier === '%';
    if (nullIsUnset && isPattern) throw new LexError(`unsupported modifier (${written}) in substitution`);
    // The word is expanded before the variable is read, whatever the variable holds.
    let word = this.processNested('}', isPattern, "syntax error: missing '}'");
    const value = this.getEnv(name);
    if (this.options.skipUnsetEnv && value === undefined) return `\${${name}${written}${word}}`;
    const empty = value === undefined || (nullIsUnset && value === '');
    switch (modifier) {
      case '-':
        return empty ? word : value!;
      case '+':
        return empty ? '' : word;
      case '?':
        if (value === undefined) throw new LexError(`${name}: ${word || 'is not allowed to be unset'}`);
        if (empty) throw new LexError(`${name}: ${word || 'is not allowed to be empty'}`);
        return value;
      case '#':
      case '%': {
        // `#`/`%` take the shortest match, `##`/`%%` the longest.
        const greedy = word.startsWith(modifier);
        if (greedy) word = word.slice(1);
        const given = this.options.patternResult && this.withPattern(word, () => convertShellPattern(word, greedy, true)) && this.options.patternResult(word, value ?? '');
        if (given !== undefined) return given;
        return this.withPattern(word, () => (modifier === '%' ? trimSuffix(word, value ?? '', greedy) : trimPrefix(word, value ?? '', greedy)));
      }
      default:
        throw new LexError(`unsupported modifier (${written}) in substitution`);
    }
  }

  /** `${X/p/r}` replaces the first match of the pattern, `${X//p/r}` every one. */
  private processReplacement(name: string): string {
    const all = this.peek() === '/';
    if (all) this.next();
    const pattern = this.processNested('/', true, "syntax error: missing '/' in ${}");
    const replacement = this.processNested('}', true, "syntax error: missing '}'");
    const value = this.getEnv(name);
    if (this.options.skipUnsetEnv && value === undefined) return `\${${name}/${pattern}/${replacement}}`;
    const { regExp } = this.withPattern(pattern, () => convertShellPattern(pattern, true, false));
    const given = this.options.patternResult?.(pattern, value ?? '');
    if (given !== undefined) return given;
    return all ? replaceAll(value ?? '', regExp, replacement) : replaceFirst(value ?? '', regExp, replacement);
  }

  /** A nested word up to `stop`; ending before it is BuildKit's `missing` error. */
  private processNested(stop: string, rawEscapes: boolean, missing: string): string {
    try {
      return this.processStopOn(stop, rawEscapes).result;
    } catch (error) {
      if (error instanceof LexError && this.peek() === undefined) throw new LexError(missing);
      throw error;
    }
  }

  private withPattern<T>(pattern: string, use: () => T): T {
    try {
      return use();
    } catch (error) {
      if (error instanceof PatternError) throw new LexError(`invalid pattern (${pattern}) in substitution: ${error.message}`);
      throw error;
    }
  }

  /** A name (letters, digits, `_`), or all the digits of a positional parameter, or one special parameter. */
  private processName(): string {
    let name = '';
    for (let character = this.peek(); character !== undefined; character = this.peek()) {
      if (name === '' && isDigit(character)) {
        while (this.peek() !== undefined && isDigit(this.peek()!)) name += this.next();
        return name;
      }
      if (name === '' && SPECIAL_PARAMETERS.has(character)) return this.next()!;
      if (!isLetter(character) && !isDigit(character) && character !== '_') break;
      name += this.next();
    }
    return name;
  }

  /** `<<` and the blanks after it are kept together, so that a heredoc's `<< EOF` stays one word. */
  private processPossibleHeredoc(): string {
    this.next();
    if (this.peek() !== '<') return '<';
    this.next();
    let result = '<<';
    while (this.peek() === ' ' || this.peek() === '\t' || this.peek() === '\r') result += this.next();
    return result;
  }

  private getEnv(name: string): string | undefined {
    const value = this.environment.get(name);
    (value === undefined ? this.unmatched : this.matched).add(name);
    return value;
  }
}

// The shell patterns of `${X#p}`, `${X%p}` and `${X/p/r}` as BuildKit's lexer matches them
// (frontend/dockerfile/shell/lex.go at 73ed682: convertShellPatternToRegex, trimPrefix, trimSuffix,
// reversePattern). A pattern becomes a Go regular expression (`*`, `?`, `\*`, `\?`, `\\`; no bracket
// expressions); here it is also written as the JavaScript one that matches the same text: Go's `.` is any
// character but a newline, which is `[^\n]` in JavaScript (whose `.` also leaves out `\r`, U+2028 and U+2029).
// Go works on code points: so do these (the `u` flag, and reversal by code point).

export class PatternError extends Error {}

/** The pattern as BuildKit writes it for Go (`go`, what its own test compares) and the equivalent JavaScript. */
export interface ConvertedPattern {
  readonly go: string;
  readonly regExp: RegExp;
}

/** Regular expression characters a pattern takes literally (BuildKit escapes the closing ones too). */
const SPECIAL = new Set(['[', ']', '{', '}', '.', '+', '(', ')', '|', '^', '$']);

export function convertShellPattern(pattern: string, greedy: boolean, anchored: boolean): ConvertedPattern {
  const characters = Array.from(pattern);
  let go = anchored ? '^' : '';
  let js = go;
  const add = (goText: string, jsText = goText) => {
    go += goText;
    js += jsText;
  };
  for (let i = 0; i < characters.length; i++) {
    const character = characters[i];
    if (character === '*') add(greedy ? '.*' : '.*?', greedy ? '[^\\n]*' : '[^\\n]*?');
    else if (character === '?') add('.', '[^\\n]');
    else if (character === '\\') {
      // `\}` and `\/` only kept `}` and `/` from closing the `${...}`: the escape is no part of the pattern.
      if (characters[i + 1] === '}' || characters[i + 1] === '/') continue;
      const escaped = characters[++i];
      if (escaped !== '*' && escaped !== '?' && escaped !== '\\') throw new PatternError(`invalid escape '\\${escaped ?? '\uFFFD'}'`);
      add(`\\${escaped}`);
    } else add(SPECIAL.has(character) ? `\\${character}` : character);
  }
  return { go, regExp: new RegExp(js, 'u') };
}

/** `${X#p}` (and `##`): the value without the shortest (longest) prefix the pattern matches. */
export function trimPrefix(pattern: string, value: string, greedy: boolean): string {
  const match = convertShellPattern(pattern, greedy, true).regExp.exec(value);
  return match ? value.slice(match[0].length) : value;
}

/**
 * `${X%p}` (and `%%`): a regular expression cannot find the shortest match that ends last, so BuildKit reverses
 * both the pattern and the value and trims a prefix.
 */
export function trimSuffix(pattern: string, value: string, greedy: boolean): string {
  return reverseString(trimPrefix(reversePattern(pattern), reverseString(value), greedy));
}

export function reverseString(text: string): string {
  return Array.from(text).reverse().join('');
}

/** The pattern reversed, each `\x` escape kept in its order (`a\*c` → `c\*a`). */
export function reversePattern(pattern: string): string {
  const characters = Array.from(pattern);
  const last = characters.length - 1;
  const reversed = new Array<string>(characters.length);
  for (let i = 0; i <= last;) {
    const mirrored = last - i;
    if (characters[i] === '\\' && i !== last) {
      reversed[mirrored - 1] = '\\';
      reversed[mirrored] = characters[i + 1];
      i += 2;
    } else {
      reversed[mirrored] = characters[i];
      i++;
    }
  }
  return reversed.join('');
}

/** `${X/p/r}`: the first match replaced, the replacement taken literally (Go's FindStringIndex). */
export function replaceFirst(value: string, pattern: RegExp, replacement: string): string {
  const match = pattern.exec(value);
  return match ? value.slice(0, match.index) + replacement + value.slice(match.index + match[0].length) : value;
}

/**
 * `${X//p/r}`: Go's ReplaceAllString, whose replacement is a template (`$0`, `${0}` the match, `$$` a dollar, other
 * group references nothing: the pattern has no groups), and which skips an empty match right after a match.
 */
export function replaceAll(value: string, pattern: RegExp, template: string): string {
  const search = new RegExp(pattern.source, 'gu');
  let result = '';
  let lastMatchEnd = 0;
  for (let position = 0; position <= value.length;) {
    search.lastIndex = position;
    const match = search.exec(value);
    if (!match) break;
    const start = match.index;
    const end = start + match[0].length;
    result += value.slice(lastMatchEnd, start);
    if (end > lastMatchEnd || start === 0) result += expandTemplate(template, match[0]);
    lastMatchEnd = end;
    // Advance past the match, at least one character (Go's rule, by code point).
    const width = (value.codePointAt(position) ?? 0) > 0xffff ? 2 : 1;
    position = position + width > end ? position + width : Math.max(position + 1, end);
  }
  return result + value.slice(lastMatchEnd);
}

/** Go's Regexp.Expand for a pattern without groups: `$$` → `$`, `$0`/`${0}` → the match, `$name` → nothing. */
function expandTemplate(template: string, match: string): string {
  return template.replace(/\$(?:\$|\{([\p{L}\p{Nd}_]+)\}|([\p{L}\p{Nd}_]+))/gu, (whole, braced: string | undefined, plain: string | undefined) => {
    if (whole === '$$') return '$';
    const name = braced ?? plain!;
    return /^\d+$/.test(name) && Number(name) === 0 ? match : '';
  });
}

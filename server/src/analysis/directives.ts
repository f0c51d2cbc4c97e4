// The parser directives at the top of a Dockerfile, read as BuildKit reads them (parser/directives.go,
// DirectiveParser.ParseLine): each line from the first must be `#` then `name=value` with a known name (`syntax`,
// `escape`, `check`, case-insensitive) and a value; the first line that is not ends the block. Two readers run it:
// parser.Parse (each line's leading whitespace trimmed, a byte order mark dropped), which fails on a second
// directive of a name, and the linter (newRuleLinter → ParseDirective: lines as written, a `#!` first line
// skipped), which takes the first `check` directive's value up to its first space as the file's check options.
import type { Directive, Range } from './model';

/** Go's `\s` (ASCII) in directiveRegexp, and unicode.IsSpace for the whitespace BuildKit trims. */
const DIRECTIVE = /^([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*(.+?)[\t\n\f\r ]*$/;
const LEADING_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*/;
const KNOWN = new Set(['syntax', 'escape', 'check']);

export interface DirectiveBlock {
  /** The directives parser.Parse reads, up to the first repeated one. */
  readonly directives: readonly Directive[];
  /** A second directive of a name: parser.Parse fails there ("only one check parser directive can be used"). */
  readonly repeated?: Directive;
  /** The `# check=` value the linter configures itself with (up to its first space), and where it is. */
  readonly checkOptions?: Directive;
}

export function readDirectiveBlock(text: string): DirectiveBlock {
  const parsed = readBlock(text, true);
  const linter = readBlock(text, false);
  const check = linter.directives.find((directive) => directive.name === 'check');
  return {
    directives: parsed.directives,
    repeated: parsed.repeated,
    checkOptions: check && { ...check, value: check.value.split(' ')[0] },
  };
}

/** One pass of DirectiveParser over the first lines: as parser.Parse drives it, or as the linter does. */
function readBlock(text: string, asParser: boolean): { directives: Directive[]; repeated?: Directive } {
  const directives: Directive[] = [];
  const seen = new Set<string>();
  let start = 0;
  for (let line = 0; start <= text.length; line++) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    let content = text.slice(start, end).replace(/\r$/, '');
    start = end + 1;
    // The byte order mark counts as a column (as in the editor's text), and is no part of the line for BuildKit.
    let column = line === 0 && content.startsWith('\uFEFF') ? 1 : 0;
    if (!asParser && line === 0 && content.slice(column).startsWith('#!')) continue;
    if (asParser) column += LEADING_SPACE.exec(content.slice(column))![0].length;
    content = content.slice(column);
    const directive = content.startsWith('#') ? readDirective(content.slice(1), line, column + 1) : undefined;
    if (!directive) break;
    if (seen.has(directive.name)) return { directives, repeated: directive };
    seen.add(directive.name);
    directives.push(directive);
  }
  return { directives };
}

/**
 * The text after a `#` read as a directive (DirectiveParser.ParseLine): its lower-cased name and its value, or
 * undefined when it is none (the name must be `syntax`, `escape` or `check`).
 */
export function directiveIn(afterHash: string): { readonly name: string; readonly value: string } | undefined {
  const match = DIRECTIVE.exec(afterHash.slice(LEADING_SPACE.exec(afterHash)![0].length));
  return match && KNOWN.has(match[1].toLowerCase()) ? { name: match[1].toLowerCase(), value: match[2] } : undefined;
}

/** `name=value` after the `#` (at `column`), or undefined for a line that ends the block. */
function readDirective(afterHash: string, line: number, column: number): Directive | undefined {
  const from = column + LEADING_SPACE.exec(afterHash)![0].length;
  const match = DIRECTIVE.exec(afterHash.slice(from - column));
  if (!match || !KNOWN.has(match[1].toLowerCase())) return undefined;
  const afterEquals = match[0].slice(match[0].indexOf('=') + 1);
  const valueStart = from + match[0].length - afterEquals.length + (afterEquals.length - afterEquals.replace(/^[\t\n\f\r ]*/, '').length);
  const range = (a: number, b: number): Range => ({ start: { line, character: a }, end: { line, character: b } });
  return {
    name: match[1].toLowerCase(),
    value: match[2],
    range: range(column - 1, valueStart + match[2].length),
    valueRange: range(valueStart, valueStart + match[2].length),
  };
}

// Global ARGs in FROM lines: BuildKit expands them there (and nowhere else outside a stage).
import type { GlobalArg } from './model';

/** `$NAME`, `${NAME}` and `${NAME:-word}` / `${NAME-word}` / `${NAME:+word}` / `${NAME+word}`. */
const VARIABLE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

const GITHUB_EXPRESSION = /\$\{\{[^}]*\}\}/;
const HAS_VARIABLE = new RegExp(`${GITHUB_EXPRESSION.source}|${VARIABLE.source}`);
const BARE_VARIABLE = new RegExp(`^(?:${VARIABLE.source})$`);

export function hasVariable(text: string): boolean {
  return HAS_VARIABLE.test(text);
}

/** True when the whole text is one variable (`$BASE`, `${BASE}`). */
export function isBareVariable(text: string): boolean {
  return BARE_VARIABLE.test(text);
}

/** The text without its variables: the literal parts that every value it takes must contain. */
export function literalParts(text: string): string {
  return text.replace(VARIABLE, '');
}

/**
 * Global ARG defaults, later declarations expanded with earlier ones, as BuildKit does (buildMetaArgs in
 * dockerfile2llb/convert.go): an `ARG NAME` without a default declares NAME but keeps an earlier value.
 */
export function globalArgDefaults(args: readonly GlobalArg[]): ReadonlyMap<string, string | undefined> {
  const defaults = new Map<string, string | undefined>();
  for (const arg of args) {
    if (arg.defaultValue !== undefined) defaults.set(arg.name, expandDefaults(arg.defaultValue, defaults));
    else if (!defaults.has(arg.name)) defaults.set(arg.name, undefined);
  }
  return defaults;
}

/**
 * The text with every variable that has a default replaced by it; the others stay as written, or, with
 * `unsetIsEmpty`, expand as the shell expands an unset variable (to nothing, or the `${X:-word}` word).
 */
export function expandDefaults(text: string, defaults: ReadonlyMap<string, string | undefined>, unsetIsEmpty = false): string {
  return text.replace(VARIABLE, (whole, braced: string | undefined, operator: string | undefined,
    word: string | undefined, plain: string | undefined) => {
    const value = defaults.get((braced ?? plain)!);
    const unknown = unsetIsEmpty ? '' : whole;
    switch (operator) {
      case ':-': return value ? value : word!;
      case '-': return value !== undefined ? value : word!;
      case ':+': return value ? word! : value === '' || unsetIsEmpty ? '' : whole;
      case '+': return value !== undefined ? word! : unknown;
      default: return value !== undefined ? value : unknown;
    }
  });
}

/** BuildKit sets these from the platform: Go's OS and architecture names, and `v6`-style variants. */
const OS = '(?:linux|windows|darwin|freebsd|netbsd|openbsd|dragonfly|solaris|illumos|aix|plan9|android|ios|js|wasip1)';
const ARCH = '(?:amd64|arm64|arm|386|ppc64le|ppc64|s390x|riscv64|mips64le|mips64|mipsle|mips|loong64|wasm)';
const PLATFORM_ARGS: ReadonlyMap<string, string> = new Map([
  ['TARGETOS', OS], ['BUILDOS', OS], ['TARGETARCH', ARCH], ['BUILDARCH', ARCH], ['TARGETVARIANT', '(?:v[0-9]+)?'], ['BUILDVARIANT', '(?:v[0-9]+)?'],
]);

/**
 * A regular expression for every value the text can take when each variable may be given any value with
 * `--build-arg` (platform ARGs such as TARGETOS have no default at all). `binaries-${TARGETOS}` matches
 * `binaries-linux` and `binaries-windows`.
 */
export function variablePattern(text: string, flags = ''): RegExp {
  let source = '';
  let last = 0;
  // A GitHub Actions expression (`${{ inputs.target }}-prebuilt`, in workflows naming targets) is a variable too.
  for (const match of text.matchAll(new RegExp(`${GITHUB_EXPRESSION.source}|${VARIABLE.source}`, 'g'))) {
    source += escapeRegExp(text.slice(last, match.index)) + valuePattern(match);
    last = match.index! + match[0].length;
  }
  source += escapeRegExp(text.slice(last));
  return new RegExp(`^${source}$`, flags);
}

/** `${X:+word}` is either empty or `word`; a platform ARG is one of the platform's names; anything else may be anything. */
function valuePattern(match: RegExpMatchArray): string {
  if (match[0].startsWith('${{')) return '.*';
  const [, braced, operator, word, plain] = match;
  if (operator === ':+' || operator === '+') return `(?:${escapeRegExp(word ?? '')})?`;
  return (!operator && PLATFORM_ARGS.get((braced ?? plain)!)) || '.*';
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Global ARGs in FROM lines: BuildKit expands them there (and nowhere else outside a stage).
import type { GlobalArg } from './model';

/** `$NAME`, `${NAME}` and `${NAME:-word}` / `${NAME-word}` / `${NAME:+word}` / `${NAME+word}`. */
const VARIABLE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

const HAS_VARIABLE = new RegExp(VARIABLE.source);
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

/** Global ARG defaults, later declarations expanded with earlier ones, as BuildKit does. */
export function globalArgDefaults(args: readonly GlobalArg[]): ReadonlyMap<string, string | undefined> {
  const defaults = new Map<string, string | undefined>();
  for (const arg of args) {
    const value = arg.defaultValue === undefined ? undefined : expandDefaults(arg.defaultValue, defaults);
    defaults.set(arg.name, value);
  }
  return defaults;
}

/** The text with every variable that has a default replaced by it; the others stay as written. */
export function expandDefaults(text: string, defaults: ReadonlyMap<string, string | undefined>): string {
  return text.replace(VARIABLE, (whole, braced: string | undefined, operator: string | undefined,
    word: string | undefined, plain: string | undefined) => {
    const value = defaults.get((braced ?? plain)!);
    switch (operator) {
      case ':-': return value ? value : word!;
      case '-': return value !== undefined ? value : word!;
      case ':+': return value ? word! : value === '' ? '' : whole;
      case '+': return value !== undefined ? word! : whole;
      default: return value !== undefined ? value : whole;
    }
  });
}

/**
 * A regular expression for every value the text can take when each variable may be given any value with
 * `--build-arg` (platform ARGs such as TARGETOS have no default at all). `binaries-${TARGETOS}` matches
 * `binaries-linux` and `binaries-windows`.
 */
export function variablePattern(text: string, flags = ''): RegExp {
  let source = '';
  let last = 0;
  for (const match of text.matchAll(VARIABLE)) {
    source += escapeRegExp(text.slice(last, match.index)) + '.*';
    last = match.index! + match[0].length;
  }
  source += escapeRegExp(text.slice(last));
  return new RegExp(`^${source}$`, flags);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Variables in FROM lines and in target names, on BuildKit's lexer (shellLexer.ts) and its evaluation with
// unknowns (evaluate.ts): whether a text holds a variable, the global ARG defaults, and the pattern of every value
// a text can take.
import type { GlobalArg } from './model';
import { processWord, type ShellEnvironment } from './shellLexer';
import { definiteValue, evaluate } from './evaluate';
import { globalScope } from './bindings';
import { AUTOMATIC_ARGS, automaticValue, buildArgValue } from './automaticArgs';

const GITHUB_EXPRESSION = /\$\{\{[^}]*\}\}/g;
const BARE_VARIABLE = /^\$(?:\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)$/;
const NOTHING_SET: ShellEnvironment = { get: () => undefined };
const READS_VARIABLE = /\$[{\p{L}\p{Nd}_@*#?$!-]/u;

/**
 * Whether BuildKit reads a variable in the text (`$X`, `${X...}`, `$1`; not `\$X` nor `'$X'`), or cannot read it
 * at all (`${`); a GitHub Actions expression (`${{ inputs.target }}`, in workflows naming targets) counts too.
 */
export function hasVariable(text: string): boolean {
  if (!text.includes('$')) return false;
  if (new RegExp(GITHUB_EXPRESSION.source).test(text)) return true;
  // Without quotes or escapes (most texts), a `$` before a name, a special parameter or `{` is what the lexer reads.
  if (!/['"\\`]/.test(text)) return READS_VARIABLE.test(text);
  const result = processWord(text, NOTHING_SET);
  return result.error !== undefined || result.matched.size + result.unmatched.size > 0;
}

/** True when the whole text is one variable (`$BASE`, `${BASE}`). */
export function isBareVariable(text: string): boolean {
  return BARE_VARIABLE.test(text);
}

/** The text without its variables: the literal parts that every value it takes (its variables set) contains. */
export function literalParts(text: string): string {
  const result = processWord(text, { get: () => '\uE000' });
  return result.value?.replace(/\uE000/g, '') ?? '';
}

/**
 * Global ARG defaults, later declarations expanded with earlier ones, as BuildKit does (buildMetaArgs in
 * dockerfile2llb/convert.go): an `ARG NAME` without a default declares NAME but keeps an earlier value. A default
 * that depends on the build (`${TARGETARCH}`, an ARG without default) keeps those variables as written.
 */
export function globalArgDefaults(args: readonly GlobalArg[]): ReadonlyMap<string, string | undefined> {
  const defaults = new Map<string, string | undefined>();
  args.forEach((arg, index) => {
    if (arg.defaultValue === undefined) {
      if (!defaults.has(arg.name)) defaults.set(arg.name, undefined);
      return;
    }
    const word = arg.rawDefault ?? arg.defaultValue;
    defaults.set(arg.name, definiteValue(evaluate(word, globalScope(args, index))) ?? expandDefaults(word, defaults));
  });
  return defaults;
}

/**
 * The text expanded by BuildKit's lexer with these values; a variable without one stays as written, or, with
 * `unsetIsEmpty`, expands as BuildKit expands an unset variable. Text BuildKit refuses is returned as it is.
 */
export function expandDefaults(text: string, defaults: ReadonlyMap<string, string | undefined>, unsetIsEmpty = false): string {
  return processWord(text, { get: (name) => defaults.get(name) }, { skipUnsetEnv: !unsetIsEmpty }).value ?? text;
}

/**
 * A regular expression for every value the text can take when each variable may be given any value with
 * `--build-arg` (platform ARGs such as TARGETOS take their platform's names). `binaries-${TARGETOS}` matches
 * `binaries-linux` and `binaries-windows`; a GitHub Actions expression may be anything.
 */
export function variablePattern(text: string, flags = ''): RegExp {
  let expressions = 0;
  const word = text.replace(GITHUB_EXPRESSION, () => `\${__github_expression_${expressions++}}`);
  const evaluation = evaluate(word, (name) => ({ kind: 'unknown', unknown: AUTOMATIC_ARGS.has(name) ? automaticValue(name) : buildArgValue(name) }));
  return new RegExp(`^(?:${evaluation.pattern})$`, flags);
}

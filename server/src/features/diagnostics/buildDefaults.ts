// What a build without build args sees in FROM lines: BuildKit expands a base name and `--platform` with the global
// ARGs (defaultArgs, buildMetaArgs in dockerfile2llb/convert.go), and what the defaults make of them decides
// InvalidDefaultArgInFrom and whether such a build fails.
import type { GlobalArg, Located, Stage, StageModel } from '../../analysis/model';
import { comparePositions } from '../../analysis/positions';
import { expandDefaults } from '../../analysis/args';
import { AUTOMATIC_ARGS } from '../../analysis/scope';
import { goQuote } from '../../analysis/goFormat';
import { imageReferenceError } from '../../analysis/imageReference';

/**
 * The global values a build without build args sees (defaultArgs, then buildMetaArgs): the defaults, and for
 * BuildKit's automatic ARGs values of their shape (only whether a name is valid matters), TARGETSTAGE being the
 * default target's name.
 */
export function defaultsAsBuilt(model: StageModel): ReadonlyMap<string, string | undefined> {
  return globalsAsBuilt(model).values;
}

interface Globals {
  readonly values: ReadonlyMap<string, string | undefined>;
  /** The global ARG whose default stops buildMetaArgs (`ARG A=${B:?}` with B unset), and the lexer's error. */
  readonly failure?: { readonly arg: GlobalArg; readonly name: string; readonly message: string };
}

/** What a build without build args makes of a stage's base. */
export interface BaseAsBuilt {
  /** The lexer's error on it (`${X:?}` unset). */
  readonly required?: { readonly name: string; readonly message: string };
  /** Its value; undefined where it fails or holds a form we do not evaluate. */
  readonly value?: string;
  /** Why the value is no image reference (analysis/imageReference.ts). */
  readonly referenceError?: string;
}

// Several rules read these on every diagnostics run: computed once per model (a model never changes), and the
// globals and each base text's value kept across versions while the global ARGs and the default target's name
// (TARGETSTAGE) stay the same: an edit elsewhere recomputes nothing here.
const BASES = new WeakMap<StageModel, readonly (BaseAsBuilt | undefined)[]>();

interface KnownGlobals {
  readonly target: string;
  readonly globals: Globals;
  /** Per base text, what the globals make of it. */
  readonly bases: Map<string, BaseAsBuilt>;
}

const GLOBALS = new WeakMap<readonly GlobalArg[], KnownGlobals>();

function knownGlobals(model: StageModel): KnownGlobals {
  const target = defaultTargetName(model);
  let known = GLOBALS.get(model.globalArgs);
  if (known?.target !== target) GLOBALS.set(model.globalArgs, known = { target, globals: readGlobals(model.globalArgs, target), bases: new Map() });
  return known;
}

/** The global values, and the global ARG whose default stops buildMetaArgs. */
export function globalsAsBuilt(model: StageModel): Globals {
  return knownGlobals(model).globals;
}

/** Per stage, its base as built; undefined for a stage without one, or whose FROM BuildKit rejects. */
export function basesAsBuilt(model: StageModel): readonly (BaseAsBuilt | undefined)[] {
  let bases = BASES.get(model);
  if (!bases) {
    const { globals: { values }, bases: byText } = knownGlobals(model);
    bases = model.stages.map((stage) => {
      if (!stage.base || stage.malformed) return undefined;
      const text = stage.base.text;
      let base = byText.get(text);
      if (!base) {
        const required = requiredVariableError(text, values);
        const value = required ? undefined : asBuilt(text, values);
        byText.set(text, base = { required, value, referenceError: value === undefined ? undefined : imageReferenceError(value) });
      }
      return base;
    });
    BASES.set(model, bases);
  }
  return bases;
}

/** TARGETSTAGE: the default target's name, the last stage's. */
function defaultTargetName(model: StageModel): string {
  return model.stages[model.stages.length - 1]?.normalizedName || 'default';
}

function readGlobals(globalArgs: readonly GlobalArg[], target: string): Globals {
  const values = new Map<string, string | undefined>([
    ['TARGETPLATFORM', 'linux/amd64'], ['BUILDPLATFORM', 'linux/amd64'], ['TARGETOS', 'linux'], ['BUILDOS', 'linux'],
    ['TARGETARCH', 'amd64'], ['BUILDARCH', 'amd64'], ['TARGETVARIANT', ''], ['BUILDVARIANT', ''],
    ['TARGETOSVERSION', ''], ['BUILDOSVERSION', ''], ['TARGETSTAGE', target],
  ]);
  // Each default expanded with the values before it, an unset variable to nothing, as buildMetaArgs does.
  for (const arg of globalArgs) {
    const failure = arg.defaultValue === undefined ? undefined : requiredVariableError(arg.defaultValue, values);
    if (failure) return { values, failure: { arg, ...failure } };
    if (arg.defaultValue !== undefined) values.set(arg.name, expandDefaults(arg.defaultValue, values, true));
    else if (!values.has(arg.name)) values.set(arg.name, undefined);
  }
  return { values };
}

/**
 * The text as a build without build args gets it: variables expanded (unset ones to nothing) and quotes removed,
 * as the shell lexer does. Undefined where a form we do not evaluate (`${X#prefix}`) is left.
 */
export function asBuilt(text: string, defaults: ReadonlyMap<string, string | undefined>): string | undefined {
  // `${X?word}` gives X's value where the lexer does not fail on it (requiredVariableError says where it does).
  if (requiredVariableError(text, defaults)) return undefined;
  const expanded = expandDefaults(text.replace(REQUIRED, (_whole, name: string) => defaults.get(name) ?? ''), defaults, true);
  return expanded.includes('$') ? undefined : expanded.replace(/["']/g, '');
}

/**
 * The variables in a part of a FROM line (its base or its platform) that a `--build-arg` can set: the global ARGs
 * and BuildKit's automatic ones. Without any, what the defaults give is what every build gets.
 */
export function settableVariables(model: StageModel, stage: Stage, part: Located): string[] {
  const declared = new Set(model.globalArgs.map((arg) => arg.name));
  const inPart = stage.uses.filter((use) => use.keyword === 'FROM'
    && comparePositions(part.range.start, use.range.start) <= 0 && comparePositions(use.range.end, part.range.end) <= 0);
  return [...new Set(inPart.map((use) => use.name).filter((name) => declared.has(name) || AUTOMATIC_ARGS.has(name)))];
}

/** `${X?word}` and `${X:?word}`, whose word is the error when X is unset (or, with `:`, empty). */
const REQUIRED = /\$\{([A-Za-z_][A-Za-z0-9_]*)(:?)\?([^}]*)\}/g;

/**
 * The error BuildKit's lexer stops with on `${X:?word}` when X is unset or empty (shell/lex.go, processDollar and
 * ProcessWordWithMatches: `failed to process "<text>": X: is not allowed to be unset`, or the word); undefined
 * where there is none. The other forms are expanded by args.ts; this one fails instead.
 */
export function requiredVariableError(text: string, values: ReadonlyMap<string, string | undefined>): { name: string; message: string } | undefined {
  for (const [, name, colon, word] of text.matchAll(REQUIRED)) {
    const value = values.get(name);
    if (value !== undefined && (colon === '' || value !== '')) continue;
    const message = word !== '' ? word : value === undefined ? 'is not allowed to be unset' : 'is not allowed to be empty';
    return { name, message: `failed to process ${goQuote(text)}: ${name}: ${message}` };
  }
  return undefined;
}

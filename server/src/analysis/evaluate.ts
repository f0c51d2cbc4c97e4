// What a word expands to where the Dockerfile alone does not decide every variable: a build argument without a
// default, BuildKit's platform ARGs, a base image's ENV. The word is expanded by BuildKit's own lexer
// (shellLexer.ts) once per combination of what each such variable may be (not set, empty, or some value, written
// as a private-use character that no Dockerfile text holds), so that every form lex.go supports is evaluated as
// BuildKit evaluates it. The result is one value, a few values, forms such as `golang:${GO}` where the unknown
// value lands whole in the result, or "depends on ..." where an unknown value is cut by a pattern
// (`${TARGETPLATFORM#linux/}`).
import { processWord } from './shellLexer';

/** Something the build decides and the Dockerfile does not. */
export interface UnknownValue {
  readonly name: string;
  /**
   * A build argument without a default, a platform ARG of BuildKit's, what a base image's ENV sets, or what the
   * stage a FROM built from ARGs names sets (`base`: that FROM's text).
   */
  readonly source: 'build-arg' | 'platform' | 'image' | 'base-stage';
  readonly base?: string;
  readonly mayBeUnset: boolean;
  readonly mayBeEmpty: boolean;
  /** A regular expression of the values it takes when set and not empty (`linux|windows|...` for TARGETOS). */
  readonly pattern: string;
}

/** What a name is where a word reads it. */
export type Binding =
  | { readonly kind: 'value'; readonly value: string }
  | { readonly kind: 'unset' }
  | { readonly kind: 'unknown'; readonly unknown: UnknownValue }
  /** A declaration's value: its raw word, expanded where it is declared. */
  | { readonly kind: 'word'; readonly word: string; readonly scope: Scope };

export type Scope = (name: string) => Binding;

export interface Evaluation {
  /** The values the word takes whatever the unknowns' content (in the order found). */
  readonly values: readonly string[];
  /** Values that hold an unknown whole, written with `${NAME}` for it (`golang:${GO}-alpine`). */
  readonly forms: readonly string[];
  /** Some value depends on an unknown's content in a way no form can say (a pattern cut it, too many unknowns). */
  readonly opaque: boolean;
  /** BuildKit's errors, for the combinations where it refuses the word (`${X:?}` with X unset, a bad modifier). */
  readonly errors: readonly string[];
  /** The unknowns the word reads, in the order read. */
  readonly dependsOn: readonly UnknownValue[];
  /** A regular expression source that every value of the word matches (`.*` where it can be anything). */
  readonly pattern: string;
}

/** Past this many unknowns in one word, or this many expansions, the word is only said to depend on them. */
const MAX_UNKNOWNS = 5;
const MAX_STEPS = 20_000;
const PRIVATE_USE = /[\uE000-\uF8FF]/;
const PRIVATE_USE_CHARACTER = 0xe000;
/** What a pattern made of an unknown value when it is not empty: a value no form can say. */
const OPAQUE = '\uF8FF';

export function evaluate(word: string, scope: Scope, escapeToken = '\\'): Evaluation {
  if (PRIVATE_USE.test(word)) return opaqueEvaluation([]);
  const runner = new Runner(escapeToken);
  const values = new Set<string>();
  const forms = new Set<string>();
  const errors = new Set<string>();
  const patterns = new Set<string>();
  let opaque = false;
  for (;;) {
    const run = runner.run(word, scope);
    if (run.kind === 'error') errors.add(run.message);
    else if (run.kind === 'opaque' || run.value.includes(OPAQUE)) opaque = true;
    else if (!PRIVATE_USE.test(run.value)) {
      values.add(run.value);
      patterns.add(escapeRegExp(run.value));
    } else {
      forms.add(runner.form(run.value));
      patterns.add(runner.pattern(run.value));
    }
    if (opaque || !runner.advance()) break;
  }
  if (opaque) return opaqueEvaluation(runner.unknowns());
  return { values: [...values], forms: [...forms], opaque, errors: [...errors], dependsOn: runner.unknowns(), pattern: alternatives([...patterns]) };
}

/** The one value a word certainly has; undefined where it depends on the build or BuildKit refuses it. */
export function definiteValue(evaluation: Evaluation): string | undefined {
  const { values, forms, opaque, errors } = evaluation;
  return values.length === 1 && forms.length === 0 && !opaque && errors.length === 0 ? values[0] : undefined;
}

function opaqueEvaluation(dependsOn: readonly UnknownValue[]): Evaluation {
  return { values: [], forms: [], opaque: true, errors: [], dependsOn, pattern: '.*' };
}

type Run = { kind: 'value'; value: string } | { kind: 'error'; message: string } | { kind: 'opaque' };

class Abort extends Error {
  constructor(readonly run: Run) {
    super('abort');
  }
}

/**
 * Runs the lexer over one combination of the unknowns' choices at a time, depth first: each unknown is
 * discovered when first read, and `advance` moves to the next combination.
 */
class Runner {
  /** The choice points met in the current combination, in order: an unknown by name, a cut by its key. */
  private readonly discovered: { readonly key: string; readonly options: readonly Option[] }[] = [];
  private readonly choices: number[] = [];
  private readonly markers = new Map<string, UnknownValue>();
  private readonly seen = new Map<string, UnknownValue>();
  private steps = 0;

  constructor(private readonly escapeToken: string) {}

  run(word: string, scope: Scope): Run {
    this.steps = 0;
    try {
      return { kind: 'value', value: this.expand(word, scope, 0) };
    } catch (error) {
      if (error instanceof Abort) return error.run;
      throw error;
    }
  }

  /** The next combination of choices; false after the last. */
  advance(): boolean {
    for (let i = this.discovered.length - 1; i >= 0; i--) {
      if (this.choices[i] + 1 < this.discovered[i].options.length) {
        this.choices[i]++;
        // The unknowns read after this one are discovered again (what is read may depend on the choice).
        this.discovered.length = i + 1;
        this.choices.length = i + 1;
        return true;
      }
    }
    return false;
  }

  unknowns(): UnknownValue[] {
    return [...this.seen.values()];
  }

  /** A value holding markers, with `${NAME}` for each. */
  form(value: string): string {
    return value.replace(/[\uE000-\uF8FF]/g, (marker) => `\${${this.markers.get(marker)!.name}}`);
  }

  /** A value holding markers, as a regular expression: each marker matches its unknown's values. */
  pattern(value: string): string {
    return value.split(/([\uE000-\uF8FF])/).map((part, i) => (i % 2 === 1 ? `(?:${this.markers.get(part)!.pattern})` : escapeRegExp(part))).join('');
  }

  private expand(word: string, scope: Scope, depth: number): string {
    if (depth > 64) throw new Abort({ kind: 'opaque' });
    const result = processWord(word, { get: (name) => this.read(name, scope, depth) }, {
      escapeToken: this.escapeToken,
      // A pattern applied to an unknown value, or made of one, may leave nothing or anything: both are tried.
      patternResult: (pattern, value) => (PRIVATE_USE.test(pattern) || PRIVATE_USE.test(value) ? this.cut(`${pattern}\u0000${value}`) : undefined),
    });
    if (result.error !== undefined) throw new Abort({ kind: 'error', message: result.error });
    return result.value!;
  }

  private read(name: string, scope: Scope, depth: number): string | undefined {
    if (++this.steps > MAX_STEPS) throw new Abort({ kind: 'opaque' });
    const binding = scope(name);
    switch (binding.kind) {
      case 'value':
        return binding.value;
      case 'unset':
        return undefined;
      case 'word':
        return this.expand(binding.word, binding.scope, depth + 1);
      default:
        return this.choose(binding.unknown);
    }
  }

  /** The current choice for an unknown: not set, empty, or its marker (one private-use character per name). */
  private choose(unknown: UnknownValue): string | undefined {
    if (!this.seen.has(unknown.name) && this.seen.size >= MAX_UNKNOWNS) throw new Abort({ kind: 'opaque' });
    this.seen.set(unknown.name, this.seen.get(unknown.name) ?? unknown);
    const option = this.option(unknown.name, unknown);
    return option === 'value' ? this.marker(unknown) : option;
  }

  /** What a pattern made of an unknown (`key`: the pattern and the value): empty, or a value no form can say. */
  private cut(key: string): string {
    return this.option(key, { mayBeUnset: false, mayBeEmpty: true }) === '' ? '' : OPAQUE;
  }

  private option(key: string, choices: Pick<UnknownValue, 'mayBeUnset' | 'mayBeEmpty'>): Option {
    let index = this.discovered.findIndex((known) => known.key === key);
    if (index === -1) {
      index = this.discovered.push({ key, options: options(choices) }) - 1;
      this.choices[index] = 0;
    }
    return this.discovered[index].options[this.choices[index]];
  }

  private marker(unknown: UnknownValue): string {
    for (const [marker, known] of this.markers) if (known.name === unknown.name) return marker;
    const marker = String.fromCharCode(PRIVATE_USE_CHARACTER + this.markers.size);
    this.markers.set(marker, unknown);
    return marker;
  }
}

type Option = undefined | '' | 'value';

/** What an unknown may be: not set (undefined), empty, or a value. */
function options(unknown: Pick<UnknownValue, 'mayBeUnset' | 'mayBeEmpty'>): Option[] {
  return [...(unknown.mayBeUnset ? [undefined] : []), ...(unknown.mayBeEmpty ? [''] as const : []), 'value'];
}

/** One pattern for all of them; none (every combination refused) matches nothing. */
function alternatives(patterns: readonly string[]): string {
  if (patterns.length === 0) return '(?!)';
  return patterns.length === 1 ? patterns[0] : patterns.map((p) => `(?:${p})`).join('|');
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

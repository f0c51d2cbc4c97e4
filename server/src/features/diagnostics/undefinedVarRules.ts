// UndefinedVar, BuildKit's check (linter/ruleset.go RuleUndefinedVar), as dockerfile2llb/convert.go runs it: while
// dispatching a stage, every word it expands (`dispatch`: the Expand of ENV, LABEL, COPY/ADD flags, sources,
// destination and heredoc bodies, WORKDIR, USER, VOLUME, STOPSIGNAL, RUN mount options; `dispatchArg`: ARG
// defaults) is expanded with the stage's environment, and each variable it finds unset is reported
// (reportUnmatchedVariables), unless the stage (or its FROM chain) declared it with ARG, or BuildKit never puts it
// in the environment. The suggestion is BuildKit's, from the environment's names. An ONBUILD's trigger runs at the
// start of each stage built FROM its stage and is reported on that FROM. Not on shell-form RUN, CMD or ENTRYPOINT,
// which the shell expands (ArgNotInScope speaks of those).
// A stage built on an image starts with that image's ENV, which is unknown offline (`FROM golang` sets GOPATH):
// only stages whose FROM chain starts at `scratch` are checked, where BuildKit's environment is the Dockerfile's own.
import type { Range, Stage, StageModel } from '../../analysis/model';
import { processWord, type LexOptions } from '../../analysis/shellLexer';
import type { DispatchStep } from '../../analysis/dispatchSteps';
import { DEFAULT_PATH, LINUX_AMD64_BUILD, NON_ENV_ARGS } from '../../analysis/automaticArgs';
import { parentStage } from '../../analysis/chain';
import type { Finding } from './rules';
import { buildkitSuggestion } from './similarity';

export interface UndefinedVarOptions {
  /** Read a base image as one that sets no ENV, as the BuildKit oracle's stubbed images do (for comparing with it). */
  readonly imagesSetNothing?: boolean;
}

/** A stage's environment as dispatch builds it: the variables set (in the order BuildKit lists them) and the ARGs declared. */
interface Environment {
  readonly values: Map<string, string>;
  readonly declared: Set<string>;
}

export function checkUndefinedVar(model: StageModel, options: UndefinedVarOptions = {}): Finding[] {
  return new Dispatch(model, options).run();
}

class Dispatch {
  private readonly findings: Finding[] = [];
  private readonly after = new Map<Stage, Environment | undefined>();
  private readonly globals: ReadonlyMap<string, string>;
  /** BuildKit stops at the first word it refuses: nothing after it is dispatched. */
  private failed = false;

  constructor(private readonly model: StageModel, private readonly options: UndefinedVarOptions) {
    this.globals = globalValues(model);
  }

  run(): Finding[] {
    // `--check` dispatches every stage, in file order (a FROM names an earlier stage only).
    for (const stage of this.model.stages) this.environmentAfter(stage);
    return this.findings;
  }

  /** The environment at the end of the stage; undefined where it starts from an image's unknown ENV. */
  private environmentAfter(stage: Stage): Environment | undefined {
    if (this.after.has(stage)) return this.after.get(stage);
    this.after.set(stage, undefined);
    const environment = this.initial(stage);
    if (environment) {
      for (const instruction of stage.instructions) {
        if (instruction.keyword === 'ONBUILD' || !instruction.dispatch) continue;
        this.dispatch(instruction.dispatch, environment, stage, instruction.range, instruction.range.start.line);
      }
    }
    this.after.set(stage, environment);
    return environment;
  }

  /** What a stage starts with: its parent's environment and ONBUILD triggers, or `scratch`'s PATH. */
  private initial(stage: Stage): Environment | undefined {
    const parent = parentStage(this.model, stage);
    if (parent) {
      const inherited = this.environmentAfter(parent);
      if (!inherited) return undefined;
      const environment = { values: new Map(inherited.values), declared: new Set(inherited.declared) };
      for (const instruction of parent.instructions) {
        if (instruction.keyword === 'ONBUILD' && instruction.dispatch) this.dispatch(instruction.dispatch, environment, stage, stage.fromRange, stage.fromRange.start.line);
      }
      return environment;
    }
    if (stage.expandedBase !== 'scratch' && !(this.options.imagesSetNothing && stage.expandedBase !== undefined)) return undefined;
    // BuildKit sets PATH where the image has none, unless the target platform is Windows (where no scratch stage is
    // built); `scratch` takes the target platform, whatever its own --platform says (resolveReachableStages).
    return { values: new Map([['PATH', DEFAULT_PATH]]), declared: new Set() };
  }

  private dispatch(steps: readonly DispatchStep[], environment: Environment, stage: Stage, range: Range, instructionLine: number): void {
    const expand = (word: string, options: LexOptions = { escapeToken: this.model.escapeCharacter }): string => {
      if (this.failed) return '';
      const result = processWord(word, { get: (name) => environment.values.get(name) }, options);
      for (const name of result.unmatched) {
        // Once per name and word, as BuildKit reports each word's unmatched set (reportUnmatchedVariables, called
        // by every Expand callback): `COPY $X/a $X/b` and `ENV A=$X B=$X` are reported twice.
        if (environment.declared.has(name) || NON_ENV_ARGS.has(name)) continue;
        const suggestion = buildkitSuggestion(name, [...environment.values.keys()]);
        this.findings.push({
          code: 'UndefinedVar',
          range,
          instructionLine,
          message: `Usage of undefined variable '$${name}'${suggestion ? ` (did you mean $${suggestion}?)` : ''}`,
          data: { stage: stage.index, variable: name },
        });
      }
      if (result.error !== undefined) this.failed = true;
      return result.value ?? '';
    };
    for (const step of steps) {
      if (step.kind === 'expand') expand(step.word, step.heredoc ? { skipProcessQuotes: true } : undefined);
      else if (step.kind === 'env') {
        const pairs = step.pairs.map(({ name, value }) => [expand(name), expand(value)] as const);
        for (const [name, value] of pairs) set(environment, name, value);
      } else {
        // dispatchArg: a default is expanded; without one, the global value (declared or BuildKit's) if any.
        const value = step.value !== undefined ? expand(step.value) : this.globals.get(step.name);
        if (value !== undefined && !NON_ENV_ARGS.has(step.name)) set(environment, step.name, value);
        environment.declared.add(step.name);
      }
    }
  }
}

/** Setting a variable moves it last among the names BuildKit suggests from (llb's EnvList order). */
function set(environment: Environment, name: string, value: string): void {
  environment.values.delete(name);
  environment.values.set(name, value);
}

/** The global values a stage's `ARG X` takes: BuildKit's automatic ones, then the global defaults (buildMetaArgs). */
function globalValues(model: StageModel): Map<string, string> {
  const values = new Map(LINUX_AMD64_BUILD);
  for (const arg of model.globalArgs) {
    if (arg.defaultValue === undefined) continue;
    const result = processWord(arg.rawDefault ?? arg.defaultValue, { get: (name) => values.get(name) }, { escapeToken: model.escapeCharacter });
    values.set(arg.name, result.value ?? '');
  }
  return values;
}

// Dependency edges between stages, cycles, and which stages a set of build targets reaches.
import { BEFORE_FIRST_STAGE, type Range, type Stage, type StageEdge, type StageReference } from './model';
import { variablePattern, hasVariable } from './args';
import { stageLabel } from './names';

/** The stages a reference may point at: one for a resolved reference, several for an ARG-built pattern. */
export function stagesNamedBy(reference: StageReference): readonly number[] {
  const { resolution } = reference;
  if (resolution.kind === 'stage') return [resolution.stage];
  if (resolution.kind === 'pattern') return resolution.stages;
  return [];
}

/** Per stage, the stages built FROM it (possibly, for an ARG-built name): where its ONBUILD triggers run. */
export function stagesBuiltFrom(references: readonly StageReference[], stageCount: number): number[][] {
  const builtFrom: number[][] = Array.from({ length: stageCount }, () => []);
  for (const reference of references) {
    if (reference.kind !== 'from') continue;
    for (const parent of stagesNamedBy(reference)) builtFrom[parent].push(reference.inStage);
  }
  return builtFrom;
}

/**
 * The stages that take what a reference names: the stage it is written in; for an ONBUILD trigger, each stage
 * built FROM that one (directly, not its grandchildren), where the trigger runs. None for the global
 * SOURCE_DATE_EPOCH reference, which belongs to no stage.
 */
export function dependentStages(reference: StageReference, builtFrom: readonly (readonly number[])[]): readonly number[] {
  if (reference.inStage === BEFORE_FIRST_STAGE) return [];
  return reference.onbuild ? builtFrom[reference.inStage] : [reference.inStage];
}

/** Edges from `FROM <stage>`, `COPY --from`, `RUN --mount from`, and ONBUILD triggers (`dependentStages`). */
export function buildEdges(references: readonly StageReference[], builtFrom: readonly (readonly number[])[]): StageEdge[] {
  const edges: StageEdge[] = [];
  for (const reference of references) {
    // A global reference (SOURCE_DATE_EPOCH) has no dependent stage: every target needs it (`buildWideStages`).
    const possible = reference.resolution.kind === 'pattern';
    for (const from of dependentStages(reference, builtFrom)) {
      for (const to of stagesNamedBy(reference)) edges.push({ from, to, reference, possible });
    }
  }
  return edges;
}

/** Per stage, the references that may point at it. */
export function referencesTo(references: readonly StageReference[], stageCount: number): StageReference[][] {
  const byStage: StageReference[][] = Array.from({ length: stageCount }, () => []);
  for (const reference of references) {
    for (const target of stagesNamedBy(reference)) byStage[target].push(reference);
  }
  return byStage;
}

/**
 * The references on a dependency cycle (a stage needing itself), which BuildKit rejects. It walks the COPY --from
 * and mount edges only (validateCircularDependency over each dispatch state's `deps`, before ONBUILD triggers are
 * read): a loop closed by `FROM <stage>` or by an ONBUILD trigger is none, its forward reference fails instead.
 */
export function circularReferences(edges: readonly StageEdge[], stageCount: number): Set<StageReference> {
  const walked = edges.filter((e) => !e.possible && e.reference.kind !== 'from' && !e.reference.onbuild);
  const component = stronglyConnectedComponents(walked, stageCount);
  const componentSize = new Map<number, number>();
  for (const c of component) componentSize.set(c, (componentSize.get(c) ?? 0) + 1);
  const circular = new Set<StageReference>();
  for (const edge of walked) {
    const sameComponent = component[edge.from] === component[edge.to] && componentSize.get(component[edge.from])! > 1;
    if (edge.from === edge.to || sameComponent) circular.add(edge.reference);
  }
  return circular;
}

/** Tarjan's algorithm, iterative so that a 1,000-stage chain cannot overflow the stack. */
function stronglyConnectedComponents(edges: readonly StageEdge[], stageCount: number): number[] {
  const successors: number[][] = Array.from({ length: stageCount }, () => []);
  for (const edge of edges) successors[edge.from].push(edge.to);
  const index = new Array<number>(stageCount).fill(-1);
  const low = new Array<number>(stageCount).fill(0);
  const onStack = new Array<boolean>(stageCount).fill(false);
  const component = new Array<number>(stageCount).fill(-1);
  const stack: number[] = [];
  let counter = 0;
  let components = 0;
  for (let root = 0; root < stageCount; root++) {
    if (index[root] !== -1) continue;
    const work: Array<{ node: number; next: number }> = [{ node: root, next: 0 }];
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = true;
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const { node } = frame;
      if (frame.next < successors[node].length) {
        const successor = successors[node][frame.next++];
        if (index[successor] === -1) {
          index[successor] = low[successor] = counter++;
          stack.push(successor);
          onStack[successor] = true;
          work.push({ node: successor, next: 0 });
        } else if (onStack[successor]) {
          low[node] = Math.min(low[node], index[successor]);
        }
        continue;
      }
      work.pop();
      if (work.length > 0) low[work[work.length - 1].node] = Math.min(low[work[work.length - 1].node], low[node]);
      if (low[node] === index[node]) {
        let member: number;
        do {
          member = stack.pop()!;
          onStack[member] = false;
          component[member] = components;
        } while (member !== node);
        components++;
      }
    }
  }
  return component;
}

/** A build target: the default (last stage) or a name given by the user or found in the workspace. */
export interface BuildTarget {
  readonly name: string;
  /** Where the target comes from, for messages: `default target`, `setting`, `docker-bake.hcl:167`. */
  readonly origin: string;
  /** Where it is written, when in a file, for navigation. */
  readonly location?: { readonly uri: string; readonly range: Range };
  /** The build args this build passes (compose `build.args`, bake `args`). */
  readonly args?: Readonly<Record<string, string>>;
  /** A build seen whose target is not known (the name is then a pattern): what is unknown, for messages. */
  readonly unresolved?: string;
  /** Named without its Dockerfile (code, bake `--set`): a target of a Dockerfile only when it has such a stage. */
  readonly ifStageExists?: boolean;
  /** A build of the default target that a build file names (with its build args): the last stage, by its name. */
  readonly isDefault?: boolean;
  /** Named build contexts this build passes (bake `contexts`): name → value and where it is set. */
  readonly contexts?: Readonly<Record<string, NamedContext>>;
  /** The build exports its result as files (`-o`/`--output` type=local or tar, bake `output`), not as an image. */
  readonly exportsFiles?: boolean;
}

/** `contexts = { php-base = "docker-image://php:8" }`: what BuildKit takes for `FROM php-base` instead of an image. */
export interface NamedContext {
  readonly value: string;
  readonly origin: string;
}

export interface Reachability {
  /** Per stage, the targets that build it (empty = unused). */
  readonly builtBy: readonly (readonly BuildTarget[])[];
  /**
   * Per stage, the targets of `builtBy` that build it only where a name built from ARGs names it (`FROM
   * binaries-$TARGETOS`, `COPY --from=build-${VARIANT}`), with the first such reference on the way there.
   */
  readonly mayBuild: readonly (ReadonlyMap<BuildTarget, StageReference> | undefined)[];
  /** The targets considered, for messages. */
  readonly targets: readonly BuildTarget[];
}

/** The stages every build needs, whatever its target: the SOURCE_DATE_EPOCH stage, written before any stage. */
export function buildWideStages(references: readonly StageReference[]): number[] {
  return references.filter((reference) => reference.inStage === BEFORE_FIRST_STAGE).flatMap(stagesNamedBy);
}

/**
 * Which stages each target builds: what it reaches over the edges, from itself and from the build-wide stages.
 * A target written with a variable is a pattern, like ARG-built names.
 */
export function reachability(
  stages: readonly Stage[], edges: readonly StageEdge[], extraTargets: readonly BuildTarget[], buildWide: readonly number[] = [],
  references: readonly StageReference[] = [],
): Reachability {
  const builtBy: BuildTarget[][] = stages.map(() => []);
  const mayBuild: Map<BuildTarget, StageReference>[] = [];
  if (stages.length === 0) return { builtBy, mayBuild, targets: [] };
  const last = stages[stages.length - 1];
  const defaultName = stageLabel(last);
  const targets: BuildTarget[] = [{ name: defaultName, origin: 'default target' }, ...extraTargets.map((target) => (target.isDefault ? { ...target, name: defaultName } : target))];
  const fromVariables = references.filter((reference) => reference.kind === 'from' && reference.resolution.kind !== 'stage' && hasVariable(reference.text));
  const decidedByBuilds = fromsDecidedByBuilds(fromVariables, targets);
  const successors: Step[][] = stages.map(() => []);
  for (const edge of edges) if (!decidedByBuilds.has(edge.reference)) successors[edge.from].push(edge);
  targets.forEach((target, i) => {
    const roots = [...(i === 0 || target.isDefault ? [last.index] : stagesMatchingTarget(stages, target.name)), ...buildWide];
    const extra = target.args ? buildArgEdges(stages, fromVariables, target.args) : NO_STEPS;
    const { certain, via } = reach(roots, successors, extra);
    for (const stage of certain) builtBy[stage].push(target);
    for (const [stage, reference] of via) {
      builtBy[stage].push(target);
      (mayBuild[stage] ??= new Map()).set(target, reference);
    }
  });
  return { builtBy, mayBuild, targets };
}

/** An edge to follow: to a stage; `possible` where only a name built from ARGs names it (`reference`, that name). */
interface Step {
  readonly to: number;
  readonly possible: boolean;
  readonly reference: StageReference;
}

const NO_STEPS: ReadonlyMap<number, readonly Step[]> = new Map();
const NONE: readonly Step[] = [];

/**
 * What a target builds from its roots: for certain over the edges that are not only possible, then, past those,
 * through a name built from ARGs (`via`: the first such reference on the way). Walked without building arrays per
 * stage: reachability is computed again on edits, on files of 1,000 stages.
 */
function reach(roots: readonly number[], successors: readonly (readonly Step[])[], extra: ReadonlyMap<number, readonly Step[]>): { certain: Set<number>; via: Map<number, StageReference> } {
  const certain = new Set<number>();
  const pending = [...roots];
  for (let stage = pending.pop(); stage !== undefined; stage = pending.pop()) {
    if (certain.has(stage)) continue;
    certain.add(stage);
    for (const step of successors[stage]) if (!step.possible) pending.push(step.to);
    for (const step of extra.get(stage) ?? NONE) if (!step.possible) pending.push(step.to);
  }
  const via = new Map<number, StageReference>();
  const visit = (from: number, step: Step) => {
    if (certain.has(step.to) || via.has(step.to)) return;
    via.set(step.to, step.possible ? step.reference : via.get(from)!);
    pending.push(step.to);
  };
  for (const stage of certain) {
    for (const step of successors[stage]) if (step.possible) visit(stage, step);
    for (const step of extra.get(stage) ?? NONE) if (step.possible) visit(stage, step);
  }
  for (let stage = pending.pop(); stage !== undefined; stage = pending.pop()) {
    for (const step of successors[stage]) visit(stage, step);
    for (const step of extra.get(stage) ?? NONE) visit(stage, step);
  }
  return { certain, via };
}

/**
 * The FROMs whose name only `--build-arg` sets (`FROM $BASE`, a global `ARG BASE` with no default) where a target
 * considered passes it: those builds say what they name, and a build that does not pass it cannot run (BuildKit
 * refuses the blank name). Where none passes it, any earlier stage may be meant.
 */
function fromsDecidedByBuilds(fromVariables: readonly StageReference[], targets: readonly BuildTarget[]): Set<StageReference> {
  return new Set(fromVariables.filter(({ resolution }) => resolution.kind === 'pattern' && resolution.buildArg !== undefined
    && targets.some((target) => target.args?.[resolution.buildArg!] !== undefined)));
}

/**
 * `FROM ${BASE}` where a build passes `--build-arg BASE=<stage>` (compose `args`, bake `args`, a script's
 * `--build-arg`): for that build the FROM names the stage. A value the build file leaves unknown is a
 * pattern (`${FLB_DISTRO}-base`), so every earlier stage it can produce may be meant.
 */
function buildArgEdges(stages: readonly Stage[], fromReferences: readonly StageReference[], args: Readonly<Record<string, string>>): Map<number, Step[]> {
  const edges = new Map<number, Step[]>();
  for (const reference of fromReferences) {
    let passed = false;
    const text = reference.text.replace(/\$\{([A-Za-z_]\w*)\}|\$([A-Za-z_]\w*)/g, (variable, braced, plain) => {
      const value = args[braced ?? plain];
      if (value === undefined) return variable;
      passed = true;
      return value;
    });
    if (!passed) continue;
    const earlier = stages.slice(0, reference.inStage);
    const named = hasVariable(text)
      ? earlier.filter((stage) => stage.normalizedName !== undefined && variablePattern(text).test(stage.normalizedName)).map((stage) => stage.index)
      : earlier.filter((stage) => stage.normalizedName === text).slice(-1).map((stage) => stage.index);
    const possible = hasVariable(text);
    if (named.length > 0) edges.set(reference.inStage, [...edges.get(reference.inStage) ?? [], ...named.map((to) => ({ to, possible, reference }))]);
  }
  return edges;
}

/** The targets that name `stage` itself as the one to build (compose, bake, workflows, the settings), of those that build it. */
export function targetsNamingStage(stage: Stage, builtBy: readonly BuildTarget[]): BuildTarget[] {
  return builtBy.filter((target) => target.origin !== 'default target' && target.name.toLowerCase() === stage.normalizedName);
}

/** `--target` is case-insensitive and binds to the last definition of a duplicated name. */
export function stagesMatchingTarget(stages: readonly Stage[], name: string): number[] {
  if (hasVariable(name)) {
    const pattern = variablePattern(name.toLowerCase(), 'i');
    return stages.filter((s) => s.normalizedName !== undefined && pattern.test(s.normalizedName)).map((s) => s.index);
  }
  const normalized = name.toLowerCase();
  const matches = stages.filter((s) => s.normalizedName === normalized);
  return matches.length > 0 ? [matches[matches.length - 1].index] : [];
}

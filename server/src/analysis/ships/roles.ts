// Stage roles (issue 26's first part): what each target the workspace builds is, and so what each stage is for.
// A target is an *image* (it is the default target, a stage of its FROM chain sets ENTRYPOINT or CMD, or its chain
// starts on an image, whose own start command it inherits), a *check* (named like one: `test`, `lint`,
// `validate`, ...; not by how it is built: a CI step's `docker build` without a tag still loads an image, which
// `docker run $(docker build -q …)` runs), *exported files* (a chain on scratch without a start command that the build exports with
// `-o`/`--output` type=local or tar, or bake `output`: BuildKit writes its files out, no image is made) or
// *undetermined*: such a chain built without an output the readers know may be an image or files. A stage is *shipped*
// when something of it reaches an image target: it is in that target's FROM chain, an image's `COPY --from` reads it,
// or one of its instructions made (or made something inside) a path such a copy takes, followed through every
// `COPY --from` (provenance.ts); *build-only* when the targets that build it are images or undetermined that do not
// ship it; *check-only* when only checks build it; *unused* when no target does. Where an undetermined target would
// ship a stage that no image ships, the stage's role is *undetermined* too, as is a stage a FROM built from ARGs
// (`FROM base-${VARIANT}`) in a shipped chain may name. Each image target also says which
// references carry files into its image (the stage graph marks their edges): the FROM lines of its chain, its
// chain's `COPY --from`s, and, for a path such a copy takes from a stage, the FROM lines from the stage whose
// line made it down to the stage copied from, and that line's own `COPY --from` (followed the same way). A RUN
// mount ships nothing by itself (what a RUN writes is unknown), nor does `scratch`. Computed on request from the
// model and the reachability of the targets (graph.ts), never stored.
import type { Stage, StageModel, StageReference } from '../model';
import type { BuildTarget, Reachability } from '../graph';
import { stagesMatchingTarget } from '../graph';
import { hasVariable } from '../args';
import { fromChain, patternBase, possibleAncestors } from '../chain';
import { copyFromReference } from '../fileSketch';
import { chainBase, imageProvenance, type ShipStep } from './provenance';

/** Target names that run tests or linters rather than make an image (shipsRules.ts reads the same). */
export const CHECK_NAME = /^(?:tests?|lint|check|validate|vet|verify|ci|unit-?tests?|e2e|integration)$/;

export type TargetRole =
  | { readonly kind: 'image'; readonly because: 'default-target' | 'base-image' }
  /** `line`: the ENTRYPOINT or CMD (0-based) of the chain that makes it one. */
  | { readonly kind: 'image'; readonly because: 'start-command'; readonly line: number }
  | { readonly kind: 'check'; readonly because: 'name' }
  /** `origin`: where the build that exports it says so (`Makefile:12`). */
  | { readonly kind: 'exported-files'; readonly origin: string }
  | { readonly kind: 'undetermined' };

export type StageRole = 'shipped' | 'build-only' | 'check-only' | 'unused' | 'undetermined';

export interface TargetOfRoles {
  readonly target: BuildTarget;
  readonly stage: number;
  readonly role: TargetRole;
  /** The references along which files reach its image (FROM lines, `COPY --from`s); empty unless an image. */
  readonly shipping: ReadonlySet<StageReference>;
}

/** Why a stage's role is undetermined: what decides whether it ships. */
export type Undetermined =
  /** A target that may be an image or exported files, as `--output` decides, would ship it. */
  | { readonly kind: 'output'; readonly target: BuildTarget }
  /** A target whose name is a pattern (a variable, a build not resolved) may be a stage that ships it. */
  | { readonly kind: 'target-pattern'; readonly target: BuildTarget }
  /** A FROM built from ARGs in a chain that ships (or may) may name a stage that ships it. */
  | { readonly kind: 'base-pattern'; readonly reference: StageReference };

export interface StageRoles {
  /** Every target of the reachability that names a stage, with its role. */
  readonly targets: readonly TargetOfRoles[];
  /** Per stage. */
  readonly stages: readonly StageRole[];
  /** Per stage whose role is undetermined, why (the first reason found). */
  readonly undetermined: readonly (Undetermined | undefined)[];
  /** Per stage, the image targets it ships in. */
  readonly shippedIn: readonly (readonly BuildTarget[])[];
}

/** Per model and reachability (an edit may keep the reachability for a new model), computed once. */
const computed = new WeakMap<StageModel, WeakMap<Reachability, StageRoles>>();

export function stageRoles(model: StageModel, reachability: Reachability): StageRoles {
  let byReachability = computed.get(model);
  if (!byReachability) computed.set(model, byReachability = new WeakMap());
  let roles = byReachability.get(reachability);
  if (!roles) byReachability.set(reachability, roles = computeRoles(model, reachability));
  return roles;
}

/** A target whose name is not known: a pattern that may name several stages. */
function isPattern(target: BuildTarget): boolean {
  return target.unresolved !== undefined || hasVariable(target.name);
}

function computeRoles(model: StageModel, reachability: Reachability): StageRoles {
  const last = model.stages.length - 1;
  // Per stage: several targets (the default one, a compose service, a bake target) may build the same.
  const parts = new Map<number, ShippedParts>();
  const partsOf = (stage: number) => parts.get(stage) ?? parts.set(stage, shippedParts(model, model.stages[stage])).get(stage)!;
  // A build that exports the last stage's files is no build of the default image (the implicit first target is).
  const roleOf = (stage: number, target: BuildTarget) => {
    const exported = target.exportsFiles ? target.origin : undefined;
    return targetRole(model, model.stages[stage], stage === last && !exported, exported);
  };
  const named = reachability.targets.map((target, i) => ({ target, stages: i === 0 || target.isDefault ? [last] : stagesMatchingTarget(model.stages, target.name) }));
  // A target whose name is a pattern (a variable, a build not resolved) may be any stage it matches: none is its own.
  const targets = named.flatMap(({ target, stages }): TargetOfRoles[] => {
    if (stages.length !== 1 || isPattern(target)) return [];
    const role = roleOf(stages[0], target);
    return [{ target, stage: stages[0], role, shipping: role.kind === 'image' ? partsOf(stages[0]).references : new Set() }];
  });
  const shippedIn: BuildTarget[][] = model.stages.map(() => []);
  const maybeShipped = new Map<number, Undetermined>();
  const mayShip = (stage: number, why: Undetermined) => { if (!maybeShipped.has(stage)) maybeShipped.set(stage, why); };
  for (const { target, stage, role } of targets) {
    if (role.kind === 'check' || role.kind === 'exported-files') continue;
    for (const shipped of partsOf(stage).stages) {
      if (role.kind === 'image') shippedIn[shipped].push(target);
      else mayShip(shipped, { kind: 'output', target });
    }
  }
  // What each stage a pattern may name would ship is shipped perhaps: undetermined unless an image ships it.
  for (const { target, stages } of named.filter(({ target }) => isPattern(target))) {
    for (const stage of stages.filter((index) => roleOf(index, target).kind !== 'check')) {
      for (const shipped of partsOf(stage).stages) mayShip(shipped, { kind: 'target-pattern', target });
    }
  }
  // So is what a stage that ships (or may) would be built on where its FROM is built from ARGs (`FROM base-${V}`):
  // any stage the name may be, and what that one would ship.
  for (const shipped of [...model.stages.keys()].filter((index) => shippedIn[index].length > 0 || maybeShipped.has(index))) {
    const base = patternBase(model, model.stages[shipped]);
    if (!base) continue;
    const certain = new Set(fromChain(model, model.stages[shipped]).map((stage) => stage.index));
    for (const ancestor of possibleAncestors(model, model.stages[shipped])) {
      if (certain.has(ancestor)) continue;
      for (const part of partsOf(ancestor).stages) mayShip(part, { kind: 'base-pattern', reference: base });
    }
  }
  const isCheck = (target: BuildTarget) => targets.some((t) => t.target === target && t.role.kind === 'check');
  const stages = model.stages.map((_, index): StageRole => {
    const builtBy = reachability.builtBy[index] ?? [];
    if (builtBy.length === 0) return 'unused';
    if (shippedIn[index].length > 0) return 'shipped';
    if (maybeShipped.has(index)) return 'undetermined';
    return builtBy.every(isCheck) ? 'check-only' : 'build-only';
  });
  const undetermined = stages.map((role, index) => (role === 'undetermined' ? maybeShipped.get(index) : undefined));
  return { targets, stages, undetermined, shippedIn };
}

/** `exportedBy`: where a build that exports the target's files (`-o type=local`) is, if it does. */
export function targetRole(model: StageModel, stage: Stage, isDefault: boolean, exportedBy?: string): TargetRole {
  if (CHECK_NAME.test(stage.normalizedName ?? '')) return { kind: 'check', because: 'name' };
  const chain = fromChain(model, stage);
  const start = chain.flatMap((s) => s.instructions).find((i) => i.keyword === 'ENTRYPOINT' || i.keyword === 'CMD');
  if (start) return { kind: 'image', because: 'start-command', line: start.range.start.line };
  if (isDefault) return { kind: 'image', because: 'default-target' };
  const base = chainBase(model, stage).kind;
  if (base === 'image') return { kind: 'image', because: 'base-image' };
  return base === 'scratch' && exportedBy !== undefined ? { kind: 'exported-files', origin: exportedBy } : { kind: 'undetermined' };
}

interface ShippedParts {
  /** The stages something of which the image holds. */
  readonly stages: ReadonlySet<number>;
  /** The references files reach the image along. */
  readonly references: ReadonlySet<StageReference>;
}

/**
 * What of the file the image of `stage` holds: its FROM chain, the stages it copies from and the lines that made
 * what it copies (stages), and the references the files come along (see the head of the file).
 */
function shippedParts(model: StageModel, stage: Stage): ShippedParts {
  const stages = new Set<number>();
  const references = new Set<StageReference>();
  /** The FROM lines of `chain` (a stage, its parent, ...) up to `until`'s, which the files do not come along. */
  const fromLines = (chain: readonly Stage[], until?: number) => {
    for (const s of chain) {
      if (s.index === until) return;
      const base = model.baseReferences[s.index];
      if (base && carriesFiles(base)) references.add(base);
    }
  };
  const chain = fromChain(model, stage);
  chain.forEach((s) => stages.add(s.index));
  if (chainBase(model, stage).kind === 'scratch') fromLines(chain, chain[chain.length - 1].index);
  else fromLines(chain);
  const seen = new Set<ShipStep>();
  const follow = (step: ShipStep) => {
    if (seen.has(step)) return;
    seen.add(step);
    const reference = step.source.kind === 'stage' || step.source.kind === 'image' ? copyFromReference(model, model.stages[step.stage], step.instruction) : undefined;
    if (reference && carriesFiles(reference)) references.add(reference);
    if (step.source.kind !== 'stage') return;
    const source = model.stages[step.source.stage];
    stages.add(source.index);
    for (const path of step.source.paths) {
      for (const { step: maker, relation } of path.steps) {
        if (relation === 'holds') continue;
        stages.add(maker.stage);
        fromLines(fromChain(model, source), maker.stage);
        follow(maker);
      }
    }
  };
  imageProvenance(model, stage).steps.forEach(follow);
  return { stages, references };
}

/** A reference to a stage or an image (not `scratch`, which holds nothing), that BuildKit accepts. */
function carriesFiles(reference: StageReference): boolean {
  const { resolution } = reference;
  if (reference.onbuild || reference.order !== 'ok') return false;
  return resolution.kind === 'stage' || (resolution.kind === 'image' && reference.text.toLowerCase() !== 'scratch');
}

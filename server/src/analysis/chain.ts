// A stage's FROM chain: the stage it is built FROM, and so on up to the one built on an image (or `scratch`),
// which is what a stage inherits its environment, platform and files from (dockerfile2llb's dispatchState.init).
import type { Stage, StageModel, StageReference } from './model';

/** The stage this one is built FROM, when its base is a stage of the file. */
export function parentStage(model: StageModel, stage: Stage): Stage | undefined {
  const resolution = model.baseReferences[stage.index]?.resolution;
  return resolution?.kind === 'stage' ? model.stages[resolution.stage] : undefined;
}

/** The stage, the stage it is built FROM, and so on up to the one built on an image; a FROM cycle ends it. */
export function fromChain(model: StageModel, stage: Stage): Stage[] {
  const chain: Stage[] = [];
  for (let current: Stage | undefined = stage; current && !chain.includes(current); current = parentStage(model, current)) chain.push(current);
  return chain;
}

/**
 * The FROM built from ARGs that the stage's chain starts at, where it may name a stage of the file (`FROM
 * base-${VARIANT}`): what the chain inherits (platform, files, WORKDIR, ARGs) then depends on the build arg.
 */
export function patternBase(model: StageModel, stage: Stage): StageReference | undefined {
  const chain = fromChain(model, stage);
  return patternFrom(model, chain[chain.length - 1]);
}

/** The FROM built from ARGs that a chain's first stage is built on, where it may name a stage of the file. */
export function patternFrom(model: StageModel, first: Stage): StageReference | undefined {
  const base = model.baseReferences[first.index];
  return base?.resolution.kind === 'pattern' && base.resolution.stages.length > 0 ? base : undefined;
}

/**
 * Every stage this one may be built FROM, directly or through others: its FROM chain, and where a FROM is built
 * from ARGs (`FROM ${BASE}`), each stage that name may be, with their chains. Whatever those stages declare may
 * reach this one, depending on the build's `--build-arg`.
 */
export function possibleAncestors(model: StageModel, stage: Stage): ReadonlySet<number> {
  const found = new Set<number>();
  const waiting = [stage.index];
  for (let index = waiting.pop(); index !== undefined; index = waiting.pop()) {
    const resolution = model.baseReferences[index]?.resolution;
    const parents = resolution?.kind === 'stage' ? [resolution.stage] : resolution?.kind === 'pattern' ? resolution.stages : [];
    for (const parent of parents) {
      if (found.has(parent) || parent === stage.index) continue;
      found.add(parent);
      waiting.push(parent);
    }
  }
  return found;
}

/**
 * The first stage of a stage's FROM chain, the one built on an image (or `scratch`); undefined for a chain that
 * comes back on itself (a FROM cycle, which BuildKit rejects), which starts nowhere.
 */
export function rootStage(model: StageModel, stage: Stage): Stage | undefined {
  const root = fromChain(model, stage).pop()!;
  return parentStage(model, root) ? undefined : root;
}

/** The platform a stage is built for, as far as the Dockerfile says. */
export type StagePlatform =
  /** The `--platform` of `stage`, the first of the FROM chain, built on an image. */
  | { readonly kind: 'flag'; readonly text: string; readonly stage: Stage }
  /** No `--platform` on the chain's first stage: the build's target platform. */
  | { readonly kind: 'target' }
  /** The chain starts at a FROM built from ARGs that may name a stage (`base`): a stage it names gives its platform. */
  | { readonly kind: 'depends'; readonly base: StageReference; readonly root: Stage };

/**
 * The platform a stage is built for: its own `--platform`, unless it is built FROM a stage, whose platform it
 * takes (dispatchState.init; its own flag is then ignored); else the target platform. Undefined for a FROM cycle.
 */
export function effectivePlatform(model: StageModel, stage: Stage): StagePlatform | undefined {
  const base = patternBase(model, stage);
  if (base) return { kind: 'depends', base, root: model.stages[base.inStage] };
  const root = rootStage(model, stage);
  if (!root) return undefined;
  return root.platform ? { kind: 'flag', text: root.platform.text, stage: root } : { kind: 'target' };
}

/** A stage built on an image (not certainly `scratch`): the image's ENV is unknown here. */
export function rootIsImage(root: Stage): boolean {
  return root.expandedBase?.toLowerCase() !== 'scratch';
}

// What a stage's image holds and where each part comes from: the base image its FROM chain starts on, then every
// instruction of the chain that adds files (COPY, ADD, RUN, WORKDIR, an ONBUILD trigger that runs there), each with
// its source: build context paths, a stage's paths (followed into that stage, transitively), an image's paths,
// URLs, heredocs. Certain only: a base image's contents are unknown here, a RUN is known to make only what
// runOutputs.ts recognises (it may write anything else), a path with a variable that has no one value is unknown.
// Computed on request from the model (never stored in it); the API the features, the CLI and the conversion to a
// multi-stage build (issue 27) read. The README's "What ships" says it for users.
import { posix } from '../posixPath';
import type { InstructionInfo, Stage, StageModel } from '../model';
import type { Evaluation } from '../evaluate';
import { fromChain, rootStage } from '../chain';
import { copyFromReference, isInside, pathsMadeBy, walkChain, writesRelative } from '../fileSketch';

export { isInside } from '../fileSketch';
import { hasVariable } from '../args';

/** The image a chain starts on. */
export type ChainBase =
  /** `FROM scratch`: nothing but what the chain adds. */
  | { readonly kind: 'scratch'; readonly stage: number }
  /** An image (or a named context that replaces it): what it holds is unknown here, and ships. */
  | { readonly kind: 'image'; readonly stage: number; readonly image: string }
  /**
   * A base with variables that have no one value, or that may name a stage (`FROM bin-${X}`, `stages`): the image
   * depends on the build.
   */
  | { readonly kind: 'depends'; readonly stage: number; readonly written: string; readonly evaluation?: Evaluation; readonly stages?: readonly number[] }
  /** A half-typed FROM or a FROM cycle (BuildKit fails): nothing is known. */
  | { readonly kind: 'unknown'; readonly stage?: number };

/** Where the files of one step come from. */
export type StepSource =
  /** The build context (or what `--from` names when it is no stage: an image or named context, `image`). */
  | { readonly kind: 'context'; readonly paths: readonly string[] }
  | { readonly kind: 'image'; readonly image: string; readonly paths: readonly string[] }
  /** `COPY --from=<stage>`: each source path, absolute in that stage, with what put it there. */
  | { readonly kind: 'stage'; readonly stage: number; readonly paths: readonly SourcePath[]; readonly provenance: ImageProvenance }
  /** `COPY --from=<name built from ARGs>` or `--from=$X`: which stage depends on the build. */
  | { readonly kind: 'depends'; readonly written: string; readonly stages: readonly number[] }
  /** ADD of URLs or git repositories. */
  | { readonly kind: 'url'; readonly urls: readonly string[] }
  /** A heredoc's body, written in the Dockerfile. */
  | { readonly kind: 'heredoc' }
  /** RUN: `paths` are the outputs it is known to make; it may write anything else too. */
  | { readonly kind: 'run' }
  | { readonly kind: 'workdir' }
  /** Not read here: COPY --parents, an ONBUILD trigger, a half-typed instruction. */
  | { readonly kind: 'unknown'; readonly reason: string };

/** One instruction of the chain that adds files. */
export interface ShipStep {
  /** The stage the instruction is written in (an ONBUILD trigger's: the stage that holds it). */
  readonly stage: number;
  readonly instruction: InstructionInfo;
  /** The absolute paths it is known to make (for a copy into a folder: the folder and each source's name in it). */
  readonly paths: readonly string[];
  /** The paths are not all known (a variable without one value, a WORKDIR that depends on the build, a RUN). */
  readonly pathsIncomplete: boolean;
  /** It writes a relative path where the WORKDIR is unknown (`COPY . .` on `FROM golang`): it may make any path. */
  readonly placeUnknown?: true;
  readonly source: StepSource;
}

/** A path of a stage copied from, and the steps of that stage's chain that put it there. */
export interface SourcePath {
  /** As BuildKit reads it: resolved against the root of the stage copied from; undefined for a variable. */
  readonly path?: string;
  readonly written: string;
  /** The steps that made the path, something inside it, or a folder it is inside of (it may come from them). */
  readonly steps: readonly RelatedStep[];
  /** That stage's base, which may hold the path too (nothing for scratch). */
  readonly base: ChainBase;
}

export interface RelatedStep {
  readonly step: ShipStep;
  /** `made`: the step made the path; `inside`: something inside it; `holds`: a folder (or the root) the path may be in. */
  readonly relation: 'made' | 'inside' | 'holds';
}

export interface ImageProvenance {
  readonly stage: number;
  readonly base: ChainBase;
  /** The chain's steps that add files, in build order. */
  readonly steps: readonly ShipStep[];
}

/** Per model (immutable), each stage's provenance once: the card, the roles and the rules on what ships all ask for the last stage's. */
const traced = new WeakMap<StageModel, Map<Stage, ImageProvenance>>();

/** The provenance of the image a stage builds: its chain's base and steps, `COPY --from` followed transitively. */
export function imageProvenance(model: StageModel, stage: Stage): ImageProvenance {
  let byStage = traced.get(model);
  if (!byStage) traced.set(model, byStage = new Map());
  let provenance = byStage.get(stage);
  if (!provenance) byStage.set(stage, provenance = new Tracer(model).provenance(stage));
  return provenance;
}

/** The image a stage's FROM chain starts on. */
export function chainBase(model: StageModel, stage: Stage): ChainBase {
  const root = rootStage(model, stage);
  if (!root || root.malformed || !root.base) return { kind: 'unknown', stage: root?.index };
  const resolution = model.baseReferences[root.index]?.resolution;
  if (resolution?.kind === 'pattern') return { kind: 'depends', stage: root.index, written: root.base.text, evaluation: root.baseEvaluation, stages: resolution.stages };
  const image = root.expandedBase ?? (hasVariable(root.base.text) ? undefined : root.base.text);
  if (image === undefined) return { kind: 'depends', stage: root.index, written: root.base.text, evaluation: root.baseEvaluation };
  return image.toLowerCase() === 'scratch' ? { kind: 'scratch', stage: root.index } : { kind: 'image', stage: root.index, image };
}

/** How `path` (absolute) relates to what a step made; undefined where it does not. */
export function relationTo(path: string, made: readonly string[]): RelatedStep['relation'] | undefined {
  if (made.includes(path)) return 'made';
  if (made.some((p) => isInside(p, path))) return 'inside';
  if (made.some((p) => isInside(path, p))) return 'holds';
  return undefined;
}


class Tracer {
  private readonly done = new Map<number, ImageProvenance>();

  constructor(private readonly model: StageModel) {}

  provenance(stage: Stage): ImageProvenance {
    const known = this.done.get(stage.index);
    if (known) return known;
    const steps: ShipStep[] = [];
    const chain = fromChain(this.model, stage);
    walkChain(this.model, stage, (current, instruction, dir) => {
      const step = this.step(current, instruction, dir, chain);
      if (step) steps.push(step);
    });
    const result = { stage: stage.index, base: chainBase(this.model, stage), steps };
    this.done.set(stage.index, result);
    return result;
  }

  private step(stage: Stage, instruction: InstructionInfo, dir: string | undefined, chain: readonly Stage[]): ShipStep | undefined {
    const { keyword } = instruction;
    if (keyword === 'ONBUILD') {
      // A trigger runs in the stage built FROM this one: in this chain, unless this is the chain's last stage.
      const adds = ['COPY', 'ADD', 'RUN', 'WORKDIR'].includes(instruction.triggerKeyword ?? '');
      if (!adds || stage === chain[0]) return undefined;
      return { stage: stage.index, instruction, paths: [], pathsIncomplete: true, source: { kind: 'unknown', reason: 'an ONBUILD trigger, which runs in the stage built FROM this one' } };
    }
    if (!['COPY', 'ADD', 'RUN', 'WORKDIR'].includes(keyword)) return undefined;
    const made = pathsMadeBy(this.model, stage, instruction, dir);
    // ADD extracts a local source that is an archive (BuildKit tells by its content) into the destination: what it
    // makes there is unknown, only the destination is certain.
    const extracts = keyword === 'ADD' && instruction.copyPaths?.sources.some((source) => !isRemote(source.text));
    const paths = extracts ? made.slice(0, 1) : [...new Set(made)];
    const pathsIncomplete = keyword === 'RUN' || paths.length === 0 || extracts === true;
    const base = { stage: stage.index, instruction, paths, pathsIncomplete, ...(dir === undefined && writesRelative(instruction) ? { placeUnknown: true as const } : {}) };
    if (keyword === 'RUN') return { ...base, source: { kind: 'run' } };
    if (keyword === 'WORKDIR') return { ...base, source: { kind: 'workdir' } };
    return { ...base, source: this.copySource(stage, instruction) };
  }

  private copySource(stage: Stage, instruction: InstructionInfo): StepSource {
    const copied = instruction.copyPaths;
    if (!copied) return { kind: 'unknown', reason: `${instruction.keyword} ${instruction.summary} is not read here (--parents, or half-typed)` };
    if (copied.sources.length === 0) return { kind: 'heredoc' };
    const written = copied.sources.map((source) => source.text);
    const reference = copyFromReference(this.model, stage, instruction);
    if (!reference) {
      const urls = written.filter(isRemote);
      if (instruction.keyword === 'ADD' && urls.length === written.length) return { kind: 'url', urls };
      return { kind: 'context', paths: written };
    }
    const { resolution } = reference;
    if (resolution.kind === 'image') return { kind: 'image', image: reference.text, paths: written };
    if (resolution.kind === 'pattern') return { kind: 'depends', written: reference.text, stages: resolution.stages };
    // A reference to a later stage or its own fails the build (StageForwardReference): only earlier stages are
    // followed, so the structure has no cycle.
    if (resolution.kind !== 'stage' || reference.order !== 'ok') return { kind: 'depends', written: reference.text, stages: [] };
    // Followed on first use: a rule that reads only the image's own steps does not trace every stage behind it.
    const from = this.model.stages[resolution.stage];
    const provenance = once(() => this.provenance(from));
    const paths = once(() => written.map((text) => this.sourcePath(from, provenance, text)));
    return { kind: 'stage', stage: from.index, get paths() { return paths(); }, get provenance() { return provenance(); } };
  }

  private sourcePath(from: Stage, provenance: () => ImageProvenance, written: string): SourcePath {
    const base = chainBase(this.model, from);
    if (hasVariable(written)) return { written, steps: [], base };
    const path = posix.resolve('/', written);
    const steps = once(() => provenance().steps.flatMap((step) => {
      const relation = relationTo(path, step.paths) ?? (step.placeUnknown ? 'holds' : undefined);
      return relation ? [{ step, relation }] : [];
    }));
    return { path, written, base, get steps() { return steps(); } };
  }
}

/** A computation run on the first call only. */
function once<T>(compute: () => T): () => T {
  let result: { value: T } | undefined;
  return () => (result ??= { value: compute() }).value;
}

/** An ADD source BuildKit fetches: a URL or a git repository. */
function isRemote(source: string): boolean {
  return /^(?:https?:\/\/|git@|git:\/\/)/i.test(source);
}

// BuildKit's resolution of a stage reference (../shared/docs/stage-semantics.md, "Resolving a reference X").
import type { Resolution, Stage, StageReference } from './model';
import type { RawReference } from './references';
import { expandDefaults, hasVariable, isBareVariable, literalParts, variablePattern } from './args';
import { AUTOMATIC_ARGS } from './automaticArgs';
import { isStageIndex, normalizeStageName } from './names';

export class StageResolver {
  /** Stage indices by normalized name, in file order (duplicates keep every definition). */
  private readonly byName = new Map<string, number[]>();
  /**
   * Each stage's normalized name, by index: the names only, not the stages, since assemble.ts keeps a resolver
   * for later versions while the names stay (holding the stages held every stage a later edit replaced).
   */
  private readonly names: readonly (string | undefined)[];

  constructor(
    stages: readonly Stage[],
    private readonly argDefaults: ReadonlyMap<string, string | undefined>,
  ) {
    this.names = stages.map((stage) => stage.normalizedName);
    this.names.forEach((name, index) => {
      if (name === undefined) return;
      const list = this.byName.get(name) ?? [];
      list.push(index);
      this.byName.set(name, list);
    });
  }

  resolve(raw: RawReference, inStage: number): StageReference {
    const resolution = this.resolution(raw, inStage);
    // One literal, written out: V8 gave each spread copy (`{ ...raw, inStage, resolution }`) a hidden class of its
    // own, 4,088 of them on the 1,000-stage file of `npm run bench`, each with its properties in a separate array.
    return { kind: raw.kind, onbuild: raw.onbuild, text: raw.text, range: raw.range, instructionLine: raw.instructionLine, inStage, resolution, order: orderOf(resolution, raw.onbuild, inStage) };
  }

  /** The stage a name denotes for `--from`: case-insensitive, the last definition wins. */
  private lastStageNamed(name: string): number | undefined {
    const list = this.byName.get(normalizeStageName(name));
    return list?.[list.length - 1];
  }

  private resolution(raw: RawReference, inStage: number): Resolution {
    if (raw.kind === 'from') return this.resolveFrom(raw.text, inStage);
    if (raw.text === '') return { kind: 'empty' };
    if (hasVariable(raw.text)) return { kind: 'variable' };
    if (isStageIndex(raw.text)) {
      if (raw.kind === 'mount-from') return { kind: 'mount-index' };
      const index = Number(raw.text);
      return index < this.names.length ? { kind: 'stage', stage: index, by: 'index' } : { kind: 'index-out-of-range' };
    }
    const stage = this.lastStageNamed(raw.text);
    return stage === undefined ? { kind: 'image' } : { kind: 'stage', stage, by: 'name' };
  }

  /**
   * `FROM X`: after global ARG expansion, X is compared as written with the lower-cased names of the stages
   * defined earlier; the latest earlier definition wins. A name built from ARGs may be any earlier stage its
   * pattern can produce, since `--build-arg` can set the ARG. A bare `${BASE}` whose default names a stage is
   * a stage selector (`FROM ${BUILD_OS}` picks one of several OS stages): any earlier stage may be meant. So may
   * it where the global ARG has no default: only `--build-arg` gives it a value, an image's name or a stage's
   * (fluent-bit's `FROM $BASE_BUILDER`, which its build script sets to one of the `*-base` stages).
   */
  private resolveFrom(text: string, inStage: number): Resolution {
    // Only a name with variables reads them; built on demand (the other FROMs are re-resolved on every edit).
    const earlierStages = () => this.names.slice(0, inStage).flatMap((normalizedName, index) => (normalizedName === undefined ? [] : [{ index, normalizedName }]));
    if (isBareVariable(text)) {
      const stages = earlierStages().map((s) => s.index);
      if (this.latestEarlier(expandDefaults(text, this.argDefaults), inStage) !== undefined) return { kind: 'pattern', stages };
      // An automatic platform ARG always has a value (`FROM ${TARGETOS}`: linux, windows...): the stages named like one.
      if (isAutomaticArg(text)) {
        const named = earlierStages().filter((s) => variablePattern(text).test(s.normalizedName!));
        return named.length > 0 ? { kind: 'pattern', stages: named.map((s) => s.index) } : { kind: 'image' };
      }
      const buildArg = this.setOnlyByBuildArg(text);
      return buildArg !== undefined && stages.length > 0 ? { kind: 'pattern', stages, buildArg } : { kind: 'image' };
    }
    if (hasVariable(text)) {
      // `golang:${GO}-alpine` can name no stage: a ':' (or '/', '@', an upper-case letter) never appears in one.
      if (!/^[a-z0-9-_.]*$/.test(literalParts(text))) return { kind: 'image' };
      const pattern = variablePattern(text);
      const stages = earlierStages().filter((s) => pattern.test(s.normalizedName!));
      return stages.length > 0 ? { kind: 'pattern', stages: stages.map((s) => s.index) } : { kind: 'image' };
    }
    const stage = this.latestEarlier(text, inStage);
    return stage === undefined ? { kind: 'image' } : { kind: 'stage', stage, by: 'name' };
  }

  /** The name of the global ARG a bare variable reads, where it is declared without a default. */
  private setOnlyByBuildArg(bareVariable: string): string | undefined {
    const name = bareVariable.replace(/[${}]/g, '');
    return this.argDefaults.has(name) && this.argDefaults.get(name) === undefined ? name : undefined;
  }

  private latestEarlier(name: string, inStage: number): number | undefined {
    const earlier = this.byName.get(name)?.filter((index) => index < inStage) ?? [];
    return earlier[earlier.length - 1];
  }
}

function orderOf(resolution: Resolution, onbuild: boolean, inStage: number): StageReference['order'] {
  // An ONBUILD trigger runs in the stages built FROM this one, so its order is judged there (graph.ts).
  if (resolution.kind !== 'stage' || onbuild) return 'ok';
  if (resolution.stage === inStage) return 'self';
  return resolution.stage > inStage ? 'forward' : 'ok';
}

/** Whether the bare variable (`$TARGETOS`, `${TARGETOS}`) is one BuildKit always sets. */
function isAutomaticArg(bareVariable: string): boolean {
  return AUTOMATIC_ARGS.has(bareVariable.replace(/[${}]/g, ''));
}

// Per-stage results that outlive a model: an edit re-parses one stage, and the next version's model holds the
// other stages as the same objects (analysis/assemble.ts reuses a stage only with the same index, header and
// stage names), so a rule's findings on a stage are reused while what they were computed from is unchanged:
// the stage, the stages of its FROM chain (and any other stage it names, `also`), and the global ARGs, or
// whatever else the rule says it reads (`keyed`).
import type { Stage, StageModel } from '../../analysis/model';
import { fromChain } from '../../analysis/chain';

interface Entry<T> {
  readonly inputs: readonly unknown[];
  readonly value: T;
}

export class StageMemo<T> {
  private readonly entries = new WeakMap<Stage, Entry<T>>();

  /** The value for `stage`, computed again only when one of its inputs is another object than last time. */
  get(model: StageModel, stage: Stage, compute: () => T, also: readonly Stage[] = []): T {
    return this.keyed(stage, [model.globalArgs, ...fromChain(model, stage), ...also.flatMap((other) => fromChain(model, other))], compute);
  }

  /** The value for `stage` and what else it reads (`inputs`: objects or values), computed again when one of them differs. */
  keyed(stage: Stage, inputs: readonly unknown[], compute: () => T): T {
    const entry = this.entries.get(stage);
    if (entry && entry.inputs.length === inputs.length && entry.inputs.every((input, i) => input === inputs[i])) return entry.value;
    const value = compute();
    this.entries.set(stage, { inputs, value });
    return value;
  }
}

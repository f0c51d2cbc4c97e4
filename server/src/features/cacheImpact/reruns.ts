// What re-runs once a step misses the cache. BuildKit keys each step by its own definition and the keys of its
// inputs (solver/cachekey.go; solver/edge.go), so every later step of the stage misses too, and so does every
// stage that takes the stage's result: built FROM it (or running its ONBUILD triggers), copying from it
// (`COPY --from`), mounting it (`RUN --mount from=`), each from the instruction that takes it on. BuildKit may
// still reuse a later step whose input comes out with the same content (content-based cache keys,
// ops/file.go and ops/exec.go), so this is what the change can re-run, as a build sees it before it runs.
import type { StageEdge, StageModel } from '../../analysis/model';

export interface StageRerun {
  readonly stage: number;
  /** The line of the first instruction that re-runs; the FROM line where the whole stage does. */
  readonly fromLine: number;
  /** The whole stage re-runs: it is built FROM (or runs the ONBUILD triggers of) a stage that does. */
  readonly whole: boolean;
  /** Reached only over a reference built from ARGs (a pattern): the dependency is possible, not certain. */
  readonly possible: boolean;
}

/**
 * The stages that re-run when the step starting on `line` of `stage` misses the cache, the stage itself first,
 * then in file order. A stage reached several ways re-runs from its earliest instruction that takes one of them
 * (certain ways before possible ones).
 */
export function rerunsFrom(model: StageModel, stage: number, line: number): StageRerun[] {
  return rerunsFromSteps(model, [{ stage, line }]).sort((a, b) => (a.stage === stage ? -1 : b.stage === stage ? 1 : a.stage - b.stage));
}

/** What re-runs when every step of `steps` misses the cache at once (a change to the whole build context). */
export function rerunsFromSteps(model: StageModel, steps: readonly { readonly stage: number; readonly line: number }[]): StageRerun[] {
  const reruns = new Map<number, StageRerun>();
  const pending: number[] = [];
  const reach = (rerun: StageRerun): void => {
    const known = reruns.get(rerun.stage);
    if (known && !isBetter(rerun, known)) return;
    reruns.set(rerun.stage, rerun);
    pending.push(rerun.stage);
  };
  const dependents = model.stages.map((): StageEdge[] => []);
  for (const edge of model.edges) dependents[edge.to].push(edge);
  for (const { stage, line } of steps) reach({ stage, fromLine: line, whole: false, possible: false });
  while (pending.length > 0) {
    const changed = reruns.get(pending.pop()!)!;
    for (const edge of dependents[changed.stage]) {
      if (edge.from === changed.stage) continue;
      const dependent = model.stages[edge.from];
      const whole = edge.reference.kind === 'from' || edge.reference.onbuild;
      reach({
        stage: edge.from,
        fromLine: whole ? dependent.fromRange.start.line : edge.reference.instructionLine,
        whole,
        possible: changed.possible || edge.possible,
      });
    }
  }
  return [...reruns.values()];
}

/** A certain re-run says more than a possible one; between two alike, the earlier line. */
function isBetter(a: StageRerun, b: StageRerun): boolean {
  return a.possible !== b.possible ? !a.possible : a.fromLine < b.fromLine;
}

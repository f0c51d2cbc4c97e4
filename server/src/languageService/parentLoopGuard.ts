// dockerfile-ast's Dockerfile.getStageHierarchy follows FROM parents with no cycle check, so on
// `FROM b AS a` / `FROM a AS b` it loops forever; dockerfile-language-service calls it when completing paths
// (`COPY a |`). Measured: the request never returns (killed after 5 s). We mirror its parent rule here and skip
// the general completion where it would not terminate.
import type { StageModel } from '../analysis/model';

/**
 * Its rule: a stage's parent is the first stage anywhere in the file whose name, as written, equals the base as
 * written, unless that is the stage's own FROM line.
 */
export function hasIncumbentParentLoop(model: StageModel): boolean {
  const firstByName = new Map<string, number>();
  for (const stage of model.stages) {
    if (stage.name && !firstByName.has(stage.name.text)) firstByName.set(stage.name.text, stage.index);
  }
  const parent = model.stages.map((stage) => {
    const candidate = stage.base ? firstByName.get(stage.base.text) : undefined;
    return candidate === undefined || candidate === stage.index ? undefined : candidate;
  });
  // Each stage has at most one parent: a walk longer than the number of stages is a loop.
  return model.stages.some((stage) => {
    let current: number | undefined = stage.index;
    for (let steps = 0; current !== undefined; steps++) {
      if (steps > model.stages.length) return true;
      current = parent[current];
    }
    return false;
  });
}

// What ships (`npm run bench`, issue 26's budget: under 50 ms on the corpus's largest file): the provenance of a
// target's image as `dockerfile-stages ships` and `dockerfileStages/ships` compute it (features/ships/shipsReport.ts,
// every `COPY --from` followed), and the stage roles with each image target's shipping references
// (analysis/ships/roles.ts), each on a fresh analysis of the file, as after an edit; the analysis is timed apart.
// Reads ../shared/corpus, and says so and skips where it is absent.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AnalyzedDocument } from '../../server/src/analysis/document';
import { featureContext } from '../../server/src/features/featureContext';
import { shipsReport } from '../../server/src/features/ships/shipsReport';
import { stageRoles } from '../../server/src/analysis/ships/roles';
import { CORPUS_DIR } from '../support/paths';

const RUNS = 21;

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

function timed(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

export function shipsBench(): void {
  console.log('\n### What ships: the provenance of a target\'s image and the stage roles, on the corpus\'s largest file\n');
  if (!existsSync(CORPUS_DIR)) {
    console.log(`Skipped: no corpus at ${CORPUS_DIR}.`);
    return;
  }
  const [largest] = readdirSync(CORPUS_DIR).map((name) => ({ name, size: statSync(join(CORPUS_DIR, name)).size })).sort((a, b) => b.size - a.size);
  const text = readFileSync(join(CORPUS_DIR, largest.name), 'utf8');
  const analyses: number[] = [];
  const defaultTarget: number[] = [];
  const slowestTarget: number[] = [];
  const roles: number[] = [];
  let stages = 0;
  for (let run = 0; run < RUNS; run++) {
    // A different text each run: nothing is kept from the run before (the provenance is cached per model).
    const fresh = () => AnalyzedDocument.fromText(`${text}\n# ${run}\n`);
    let document!: AnalyzedDocument;
    analyses.push(timed(() => (document = fresh())));
    stages = document.model.stages.length;
    defaultTarget.push(timed(() => shipsReport(document.model, stages - 1)));
    // Each stage as the target, on one more fresh model (what the first pays, the per-model indexes, it pays here too): the slowest.
    const { model } = fresh();
    let slowest = 0;
    for (let stage = 0; stage < stages; stage++) slowest = Math.max(slowest, timed(() => shipsReport(model, stage)));
    slowestTarget.push(slowest);
    const context = featureContext(fresh(), []);
    roles.push(timed(() => stageRoles(context.model, context.reachability)));
  }
  console.log(`${largest.name} (${stages} stages, ${text.split('\n').length} lines), median of ${RUNS} runs: the analysis ${median(analyses).toFixed(1)} ms; `
    + `then the default target's provenance ${median(defaultTarget).toFixed(2)} ms, the slowest stage's as a target ${median(slowestTarget).toFixed(2)} ms, `
    + `the stage roles with the shipping references ${median(roles).toFixed(2)} ms.`);
}

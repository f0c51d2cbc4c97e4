// `npm run fuzz [CASES] [SEED]`: the long fuzz run (default 100,000 cases), four fifths generated Dockerfiles
// and one fifth mutated corpus files. Prints the seed, so that a failure can be replayed. Then every edit
// sequence of the incremental re-parse (the unit run checks the first quarter: test/analysis/incremental.test.ts).
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { checkEveryFeature, dockerfile, mutated, probes, runProperty } from '../support/fuzz';
import { corpusFiles } from '../support/paths';
import { assertReuse, editFiles, editGeneratedFiles, GENERATED_ROUNDS } from '../support/editSequences';

const cases = Number(process.argv[2] ?? 100000);
const seed = Number(process.argv[3] ?? Date.now() % 2147483647);
const texts = corpusFiles().map((file) => readFileSync(file, 'utf8'));
const started = Date.now();
console.log(`fuzz: ${cases} cases, seed ${seed}`);
try {
  runProperty(fc.property(dockerfile, probes, (text, points) => checkEveryFeature(text, points)), seed, Math.round(cases * 0.8));
  runProperty(fc.property(mutated(texts), probes, (text, points) => checkEveryFeature(text, points)), seed, Math.round(cases * 0.2));
  console.log(`fuzz: ${cases} passed, 0 failed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const edited = Date.now();
  assertReuse(editGeneratedFiles(GENERATED_ROUNDS));
  assertReuse(editFiles(corpusFiles()));
  console.log(`fuzz: every incremental edit sequence equals a full analysis (${((Date.now() - edited) / 1000).toFixed(0)} s)`);
} catch (error) {
  console.log(String((error as Error).message));
  console.log(`fuzz: failed (seed ${seed})`);
  process.exit(1);
}

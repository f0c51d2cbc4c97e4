// UnusedStage on the corpus once each repository's build targets are known (../shared/corpus/targets.tsv, the
// evidence found in each repository: bake, compose, workflows, scripts). What is then reported unused must be
// exactly the stages the table marks `no in-repo reference found`, and the stages only they use. Stages the
// table leaves out although nothing in their file uses them (nginx builds them with `target: ${{ inputs.target }}`)
// are counted apart, as undetermined, with the stages only they use.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AnalyzedDocument } from '../server/src/analysis/document';
import { featureContext } from '../server/src/features/featureContext';
import { computeDiagnostics } from '../server/src/features/diagnostics';
import { CORPUS_DIR, CORPUS_ROOT, describeWithShared } from './support/paths';

interface Row { file: string; stage: string; used: boolean; target: string }

function readTargets(): Row[] {
  const table = readFileSync(join(CORPUS_ROOT, 'targets.tsv'), 'utf8').trim().split('\n').slice(1);
  return table.map((line) => {
    const [file, stage, , verdict] = line.split('\t');
    // A dynamic target names a pattern in its evidence: `target: ${{ inputs.target }}-prebuilt`.
    const dynamic = /target: (\S*\$\{\{[^}]*\}\}\S*)\)/.exec(verdict);
    return { file: file.replace(/^files\//, ''), stage, used: verdict.startsWith('target-ref'), target: dynamic ? dynamic[1] : stage };
  });
}

describeWithShared('corpus', 'UnusedStage with the corpus repositories\' targets', () => {
  it('reports exactly the stages no target builds', () => {
    const rows = readTargets();
    let truePositives = 0;
    let falsePositives = 0;
    let falseNegatives = 0;
    let undetermined = 0;
    const wrong: string[] = [];
    for (const file of [...new Set(rows.map((r) => r.file))]) {
      const text = readFileSync(join(CORPUS_DIR, file), 'utf8');
      const targets = rows.filter((r) => r.file === file && r.used).map((r) => ({ name: r.target, origin: 'targets.tsv' }));
      const document = AnalyzedDocument.fromText(text);
      const reported = new Set(computeDiagnostics(featureContext(document, targets), {})
        .filter((d) => d.code === 'UnusedStage').map((d) => document.model.stages[(d.data as { stage: number }).stage].normalizedName));
      const { model } = document;
      const listed = new Set(rows.filter((r) => r.file === file).map((r) => r.stage));
      const targetNames = new Set(rows.filter((r) => r.file === file && r.used).map((r) => r.stage));
      const usersOf = (index: number) => model.edges.filter((e) => e.to === index && e.from !== index).map((e) => model.stages[e.from].normalizedName);
      // Unused for sure: marked so in the table, or every stage that uses it is (to a fixpoint).
      const truth = closure(new Set(rows.filter((r) => r.file === file && !r.used).map((r) => r.stage)), model.stages.slice(0, -1), targetNames, usersOf);
      // Not known: used by nothing in the file, not the last stage, and still missing from the table.
      const omitted = new Set(model.stages.slice(0, -1).filter((s) => s.normalizedName && usersOf(s.index).length === 0 && !listed.has(s.normalizedName)).map((s) => s.normalizedName!));
      const unknown = closure(new Set([...omitted, ...truth]), model.stages.slice(0, -1), targetNames, usersOf);
      for (const name of reported) {
        if (truth.has(name!)) truePositives++;
        else if (unknown.has(name!)) undetermined++;
        else { falsePositives++; wrong.push(`${file}: ${name} reported unused`); }
      }
      for (const name of truth) if (!reported.has(name)) { falseNegatives++; wrong.push(`${file}: ${name} not reported`); }
    }
    const precision = truePositives / (truePositives + falsePositives);
    const recall = truePositives / (truePositives + falseNegatives);
    console.log(`# UnusedStage on the corpus with its targets: ${truePositives} true, ${falsePositives} false positives, ${falseNegatives} missed, ${undetermined} undetermined (not in the table); precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`);
    assert.deepEqual(wrong, []);
  });
});

/** Adds every stage (not a target) all of whose users are in the set, until nothing changes. */
function closure(seed: Set<string>, stages: readonly { index: number; normalizedName?: string }[], targets: Set<string>, usersOf: (index: number) => (string | undefined)[]): Set<string> {
  const set = new Set(seed);
  for (let grew = true; grew;) {
    grew = false;
    for (const stage of stages) {
      const name = stage.normalizedName;
      if (!name || set.has(name) || targets.has(name)) continue;
      const users = usersOf(stage.index);
      if (users.length > 0 && users.every((user) => user && set.has(user))) {
        set.add(name);
        grew = true;
      }
    }
  }
  return set;
}

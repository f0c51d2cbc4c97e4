// The corpus workspaces (../shared/corpus-workspaces: each repository's files that can name a Dockerfile or
// a target) read whole, as `dockerfile-stages check .` reads a folder: every UnusedStage hint is one the
// golden file (test/golden/workspaces.json) has read by hand and found true, and every stage
// ../shared/corpus/targets.tsv lists as built is one the readers tie to a target, or the golden file says
// why not. `UPDATE_GOLDEN=1` rewrites the lists, keeping the verdicts; a new hint gets "TO REVIEW", which fails.
import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { AnalyzedDocument } from '../server/src/analysis/document';
import { stagesMatchingTarget } from '../server/src/analysis/graph';
import { featureContext } from '../server/src/features/featureContext';
import { computeDiagnostics } from '../server/src/features/diagnostics';
import { isTemplateText } from '../server/src/workspace/dockerfileKinds';
import { scanWorkspace } from '../server/src/workspace/scanner';
import { ensureShellParser } from '../server/src/workspace/shellModules';
import { asBuildTargets, WorkspaceTargets } from '../server/src/workspace/workspaceTargets';
import { CORPUS_ROOT, describeWithShared, REPO_ROOT, WORKSPACES_DIR } from './support/paths';

const GOLDEN = join(REPO_ROOT, 'test', 'golden', 'workspaces.json');
const TO_REVIEW = 'TO REVIEW';

interface Golden {
  readonly about: string;
  /** Per workspace, `<file>: <stage>` → the verdict read by hand. */
  readonly unused: Record<string, Record<string, string>>;
  /** `<workspace>/<file>: <stage>` of targets.tsv rows the readers do not tie to a target → why. */
  readonly notTied: Record<string, string>;
}

interface Read {
  /** `<file>: <stage>` reported unused, per workspace. */
  readonly unused: Map<string, string[]>;
  /** `<workspace>/<file>: <stage>` built by some workspace target. */
  readonly tied: Set<string>;
}

async function readWorkspaces(): Promise<Read> {
  const unused = new Map<string, string[]>();
  const tied = new Set<string>();
  for (const workspace of readdirSync(WORKSPACES_DIR).sort()) {
    const root = join(WORKSPACES_DIR, workspace);
    if (!statSync(root).isDirectory()) continue;
    const { targets, dockerfiles } = await scanWorkspace(root);
    const byDockerfile = new WorkspaceTargets();
    byDockerfile.replace(targets);
    const hints: string[] = [];
    for (const path of dockerfiles) {
      const text = readFileSync(path, 'utf8');
      if (isTemplateText(text)) continue;
      const file = relative(root, path).split(sep).join('/');
      const buildTargets = asBuildTargets(byDockerfile.for(path));
      const document = AnalyzedDocument.fromText(text);
      for (const target of buildTargets) {
        for (const stage of stagesMatchingTarget(document.model.stages, target.name)) tied.add(`${workspace}/${file}: ${document.model.stages[stage].normalizedName}`);
      }
      for (const diagnostic of computeDiagnostics(featureContext(document, buildTargets), {})) {
        if (diagnostic.code === 'UnusedStage') hints.push(`${file}: ${document.model.stages[(diagnostic.data as { stage: number }).stage].normalizedName ?? (diagnostic.data as { stage: number }).stage}`);
      }
    }
    if (hints.length > 0) unused.set(workspace, hints.sort());
  }
  return { unused, tied };
}

/** targets.tsv's `target-ref` rows as `<workspace>/<file>: <stage>` (its file names are `<owner>__<name>__<path with __>`). */
function builtPerTargetsTsv(): string[] {
  const workspaces = readdirSync(WORKSPACES_DIR);
  return readFileSync(join(CORPUS_ROOT, 'targets.tsv'), 'utf8').trim().split('\n').slice(1).flatMap((line) => {
    const [file, stage, , verdict] = line.split('\t');
    if (!verdict.startsWith('target-ref')) return [];
    const name = file.replace(/^files\//, '');
    const workspace = workspaces.find((w) => name.startsWith(`${w}__`));
    return workspace ? [`${workspace}/${name.slice(workspace.length + 2).replace(/__/g, '/')}: ${stage}`] : [];
  });
}

describeWithShared('workspaces', 'UnusedStage on the corpus workspaces read whole', () => {
  let read: Read;
  before(async () => {
    assert.ok(await ensureShellParser());
    read = await readWorkspaces();
  });

  it('reports exactly the hints the golden file has read by hand, all of them true', () => {
    const golden: Golden = existsSync(GOLDEN) ? JSON.parse(readFileSync(GOLDEN, 'utf8')) : { about: '', unused: {}, notTied: {} };
    const unused = Object.fromEntries([...read.unused].map(([workspace, hints]) => [workspace,
      Object.fromEntries(hints.map((hint) => [hint, golden.unused[workspace]?.[hint] ?? TO_REVIEW]))]));
    if (process.env.UPDATE_GOLDEN) writeFileSync(GOLDEN, `${JSON.stringify({ ...golden, unused }, null, 2)}\n`);
    const count = Object.values(unused).reduce((sum, hints) => sum + Object.keys(hints).length, 0);
    console.log(`# UnusedStage on the corpus workspaces: ${count} hints in ${Object.keys(unused).length} workspaces`);
    assert.deepEqual(unused, golden.unused);
    const unreviewed = Object.entries(unused).flatMap(([workspace, hints]) => Object.entries(hints).filter(([, verdict]) => !verdict.startsWith('true:')).map(([hint]) => `${workspace}: ${hint}`));
    assert.deepEqual(unreviewed, [], 'every hint is read by hand and true ("true: why")');
  });

  it('ties every stage targets.tsv lists as built to a target, or the golden file says why not', () => {
    const golden: Golden = JSON.parse(readFileSync(GOLDEN, 'utf8'));
    const missed = builtPerTargetsTsv().filter((row) => !read.tied.has(row));
    assert.deepEqual(missed.filter((row) => !golden.notTied[row]), []);
    assert.deepEqual(Object.keys(golden.notTied).filter((row) => !missed.includes(row)), [], 'a row the golden file explains is tied now: drop its explanation');
  });
});

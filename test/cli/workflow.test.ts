// The README's GitHub Actions job: it parses, uses the actions it should, and its `run:` lines do what the
// README says when run here (with this checkout's CLI in place of the npm package).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CLI, REPO_ROOT } from '../support/paths';

interface Step { uses?: string; run?: string; if?: string; with?: Record<string, unknown> }

function workflow(): { on: unknown; permissions: Record<string, string>; jobs: { check: { steps: Step[] } } } {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const block = /<!-- workflow -->\s*```yaml\n([\s\S]*?)```\s*<!-- \/workflow -->/.exec(readme);
  assert.ok(block, 'the README has the workflow block');
  return parse(block[1]);
}

/** Runs the workflow's `run:` lines in a folder holding `dockerfile`, as the job would after checkout. */
function runSteps(dockerfile: string): { status: number | null; stdout: string }[] {
  const folder = mkdtempSync(join(tmpdir(), 'dockerfile-stages-workflow-'));
  writeFileSync(join(folder, 'Dockerfile'), dockerfile);
  return workflow().jobs.check.steps.filter((step) => step.run).map((step) => {
    const script = step.run!.replace(/npx --yes dockerfile-stages/g, `node ${JSON.stringify(CLI)}`);
    const result = spawnSync('bash', ['-e', '-c', script], { cwd: folder, encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout + (step.run!.includes('.sarif') ? readFileSync(join(folder, 'dockerfile-stages.sarif'), 'utf8') : '') };
  });
}

describe('the README\'s GitHub Actions job', () => {
  it('checks out, sets up Node, runs the check, and uploads SARIF to code scanning', () => {
    const { permissions, jobs } = workflow();
    assert.equal(permissions['security-events'], 'write');
    const uses = jobs.check.steps.map((step) => step.uses).filter(Boolean);
    assert.deepEqual(uses, ['actions/checkout@v4', 'actions/setup-node@v4', 'github/codeql-action/upload-sarif@v3']);
    assert.equal(jobs.check.steps[4].with?.sarif_file, 'dockerfile-stages.sarif');
  });

  it('fails the job with inline annotations on an error, and still writes the SARIF', () => {
    const [annotate, sarif] = runSteps('FROM golang AS build\nFROM alpine\nCOPY --from=7 /a /a\n');
    assert.equal(annotate.status, 1);
    assert.match(annotate.stdout, /^::error file=Dockerfile,line=3,col=13,.*title=StageIndexOutOfRange::There is no stage 7/m);
    assert.equal(sarif.status, 0);
    assert.deepEqual(JSON.parse(sarif.stdout).runs[0].results.map((r: { ruleId: string }) => r.ruleId), ['UnusedStage', 'StageIndexOutOfRange']);
  });

  it('passes on a Dockerfile without errors', () => {
    const [annotate, sarif] = runSteps('FROM golang AS build\nFROM alpine\nCOPY --from=build /a /a\n');
    assert.deepEqual([annotate.status, annotate.stdout, sarif.status], [0, '', 0]);
  });
});

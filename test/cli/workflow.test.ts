// The README's GitHub Actions job: it parses, uses the actions it should, and its `run:` lines do what the
// README says when run here: the install step installs this checkout's packed `.tgz` (what npm makes of the
// repository it names: clone, `prepare`, pack) into a folder of its own, and the checks run its `dockerfile-stages`.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '../support/paths';

interface Step { uses?: string; run?: string; if?: string; with?: Record<string, unknown> }

const REPOSITORY = 'github:dockerfile-stages/dockerfile-stages';

function workflow(): { on: unknown; permissions: Record<string, string>; jobs: { check: { steps: Step[] } } } {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const block = /<!-- workflow -->\s*```yaml\n([\s\S]*?)```\s*<!-- \/workflow -->/.exec(readme);
  assert.ok(block, 'the README has the workflow block');
  return parse(block[1]);
}

/** The package as `npm pack` makes it from this checkout (dist/ as the tests built it). */
let tarball: string;
before(() => {
  const folder = mkdtempSync(join(tmpdir(), 'dockerfile-stages-pack-'));
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', folder], { cwd: REPO_ROOT, encoding: 'utf8' }));
  tarball = join(folder, packed.filename);
});

/**
 * Runs the workflow's `run:` lines in a folder holding `dockerfile`, as the job would after checkout, with npm's
 * global folder in a temporary prefix (on PATH) and no registry: the package has no dependency to fetch.
 */
function runSteps(dockerfile: string): { status: number | null; stdout: string; stderr: string }[] {
  const folder = mkdtempSync(join(tmpdir(), 'dockerfile-stages-workflow-'));
  const prefix = mkdtempSync(join(tmpdir(), 'dockerfile-stages-global-'));
  writeFileSync(join(folder, 'Dockerfile'), dockerfile);
  const env = { ...process.env, npm_config_prefix: prefix, npm_config_offline: 'true', npm_config_update_notifier: 'false', PATH: `${join(prefix, 'bin')}${delimiter}${process.env.PATH}` };
  return workflow().jobs.check.steps.filter((step) => step.run).map((step) => {
    const script = step.run!.replace(REPOSITORY, JSON.stringify(tarball));
    const result = spawnSync('bash', ['-e', '-c', script], { cwd: folder, encoding: 'utf8', env });
    return { status: result.status, stderr: result.stderr, stdout: result.stdout + (step.run!.includes('.sarif') ? readFileSync(join(folder, 'dockerfile-stages.sarif'), 'utf8') : '') };
  });
}

describe('the README\'s GitHub Actions job', () => {
  it('checks out, sets up Node, runs the check, and uploads SARIF to code scanning', () => {
    const { permissions, jobs } = workflow();
    assert.equal(permissions['security-events'], 'write');
    const uses = jobs.check.steps.map((step) => step.uses).filter(Boolean);
    assert.deepEqual(uses, ['actions/checkout@v4', 'actions/setup-node@v4', 'github/codeql-action/upload-sarif@v3']);
    assert.equal(jobs.check.steps[5].with?.sarif_file, 'dockerfile-stages.sarif');
  });

  it('installs the CLI from the repository, not from the npm registry, where it is not', () => {
    const runs = workflow().jobs.check.steps.flatMap((step) => (step.run ? [step.run] : []));
    assert.ok(runs[0].includes(`npm install --global --no-audit --no-fund ${REPOSITORY}`), runs[0]);
    assert.ok(runs.every((run) => !/\bnpx\b/.test(run)), 'no step asks the registry for the package');
  });

  it('fails the job with inline annotations on an error, and still writes the SARIF', () => {
    const [install, annotate, sarif] = runSteps('FROM golang AS build\nFROM alpine\nCOPY --from=7 /a /a\n');
    assert.equal(install.status, 0, install.stderr);
    assert.equal(annotate.status, 1);
    assert.match(annotate.stdout, /^::error file=Dockerfile,line=3,col=13,.*title=StageIndexOutOfRange::There is no stage 7/m);
    assert.equal(sarif.status, 0);
    assert.deepEqual(JSON.parse(sarif.stdout).runs[0].results.map((r: { ruleId: string }) => r.ruleId), ['UnusedStage', 'StageIndexOutOfRange']);
  });

  it('passes on a Dockerfile without errors', () => {
    const [install, annotate, sarif] = runSteps('FROM golang AS build\nFROM alpine\nCOPY --from=build /a /a\n');
    assert.deepEqual([install.status, annotate.status, annotate.stdout, sarif.status], [0, 0, '', 0]);
  });
});

// Where the repository, its build output and the shared test data are, seen from a compiled test in out/test/.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, it } from 'node:test';

/** The folder holding package.json, found upwards from the compiled test (out/test/... at any depth). */
function findRepoRoot(start: string): string {
  for (let dir = start; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  throw new Error(`no package.json above ${start}`);
}

export const REPO_ROOT = findRepoRoot(__dirname);
export const CLI = join(REPO_ROOT, 'dist', 'cli.js');

/**
 * Test data that belongs to other projects and never enters this repository, found beside the checkout
 * (`../shared/...`) or where a variable says: the corpus of real Dockerfiles and the peer projects' stage tests.
 */
const SHARED = {
  corpus: { variable: 'DOCKERFILE_STAGES_CORPUS', dir: resolve(process.env.DOCKERFILE_STAGES_CORPUS ?? join(REPO_ROOT, '..', 'shared', 'corpus')) },
  peer: { variable: 'DOCKERFILE_STAGES_PEER', dir: resolve(process.env.DOCKERFILE_STAGES_PEER ?? join(REPO_ROOT, '..', 'shared', 'peer')) },
  workspaces: { variable: 'DOCKERFILE_STAGES_WORKSPACES', dir: resolve(process.env.DOCKERFILE_STAGES_WORKSPACES ?? join(REPO_ROOT, '..', 'shared', 'corpus-workspaces')) },
  single: { variable: 'DOCKERFILE_STAGES_SINGLE', dir: resolve(process.env.DOCKERFILE_STAGES_SINGLE ?? join(REPO_ROOT, '..', 'shared', 'corpus-single')) },
} as const;

type SharedData = keyof typeof SHARED;

/** The corpus folder: `files/` (the Dockerfiles), `targets.tsv`. */
export const CORPUS_ROOT = SHARED.corpus.dir;
export const CORPUS_DIR = join(CORPUS_ROOT, 'files');
/** The peer suites: `buildkit-cases.json`, `rcjsuen-cases.json`. */
export const PEER_DIR = SHARED.peer.dir;
/** The corpus repositories' build files, one folder per repository (`<owner>__<name>/`). */
export const WORKSPACES_DIR = SHARED.workspaces.dir;
/** The single-stage corpus (single-stage builds, and final stages with toolchains or secrets): `files/`, `MANIFEST.tsv`
 * (file, repo, path, commit, lines, from_count, ecosystem, set, features). */
export const SINGLE_DIR = SHARED.single.dir;

export function corpusFiles(): string[] {
  return readdirSync(CORPUS_DIR).sort().map((name) => join(CORPUS_DIR, name));
}

/** Why a test needing the data cannot run, or undefined when the data is there. */
function missing(data: SharedData): string | undefined {
  const { variable, dir } = SHARED[data];
  return existsSync(dir) ? undefined : `needs the ${data} at ${dir} (set ${variable} to its folder)`;
}

/** CI sets this: a missing corpus or peer suite is then a failure, so that no run can pass by skipping them. */
const REQUIRED = process.env.DOCKERFILE_STAGES_REQUIRE_SHARED === '1';

/**
 * A suite that needs shared data: where the data is absent it is one skipped test that says why (one failing
 * test when the data is required), and its body is never run.
 */
export function describeWithShared(data: SharedData, name: string, body: () => void): void {
  const reason = missing(data);
  if (!reason) describe(name, body);
  else placeholder(name, reason);
}

/** One test that needs shared data; skipped (or failing, when required) without it. */
export function itWithShared(data: SharedData, name: string, body: () => void | Promise<void>): void {
  const reason = missing(data);
  if (!reason) it(name, body);
  else placeholder(name, reason);
}

function placeholder(name: string, reason: string): void {
  if (REQUIRED) it(name, () => assert.fail(`${reason}; DOCKERFILE_STAGES_REQUIRE_SHARED=1 makes that a failure`));
  else it(name, { skip: reason }, () => undefined);
}

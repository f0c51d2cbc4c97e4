// Where the repository, its build output and the shared corpus are, seen from a compiled test in out/test/.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The folder holding package.json, found upwards from the compiled test (out/test/... at any depth). */
function findRepoRoot(start: string): string {
  for (let dir = start; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  throw new Error(`no package.json above ${start}`);
}

export const REPO_ROOT = findRepoRoot(__dirname);
export const CLI = join(REPO_ROOT, 'dist', 'cli.js');

/** The real-world Dockerfiles beside the checkout (../shared/corpus); they are never copied into the repo. */
export const CORPUS_DIR = resolve(REPO_ROOT, '..', 'shared', 'corpus', 'files');

export function corpusFiles(): string[] {
  if (!existsSync(CORPUS_DIR)) throw new Error(`The corpus is missing: expected ${CORPUS_DIR} (../shared/corpus beside the checkout).`);
  return readdirSync(CORPUS_DIR).sort().map((name) => join(CORPUS_DIR, name));
}

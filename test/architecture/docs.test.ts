// Docs that cannot drift: every path and name ARCHITECTURE.md puts in backticks exists, and the README's rules
// table has exactly one row per rule of `rules.ts` (and no row without a rule).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/paths';
import { RULE_CODES } from '../../server/src/features/diagnostics/rules';

const SKIPPED_FOLDERS = new Set(['node_modules', 'out', 'dist', '.git']);

function repoFiles(dir = ''): string[] {
  return readdirSync(join(REPO_ROOT, dir)).flatMap((name) => {
    const path = dir ? `${dir}/${name}` : name;
    if (SKIPPED_FOLDERS.has(name)) return [];
    return statSync(join(REPO_ROOT, path)).isDirectory() ? [path, ...repoFiles(path)] : [path];
  });
}

const FILES = repoFiles();
/** The code a name may be defined in: sources, tests, scripts, the manifest (settings, commands). */
const CODE = FILES.filter((path) => /^(server|client|test|scripts)\//.test(path) && /\.(ts|mjs|js)$/.test(path))
  .concat('package.json').map((path) => readFileSync(join(REPO_ROOT, path), 'utf8')).join('\n');
const WORDS = new Set(CODE.match(/[A-Za-z_$][\w$]*/g));

/** A path written in the docs: `server/src/analysis/`, `parse.ts`, `hcl/syntax.ts`, `e2e/graph.js`. */
const PATH = /^[\w.-]+(\/[\w.-]*)*(\.(ts|js|mjs|json|md|css|lua|el|sh)|\/)$/;
/** A name written in the docs: `symbolAt`, `Stage.malformed`, `dockerfileStages.buildkitChecks`. */
const NAME = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;

/** Whether a path names a file or folder of the repository: as written from the root, or as the end of one. */
function pathExists(path: string): boolean {
  const bare = path.replace(/\/$/, '');
  return existsSync(join(REPO_ROOT, bare)) || FILES.some((file) => file.endsWith(`/${bare}`));
}

/** A file's name without its extensions: `refactorCorpus` for test/refactorCorpus.test.ts. */
const FILE_STEMS = new Set(FILES.map((path) => path.slice(path.lastIndexOf('/') + 1).replace(/\..*$/, '')));

/** Whether a name is written in the code (each of its dotted parts: a type and its member), or names a file. */
function nameExists(name: string): boolean {
  return name.split('.').every((part) => WORDS.has(part)) || FILE_STEMS.has(name);
}

function backticked(text: string): string[] {
  return [...text.matchAll(/`([^`\n]+)`/g)].map((match) => match[1]);
}

describe('ARCHITECTURE.md names only what exists', () => {
  const architecture = readFileSync(join(REPO_ROOT, 'ARCHITECTURE.md'), 'utf8');
  const quoted = backticked(architecture);

  it('reads the backticked words (the reader is not blind)', () => {
    assert.ok(quoted.filter((word) => PATH.test(word)).length > 100);
    assert.ok(quoted.filter((word) => !PATH.test(word) && NAME.test(word)).length > 50);
  });

  it('every path exists (build output and the other projects\' data aside)', () => {
    const built = /^(dist|out|\.\.)\//;
    const missing = quoted.filter((word) => PATH.test(word) && !built.test(word) && !pathExists(word));
    assert.deepEqual([...new Set(missing)], []);
  });

  it('every name is written in the code', () => {
    // Words of Dockerfiles, shells and commands written in backticks are names too; those the docs quote as
    // Dockerfile text are upper case (`FROM`, `ARG`) or known keywords of the tools.
    const missing = quoted.filter((word) => !PATH.test(word) && NAME.test(word) && !/^[A-Z_]+$/.test(word) && !nameExists(word));
    assert.deepEqual([...new Set(missing)], []);
  });
});

describe("README's rules table is rules.ts", () => {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Rules'), readme.indexOf('\n## ', readme.indexOf('\n## Rules') + 1));
  const rows = section.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Rule |'));
  const ruleOfRow = rows.map((row) => backticked(row.split(' | ')[0])[0]);

  it('reads the table (the reader is not blind)', () => assert.ok(rows.length > 40, `${rows.length} rows`));

  it('every rule has exactly one row', () => {
    const counts = RULE_CODES.map((code) => [code, ruleOfRow.filter((rule) => rule === code).length] as const);
    assert.deepEqual(counts.filter(([, count]) => count !== 1), []);
  });

  it('no row lacks a rule', () => {
    const codes = new Set<string>(RULE_CODES);
    assert.deepEqual(rows.filter((_, i) => !codes.has(ruleOfRow[i])), []);
  });
});

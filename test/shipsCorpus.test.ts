// The rules on what ships (features/diagnostics/shipsRules.ts) on every Dockerfile of the three corpora
// (../shared/corpus/files, ../shared/corpus-single/files, ../shared/corpus-workspaces), experimental ones too:
// every hit is in test/golden/ships.json with its verdict read by hand, and a rule on by default has only true
// ones. `UPDATE_GOLDEN=1` rewrites the list, keeping the verdicts; a new hit gets "TO REVIEW", which fails.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { analyze } from '../server/src/analysis/parseFile';
import { checkWhatShips } from '../server/src/features/diagnostics/shipsRules';
import { EXPERIMENTAL_RULES } from '../server/src/features/diagnostics/rules';
import { isDockerfileName, isTemplateText } from '../server/src/workspace/dockerfileKinds';
import { CORPUS_DIR, describeWithShared, REPO_ROOT, SINGLE_DIR, WORKSPACES_DIR } from './support/paths';

const GOLDEN = join(REPO_ROOT, 'test', 'golden', 'ships.json');
const TO_REVIEW = 'TO REVIEW';

interface Golden {
  readonly about: string;
  /** `<corpus>/<file>:<line> <rule>` → the verdict read by hand (`true: ...`, `false: ...`, `unread: ...`). */
  readonly hits: Record<string, string>;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Every hit of the rules, keyed as in the golden file. */
function hits(): string[] {
  const corpora: [string, string, (path: string) => boolean][] = [
    ['corpus', CORPUS_DIR, () => true],
    ['corpus-single', join(SINGLE_DIR, 'files'), () => true],
    ['corpus-workspaces', WORKSPACES_DIR, (path) => isDockerfileName(basename(path))],
  ];
  return corpora.flatMap(([name, dir, isDockerfile]) => (existsSync(dir) ? filesUnder(dir) : []).filter(isDockerfile).flatMap((path) => {
    const text = readFileSync(path, 'utf8');
    if (isTemplateText(text)) return [];
    const file = `${name}/${relative(dir, path).split(sep).join('/')}`;
    return checkWhatShips(analyze(text)).map((finding) => `${file}:${finding.range.start.line + 1} ${finding.code}`);
  }));
}

describeWithShared('single', 'what ships on the corpora', () => {
  it('every hit has a verdict read by hand; a rule on by default has only true ones', () => {
    const found = hits();
    const golden: Golden = JSON.parse(readFileSync(GOLDEN, 'utf8'));
    if (process.env.UPDATE_GOLDEN === '1') {
      const updated: Golden = { about: golden.about, hits: Object.fromEntries(found.map((hit) => [hit, golden.hits[hit] ?? TO_REVIEW])) };
      writeFileSync(GOLDEN, `${JSON.stringify(updated, null, 2)}\n`);
      return;
    }
    assert.deepEqual(found, Object.keys(golden.hits), 'the hits changed: UPDATE_GOLDEN=1 and read the new ones');
    const unread = found.filter((hit) => golden.hits[hit] === TO_REVIEW);
    assert.deepEqual(unread, [], 'hits to read by hand');
    const notTrue = found.filter((hit) => !EXPERIMENTAL_RULES.has(hit.split(' ')[1]) && !golden.hits[hit].startsWith('true'));
    assert.deepEqual(notTrue, [], 'a rule on by default has only true hits');
  });
});

// DependenciesAfterSource on every Dockerfile of the three corpora (../shared/corpus/files, corpus-single/files,
// corpus-workspaces): each hit is one test/golden/dependenciesAfterSource.json has read by hand and found true.
// `UPDATE_GOLDEN=1` rewrites the list, keeping the verdicts; a new hit gets "TO REVIEW", which fails. In the
// workspaces, the build context is read as the editor reads it (the folder the workspace's builds of the file
// share, else the Dockerfile's own: workspace/buildContextFolder.ts, with its .dockerignore); the flat corpora
// have no context: only the forms the command pins.
import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { analyze } from '../server/src/analysis/parseFile';
import { checkDependenciesAfterSource, dependenciesAfterSource, type DependencyContext } from '../server/src/features/diagnostics/dependencyRules';
import { BuildContextFiles } from '../server/src/workspace/buildContextFiles';
import { dockerignoreFor } from '../server/src/workspace/dockerignore';
import { buildContextFolder } from '../server/src/workspace/buildContextFolder';
import { scanWorkspace } from '../server/src/workspace/scanner';
import { ensureShellParser } from '../server/src/workspace/shellModules';
import { WorkspaceTargets } from '../server/src/workspace/workspaceTargets';
import { isDockerfileName } from '../server/src/workspace/dockerfileKinds';
import { CORPUS_DIR, describeWithShared, REPO_ROOT, SINGLE_DIR, WORKSPACES_DIR } from './support/paths';

const GOLDEN = join(REPO_ROOT, 'test', 'golden', 'dependenciesAfterSource.json');
const TO_REVIEW = 'TO REVIEW';
const TRUE = /^true\b/;

interface Golden {
  about: string;
  hits: Record<string, string>;
  nodeCandidates: Record<string, string>;
}

/** Every file of a flat corpus folder; in the workspaces, the files named as Dockerfiles. */
function dockerfiles(root: string, flat: boolean): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' }).sort()
    .filter((path) => (flat || isDockerfileName(path.split(sep).pop()!)) && statSync(join(root, path)).isFile())
    .map((path) => join(root, path));
}

const ROOTS = (): [string, string, boolean][] => [['corpus', CORPUS_DIR, true], ['single', join(SINGLE_DIR, 'files'), true], ['workspaces', WORKSPACES_DIR, false]];

/** The builds each workspace shows, by Dockerfile (read once, before the test). */
const builds = new WorkspaceTargets();

async function scanWorkspaces(): Promise<void> {
  const roots = readdirSync(WORKSPACES_DIR).map((name) => join(WORKSPACES_DIR, name)).filter((root) => statSync(root).isDirectory());
  const scanned = await Promise.all(roots.map((root) => scanWorkspace(root)));
  builds.replace(scanned.flatMap((result) => result.targets));
}

function contextOf(file: string, flat: boolean): DependencyContext {
  const model = analyze(readFileSync(file, 'utf8'));
  if (flat) return { model };
  const folder = buildContextFolder(file, builds.for(file), model.stages);
  return { model, dockerignore: dockerignoreFor(file, folder), ...(folder !== undefined ? { contextFile: new BuildContextFiles().readerFor(folder) } : {}) };
}

/** `<corpus>/<path>:<line>: <message>` for every hit. */
function hits(): string[] {
  return ROOTS().flatMap(([name, root, flat]) => dockerfiles(root, flat).flatMap((file) =>
    checkDependenciesAfterSource(contextOf(file, flat)).map((finding) =>
      `${name}/${relative(root, file).split(sep).join('/')}:${finding.range.start.line + 1}: ${finding.message}`)));
}

/**
 * The npm, yarn and pnpm installs the rule would report if each Dockerfile's context held a plain project
 * (package.json and package-lock.json without scripts): the corpora keep no package.json, so these are read by
 * hand for what the command reading finds, apart from what a real context would add.
 */
function nodeCandidates(): string[] {
  const plainProject = (path: string) => (/(^|\/)package(-lock)?\.json$/.test(path) ? '{}' : undefined);
  return ROOTS().flatMap(([name, root, flat]) => dockerfiles(root, flat).flatMap((file) =>
    dependenciesAfterSource({ model: analyze(readFileSync(file, 'utf8')), contextFile: plainProject }).filter((hit) => hit.install.project)
      .map((hit) => `${name}/${relative(root, file).split(sep).join('/')}:${hit.run.range.start.line + 1}: ${hit.install.command}`)));
}

describeWithShared('corpus', 'DependenciesAfterSource on the corpora', () => describeWithShared('single', 'with corpus-single', () => describeWithShared('workspaces', 'and the workspaces', () => {
  before(async () => {
    assert.ok(await ensureShellParser());
    await scanWorkspaces();
  });
  it('reports only hits read by hand and found true', () => {
    const found = hits();
    const candidates = nodeCandidates();
    const golden = existsSync(GOLDEN) ? JSON.parse(readFileSync(GOLDEN, 'utf8')) as Golden : { about: '', hits: {}, nodeCandidates: {} };
    if (process.env.UPDATE_GOLDEN) {
      golden.hits = Object.fromEntries(found.map((hit) => [hit, golden.hits[hit] ?? TO_REVIEW]));
      golden.nodeCandidates = Object.fromEntries(candidates.map((hit) => [hit, golden.nodeCandidates?.[hit] ?? TO_REVIEW]));
      writeFileSync(GOLDEN, JSON.stringify(golden, null, 1) + '\n');
    }
    assert.deepEqual(found, Object.keys(golden.hits));
    assert.deepEqual(candidates, Object.keys(golden.nodeCandidates));
    const untrue = [...Object.entries(golden.hits), ...Object.entries(golden.nodeCandidates)].filter(([, verdict]) => !TRUE.test(verdict));
    assert.deepEqual(untrue, [], 'every hit and candidate has a verdict that starts with "true"');
  });
})));

// DependenciesAfterSource on npm, yarn and pnpm installs, whose manifests are the project's files: the commands
// read row by row, what the build context's files say (nodeManifests.ts), the rule and its fix with a context,
// and nothing without one.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dependencyInstall, shellCommands } from '../../server/src/features/diagnostics/dependencyInstalls';
import { nodeManifests } from '../../server/src/features/diagnostics/nodeManifests';
import { AnalyzedDocument } from '../../server/src/analysis/document';
import { featureContext } from '../../server/src/features/featureContext';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { quickFixes } from '../../server/src/features/codeActions/quickFixes';
import { applyEdits, lines } from '../support/fixture';

describe('Node installs: the commands', () => {
  const rows: [string, string | undefined][] = [
    ['npm ci', 'npm, lock required'],
    ['npm clean-install --omit dev', 'npm, lock required'],
    ['npm install', 'npm'],
    ['npm i --production --no-audit', 'npm'],
    ['npm ci --ignore-scripts', 'npm, lock required, no scripts'],
    ['npm install express', undefined],
    ['npm install --prefix web', undefined],
    ['npm ci -w api', undefined],
    ['npm install -g pnpm', undefined],
    ['npm run build', undefined],
    ['yarn', 'yarn'],
    ['yarn install --frozen-lockfile --network-timeout 100000', 'yarn'],
    ['yarn --production', 'yarn'],
    ['yarn add react', undefined],
    ['yarn build', undefined],
    ['yarn install --cwd web', undefined],
    ['pnpm install --frozen-lockfile', 'pnpm'],
    ['pnpm i --prod', 'pnpm'],
    ['pnpm install --filter api', undefined],
    ['pnpm install -r', undefined],
    ['pnpm add zod', undefined],
  ];
  for (const [command, expected] of rows) {
    it(`${command}: ${expected ?? 'not an install of the manifests'}`, () => {
      const project = dependencyInstall(shellCommands(command)![0])?.project;
      const read = project && [project.manager, ...project.lockRequired ? ['lock required'] : [], ...project.ignoreScripts ? ['no scripts'] : []].join(', ');
      assert.equal(read, expected);
    });
  }
});

describe('Node installs: what the build context says they read', () => {
  const npmCi = { manager: 'npm', lockRequired: true, ignoreScripts: false } as const;
  const npmInstall = { manager: 'npm', lockRequired: false, ignoreScripts: false } as const;
  const yarn = { manager: 'yarn', lockRequired: false, ignoreScripts: false } as const;
  const pnpm = { manager: 'pnpm', lockRequired: false, ignoreScripts: false } as const;
  const pkg = (json: object) => JSON.stringify(json);
  const reader = (files: Record<string, string>) => (path: string) => files[path];

  it('reads package.json, the lock file and the configuration that exist, in the install\'s directory', () => {
    assert.deepEqual(nodeManifests(npmCi, '', reader({ 'package.json': pkg({ name: 'a' }), 'package-lock.json': '{}', '.npmrc': 'x' })), { manifests: ['package.json', 'package-lock.json', '.npmrc'], readsMore: undefined });
    assert.deepEqual(nodeManifests(yarn, 'web', reader({ 'web/package.json': '{}', 'web/yarn.lock': '' })), { manifests: ['package.json', 'yarn.lock'], readsMore: undefined });
    assert.deepEqual(nodeManifests(pnpm, '', reader({ 'package.json': '{}', 'pnpm-lock.yaml': '' })), { manifests: ['package.json', 'pnpm-lock.yaml'], readsMore: undefined });
    assert.deepEqual(nodeManifests(npmInstall, '', reader({ 'package.json': '{}' })), { manifests: ['package.json'], readsMore: undefined });
  });

  it('knows nothing without package.json, with one it cannot read, or for npm ci without a lock file (it fails)', () => {
    assert.equal(nodeManifests(npmInstall, '', reader({})), undefined);
    assert.equal(nodeManifests(npmInstall, '', reader({ 'package.json': '{ "name": ' })), undefined);
    assert.equal(nodeManifests(npmCi, '', reader({ 'package.json': '{}', 'yarn.lock': '' })), undefined);
  });

  const more: [string, Parameters<typeof nodeManifests>[0], Record<string, string>, string][] = [
    ['a postinstall script', npmCi, { 'package.json': pkg({ scripts: { postinstall: 'patch-package' } }), 'package-lock.json': '{}' }, 'package.json has a `postinstall` script, which the install runs'],
    ['a prepare script', npmInstall, { 'package.json': pkg({ scripts: { build: 'tsc', prepare: 'husky install' } }) }, 'package.json has a `prepare` script, which the install runs'],
    ['workspaces', yarn, { 'package.json': pkg({ workspaces: ['packages/*'] }) }, 'package.json names `workspaces`, whose packages the install reads'],
    ['pnpm-workspace.yaml', pnpm, { 'package.json': '{}', 'pnpm-workspace.yaml': 'packages: []' }, 'pnpm-workspace.yaml names the packages of a workspace, which the install reads'],
    ['a file: dependency', npmInstall, { 'package.json': pkg({ dependencies: { lib: 'file:../lib' } }) }, 'package.json\'s `lib` is a path of the build context'],
    ['Yarn 2 and later', yarn, { 'package.json': pkg({ packageManager: 'yarn@4.1.0' }) }, 'Yarn 2 and later read .yarnrc.yml and what it names under .yarn/'],
    ['.yarnrc.yml', yarn, { 'package.json': '{}', '.yarnrc.yml': 'nodeLinker: node-modules' }, 'Yarn 2 and later read .yarnrc.yml and what it names under .yarn/'],
    ['.pnpmfile.cjs', pnpm, { 'package.json': '{}', '.pnpmfile.cjs': '' }, 'pnpm runs .pnpmfile.cjs or applies patches of the build context'],
  ];
  for (const [name, project, files, reason] of more) {
    it(`says the install may read more with ${name}`, () => assert.equal(nodeManifests(project, '', reader(files))?.readsMore, reason));
  }

  it('leaves the scripts out with --ignore-scripts', () => {
    const files = reader({ 'package.json': pkg({ scripts: { postinstall: 'x' } }), 'package-lock.json': '{}' });
    assert.equal(nodeManifests({ ...npmCi, ignoreScripts: true }, '', files)?.readsMore, undefined);
  });
});

describe('DependenciesAfterSource on Node installs, with the build context', () => {
  const URI = 'file:///fix/Dockerfile';
  const PLAIN = { 'package.json': '{"name":"app","dependencies":{"express":"^4"}}', 'package-lock.json': '{}' };
  function check(text: string, files?: Record<string, string>, dockerignore?: string[]) {
    const context = featureContext(AnalyzedDocument.fromText(text), [], { dockerignore, contextFile: files && ((path: string) => files[path]) });
    const diagnostics = computeDiagnostics(context, {}).filter((d) => d.code === 'DependenciesAfterSource');
    return { diagnostics, fixes: quickFixes(context, URI, diagnostics).filter((action) => !action.title.startsWith('Ignore')) };
  }
  const NPM = lines('FROM node:22', 'WORKDIR /app', 'COPY . .', 'RUN npm ci', 'CMD ["node", "server.js"]');

  it('reports the install with the manifests the context holds, and copies them first', () => {
    const { diagnostics: [diagnostic], fixes: [fix] } = check(NPM, PLAIN);
    assert.equal(diagnostic.message, '`npm ci` re-runs on every change to the build context: `COPY . .` on line 3 copies all of it first. Copy package.json and package-lock.json first, install, then copy the rest.');
    assert.equal(fix.title, "Copy package.json, package-lock.json and install before 'COPY . .'");
    assert.equal(applyEdits(NPM, fix.edit!.changes![URI]), lines('FROM node:22', 'WORKDIR /app', 'COPY package.json package-lock.json ./', 'RUN npm ci', 'COPY . .', 'CMD ["node", "server.js"]'));
  });

  it('copies from the directory the install runs in', () => {
    const text = lines('FROM node:22', 'WORKDIR /app/web', 'COPY . /app', 'RUN yarn install --frozen-lockfile');
    const { fixes: [fix] } = check(text, { 'web/package.json': '{}', 'web/yarn.lock': '' });
    assert.equal(applyEdits(text, fix.edit!.changes![URI]), lines('FROM node:22', 'WORKDIR /app/web', 'COPY web/package.json web/yarn.lock /app/web/', 'RUN yarn install --frozen-lockfile', 'COPY . /app'));
  });

  it('leaves out a lock file the .dockerignore excludes, and says nothing when it excludes package.json', () => {
    const text = lines('FROM node:22', 'WORKDIR /app', 'COPY . .', 'RUN npm install');
    assert.equal(check(text, { ...PLAIN, '.npmrc': 'x' }, ['package-lock.json', '.npmrc']).fixes[0].title, "Copy package.json and install before 'COPY . .'");
    assert.deepEqual(check(text, PLAIN, ['*.json']).diagnostics, []);
  });

  it('says why there is no fix where the install may read more than the manifests', () => {
    const { diagnostics: [diagnostic], fixes } = check(NPM, { ...PLAIN, 'package.json': '{"scripts":{"prepare":"husky install"}}' });
    assert.equal(diagnostic.message, '`npm ci` re-runs on every change to the build context: `COPY . .` on line 3 copies all of it first. It may read more than package.json and package-lock.json: package.json has a `prepare` script, which the install runs. Copy what it reads first, install, then copy the rest.');
    assert.deepEqual(fixes, []);
  });

  it('offers no fix for a RUN that also builds', () => {
    const { diagnostics, fixes } = check(lines('FROM node:22', 'WORKDIR /app', 'COPY . .', 'RUN npm ci && npm run build'), PLAIN);
    assert.equal(diagnostics.length, 1);
    assert.deepEqual(fixes, []);
  });

  it('takes `pnpm fetch` of the lock file for the install (pnpm\'s Docker recipe: the install after the copy works offline)', () => {
    assert.equal(dependencyInstall(['pnpm', 'fetch'])?.fetchOnly, true);
    const text = lines('FROM node:22', 'WORKDIR /app', 'COPY pnpm-lock.yaml .', 'RUN pnpm fetch', 'COPY . .', 'RUN pnpm install --offline');
    assert.deepEqual(check(text, { 'package.json': '{}', 'pnpm-lock.yaml': '' }).diagnostics, []);
    assert.deepEqual(check(lines('FROM node:22', 'WORKDIR /app', 'COPY . .', 'RUN pnpm fetch'), { 'package.json': '{}', 'pnpm-lock.yaml': '' }).diagnostics, []);
  });

  it('says nothing without the build context, or where the manifests were copied and installed first', () => {
    assert.deepEqual(check(NPM).diagnostics, []);
    assert.deepEqual(check(lines('FROM node:22', 'WORKDIR /app', 'COPY package*.json ./', 'RUN npm ci', 'COPY . .', 'RUN npm ci'), PLAIN).diagnostics, []);
    assert.deepEqual(check(lines('FROM node:22', 'WORKDIR /app', 'COPY . .', 'RUN npm ci'), { 'package.json': '{}' }).diagnostics, []);
  });
});

// What a Node package manager's install reads of the project, from the build context's files: the manifests a
// fix can copy first (package.json, the lock file, the manager's configuration), or why the install may read
// more than those (then DependenciesAfterSource says so and offers no fix). From the managers' documentation:
// npm runs the root package's preinstall, install, postinstall, prepublish, preprepare, prepare and postprepare
// scripts on `npm ci` / `npm install` (docs.npmjs.com/cli/using-npm/scripts, "npm ci", "npm install"), yarn
// and pnpm run preinstall, install, postinstall and prepare; `workspaces` (npm, yarn) and pnpm-workspace.yaml
// install the packages of the tree; a `file:`, `link:`, `portal:`, `workspace:` or `patch:` dependency reads a
// path of the tree; Yarn 2 and later read .yarnrc.yml and what it names under .yarn/ (yarnPath, plugins);
// pnpm runs .pnpmfile.cjs and applies `pnpm.patchedDependencies`. npm ci fails without package-lock.json or
// npm-shrinkwrap.json ("npm ci": "must have an existing package-lock.json or npm-shrinkwrap.json").
import type { ContextFileText } from '../featureContext';
import type { NodeProject } from './dependencyInstalls';

export interface ProjectManifests {
  /** The files the install reads, relative to where it runs. */
  readonly manifests: readonly string[];
  /** Why the install may read more than the manifests (no fix then); undefined where they are all it reads. */
  readonly readsMore?: string;
}

const LIFECYCLE: Record<NodeProject['manager'], readonly string[]> = {
  npm: ['preinstall', 'install', 'postinstall', 'prepublish', 'preprepare', 'prepare', 'postprepare'],
  yarn: ['preinstall', 'install', 'postinstall', 'prepare'],
  pnpm: ['preinstall', 'install', 'postinstall', 'prepare'],
};

/** Lock files first, then configuration, in the order the fix copies them. */
const PROJECT_FILES: Record<NodeProject['manager'], readonly string[]> = {
  npm: ['package-lock.json', 'npm-shrinkwrap.json', '.npmrc'],
  yarn: ['yarn.lock', '.yarnrc', '.npmrc'],
  pnpm: ['pnpm-lock.yaml', '.npmrc'],
};

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies', 'overrides', 'resolutions'];

const LOCAL_SPEC = /^(file:|link:|portal:|workspace:|patch:|\.{0,2}\/|~\/)/;

/**
 * The manifests of the install in `directory` (from the context's root, '' for the root); undefined where the
 * context's package.json is not known (no workspace, another context) or the install fails anyway (npm ci without
 * a lock file).
 */
export function nodeManifests(project: NodeProject, directory: string, read: ContextFileText): ProjectManifests | undefined {
  const at = (name: string) => (directory === '' ? name : `${directory}/${name}`);
  const text = read(at('package.json'));
  const json = text === undefined ? undefined : parseObject(text);
  if (!json) return undefined;
  const present = PROJECT_FILES[project.manager].filter((name) => read(at(name)) !== undefined);
  if (project.lockRequired && !present.some((name) => name === 'package-lock.json' || name === 'npm-shrinkwrap.json')) return undefined;
  return { manifests: ['package.json', ...present], readsMore: readsMore(project, json, (name) => read(at(name)) !== undefined) };
}

function readsMore(project: NodeProject, json: Record<string, unknown>, exists: (name: string) => boolean): string | undefined {
  const scripts = asObject(json.scripts);
  const script = project.ignoreScripts ? undefined : LIFECYCLE[project.manager].find((name) => scripts?.[name] !== undefined);
  if (script) return `package.json has a \`${script}\` script, which the install runs`;
  if (json.workspaces !== undefined) return 'package.json names `workspaces`, whose packages the install reads';
  if (project.manager === 'pnpm' && exists('pnpm-workspace.yaml')) return 'pnpm-workspace.yaml names the packages of a workspace, which the install reads';
  const local = DEPENDENCY_FIELDS.flatMap((field) => Object.entries(asObject(json[field]) ?? {}))
    .find(([, spec]) => typeof spec === 'string' && LOCAL_SPEC.test(spec));
  if (local) return `package.json's \`${local[0]}\` is a path of the build context`;
  if (project.manager === 'yarn' && (exists('.yarnrc.yml') || /^yarn@([2-9]|\d\d)/.test(String(json.packageManager ?? '')))) {
    return 'Yarn 2 and later read .yarnrc.yml and what it names under .yarn/';
  }
  if (project.manager === 'pnpm' && (exists('.pnpmfile.cjs') || asObject(asObject(json.pnpm)?.patchedDependencies) !== undefined)) {
    return 'pnpm runs .pnpmfile.cjs or applies patches of the build context';
  }
  return undefined;
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    return asObject(JSON.parse(text));
  } catch {
    return undefined;
  }
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
}

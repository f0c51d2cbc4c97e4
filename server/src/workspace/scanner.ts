// Finds the build targets a workspace names for its Dockerfiles: bake, compose, devcontainer, workflows,
// Makefiles and scripts. Reads files only (never runs anything), skips ignored folders, and stops at a cap so
// that a huge workspace stays fast; the result says when it was capped.
import { promises as fs } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import picomatch from 'picomatch';
import type { DiscoveredTarget } from './discovered';
import { bakeTargets } from './bake';
import { composeTargets } from './compose';
import { devcontainerTargets } from './devcontainer';
import { workflowTargets } from './workflows';
import { scriptTargets } from './scripts';
import { isVscodeConfiguration, vscodeTargets } from './vscodeTasks';

export const LIMITS = { files: 20000, bytesPerFile: 1024 * 1024, totalBytes: 32 * 1024 * 1024 };

/** Folders never worth reading, besides those the workspace's .gitignore names. */
const SKIPPED = new Set(['.git', 'node_modules', 'vendor', '.venv', 'dist', 'out', 'target', '__pycache__']);

export interface ScanResult {
  readonly targets: DiscoveredTarget[];
  /** The Dockerfiles found, by the names the extension gives the `dockerfile` language; sorted. */
  readonly dockerfiles: string[];
  /** Set when a cap stopped the scan: what it was. */
  readonly capped?: string;
}

export type Reader = (text: string, file: string, origin: string, root: string) => DiscoveredTarget[];

/** Compose, bake, devcontainer files and VS Code's tasks.json and launch.json: the ones the editor serves (completion, definition... at `target`). */
export function buildFileReader(path: string): Reader | undefined {
  const name = basename(path);
  if (/^(docker-)?compose(\..+)?\.ya?ml$/.test(name)) return composeTargets;
  if (/^docker-bake(\..+)?\.(hcl|json)$/.test(name) || name.endsWith('.hcl')) return bakeTargets;
  if (name === 'devcontainer.json' || name === '.devcontainer.json') return devcontainerTargets;
  if (isVscodeConfiguration(path)) return vscodeTargets;
  return undefined;
}

/** `Dockerfile`, `Containerfile`, `Dockerfile.*`, `*.Dockerfile`, `*.dockerfile`, `Containerfile.*`, `*.containerfile` (package.json). */
export function isDockerfileName(name: string): boolean {
  return /^(Dockerfile|Containerfile)(\..+)?$/.test(name) || /\.(Dockerfile|dockerfile|containerfile)$/.test(name);
}

/** Which reader a file needs, by its name and place; undefined for a file that names no targets. */
function readerFor(path: string, root: string): Reader | undefined {
  const name = basename(path);
  const inWorkflows = relative(root, path).split(sep).slice(0, 2).join('/') === '.github/workflows';
  if (inWorkflows && /\.ya?ml$/.test(name)) return workflowTargets;
  if (/^(Makefile|makefile|GNUmakefile|justfile|Justfile)$/.test(name) || /\.(mk|sh|bash|ps1)$/.test(name)) return scriptTargets;
  return buildFileReader(path);
}

/**
 * Reads the workspace folder `root`. `excluded` are the editor's `files.exclude` globs (relative to the folder,
 * as VS Code writes them): excluded folders and files are not read.
 */
export async function scanWorkspace(root: string, excluded: readonly string[] = []): Promise<ScanResult> {
  const targets: DiscoveredTarget[] = [];
  const dockerfiles: string[] = [];
  const done = (capped?: string): ScanResult => ({ targets: targets.sort(byOrigin), dockerfiles: dockerfiles.sort(), ...(capped ? { capped } : {}) });
  const ignored = await gitignoredNames(root);
  const matchesExclude = excluded.length > 0 ? picomatch([...excluded], { dot: true }) : () => false;
  const isExcluded = (path: string) => matchesExclude(relative(root, path).split(sep).join('/'));
  let files = 0;
  let bytes = 0;
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name) && !ignored.has(entry.name) && !isExcluded(path)) pending.push(path);
        continue;
      }
      if (!entry.isFile() || isExcluded(path)) continue;
      if (++files > LIMITS.files) return done(`more than ${LIMITS.files} files`);
      if (isDockerfileName(entry.name)) dockerfiles.push(path);
      const reader = readerFor(path, root);
      if (!reader) continue;
      const size = (await fs.stat(path)).size;
      if (size > LIMITS.bytesPerFile) continue;
      bytes += size;
      if (bytes > LIMITS.totalBytes) return done(`more than ${LIMITS.totalBytes / 1024 / 1024} MB of candidate files`);
      try {
        targets.push(...reader(await fs.readFile(path, 'utf8'), path, relative(root, path), root));
      } catch {
        // A file that does not parse names no target.
      }
    }
  }
  return done();
}

/** File by file, then by line: the same order whatever order the file system lists folders in. */
function byOrigin(a: DiscoveredTarget, b: DiscoveredTarget): number {
  const [fileA, lineA] = a.origin.split(/:(?=\d+$)/);
  const [fileB, lineB] = b.origin.split(/:(?=\d+$)/);
  return fileA < fileB ? -1 : fileA > fileB ? 1 : Number(lineA) - Number(lineB);
}

/** Plain folder names from the workspace's .gitignore (`build/`, `/tmp`): enough to skip generated trees. */
async function gitignoredNames(root: string): Promise<Set<string>> {
  try {
    const text = await fs.readFile(join(root, '.gitignore'), 'utf8');
    return new Set(text.split(/\r?\n/).map((line) => line.trim().replace(/^\//, '').replace(/\/$/, '')).filter((line) => /^[\w.-]+$/.test(line)));
  } catch {
    return new Set();
  }
}

// Finds the build targets a workspace names for its Dockerfiles: bake, compose, devcontainer, workflows,
// Makefiles and scripts. Reads files only (never runs anything), skips ignored folders, and stops at a cap so
// that a huge workspace stays fast; the result says when it was capped.
import { basename, join, relative, sep } from 'node:path';
import picomatch from 'picomatch';
import type { DiscoveredTarget, FileIndex } from './discovered';
import { bakeTargets } from './bake';
import { composeTargets } from './compose';
import { devcontainerTargets } from './devcontainer';
import { workflowTargets } from './workflows';
import { scriptTargets } from './scripts';
import { isVscodeConfiguration, vscodeTargets } from './vscodeTasks';
import { makefileTargets } from './makefiles';
import { packageScriptTargets } from './packageScripts';
import { CODE_FILE, CODE_PATH, codeTargets } from './codeTargets';
import { ensureShellParser } from './shellModules';
import { fileAccess } from './fileAccess';
import { isDockerfileName } from './dockerfileKinds';
import { timeSlices } from './eventLoop';
import { NotFollowed } from './discovered';

export const LIMITS = { files: 20000, bytesPerFile: 1024 * 1024, totalBytes: 32 * 1024 * 1024, bytesPerCodeFile: 256 * 1024, codeBytes: 16 * 1024 * 1024 };

/** Folders never worth reading, besides those the workspace's .gitignore names. */
const SKIPPED = new Set(['.git', 'node_modules', 'vendor', '.venv', 'dist', 'out', 'target', '__pycache__']);

export interface ScanResult {
  readonly targets: DiscoveredTarget[];
  /** The Dockerfiles found, by the names the extension gives the `dockerfile` language; sorted. */
  readonly dockerfiles: string[];
  /** Set when a cap stopped the scan: what it was. */
  readonly capped?: string;
  /**
   * What may name targets but was not read: files over the size caps, unreadable files and folders, files a
   * reader could not follow, and the rest of the workspace past a cap. Any stage may be built there.
   */
  readonly unread: readonly UnreadPart[];
}

/** A file or folder of the workspace that was not read, and why. */
export interface UnreadPart {
  /** Absolute; the workspace folder itself when a cap stopped the scan. */
  readonly path: string;
  readonly why: string;
}

export type Reader = (text: string, file: string, origin: string, root: string, files: FileIndex) => DiscoveredTarget[];

/** Compose, bake, devcontainer files and VS Code's tasks.json and launch.json: the ones the editor serves (completion, definition... at `target`). */
export function buildFileReader(path: string): Reader | undefined {
  const name = basename(path);
  if (/^(docker-)?compose(\..+)?\.ya?ml$/.test(name)) return composeTargets;
  if (/^docker-bake(\..+)?\.(hcl|json)$/.test(name) || name.endsWith('.hcl')) return bakeTargets;
  if (name === 'devcontainer.json' || name === '.devcontainer.json') return devcontainerTargets;
  if (isVscodeConfiguration(path)) return vscodeTargets;
  return undefined;
}

const SCRIPT_FOLDER = /(^|\/)(hack|scripts?|bin|build-bin|tools|ci|\.ci|build|release|contrib|dev)\//;

const shebangScriptTargets: Reader = (text, ...rest) => (/^#!.*\b(ba|da|k|z)?sh\b/.test(text) ? scriptTargets(text, ...rest) : []);

/** The readers that parse shell: they need the shell parser loaded. */
const SHELL_READERS = new Set<Reader>([scriptTargets, shebangScriptTargets, makefileTargets, workflowTargets, packageScriptTargets]);

/**
 * Which reader a file needs, by its name and its `/`-separated path relative to the workspace folder;
 * undefined for a file that names no targets. Called for every file of the walk: the path is split once.
 */
function readerFor(path: string, name: string, relativePath: string): Reader | undefined {
  if (/\.ya?ml$/.test(name) && relativePath.startsWith('.github/workflows/')) return workflowTargets;
  if (/^(Makefile|makefile|GNUmakefile)$/.test(name) || name.endsWith('.mk')) return makefileTargets;
  if (/^(justfile|Justfile)$/.test(name) || /\.(sh|bash|ps1)$/.test(name)) return scriptTargets;
  // A script without extension in a folder of scripts (`hack/build`, `build-bin/docker/docker_build`): read when it starts with a shell's `#!`.
  if (!name.includes('.') && SCRIPT_FOLDER.test(relativePath)) return shebangScriptTargets;
  if (name === 'package.json') return packageScriptTargets;
  if (CODE_FILE.test(name) && CODE_PATH.test(relativePath)) return codeTargets;
  return buildFileReader(path);
}

/**
 * Reads the workspace folder `root`. `excluded` are the editor's `files.exclude` globs (relative to the folder,
 * as VS Code writes them): excluded folders and files are not read.
 */
export async function scanWorkspace(root: string, excluded: readonly string[] = []): Promise<ScanResult> {
  const targets: DiscoveredTarget[] = [];
  const dockerfiles: string[] = [];
  const unread: UnreadPart[] = [];
  const done = (capped?: string): ScanResult => {
    // A file a build names as its Dockerfile is one, whatever its name.
    for (const dockerfile of new Set(targets.map((target) => target.dockerfile))) {
      if (named.has(dockerfile) && !dockerfiles.includes(dockerfile)) dockerfiles.push(dockerfile);
    }
    if (capped) unread.push({ path: root, why: `the scan stopped at ${capped}` });
    return { targets: targets.sort(byOrigin), dockerfiles: dockerfiles.sort(), ...(capped ? { capped } : {}), unread: summarized(unread, root) };
  };
  let named: FileIndex = { has: () => false, matching: () => [] };
  const ignored = await gitignoredNames(root);
  const matchesExclude = excluded.length > 0 ? picomatch([...excluded], { dot: true }) : () => false;
  const all: string[] = [];
  // Node reads synchronously (nodeFileAccess.ts): requests are served between slices of the scan.
  const pause = timeSlices();
  // The shell parser's WebAssembly compiles while the walk goes on, from the first file that needs it.
  let shellParser: Promise<boolean> | undefined;
  const toRead: { path: string; reader: Reader }[] = [];
  let capped: string | undefined;
  // Each folder with its `/`-separated path relative to the workspace folder (built as the walk descends).
  const pending: [string, string][] = [[root, '']];
  walk: while (pending.length > 0) {
    const [dir, dirPath] = pending.pop()!;
    await pause();
    const entries = await fileAccess().readDirectory(dir);
    if (!entries) unread.push({ path: dir, why: 'the folder could not be read' });
    // `dir` is normalized: its entries' paths need no `join`, which normalizes each again (13,000 times a scan).
    const prefix = dir.endsWith(sep) ? dir : dir + sep;
    for (const entry of entries ?? []) {
      const path = prefix + entry.name;
      const relativePath = dirPath ? `${dirPath}/${entry.name}` : entry.name;
      if (entry.kind === 'directory') {
        if (!SKIPPED.has(entry.name) && !ignored.anywhere.has(entry.name) && !(dirPath === '' && ignored.atRoot.has(entry.name)) && !matchesExclude(relativePath)) pending.push([path, relativePath]);
        continue;
      }
      if (entry.kind !== 'file' || matchesExclude(relativePath)) continue;
      if (all.length >= LIMITS.files) {
        capped = `more than ${LIMITS.files} files`;
        break walk;
      }
      all.push(path);
      if (isDockerfileName(entry.name)) dockerfiles.push(path);
      const reader = readerFor(path, entry.name, relativePath);
      if (!reader) continue;
      toRead.push({ path, reader });
      if (SHELL_READERS.has(reader)) shellParser ??= ensureShellParser();
    }
  }
  // Scripts' builds name their Dockerfile with paths the script computes: they are looked for among these files.
  const files = fileIndex(all);
  named = files;
  await shellParser;
  let bytes = 0;
  let codeBytes = 0;
  // Build files first; source code (a target named in code) last, on a budget of its own. Files are asked for
  // a batch at a time: in a browser each read is a request to the client, and they are answered together.
  toRead.sort((a, b) => Number(a.reader === codeTargets) - Number(b.reader === codeTargets));
  for (let start = 0; start < toRead.length; start += READ_BATCH) {
    const batch = toRead.slice(start, start + READ_BATCH);
    const texts = await Promise.all(batch.map(({ path, reader }) => fileAccess().readFile(path, reader === codeTargets ? LIMITS.bytesPerCodeFile : LIMITS.bytesPerFile)));
    for (const [i, { path, reader }] of batch.entries()) {
      const text = texts[i];
      await pause();
      if (text === undefined) {
        unread.push({ path, why: `larger than ${(reader === codeTargets ? LIMITS.bytesPerCodeFile : LIMITS.bytesPerFile) / 1024} KB, or unreadable` });
        continue;
      }
      if (reader === codeTargets) {
        codeBytes += text.length;
        if (codeBytes > LIMITS.codeBytes) return done(`more than ${LIMITS.codeBytes / 1024 / 1024} MB of source code`);
      } else {
        bytes += text.length;
        if (bytes > LIMITS.totalBytes) return done(`more than ${LIMITS.totalBytes / 1024 / 1024} MB of candidate files`);
      }
      try {
        targets.push(...reader(text, path, relative(root, path), root, files));
      } catch (error) {
        // A file whose builds cannot be followed may build any stage: said, never taken as building none.
        unread.push({ path, why: error instanceof NotFollowed ? error.message : 'it could not be parsed' });
      }
    }
  }
  return done(capped);
}

const READ_BATCH = 32;
/** Past this many, the unread files are said as a count and the first few names. */
const UNREAD_NAMED = 3;

/** At most a few unread parts by name: messages list them. */
function summarized(unread: readonly UnreadPart[], root: string): UnreadPart[] {
  if (unread.length <= UNREAD_NAMED) return [...unread];
  const names = unread.slice(0, UNREAD_NAMED).map((part) => relative(root, part.path) || '.').join(', ');
  return [{ path: root, why: `${unread.length} files or folders not read (${names}, ...; ${unread[0].why})` }];
}

/** The scanned files, by absolute path; patterns see `/`-separated paths. */
function fileIndex(paths: readonly string[]): FileIndex {
  const set = new Set(paths);
  const slashed = sep === '/' ? paths : paths.map((path) => path.split(sep).join('/'));
  return {
    has: (path) => set.has(path),
    matching: (pattern) => slashed.flatMap((path, i) => (pattern.test(path) ? [paths[i]] : [])),
  };
}

/** File by file, then by line: the same order whatever order the file system lists folders in. */
function byOrigin(a: DiscoveredTarget, b: DiscoveredTarget): number {
  const [fileA, lineA] = a.origin.split(/:(?=\d+$)/);
  const [fileB, lineB] = b.origin.split(/:(?=\d+$)/);
  return fileA < fileB ? -1 : fileA > fileB ? 1 : Number(lineA) - Number(lineB);
}

/**
 * Plain folder names from the workspace's .gitignore (`build/`, `/tmp`): enough to skip generated trees. A name
 * anchored with `/` is the workspace folder's only, as git reads it: `/build` leaves `hack/build/` to be read.
 */
async function gitignoredNames(root: string): Promise<{ anywhere: Set<string>; atRoot: Set<string> }> {
  const text = await fileAccess().readFile(join(root, '.gitignore'), LIMITS.bytesPerFile) ?? '';
  const anywhere = new Set<string>();
  const atRoot = new Set<string>();
  for (const line of text.split(/\r?\n/).map((line) => line.trim())) {
    const name = line.replace(/^\//, '').replace(/\/$/, '');
    if (/^[\w.-]+$/.test(name)) (line.startsWith('/') ? atRoot : anywhere).add(name);
  }
  return { anywhere, atRoot };
}

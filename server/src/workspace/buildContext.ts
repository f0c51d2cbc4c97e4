// The build context of a Dockerfile as the rules on what ships read it: the `.git` folders and credential files
// in it, and the .dockerignore that applies. The context is the folder buildContextFolder.ts makes certain.
// Certain or nothing: a walk that meets more entries than MAX_ENTRIES or a folder it cannot read gives no listing,
// and neither does a .dockerignore whose reading is unknown, nor a file access that is no local disk (a browser's
// virtual workspace lacks `.git` and the untracked files a build sends). The walk goes through `fileAccess()`,
// asynchronously: the server starts it off the request path and publishes again when it ends (dockerignore.ts);
// Node lists folders synchronously, so the walk gives the event loop its turns (eventLoop.ts).
import type { BuildContextListing } from '../analysis/buildContext';
import { IgnoreMatcher } from '../analysis/dockerignorePatterns';
import { credentialFile } from '../analysis/ships/credentials';
import { fileAccess } from './fileAccess';
import { timeSlices } from './eventLoop';

/** A context with more entries than this (a checkout with its dependencies installed, unignored) is not listed. */
const MAX_ENTRIES = 20_000;

/**
 * The files `COPY . …` would send from the context folder `root` that matter (`.git`, credential files), and the
 * .dockerignore; undefined when not certain. `dockerignore`: dockerignore.ts's `ignorePatternsFor` the Dockerfile.
 */
export async function buildContextOf(root: string, dockerignore: readonly string[] | undefined): Promise<BuildContextListing | undefined> {
  if (dockerignore === undefined || !fileAccess().localDisk) return undefined;
  // Excluded folders are not walked when no pattern re-includes anything (fsutil's walk skips them the same way).
  const matcher = dockerignore.length > 0 ? IgnoreMatcher.of(dockerignore) : undefined;
  if (dockerignore.length > 0 && !matcher) return undefined;
  const skip = matcher && !matcher.hasExclusions ? (path: string) => matcher.matchesOrParentMatches(path) : () => false;
  const sensitive = await walk(root, skip);
  return sensitive && { sensitive: sensitive.sort(), dockerignore };
}

/** The sensitive paths under `root`, breadth first; undefined past MAX_ENTRIES or on a folder that cannot be read. */
async function walk(root: string, skip: (path: string) => boolean): Promise<string[] | undefined> {
  const sensitive: string[] = [];
  const folders = [''];
  let entries = 0;
  const pause = timeSlices();
  for (let folder = folders.shift(); folder !== undefined; folder = folders.shift()) {
    await pause();
    const listed = await fileAccess().readDirectory(folder === '' ? root : `${root}/${folder}`);
    if (!listed) return undefined;
    entries += listed.length;
    if (entries > MAX_ENTRIES) return undefined;
    for (const entry of listed) {
      const path = folder === '' ? entry.name : `${folder}/${entry.name}`;
      // Symbolic links are sent as links, not as what they point to.
      if (entry.kind === 'directory' && entry.name === '.git') sensitive.push(path);
      else if (entry.kind === 'directory' && !skip(path)) folders.push(path);
      else if (entry.kind === 'file' && credentialFile(path)) sensitive.push(path);
    }
  }
  return sensitive;
}

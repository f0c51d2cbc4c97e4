// The build context's files a rule asks for (a Node install's package.json and lock files), read from disk, in
// the context folder buildContextFolder.ts makes certain. Each file is read once and kept until a watched file
// changes.
import { join } from 'node:path';
import { savedText } from './savedFiles';

/** A file of the context by its '/'-separated path from the context's root; undefined when not there or outside. */
export function readContextFile(contextRoot: string, path: string): string | undefined {
  if (path.startsWith('/') || path.split('/').includes('..')) return undefined;
  return savedText(join(contextRoot, ...path.split('/')));
}

/** The context files read so far, per context folder, until the server's watcher says one may have changed. */
export class BuildContextFiles {
  private readonly read = new Map<string, string | undefined>();

  private readonly readers = new Map<string, (path: string) => string | undefined>();

  /**
   * The reader of the build context folder `root`: the same function until a watched file changes (the rules'
   * per-stage results are kept while it is).
   */
  readerFor(root: string): (path: string) => string | undefined {
    let reader = this.readers.get(root);
    if (!reader) {
      reader = (path) => {
        const key = join(root, path);
        if (!this.read.has(key)) this.read.set(key, readContextFile(root, path));
        return this.read.get(key);
      };
      this.readers.set(root, reader);
    }
    return reader;
  }

  changed(): void {
    this.read.clear();
    this.readers.clear();
  }
}

/**
 * The files whose change may change what the context reader answered: the Node projects' manifests, and a Go
 * module's (go.mod, go.sum, go.work, vendor/modules.txt) for the conversion's download first.
 */
export const MANIFEST_FILES_GLOB = '**/{package.json,package-lock.json,npm-shrinkwrap.json,yarn.lock,pnpm-lock.yaml,pnpm-workspace.yaml,.npmrc,.yarnrc,.yarnrc.yml,.pnpmfile.cjs,go.mod,go.sum,go.work,modules.txt}';

export function isManifestFileUri(uri: string): boolean {
  return /(?:^|\/)(package\.json|package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|pnpm-workspace\.yaml|\.npmrc|\.yarnrc|\.yarnrc\.yml|\.pnpmfile\.cjs|go\.mod|go\.sum|go\.work|vendor\/modules\.txt)$/.test(uri);
}

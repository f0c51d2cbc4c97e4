// The .dockerignore that applies to a Dockerfile's builds, as BuildKit's client picks it
// (frontend/dockerui/config.go at moby/buildkit 73ed6825: `Client.ReadEntrypoint` reads `<Dockerfile>.dockerignore`
// from the Dockerfile's own folder and, found, it is the one used, even empty; else `dockerIgnorePatterns` reads
// `.dockerignore` at the build context's root). The context is buildContextFolder.ts's: where it is unknown,
// only a `<Dockerfile>.dockerignore` is known to apply. A Dockerfile that is not a file on disk has none known,
// and CopyIgnoredFile says nothing about it.
import { join } from 'node:path';
import { readIgnoreFile } from '../analysis/dockerignorePatterns';
import { savedText } from './savedFiles';
import type { BuildContextListing } from '../analysis/buildContext';
import { buildContextOf } from './buildContext';
import { fileAccess } from './fileAccess';
import { CREDENTIAL_NAMES, CREDENTIAL_TAILS } from '../analysis/ships/credentials';

/** The patterns that apply to the Dockerfile at `path` built from `context`; undefined when none is known to apply. */
export function dockerignoreFor(path: string, context: string | undefined): readonly string[] | undefined {
  const patterns = ignorePatternsFor(path, context);
  return patterns?.length === 0 ? undefined : patterns;
}

/**
 * The patterns that apply: none (`[]`) where there is no .dockerignore; undefined where which one applies is
 * unknown (no `<Dockerfile>.dockerignore` and the context folder not known).
 */
export function ignorePatternsFor(path: string, context: string | undefined): readonly string[] | undefined {
  const own = savedText(`${path}.dockerignore`);
  // An empty one may read as no file at all to BuildKit (and the context's would apply): unknown.
  if (own !== undefined) return own === '' ? undefined : readIgnoreFile(own);
  if (context === undefined) return undefined;
  const inContext = savedText(join(context, '.dockerignore'));
  return inContext === undefined ? [] : readIgnoreFile(inContext);
}

/** The files the server watches: saving one changes the diagnostics of the Dockerfiles it applies to. */
export const DOCKERIGNORE_GLOB = '**/{.dockerignore,*.dockerignore}';

export function isDockerignoreUri(uri: string): boolean {
  return /(?:^|\/)[^/]*\.dockerignore$/.test(uri);
}

/** The files whose coming or going changes a build context's listing (buildContext.ts): `.git` and the credential files. */
const CONTEXT_FILES = ['.git', ...CREDENTIAL_NAMES, ...CREDENTIAL_TAILS];
export const CONTEXT_FILES_GLOB = `**/{${CONTEXT_FILES.join(',')}}`;

export function isContextFileUri(uri: string): boolean {
  return CONTEXT_FILES.some((name) => uri.endsWith(`/${name}`));
}

/**
 * The patterns and the build context's listing per Dockerfile and context folder, read once and kept until a
 * .dockerignore or a file of CONTEXT_FILES_GLOB changes (the server's watcher says so). A listing is walked in the
 * background: asked for the first time it is not known yet, and `onListed` is called when it is. Dockerfiles built
 * from the same folder with the same patterns (a repository's images all built from its root) share one walk.
 */
export class DockerignoreFiles {
  private readonly read = new Map<string, readonly string[] | undefined>();
  private readonly listed = new Map<string, BuildContextListing | undefined>();
  private readonly listing = new Set<string>();
  /** The walks under way or done, by context folder and patterns. */
  private readonly walks = new Map<string, Promise<BuildContextListing | undefined>>();
  /** Changes since the server started: a walk that ends after a change is dropped (a newer one starts on the next ask). */
  private generation = 0;

  constructor(private readonly onListed: (dockerfile: string, context: string, listing: BuildContextListing | undefined) => void = () => undefined) {}

  patternsFor(path: string, context: string | undefined): readonly string[] | undefined {
    const key = `${path}\0${context ?? ''}`;
    if (!this.read.has(key)) this.read.set(key, dockerignoreFor(path, context));
    return this.read.get(key);
  }

  /** The listing of the context folder `context` of the Dockerfile at `path`; undefined until the walk has ended. */
  contextFor(path: string, context: string): BuildContextListing | undefined {
    const key = `${path}\0${context}`;
    // Not on a local disk (a browser), no listing is certain: none is walked.
    if (!this.listed.has(key) && !this.listing.has(key) && fileAccess().localDisk) {
      this.listing.add(key);
      const generation = this.generation;
      const patterns = ignorePatternsFor(path, context);
      const walkKey = JSON.stringify([context, patterns]);
      let walk = this.walks.get(walkKey);
      if (!walk) this.walks.set(walkKey, walk = buildContextOf(context, patterns));
      void walk.then((listing) => {
        if (generation !== this.generation) return;
        this.listing.delete(key);
        this.listed.set(key, listing);
        this.onListed(path, context, listing);
      });
    }
    return this.listed.get(key);
  }

  changed(): void {
    this.generation++;
    this.read.clear();
    this.listed.clear();
    this.listing.clear();
    this.walks.clear();
  }
}

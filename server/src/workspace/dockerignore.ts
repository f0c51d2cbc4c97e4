// The .dockerignore that applies to a Dockerfile's builds, as BuildKit's client picks it
// (frontend/dockerui/config.go): `<Dockerfile>.dockerignore` beside the Dockerfile first (even empty, it is the
// one used), else the build context's `.dockerignore`. The build context is taken to be the Dockerfile's folder
// (`docker build .` where it lives, what compose and bake default to); a Dockerfile that is not a file on disk
// has none known, and CopyIgnoredFile says nothing about it.
import { dirname, join } from 'node:path';
import { readIgnoreFile } from '../analysis/dockerignorePatterns';
import { savedText } from './savedFiles';
import type { BuildContextListing } from '../analysis/buildContext';
import { buildContextOf } from './buildContext';
import { CREDENTIAL_NAMES, CREDENTIAL_TAILS } from '../analysis/ships/credentials';

/** The patterns that apply to the Dockerfile at `path`; undefined when none is known to apply. */
export function dockerignoreFor(path: string): readonly string[] | undefined {
  const patterns = ignorePatternsFor(path);
  return patterns?.length === 0 ? undefined : patterns;
}

/** The patterns that apply: none (`[]`) where there is no .dockerignore; undefined where which one applies is unknown. */
export function ignorePatternsFor(path: string): readonly string[] | undefined {
  const own = savedText(`${path}.dockerignore`);
  // An empty one may read as no file at all to BuildKit (and the context's would apply): unknown.
  if (own !== undefined) return own === '' ? undefined : readIgnoreFile(own);
  const context = savedText(join(dirname(path), '.dockerignore'));
  return context === undefined ? [] : readIgnoreFile(context);
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
 * The patterns and the build context's listing per Dockerfile, read once and kept until a .dockerignore or a file
 * of CONTEXT_FILES_GLOB changes (the server's watcher says so).
 */
export class DockerignoreFiles {
  private readonly read = new Map<string, readonly string[] | undefined>();
  private readonly listed = new Map<string, BuildContextListing | undefined>();

  patternsFor(path: string): readonly string[] | undefined {
    if (!this.read.has(path)) this.read.set(path, dockerignoreFor(path));
    return this.read.get(path);
  }

  contextFor(path: string): BuildContextListing | undefined {
    if (!this.listed.has(path)) this.listed.set(path, buildContextOf(path, ignorePatternsFor(path)));
    return this.listed.get(path);
  }

  changed(): void {
    this.read.clear();
    this.listed.clear();
  }
}

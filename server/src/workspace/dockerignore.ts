// The .dockerignore that applies to a Dockerfile's builds, as BuildKit's client picks it
// (frontend/dockerui/config.go): `<Dockerfile>.dockerignore` beside the Dockerfile first (even empty, it is the
// one used), else the build context's `.dockerignore`. The build context is taken to be the Dockerfile's folder
// (`docker build .` where it lives, what compose and bake default to); a Dockerfile that is not a file on disk
// has none known, and CopyIgnoredFile says nothing about it.
import { dirname, join } from 'node:path';
import { readIgnoreFile } from '../analysis/dockerignorePatterns';
import { savedText } from './savedFiles';

/** The patterns that apply to the Dockerfile at `path`; undefined when none is known to apply. */
export function dockerignoreFor(path: string): readonly string[] | undefined {
  const own = savedText(`${path}.dockerignore`);
  // An empty one may read as no file at all to BuildKit (and the context's would apply): unknown.
  if (own !== undefined) return own === '' ? undefined : readIgnoreFile(own);
  const context = savedText(join(dirname(path), '.dockerignore'));
  return context === undefined ? undefined : readIgnoreFile(context);
}

/** The files the server watches: saving one changes the diagnostics of the Dockerfiles it applies to. */
export const DOCKERIGNORE_GLOB = '**/{.dockerignore,*.dockerignore}';

export function isDockerignoreUri(uri: string): boolean {
  return /(?:^|\/)[^/]*\.dockerignore$/.test(uri);
}

/** The patterns per Dockerfile, read once and kept until a .dockerignore changes (the server's watcher says so). */
export class DockerignoreFiles {
  private readonly read = new Map<string, readonly string[] | undefined>();

  patternsFor(path: string): readonly string[] | undefined {
    if (!this.read.has(path)) this.read.set(path, dockerignoreFor(path));
    return this.read.get(path);
  }

  changed(): void {
    this.read.clear();
  }
}

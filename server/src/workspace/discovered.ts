// A build target found in a workspace file: which Dockerfile, which stage, and where it was said.
import { normalize, resolve } from 'node:path';

export interface DiscoveredTarget {
  /** The Dockerfile's absolute path. */
  readonly dockerfile: string;
  /** The stage, as written (case-insensitive, may hold `${VAR}` / `${{ expr }}` patterns). */
  readonly target: string;
  /** `docker-bake.hcl:167`: the file (relative to the workspace) and 1-based line. */
  readonly origin: string;
}

/** The Dockerfile a build names: `file` relative to `base`, else `Dockerfile` in the context. */
export function dockerfilePath(base: string, context: string | undefined, file: string | undefined): string {
  const contextDir = resolve(base, context ?? '.');
  return normalize(file ? resolve(contextDir, file) : resolve(contextDir, 'Dockerfile'));
}

/** 1-based line of an offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}

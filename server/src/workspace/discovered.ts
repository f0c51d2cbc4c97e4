// A build target found in a workspace file: which Dockerfile, which stage, and where it was said.
import { normalize, resolve } from 'node:path';
import type { Range } from '../analysis/model';

export interface DiscoveredTarget {
  /** The Dockerfile's absolute path. */
  readonly dockerfile: string;
  /** The stage, as written (case-insensitive, may hold `${VAR}` / `${{ expr }}` patterns); empty while unwritten. */
  readonly target: string;
  /** `docker-bake.hcl:167`: the file (relative to the workspace) and 1-based line. */
  readonly origin: string;
  /** The file that names the target (absolute). */
  readonly file: string;
  /** The target's value in that file, quotes excluded (0-based, UTF-16 columns); empty when unwritten. */
  readonly range: Range;
}

/** The Dockerfile a build names: `file` relative to `base`, else `Dockerfile` in the context. */
export function dockerfilePath(base: string, context: string | undefined, file: string | undefined): string {
  const contextDir = resolve(base, context ?? '.');
  return normalize(file ? resolve(contextDir, file) : resolve(contextDir, 'Dockerfile'));
}

/** Offsets to LSP positions in one text (line starts computed once). */
export class TextLines {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }

  private position(offset: number): Range['start'] {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low, character: offset - this.starts[low] };
  }
}

/** A target named at `[start, end)` of the file's text. */
export function targetAt(lines: TextLines, where: { file: string; origin: string }, dockerfile: string, target: string, start: number, end: number): DiscoveredTarget {
  const range = lines.range(start, end);
  return { dockerfile, target, file: where.file, origin: `${where.origin}:${range.start.line + 1}`, range };
}

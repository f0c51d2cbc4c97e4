// File indexes for the workspace readers: made-up files (`fileIndex`), or the disk (fixtures).
import { existsSync } from 'node:fs';
import { sep } from 'node:path';
import type { FileIndex } from '../../server/src/workspace/discovered';

/** These files only (absolute paths). */
export function fileIndex(paths: readonly string[]): FileIndex {
  const set = new Set(paths);
  return { has: (path) => set.has(path), matching: (pattern) => paths.filter((path) => pattern.test(path.split(sep).join('/'))) };
}

/** The files on disk (computed paths find nothing). */
export const DISK_FILES: FileIndex = { has: existsSync, matching: () => [] };

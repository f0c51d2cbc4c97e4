// Files as saved on disk, for the server's requests on files that are not open: their text, and whether a
// path a build file names is there.
import { existsSync, readFileSync } from 'node:fs';
import type { FileIndex } from './discovered';

/** Paths looked up on disk one by one (a computed path, as scripts have, is not read from one). */
export const SAVED_FILES: FileIndex = { has: existsSync, matching: () => [] };

/** A saved file's text; undefined when there is none to read. */
export function savedText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

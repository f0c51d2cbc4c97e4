// Files as saved, for the server's requests on files that are not open: their text, and whether a path a
// build file names is there.
import type { FileIndex } from './discovered';
import { fileAccess } from './fileAccess';

/** Paths looked up one by one (a computed path, as scripts have, is not read from one). */
export const SAVED_FILES: FileIndex = { has: (path) => fileAccess().stampNow(path) !== undefined, matching: () => [] };

/** A saved file's text; undefined when there is none to read. */
export function savedText(path: string): string | undefined {
  return fileAccess().readNow(path, Number.POSITIVE_INFINITY);
}

// The one way the workspace layer reaches files and names them: Node's file system on the desktop
// (`nodeFileAccess.ts`, the default), requests to the client in a browser worker (`clientFileAccess.ts`,
// installed by `browserServer.ts` before anything reads). Paths are the host's: native ones on the desktop,
// the URI's POSIX path in the browser (`vscode-vfs://github/o/r/Dockerfile` is `/o/r/Dockerfile`).
import { NODE_FILE_ACCESS, NOT_A_FILE } from './nodeFileAccess';

export interface DirectoryEntry {
  readonly name: string;
  readonly kind: 'file' | 'directory' | 'other';
}

export interface FileAccess {
  /** The path a document's URI names; undefined for one that names no file here (untitled, another scheme). */
  pathOf(uri: string): string | undefined;
  /** The URI of the file at a path. */
  uriOf(path: string): string;
  /** A folder's entries; undefined when it cannot be read. */
  readDirectory(path: string): Promise<readonly DirectoryEntry[] | undefined>;
  /** A file's text when it is at most `maxBytes` long; undefined when it is larger, absent or unreadable. */
  readFile(path: string, maxBytes: number): Promise<string | undefined>;
  /**
   * For requests, which cannot wait: what changes when the file changes, FOLDER_STAMP for a folder (or anything
   * else that is no file), undefined when nothing is known there.
   * The browser answers from what it has read, and reads the rest for the next time (`clientFileAccess.ts`).
   */
  stampNow(path: string): string | undefined;
  /** For requests: a saved file's text, undefined when none is known (the same way as `stampNow`). */
  readNow(path: string, maxBytes: number): string | undefined;
  /** Forgets what `stampNow` and `readNow` knew of a changed file (the browser keeps what it read). */
  forget(path: string): void;
  /** Calls `listener` when a file `stampNow` or `readNow` did not know yet has been read (the browser's late reads). */
  onLateRead(listener: () => void): void;
  /** One of the server's own files by name (the shell parser's WebAssembly, copied beside the bundle). */
  readBundled(name: string): Promise<Uint8Array>;
  /**
   * Whether the files are those a build on this machine sends (a local disk): a browser's virtual workspace
   * lacks `.git` and the untracked files, so a build context listed there is not certain (buildContext.ts).
   */
  readonly localDisk: boolean;
}

/** `stampNow` of what is there but is no file. */
export const FOLDER_STAMP = NOT_A_FILE;

let installed: FileAccess = NODE_FILE_ACCESS;

/** Where the workspace's files are read from. */
export function fileAccess(): FileAccess {
  return installed;
}

/** Replaces Node's file system (the browser worker's server does, before it starts). */
export function installFileAccess(access: FileAccess): void {
  installed = access;
}

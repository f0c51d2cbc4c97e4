// Files through Node's file system: the desktop's server and the CLI. URIs are `file:` URIs.
import { promises as fs, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** `stampNow` of what is there but is no file (fileAccess.ts's FOLDER_STAMP). */
export const NOT_A_FILE = 'not a file';

/** Typed as fileAccess.ts's `FileAccess` where it is the default (imported there, it imports nothing back). */
export const NODE_FILE_ACCESS = {
  pathOf(uri: string): string | undefined {
    try {
      return uri.startsWith('file:') ? normalize(fileURLToPath(uri)) : undefined;
    } catch {
      return undefined;
    }
  },
  uriOf: (path: string): string => pathToFileURL(path).href,
  // Synchronous on purpose: a local folder lists or a small file reads in tens of microseconds, while each of
  // Node's asynchronous calls makes several round trips through its thread pool. Reading 1,400 small files took
  // 80-310 ms through `fs.promises`/callbacks and 27-58 ms with `readFileSync` (stat first, as here); the
  // workspace scan, their main caller, gives the event loop its turns between files (scanner.ts).
  async readDirectory(path: string): Promise<{ name: string; kind: 'file' | 'directory' | 'other' }[] | undefined> {
    try {
      return readdirSync(path, { withFileTypes: true }).map((entry) => ({ name: entry.name, kind: entry.isFile() ? 'file' as const : entry.isDirectory() ? 'directory' as const : 'other' as const }));
    } catch {
      return undefined;
    }
  },
  async readFile(path: string, maxBytes: number): Promise<string | undefined> {
    return NODE_FILE_ACCESS.readNow(path, maxBytes);
  },
  stampNow(path: string): string | undefined {
    try {
      const stat = statSync(path);
      return stat.isFile() ? `${stat.size}:${stat.mtimeMs}` : NOT_A_FILE;
    } catch {
      return undefined;
    }
  },
  readNow(path: string, maxBytes: number): string | undefined {
    try {
      return statSync(path).size > maxBytes ? undefined : readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
  localDisk: true,
  // Node reads the disk on every call: nothing kept, nothing late.
  forget: (): void => undefined,
  onLateRead: (): void => undefined,
  // From beside the bundle (dist/, where the build copies them), else from node_modules (the tests run
  // unbundled from out/).
  async readBundled(name: string): Promise<Uint8Array> {
    try {
      return await fs.readFile(join(__dirname, name));
    } catch {
      return fs.readFile(require.resolve(BUNDLED_PACKAGES[name] ?? name));
    }
  },
};

const BUNDLED_PACKAGES: Record<string, string> = {
  'web-tree-sitter.wasm': 'web-tree-sitter/web-tree-sitter.wasm',
  'tree-sitter-bash.wasm': 'tree-sitter-bash/tree-sitter-bash.wasm',
};

// Files in a browser worker, where the server has no file system: every read is a request to the client, which
// reads through `vscode.workspace.fs` (any scheme: vscode-vfs on github.dev, a FileSystemProvider's). Paths are
// the URIs' POSIX paths; the workspace folders' `scheme://authority` turns a path back into a URI. What requests
// read synchronously (`stampNow`, `readNow`) comes from the files read so far; an unknown one is read for the
// next time, and `onLateRead` says when it has been.
import { posix } from '../analysis/posixPath';
import type { DirectoryEntry, FileAccess } from './fileAccess';

/** What the client answers (browserServer.ts sends the requests of protocol.ts). */
export interface ClientFiles {
  readDirectory(uri: string): Promise<readonly DirectoryEntry[] | undefined>;
  readFile(uri: string, maxBytes: number): Promise<string | undefined>;
  readBundled(name: string): Promise<Uint8Array>;
}

/** A URI's `scheme:` or `scheme://authority`, and its path. */
const URI_PARTS = /^([a-z][a-z0-9+.-]*:(?:\/\/[^/?#]*)?)([^?#]*)/i;

/** The largest file requests read (a Dockerfile that is not open: dockerfileFiles.ts's cap). */
const MAX_LATE_READ_BYTES = 4 * 1024 * 1024;

export class ClientFileAccess implements FileAccess {
  /** A virtual workspace is not what a build sends (no `.git`, no untracked files). */
  readonly localDisk = false;

  /** Each file read so far: its text, or null where there was none to read. */
  private readonly known = new Map<string, { text: string | null; read: number }>();
  private readonly reading = new Set<string>();
  private readonly listeners: (() => void)[] = [];
  private reads = 0;
  /** The workspace folders' URI prefixes, the longest path first. */
  private readonly roots: readonly { prefix: string; path: string }[];

  constructor(private readonly client: ClientFiles, rootUris: readonly string[]) {
    this.roots = rootUris.flatMap((uri) => {
      const [, prefix, path] = URI_PARTS.exec(uri) ?? [];
      return prefix ? [{ prefix, path: decodePath(path) }] : [];
    }).sort((a, b) => b.path.length - a.path.length);
  }

  pathOf(uri: string): string | undefined {
    const [, prefix, path] = URI_PARTS.exec(uri) ?? [];
    if (!this.roots.some((root) => root.prefix === prefix)) return undefined;
    try {
      return decodePath(path);
    } catch {
      return undefined;
    }
  }

  uriOf(path: string): string {
    const root = this.roots.find((folder) => !posix.relative(folder.path, path).startsWith('..')) ?? this.roots[0];
    return `${root?.prefix ?? 'file://'}${path.split('/').map(encodeURIComponent).join('/')}`;
  }

  readDirectory(path: string): Promise<readonly DirectoryEntry[] | undefined> {
    return this.client.readDirectory(this.uriOf(path)).catch(() => undefined);
  }

  async readFile(path: string, maxBytes: number): Promise<string | undefined> {
    const text = await this.client.readFile(this.uriOf(path), maxBytes).catch(() => undefined);
    if (text !== undefined || !this.known.has(path)) this.known.set(path, { text: text ?? null, read: ++this.reads });
    return text;
  }

  stampNow(path: string): string | undefined {
    const known = this.knownNow(path);
    return known?.text != null ? `read ${known.read}` : undefined;
  }

  readNow(path: string, maxBytes: number): string | undefined {
    const text = this.knownNow(path)?.text;
    return text != null && text.length <= maxBytes ? text : undefined;
  }

  forget(path: string): void {
    this.known.delete(path);
  }

  onLateRead(listener: () => void): void {
    this.listeners.push(listener);
  }

  readBundled(name: string): Promise<Uint8Array> {
    return this.client.readBundled(name);
  }

  /** What was read of `path`; undefined, and a read started, when it never was. */
  private knownNow(path: string): { text: string | null; read: number } | undefined {
    const known = this.known.get(path);
    if (!known && !this.reading.has(path)) {
      this.reading.add(path);
      void this.readFile(path, MAX_LATE_READ_BYTES).finally(() => {
        this.reading.delete(path);
        for (const listener of this.listeners) listener();
      });
    }
    return known;
  }
}

function decodePath(path: string): string {
  return decodeURIComponent(path) || '/';
}

// The web e2e run's test extension (test/e2e/web.js), a web extension beside ours: the virtual workspace
// `memfs:/ws`, a FileSystemProvider over an in-memory tree (as github.dev's `vscode-vfs:` is one), and the checks
// of suite.ts, run once it is registered. They run from here because `extensionTestsPath` runs in code-server's
// Node extension host, not in the web worker one. Bundled into out/e2e/memfs.
import * as vscode from 'vscode';
import { run } from './suite';

const FILES: Record<string, string> = {
  '/ws/Dockerfile': 'FROM alpine:3.20 AS base\nRUN apk add --no-cache git\n\nFROM base AS build\nRUN echo built > /out\n\nFROM base AS orphan\nRUN true\n\nFROM alpine:3.20 AS release\nCOPY --from=build /out /out\n',
  '/ws/compose.yaml': 'services:\n  app:\n    build:\n      context: .\n      target: build\n',
};

const encoder = new TextEncoder();
const files = new Map<string, { data: Uint8Array; mtime: number }>(Object.entries(FILES).map(([path, text]) => [path, { data: encoder.encode(text), mtime: Date.now() }]));

class MemoryFileSystem implements vscode.FileSystemProvider {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const file = files.get(uri.path);
    if (file) return { type: vscode.FileType.File, ctime: 0, mtime: file.mtime, size: file.data.length };
    if ([...files.keys()].some((path) => path.startsWith(`${uri.path.replace(/\/$/, '')}/`))) return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    throw vscode.FileSystemError.FileNotFound(uri);
  }

  readDirectory(uri: vscode.Uri): [string, vscode.FileType][] {
    const prefix = `${uri.path.replace(/\/$/, '')}/`;
    const names = new Map<string, vscode.FileType>();
    for (const path of files.keys()) {
      if (!path.startsWith(prefix)) continue;
      const [name, ...rest] = path.slice(prefix.length).split('/');
      names.set(name, rest.length > 0 ? vscode.FileType.Directory : vscode.FileType.File);
    }
    return [...names];
  }

  readFile(uri: vscode.Uri): Uint8Array {
    const file = files.get(uri.path);
    if (!file) throw vscode.FileSystemError.FileNotFound(uri);
    return file.data;
  }

  writeFile(uri: vscode.Uri, content: Uint8Array): void {
    files.set(uri.path, { data: content, mtime: Date.now() });
    this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  createDirectory(): void {}
  delete(uri: vscode.Uri): void {
    files.delete(uri.path);
  }
  rename(): void {
    throw vscode.FileSystemError.NoPermissions('rename');
  }
}

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.workspace.registerFileSystemProvider('memfs', new MemoryFileSystem(), { isCaseSensitive: true }));
  void run().catch(() => undefined);
}

// The browser's server reads the workspace through these requests (server/src/workspace/clientFileAccess.ts):
// `vscode.workspace.fs`, which serves every scheme (vscode-vfs on github.dev, a FileSystemProvider's). The server
// walks the folders itself, with the desktop scan's caps and excludes; `findFiles` is not used: in a virtual
// workspace it finds committed files only (microsoft/vscode#226360), or none (vscode-test-web#4).
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  READ_BUNDLED_REQUEST, READ_DIRECTORY_REQUEST, READ_FILE_REQUEST, type DirectoryListing, type ReadBundledParams, type ReadDirectoryParams, type ReadFileParams,
} from '../../../server/src/protocol';

export function serveWorkspaceFiles(client: BaseLanguageClient, extensionUri: vscode.Uri): vscode.Disposable[] {
  return [
    client.onRequest(READ_DIRECTORY_REQUEST, async ({ uri }: ReadDirectoryParams): Promise<DirectoryListing> => {
      try {
        // As Node's readdir: a symbolic link is neither a file nor a folder to the scan.
        return (await vscode.workspace.fs.readDirectory(vscode.Uri.parse(uri))).map(([name, type]) =>
          [name, type & vscode.FileType.SymbolicLink ? 'other' : type === vscode.FileType.File ? 'file' : type === vscode.FileType.Directory ? 'directory' : 'other']);
      } catch {
        return null;
      }
    }),
    client.onRequest(READ_FILE_REQUEST, async ({ uri, maxBytes }: ReadFileParams): Promise<string | null> => {
      try {
        const file = vscode.Uri.parse(uri);
        const stat = await vscode.workspace.fs.stat(file);
        if (stat.type !== vscode.FileType.File || stat.size > maxBytes) return null;
        return new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
      } catch {
        return null;
      }
    }),
    client.onRequest(READ_BUNDLED_REQUEST, async ({ name }: ReadBundledParams): Promise<string> => base64(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'dist', name)))),
  ];
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += 0x8000) binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  return btoa(binary);
}

// The web extension (package.json's `browser`: vscode.dev, github.dev, any web workbench): the language server
// runs in a web worker (dist/web/server.js) and reads the workspace through this side (workspaceFiles.ts).
// Everything runs as on the desktop but what runs docker: *Build this stage*, *Debug this stage*, *Build
// Stage...* are neither registered nor shown (package.json's `!isWeb`), and the server offers no such lens.
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions } from 'vscode-languageclient/browser';
import { registerSharedCommands } from '../commands';
import { initializationOptions, otherDockerExtensions, servedDocuments } from '../clientOptions';
import { afterRefactor, AFTER_REFACTOR_COMMAND, refactorMiddleware } from '../refactorCommands';
import { RenameFirst } from '../renameFirst';
import { showStageGraph } from '../graph/graphPanel';
import { showWhatShips } from '../ships/shipsView';
import { serveWorkspaceFiles } from './workspaceFiles';

/** The browser's Worker (the client's tsconfig has no DOM types). */
declare const Worker: new (url: string) => ConstructorParameters<typeof LanguageClient>[3];
declare const Blob: new (parts: Uint8Array[], options: { type: string }) => unknown;
declare const URL: { createObjectURL(blob: unknown): string };

let client: LanguageClient | undefined;

/** What activation returns: how long the server took to start (the web e2e run reports it). */
export interface WebExtensionApi {
  readonly serverStartMs: number;
}

export async function activate(context: vscode.ExtensionContext): Promise<WebExtensionApi> {
  const started = Date.now();
  const documentSelector = servedDocuments();
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    middleware: refactorMiddleware,
    initializationOptions: { ...initializationOptions(), dockerfileDebugger: false, dockerCommands: false },
  };
  client = new LanguageClient('dockerfileStages', 'Dockerfile Stages', clientOptions, await serverWorker(context.extensionUri));
  const running = client;
  const requests = { sendRequest: <R>(method: string, params: unknown) => running.sendRequest<R>(method, params) };
  const renameFirst = new RenameFirst(running, documentSelector, otherDockerExtensions());
  context.subscriptions.push(
    ...registerSharedCommands(requests, { bringRenameToFront: () => renameFirst.bringToFront(), showStageGraph: () => showStageGraph(context, requests),
      showWhatShips: (target) => showWhatShips(context, requests, target) }),
    ...serveWorkspaceFiles(running, context.extensionUri),
    renameFirst,
    vscode.commands.registerCommand(AFTER_REFACTOR_COMMAND, afterRefactor),
  );
  await running.start();
  return { serverStartMs: Date.now() - started };
}

/**
 * The server's worker. Its script must be a URL the browser fetches: an extension served over http(s) (vscode.dev,
 * github.dev) gives one; one on a remote (code-server's `vscode-remote:`) does not, and its bytes, read through
 * VS Code, become a blob URL.
 */
async function serverWorker(extensionUri: vscode.Uri): Promise<ConstructorParameters<typeof LanguageClient>[3]> {
  const script = vscode.Uri.joinPath(extensionUri, 'dist', 'web', 'server.js');
  if (script.scheme === 'http' || script.scheme === 'https') return new Worker(script.toString(true));
  const bytes = await vscode.workspace.fs.readFile(script);
  return new Worker(URL.createObjectURL(new Blob([bytes], { type: 'text/javascript' })));
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

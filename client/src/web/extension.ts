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
import { serveWorkspaceFiles } from './workspaceFiles';

/** The browser's Worker (the client's tsconfig has no DOM types). */
declare const Worker: new (url: string) => ConstructorParameters<typeof LanguageClient>[3];

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const started = Date.now();
  const documentSelector = servedDocuments();
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    middleware: refactorMiddleware,
    initializationOptions: { ...initializationOptions(), dockerfileDebugger: false, dockerCommands: false },
  };
  const worker = new Worker(vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js').toString(true));
  client = new LanguageClient('dockerfileStages', 'Dockerfile Stages', clientOptions, worker);
  const running = client;
  const requests = { sendRequest: <R>(method: string, params: unknown) => running.sendRequest<R>(method, params) };
  const renameFirst = new RenameFirst(running, documentSelector, otherDockerExtensions());
  context.subscriptions.push(
    ...registerSharedCommands(requests, { bringRenameToFront: () => renameFirst.bringToFront(), showStageGraph: () => showStageGraph(context, requests) }),
    ...serveWorkspaceFiles(running, context.extensionUri),
    renameFirst,
    vscode.commands.registerCommand(AFTER_REFACTOR_COMMAND, afterRefactor),
  );
  await running.start();
  // The e2e test reads this line (test/e2e/web.js): the time from activation to a running server.
  running.info(`Dockerfile Stages (web worker) started in ${Date.now() - started} ms.`);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

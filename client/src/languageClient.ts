// The language client: starts dist/server.js over IPC for Dockerfiles and the build files naming their stages.
// A bundle of its own (dist/languageClient.js), loaded after activation: see extension.ts.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { afterRefactor, AFTER_REFACTOR_COMMAND, refactorMiddleware } from './refactorCommands';
import { RenameFirst } from './renameFirst';
import { SERVER_NODE_FLAGS } from './serverLaunch';
import { initializationOptions, otherDockerExtensions, servedDocuments } from './clientOptions';

let renameFirst: RenameFirst | undefined;

/** Before VS Code's rename starts (F2 in a Dockerfile): our rename provider registered again, the newest. */
export function bringRenameToFront(): void {
  renameFirst?.bringToFront();
}

export async function startLanguageClient(context: vscode.ExtensionContext): Promise<LanguageClient> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: SERVER_NODE_FLAGS } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6010'] } },
  };
  const documentSelector = servedDocuments(['file', 'untitled']);
  const clientOptions: LanguageClientOptions = { documentSelector, middleware: refactorMiddleware, initializationOptions: initializationOptions() };
  const client = new LanguageClient('dockerfileStages', 'Dockerfile Stages', serverOptions, clientOptions);
  await client.start();
  renameFirst = new RenameFirst(client, documentSelector, otherDockerExtensions());
  context.subscriptions.push(renameFirst, vscode.commands.registerCommand(AFTER_REFACTOR_COMMAND, afterRefactor));
  return client;
}

// A test double of the Docker extensions' Dockerfile support: starts dockerfile-language-server-nodejs (the
// version Container Tools pins, a devDependency here) over IPC for `dockerfile` documents with the `docker`
// settings section, as Container Tools runs it, under Container Tools' extension id. The setting
// `incumbentDouble.startAfterDockerfileStages` orders the two servers' registrations: off, this one starts at
// startup, and the test opens a Dockerfile (which activates Dockerfile Stages) once `started` resolves
// (Dockerfile Stages registers last); on, it waits for Dockerfile Stages' first diagnostics (it registers first).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): { started: Promise<void> } {
  return { started: start(context) };
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  if (vscode.workspace.getConfiguration('incumbentDouble').get<boolean>('startAfterDockerfileStages')) await dockerfileStagesStarted();
  const module = path.join(context.extensionPath, 'server', 'server.js');
  client = new LanguageClient('dockerfile-langserver', 'Dockerfile Language Server (test double)',
    { module, transport: TransportKind.ipc, args: ['--node-ipc'] },
    { documentSelector: [{ language: 'dockerfile', scheme: 'file' }, { language: 'dockerfile', scheme: 'untitled' }], synchronize: { configurationSection: 'docker' } });
  await client.start();
  console.log('incumbent double: dockerfile-language-server-nodejs started');
}

function dockerfileStagesStarted(): Promise<void> {
  return new Promise((resolve) => {
    const started = () => vscode.workspace.textDocuments.some((document) =>
      vscode.languages.getDiagnostics(document.uri).some((diagnostic) => diagnostic.source === 'dockerfile-stages'));
    if (started()) return resolve();
    const listener = vscode.languages.onDidChangeDiagnostics(() => {
      if (!started()) return;
      listener.dispose();
      resolve();
    });
  });
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

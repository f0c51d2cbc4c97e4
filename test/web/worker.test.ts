// The web build's server (dist/web/server.js) as a browser runs it: the bundle requires no module, and run in a
// context with a browser worker's globals only (no require, process, Buffer, setImmediate), it serves LSP over
// worker messages and reads a virtual workspace (`memfs:`) through the client's file requests: diagnostics with
// the compose file's target, and a rename that edits the compose file, which is not open.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import type { Diagnostic, WorkspaceEdit } from 'vscode-languageserver-types';
import { REPO_ROOT } from '../support/paths';

const BUNDLE = join(REPO_ROOT, 'dist', 'web', 'server.js');

const FILES: Record<string, string> = {
  '/ws/Dockerfile': 'FROM alpine AS base\nFROM base AS build\nFROM base AS orphan\nFROM base AS release\n',
  '/ws/compose.yaml': 'services:\n  app:\n    build:\n      context: .\n      target: build\n',
};
const FOLDERS: Record<string, [string, 'file' | 'directory'][]> = { '/ws': [['Dockerfile', 'file'], ['compose.yaml', 'file']] };
const pathOf = (uri: string) => decodeURIComponent(uri.replace(/^memfs:/, ''));

interface Message { id?: number; method?: string; params?: any; result?: unknown; error?: unknown }

/** The bundle in a fresh context with a worker's globals; `answer` plays the client's file side. */
function startWorker(onMessage: (message: Message) => void) {
  const self = { onmessage: undefined as undefined | ((event: { data: unknown }) => void), addEventListener: () => undefined, // As a worker's message, structured-cloned: plain objects of this realm.
    postMessage: (data: Message) => onMessage(JSON.parse(JSON.stringify(data))) };
  // A browser's timers return numbers (no `unref`): Node's, by their ids.
  const timers = { setTimeout: (...args: Parameters<typeof setTimeout>) => Number(setTimeout(...args)), setInterval: (...args: Parameters<typeof setInterval>) => Number(setInterval(...args)) };
  const context = createContext({ self, console, ...timers, clearTimeout, clearInterval, queueMicrotask, TextEncoder, TextDecoder, WebAssembly: (globalThis as { WebAssembly?: unknown }).WebAssembly, atob, btoa, URL, performance });
  runInContext(readFileSync(BUNDLE, 'utf8'), context, { filename: BUNDLE });
  return (message: Message) => self.onmessage!({ data: { jsonrpc: '2.0', ...message } });
}

describe('the web worker server', () => {
  const bundle = readFileSync(BUNDLE, 'utf8');

  it('requires no module: nothing of Node is loaded in the worker', () => {
    assert.deepEqual(bundle.match(/\brequire\(\s*["'][^"']*["']\s*\)/g), null);
    assert.deepEqual(bundle.match(/__require\(\s*["'][^"']*["']/g), null);
  });

  it('serves a virtual workspace read through the client: UnusedStage honours the compose target, rename edits the compose file', async () => {
    const pending = new Map<number, (message: Message) => void>();
    const diagnostics: Diagnostic[][] = [];
    let diagnosticsArrived: () => void = () => undefined;
    const send = startWorker((message) => {
      if (message.id !== undefined && message.method === undefined) return pending.get(message.id)?.(message);
      if (message.method === 'textDocument/publishDiagnostics') {
        diagnostics.push(message.params.diagnostics);
        diagnosticsArrived();
        return;
      }
      if (message.id === undefined) return;
      // The client's side of the file requests (client/src/web/workspaceFiles.ts), over the in-memory tree.
      const path = pathOf(message.params?.uri ?? '');
      const result = message.method === 'dockerfileStages/readDirectory' ? FOLDERS[path] ?? null
        : message.method === 'dockerfileStages/readFile' ? FILES[path] ?? null
        : message.method === 'workspace/configuration' ? message.params.items.map(() => null)
        : null;
      send({ id: message.id, result });
    });
    let nextId = 1;
    const request = <T>(method: string, params: unknown) => new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, (message) => (message.error ? reject(new Error(JSON.stringify(message.error))) : resolve(message.result as T)));
      send({ id, method, params });
    });
    await request('initialize', { processId: null, rootUri: 'memfs:/ws', workspaceFolders: [{ uri: 'memfs:/ws', name: 'ws' }], capabilities: { workspace: { configuration: true } } });
    send({ method: 'initialized', params: {} });
    send({ method: 'textDocument/didOpen', params: { textDocument: { uri: 'memfs:/ws/Dockerfile', languageId: 'dockerfile', version: 1, text: FILES['/ws/Dockerfile'] } } });
    const unused = await new Promise<Diagnostic[]>((resolve) => {
      const check = () => {
        const found = diagnostics.find((list) => list.some((d) => d.code === 'UnusedStage'));
        if (found) resolve(found);
      };
      diagnosticsArrived = check;
      check();
    });
    // `build` is compose's target, `release` the last stage: `orphan` alone is unused.
    assert.deepEqual(unused.filter((d) => d.code === 'UnusedStage').map((d) => d.range.start.line), [2]);
    const edit = await request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: 'memfs:/ws/Dockerfile' }, position: { line: 1, character: 15 }, newName: 'compile' });
    assert.deepEqual(Object.keys(edit.changes!).sort(), ['memfs:/ws/Dockerfile', 'memfs:/ws/compose.yaml']);
    assert.deepEqual(edit.changes!['memfs:/ws/compose.yaml'].map((e) => [e.range.start.line, e.newText]), [[4, 'compile']]);
    await request('shutdown', null);
  });
});

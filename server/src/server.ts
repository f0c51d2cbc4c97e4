// The language server in Node: started as `node dist/server.js --stdio` (or `--node-ipc` by VS Code); the
// connection picks the transport. The server itself is `languageServer.ts`.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startLanguageServer } from './languageServer';
import { IdleCollection } from './idleCollection';

/** Node's `gc`, there under `--expose-gc` (client/src/serverLaunch.ts). */
const gc = (globalThis as { gc?: () => void }).gc;

startLanguageServer(createConnection(ProposedFeatures.all), undefined, new IdleCollection(gc, () => process.memoryUsage().heapUsed));

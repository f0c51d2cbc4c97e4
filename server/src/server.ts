// The language server in Node: started as `node dist/server.js --stdio` (or `--node-ipc` by VS Code); the
// connection picks the transport. The server itself is `languageServer.ts`.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startLanguageServer } from './languageServer';

startLanguageServer(createConnection(ProposedFeatures.all));

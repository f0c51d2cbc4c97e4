// The language server in a browser worker (vscode.dev, github.dev, any web workbench): the connection is the
// worker's messages, and the workspace is read through the client (workspace/clientFileAccess.ts), which is
// installed before the server starts. Bundled without any `node:` module (scripts/build.mjs).
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { startLanguageServer } from './languageServer';
import { ClientFileAccess } from './workspace/clientFileAccess';
import {
  READ_BUNDLED_REQUEST, READ_DIRECTORY_REQUEST, READ_FILE_REQUEST, type DirectoryListing, type ReadBundledParams, type ReadDirectoryParams, type ReadFileParams,
} from './protocol';

/** The worker's global scope (the server's tsconfig has no DOM types). */
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(self), new BrowserMessageWriter(self));

startLanguageServer(connection, (roots) => new ClientFileAccess({
  readDirectory: async (uri) => (await connection.sendRequest<DirectoryListing>(READ_DIRECTORY_REQUEST, { uri } satisfies ReadDirectoryParams))
    ?.map(([name, kind]) => ({ name, kind })) ?? undefined,
  readFile: async (uri, maxBytes) => (await connection.sendRequest<string | null>(READ_FILE_REQUEST, { uri, maxBytes } satisfies ReadFileParams)) ?? undefined,
  readBundled: async (name) => Uint8Array.from(atob(await connection.sendRequest<string>(READ_BUNDLED_REQUEST, { name } satisfies ReadBundledParams)), (c) => c.charCodeAt(0)),
}, roots));

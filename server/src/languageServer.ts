// The language server: wires LSP requests to the feature functions, nothing more. Started on a connection by
// `server.ts` (Node: stdio or IPC) or `browserServer.ts` (a browser worker).
import {
  CodeActionKind, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, LSPErrorCodes, ResponseError,
  TextDocumentSyncKind, type Connection, type InitializeParams, type InitializeResult,
} from 'vscode-languageserver';
import { DocumentStore, pathOf } from './documentStore';
import { fileAccess, installFileAccess, type FileAccess } from './workspace/fileAccess';
import { BuildFiles } from './buildFiles';
import { FeatureContexts } from './featureContexts';
import { requestHandlers } from './requestHandlers';
import { takesDefaultEditRange, withDefaultEditRange } from './completionDefaults';
import { DiagnosticsScheduler, runInSteps } from './diagnosticsScheduler';
import { DiagnosticsReadiness } from './diagnosticsReadiness';
import { DEFAULT_SETTINGS, readSettings, type Settings } from './settings';
import { GeneralFeatures } from './languageService/generalFeatures';
import { GeneralRegistrations } from './languageService/registrations';
import { complete, resolveStageCompletion } from './features/completion';
import { definition } from './features/definition';
import { highlight, references } from './features/references';
import { prepareRename, rename } from './features/rename';
import { hover } from './features/hover';
import { cacheMountActions } from './features/codeActions/cacheMounts';
import { computeDiagnostics, prepareDiagnostics } from './features/diagnostics';
import { otherDockerServers, rulesLeftToOthers, type OtherDockerServers } from './features/codeActions/otherServers';
import { quickFixes } from './features/codeActions/quickFixes';
import { isRefactorAction, listRefactors, REFACTOR_KINDS, resolveRefactor } from './features/refactors/refactorActions';
import { documentSymbols } from './features/symbols';
import { foldingRanges } from './features/folding';
import { codeLenses, isLensData, resolveCodeLens } from './features/codeLens';
import { inlayHints } from './features/inlayHints';
import { stageList } from './features/stageList';
import { stageGraph } from './features/stageGraph';
import { GRAPH_REQUEST, SHIPS_REQUEST, STAGES_REQUEST, type DocumentParams, type GraphParams, type ShipsParams } from './protocol';
import { whatShips } from './features/ships/shipsReport';
import { DOCKERFILE_GLOB, isDockerfileUri, TargetDiscovery, TARGET_FILE_GLOB } from './workspace/discovery';
import { CONTEXT_FILES_GLOB, DOCKERIGNORE_GLOB, DockerignoreFiles, isContextFileUri, isDockerignoreUri } from './workspace/dockerignore';
import { BuildContextFiles, MANIFEST_FILES_GLOB, isManifestFileUri } from './workspace/buildContextFiles';
import { completeTargets } from './features/buildFiles/completion';
import { findTargetDefinition, hoverTarget } from './features/buildFiles/navigation';
import { targetDiagnostics, targetQuickFixes } from './features/buildFiles/diagnostics';
import { prepareTargetRename, renameFromTarget } from './features/buildFiles/rename';
import type { BuildingTargets } from './features/buildFiles/stageTargets';
import type { IdleCollection } from './idleCollection';

/**
 * Serves LSP on `connection` until it closes. `files`: how the workspace is read, given the workspace folders'
 * URIs (a browser worker's: through the client); Node's file system when absent. `idle`: told of every request
 * and edit, it collects garbage when they pause (Node only: idleCollection.ts).
 */
export function startLanguageServer(connection: Connection, files?: (rootUris: readonly string[]) => FileAccess, idle?: IdleCollection): void {
  const store = new DocumentStore();
  let settings: Settings = DEFAULT_SETTINGS;
  let general: GeneralFeatures;
  let registrations: GeneralRegistrations;
  let otherDockerServerActive = false;
  let others: OtherDockerServers = { dockerfileUtils: false, dockerDx: false };
  let dockerfileDebugger = false;
  let dockerCommands = true;
  let clientCapabilities: InitializeParams['capabilities'] | undefined;
  let workspaceRoots: string[] = [];

  const discovery = new TargetDiscovery(() => refreshDocuments(), (message) => connection.console.info(message));
  const buildFiles = new BuildFiles(store, discovery.targets, () => workspaceRoots);

  // A build context listed in the background: the open documents are checked again with it.
  const dockerignores = new DockerignoreFiles((dockerfile, context, listing) => {
    connection.console.info(`Listed the build context of ${dockerfile} (${context}): ${listing ? `${listing.sensitive.length} files of note` : 'not certain'}.`);
    refreshDocuments();
  });
  const contextFiles = new BuildContextFiles();
  const contexts = new FeatureContexts(store, buildFiles, () => settings.targets, dockerignores, contextFiles, () => discovery.firstScanDone);
  const readiness = new DiagnosticsReadiness(() => discovery.firstScanDone, () => refreshDocuments());

  /** Whether settings come through `workspace/configuration` (else with `didChangeConfiguration`). */
  function clientPullsConfiguration(): boolean {
    return clientCapabilities?.workspace?.configuration === true;
  }

  const { guarded, onDocument } = requestHandlers((message) => connection.console.error(message), contexts, () => idle?.activity());

  /** The build files' targets that build the Dockerfile at `uri`, for references and rename. */
  function buildingTargets(uri: string): BuildingTargets {
    const path = pathOf(uri);
    return {
      targets: () => (path ? buildFiles.targetsOf(path) : []),
      uriOf: (file) => buildFiles.uriOf(file),
      textOf: (file) => buildFiles.textOf(file),
    };
  }

  /** Resolve requests answer with the item they were given when something goes wrong. */
  const unchanged = <T>(item: T): T => item;

  /** The text of an open Dockerfile, for the general features; empty for other documents, which they do not serve. */
  function text(uri: string): string {
    return buildFiles.isDockerfile(uri) ? store.get(uri)!.getText() : '';
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const options = (params.initializationOptions ?? {}) as { otherDockerServerActive?: boolean; dockerExtensions?: unknown; dockerfileDebugger?: boolean; dockerCommands?: boolean; settings?: unknown };
    otherDockerServerActive = options.otherDockerServerActive === true;
    const extensionIds = Array.isArray(options.dockerExtensions) ? options.dockerExtensions.filter((id): id is string => typeof id === 'string') : undefined;
    others = otherDockerServers(extensionIds, otherDockerServerActive);
    dockerfileDebugger = options.dockerfileDebugger === true;
    dockerCommands = options.dockerCommands !== false;
    if (options.settings !== undefined) settings = readSettings(options.settings);
    clientCapabilities = params.capabilities;
    const folders = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
    if (files) installFileAccess(files(folders));
    fileAccess().onLateRead(() => {
      dockerignores.changed();
      refreshDocuments();
    });
    workspaceRoots = folders.map(pathOf).filter((path): path is string => path !== undefined);
    general = new GeneralFeatures({
      completion: { completionItem: params.capabilities.textDocument?.completion?.completionItem },
      hover: params.capabilities.textDocument?.hover,
      foldingRange: params.capabilities.textDocument?.foldingRange,
    } as ConstructorParameters<typeof GeneralFeatures>[0]);
    general.enabled = GeneralFeatures.isEnabled(settings.generalFeatures, otherDockerServerActive);
    registrations = new GeneralRegistrations(connection, params.capabilities);
    readiness.start();
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: ['=', ',', ' ', '$', '-'], resolveProvider: true },
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, ...Object.values(REFACTOR_KINDS)], resolveProvider: true },
        documentSymbolProvider: { label: 'Dockerfile stages' },
        foldingRangeProvider: true,
        codeLensProvider: { resolveProvider: true },
        inlayHintProvider: true,
        ...registrations.staticCapabilities(general.enabled),
      },
      serverInfo: { name: 'dockerfile-stages', version: PACKAGE_VERSION },
    };
  });

  connection.onInitialized(async () => {
    // The first scan starts now, beside the registrations and the settings' round trips: UnusedStage's first
    // publish waits for it (DiagnosticsReadiness), and in a busy editor each round trip can take a while.
    void scanWorkspaceFolders();
    // Only where the client can take it (eglot says so, and warns otherwise).
    if (clientPullsConfiguration() && clientCapabilities?.workspace?.didChangeConfiguration?.dynamicRegistration) {
      await connection.client.register(DidChangeConfigurationNotification.type, { section: ['dockerfileStages', 'files.exclude'] }).catch(() => undefined);
    }
    if (clientCapabilities?.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: TARGET_FILE_GLOB }, { globPattern: DOCKERFILE_GLOB }, { globPattern: DOCKERIGNORE_GLOB }, { globPattern: CONTEXT_FILES_GLOB }, { globPattern: MANIFEST_FILES_GLOB }] }).catch(() => undefined);
    }
    await refreshSettings();
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const change of changes) {
      const path = pathOf(change.uri);
      if (path) fileAccess().forget(path);
    }
    const inContext = (uri: string) => isDockerignoreUri(uri) || isContextFileUri(uri);
    if (changes.some((change) => inContext(change.uri))) dockerignores.changed();
    if (changes.some((change) => isManifestFileUri(change.uri))) contextFiles.changed();
    // A saved Dockerfile, .dockerignore or context file only needs the open documents checked again; a build file, a new scan.
    if (changes.every((change) => isDockerfileUri(change.uri) || inContext(change.uri))) refreshDocuments();
    else discovery.fileChanged();
  });

  async function refreshSettings(): Promise<void> {
    if (clientPullsConfiguration()) {
      try {
        settings = readSettings(await connection.workspace.getConfiguration('dockerfileStages'));
      } catch (error) {
        connection.console.warn(`Could not read settings: ${(error as Error).message}`);
      }
    }
    general.enabled = GeneralFeatures.isEnabled(settings.generalFeatures, otherDockerServerActive);
    await registrations.update(general.enabled);
    readiness.settingsLoaded();
    refreshDocuments();
    void scanWorkspaceFolders();
  }

  /** Scans the workspace folders; again only when they or their excluded globs changed. */
  async function scanWorkspaceFolders(): Promise<void> {
    await discovery.configure(await Promise.all(workspaceRoots.map(async (root) => ({ root, excluded: await excludedGlobs(root) }))));
  }

  /** The `files.exclude` globs that are on in a folder (`true`; conditional ones, `{ when }`, are not applied). */
  async function excludedGlobs(root: string): Promise<string[]> {
    if (!clientPullsConfiguration()) return [];
    try {
      const exclude = (await connection.workspace.getConfiguration({ scopeUri: fileAccess().uriOf(root), section: 'files.exclude' })) as Record<string, unknown> | null;
      return Object.entries(exclude ?? {}).filter(([, on]) => on === true).map(([glob]) => glob);
    } catch {
      return [];
    }
  }

  /** After the targets or the settings changed: new diagnostics, and the client asks for lenses and hints again. */
  function refreshDocuments(): void {
    for (const document of store.documents.all()) scheduler.schedule(document.uri, document.lineCount);
    if (clientCapabilities?.workspace?.codeLens?.refreshSupport) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    if (clientCapabilities?.workspace?.inlayHint?.refreshSupport) void connection.languages.inlayHint.refresh().catch(() => undefined);
  }

  connection.onDidChangeConfiguration(async (change) => {
    if (!clientPullsConfiguration()) settings = readSettings((change.settings as { dockerfileStages?: unknown } | null)?.dockerfileStages);
    await refreshSettings();
  });

  const scheduler = new DiagnosticsScheduler(async (uri) => {
    const document = store.get(uri);
    const state = readiness.state;
    // Held back until the settings and targets are known; `readiness` publishes again when they are.
    if (!document || state === 'waiting') return;
    const model = !buildFiles.isBuildFile(uri) ? store.analysis(uri)?.model : undefined;
    // A rule that throws is reported by the guard below, which runs it again.
    const current = () => store.get(uri)?.version === document.version;
    if (model && !(await runInSteps(prepareDiagnostics(model), current).catch(current))) return;
    // Where a Docker extension's server reports a fact too, it is left to it unless the user sets the rule.
    const configured = { ...rulesLeftToOthers(settings.buildkitChecks, others), ...settings.rules };
    const rules = state === 'ready' ? configured : { ...configured, UnusedStage: 'off' as const };
    const diagnostics = guarded('diagnostics', () => {
      const buildFile = contexts.buildFile(uri);
      if (buildFile) return targetDiagnostics(buildFile, rules);
      const context = contexts.dockerfile(uri);
      return context ? computeDiagnostics(context, rules) : [];
    }, () => [])(undefined);
    connection.sendDiagnostics({ uri, version: document.version, diagnostics });
  });

  // A Dockerfile's diagnostics depend on the build files' targets and the other way round: an edit to one kind
  // re-checks the open documents of the other.
  function checkOtherKind(uri: string): void {
    const isBuildFile = buildFiles.isBuildFile(uri);
    for (const other of store.documents.all()) {
      if (other.uri !== uri && buildFiles.isBuildFile(other.uri) !== isBuildFile) scheduler.schedule(other.uri, other.lineCount);
    }
  }

  store.documents.onDidChangeContent(({ document }) => {
    idle?.activity();
    scheduler.schedule(document.uri, document.lineCount);
    checkOtherKind(document.uri);
  });
  store.documents.onDidClose(({ document }) => {
    scheduler.cancel(document.uri);
    connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    // A closed build file's targets are read from disk again.
    checkOtherKind(document.uri);
  });

  connection.onCompletion(onDocument('completion', {
    buildFile: (buildFile, params) => completeTargets(buildFile, params.position),
    dockerfile: (context, params, uri) => {
      const items = complete(context, params.position, uri);
      return items && takesDefaultEditRange(clientCapabilities) ? withDefaultEditRange(items) : items;
    },
    general: (params, context) => general.completion(text(params.textDocument.uri), params.position, context.model),
  }));

  connection.onCompletionResolve(guarded('completionItem/resolve', (item) => {
    if (GeneralFeatures.isGeneralItem(item)) return general.resolveCompletion(item);
    // Items offered in a build file carry the Dockerfile's URI, open or not.
    const path = pathOf(item.data?.uri ?? '');
    const context = contexts.dockerfile(item.data?.uri) ?? (path ? contexts.dockerfileAt(path)?.context : undefined);
    return context ? resolveStageCompletion(context, item) : item;
  }, unchanged));

  connection.onDefinition(onDocument('definition', {
    buildFile: (buildFile, params) => findTargetDefinition(buildFile, params.position),
    dockerfile: (context, params, uri) => definition(context, params.position, uri),
    general: (params) => general.definition(params.textDocument.uri, text(params.textDocument.uri), params.position),
  }));

  connection.onReferences(onDocument('references', {
    dockerfile: (context, params, uri) => references(context, params.position, uri, params.context.includeDeclaration, buildingTargets(uri)),
  }));

  connection.onDocumentHighlight(onDocument('documentHighlight', {
    dockerfile: (context, params) => highlight(context, params.position),
    general: (params) => general.highlight(text(params.textDocument.uri), params.position),
  }));

  connection.onPrepareRename(onDocument('prepareRename', {
    buildFile: (buildFile, params) => prepareTargetRename(buildFile, params.position),
    dockerfile: (context, params) => prepareRename(context, params.position),
    general: (params) => {
      const range = general.prepareRename(text(params.textDocument.uri), params.position);
      if (!range) throw new ResponseError(LSPErrorCodes.RequestFailed, 'Only stage names and variables can be renamed.');
      return range;
    },
  }));

  connection.onRenameRequest(onDocument('rename', {
    buildFile: (buildFile, params) =>
      buildFiles.workspaceEdit(renameFromTarget(buildFile, params.position, params.newName, (path) => buildFiles.targetsOf(path), (file) => buildFiles.textOf(file))),
    dockerfile: (context, params, uri) => {
      const edits = rename(context, params.position, params.newName, buildingTargets(uri));
      // The build files naming a renamed stage as a target follow the rename.
      return edits && { changes: { ...buildFiles.workspaceEdit(edits.elsewhere).changes, [uri]: edits.dockerfile } };
    },
    general: (params) => {
      const { uri } = params.textDocument;
      return { changes: { [uri]: general.rename(uri, text(uri), params.position, params.newName) } };
    },
  }));

  connection.onHover(onDocument('hover', {
    buildFile: (buildFile, params) => hoverTarget(buildFile, params.position),
    dockerfile: (context, params) => hover(context, params.position),
    general: (params) => general.hover(text(params.textDocument.uri), params.position),
  }));

  connection.onCodeAction(guarded('codeAction', (params) => {
    const { uri } = params.textDocument;
    if (contexts.buildFile(uri)) return targetQuickFixes(uri, params.context.diagnostics);
    const context = contexts.dockerfile(uri);
    if (!context) return null;
    const only = params.context.only;
    const wantsQuickFixes = !only || only.some((kind) => CodeActionKind.QuickFix.startsWith(kind));
    const refactors = listRefactors(context, uri, params.range, only);
    // Edits are computed on resolve; a client that cannot resolve gets them now.
    const lazy = clientCapabilities?.textDocument?.codeAction?.resolveSupport?.properties.includes('edit');
    return [
      ...(wantsQuickFixes ? quickFixes(context, uri, params.context.diagnostics) : []),
      ...(wantsQuickFixes ? cacheMountActions(context, uri, params.range) : []),
      ...(lazy ? refactors : refactors.map((action) => (action.disabled ? action : resolveRefactor(context, action)))),
    ];
  }));

  connection.onCodeActionResolve(guarded('codeAction/resolve', (action) => {
    const context = isRefactorAction(action) ? contexts.dockerfile(action.data.uri) : undefined;
    return context ? resolveRefactor(context, action) : action;
  }, unchanged));

  connection.onDocumentSymbol(guarded('documentSymbol', (params) => {
    const context = contexts.dockerfile(params.textDocument.uri);
    return context ? documentSymbols(context.model) : null;
  }));

  connection.onFoldingRanges(guarded('foldingRange', (params) => {
    const context = contexts.dockerfile(params.textDocument.uri);
    return context ? foldingRanges(context.model) : null;
  }));

  // The documents lenses were sent for, by the number their unresolved lenses name them with.
  const lensDocuments: string[] = [];
  connection.onCodeLens(guarded('codeLens', (params) => {
    const { uri } = params.textDocument;
    const context = contexts.dockerfile(uri);
    if (!context || !settings.codeLens) return [];
    const known = lensDocuments.indexOf(uri);
    return codeLenses(context, known === -1 ? lensDocuments.push(uri) - 1 : known, store.get(uri)!.version, { debugger: dockerfileDebugger, dockerCommands });
  }));

  connection.onCodeLensResolve(guarded('codeLensResolve', (lens) => {
    if (!isLensData(lens.data)) return lens;
    const [document, version] = lens.data;
    const uri = lensDocuments[document];
    // A lens sent for an earlier version comes back as it was (not shown); the editor asks for the lenses again.
    const context = uri !== undefined && store.get(uri)?.version === version ? contexts.dockerfile(uri) : undefined;
    return context ? resolveCodeLens(context, uri, { ...lens, data: lens.data }) : lens;
  }));

  connection.languages.inlayHint.on(guarded('inlayHint', (params) => {
    const context = contexts.dockerfile(params.textDocument.uri);
    return context && settings.inlayHints ? inlayHints(context.model, params.range) : [];
  }));

  connection.onRequest(STAGES_REQUEST, guarded('stages', (params: DocumentParams) => {
    const context = contexts.dockerfile(params.textDocument.uri);
    return context ? stageList(context) : null;
  }));

  connection.onRequest(GRAPH_REQUEST, guarded('graph', (params: GraphParams) => {
    const context = contexts.dockerfile(params.textDocument.uri);
    return context ? stageGraph(context, params.target) : null;
  }));

  connection.onRequest(SHIPS_REQUEST, guarded('ships', (params: ShipsParams) => {
    const context = contexts.dockerfile(params.textDocument.uri);
    return context ? whatShips(context, params.target) : null;
  }));

  connection.onSignatureHelp(guarded('signatureHelp', (params) => general.signatureHelp(text(params.textDocument.uri), params.position)));
  connection.onDocumentFormatting(guarded('formatting', (params) => general.format(text(params.textDocument.uri), params.options)));
  connection.onDocumentRangeFormatting(guarded('rangeFormatting', (params) => general.formatRange(text(params.textDocument.uri), params.range, params.options)));
  connection.onDocumentOnTypeFormatting(guarded('onTypeFormatting', (params) => general.formatOnType(text(params.textDocument.uri), params.position, params.ch, params.options)));
  connection.onDocumentLinks(guarded('documentLinks', (params) => general.links(text(params.textDocument.uri))));
  connection.onDocumentLinkResolve(guarded('documentLink/resolve', (link) => general.resolveLink(link), unchanged));

  store.documents.listen(connection);
  connection.listen();
}

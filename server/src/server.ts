// The language server: wires LSP requests to the feature functions, nothing more.
// Started as `node dist/server.js --stdio` (or `--node-ipc` by VS Code); the connection picks the transport.
import {
  CodeActionKind, createConnection, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, LSPErrorCodes, ProposedFeatures, ResponseError,
  TextDocumentSyncKind, type Connection, type InitializeParams, type InitializeResult, type Position,
} from 'vscode-languageserver/node';
import { pathToFileURL } from 'node:url';
import { DocumentStore, pathOf } from './documentStore';
import { BuildFiles } from './buildFiles';
import { FeatureContexts } from './featureContexts';
import { DiagnosticsScheduler, runInSteps } from './diagnosticsScheduler';
import { DiagnosticsReadiness } from './diagnosticsReadiness';
import { DEFAULT_SETTINGS, readSettings, type Settings } from './settings';
import { GeneralFeatures } from './general/generalFeatures';
import { GeneralRegistrations } from './general/registrations';
import { completeStages, resolveStageCompletion } from './features/completion';
import { findDefinition } from './features/definition';
import { findReferences, highlightStage } from './features/references';
import { prepareStageRename, RenameRefused } from './features/rename';
import { hoverStage } from './features/hover';
import { hoverVariable } from './features/variableHover';
import { findCopySourceDefinition, hoverCopySource } from './features/copySources';
import { completeSourcePaths } from './features/pathCompletion';
import { findVariableDefinition } from './features/variableDefinition';
import { completeVariables } from './features/variableCompletion';
import { findVariableReferences, highlightVariable } from './features/variableReferences';
import { isVariableAt, prepareVariableRename, renameVariable } from './features/variableRename';
import { computeDiagnostics, prepareDiagnostics } from './features/diagnostics';
import { otherDockerServers, rulesLeftToOthers, type OtherDockerServers } from './features/codeActions/incumbentDiagnostics';
import { symbolAt } from './features/locate';
import type { FeatureContext } from './features/context';
import { quickFixes } from './features/codeActions/quickFixes';
import { isRefactorAction, listRefactors, REFACTOR_KINDS, resolveRefactor } from './features/refactors/refactorActions';
import { documentSymbols } from './features/symbols';
import { foldingRanges } from './features/folding';
import { codeLenses } from './features/codeLens';
import { inlayHints } from './features/inlayHints';
import { stageList, STAGES_REQUEST } from './features/stageList';
import { GRAPH_REQUEST, stageGraph } from './features/stageGraph';
import { DOCKERFILE_GLOB, isDockerfileUri, TargetDiscovery, TARGET_FILE_GLOB } from './workspace/discovery';
import { DOCKERIGNORE_GLOB, DockerignoreFiles, isDockerignoreUri } from './workspace/dockerignore';
import { completeTargets } from './features/targetFiles/completion';
import { findTargetDefinition, hoverTarget } from './features/targetFiles/navigation';
import { targetDiagnostics, targetQuickFixes } from './features/targetFiles/diagnostics';
import { prepareTargetRename, renameFromTarget } from './features/targetFiles/rename';
import { renameWithTargets, targetLocations, targetsNamingAt } from './features/targetFiles/stageTargets';

const connection: Connection = createConnection(ProposedFeatures.all);
const store = new DocumentStore();
let settings: Settings = DEFAULT_SETTINGS;
let general: GeneralFeatures;
let registrations: GeneralRegistrations;
let otherDockerServerActive = false;
let others: OtherDockerServers = { dockerfileUtils: false, dockerDx: false };
let dockerfileDebugger = false;
let clientCapabilities: InitializeParams['capabilities'] | undefined;
let workspaceRoots: string[] = [];

const discovery = new TargetDiscovery(() => refreshDocuments(), (message) => connection.console.info(message));
const buildFiles = new BuildFiles(store, discovery.targets, () => workspaceRoots);

const dockerignores = new DockerignoreFiles();
const contexts = new FeatureContexts(store, buildFiles, () => settings.targets, dockerignores);
const readiness = new DiagnosticsReadiness(() => discovery.firstScanDone, () => refreshDocuments());

/** Whether settings come through `workspace/configuration` (else with `didChangeConfiguration`). */
function clientPullsConfiguration(): boolean {
  return clientCapabilities?.workspace?.configuration === true;
}

/**
 * Runs a handler so that no exception reaches the connection: a bug in one feature answers "nothing" for that
 * request and is logged, instead of taking the server down. Refusals meant for the user pass through.
 */
function guarded<P, R, F = null>(name: string, handler: (params: P) => R, fallback: (params: P) => F = () => null as F): (params: P) => R | F {
  return (params) => {
    try {
      return handler(params);
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      // LSP 3.17: RequestFailed for a valid request the server cannot serve (InvalidRequest is a malformed one).
      if (error instanceof RenameRefused) throw new ResponseError(LSPErrorCodes.RequestFailed, error.message);
      connection.console.error(`${name} failed: ${(error as Error).stack ?? error}`);
      return fallback(params);
    }
  };
}

/** Resolve requests answer with the item they were given when something goes wrong. */
const unchanged = <T>(item: T): T => item;

/** The text of an open Dockerfile, for the general features; empty for other documents, which they do not serve. */
function text(uri: string): string {
  return buildFiles.isDockerfile(uri) ? store.get(uri)!.getText() : '';
}

function isStageSymbol(context: FeatureContext, position: Position): boolean {
  return symbolAt(context.model, position) !== undefined;
}

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const options = (params.initializationOptions ?? {}) as { otherDockerServerActive?: boolean; dockerExtensions?: unknown; dockerfileDebugger?: boolean; settings?: unknown };
  otherDockerServerActive = options.otherDockerServerActive === true;
  const extensionIds = Array.isArray(options.dockerExtensions) ? options.dockerExtensions.filter((id): id is string => typeof id === 'string') : undefined;
  others = otherDockerServers(extensionIds, otherDockerServerActive);
  dockerfileDebugger = options.dockerfileDebugger === true;
  if (options.settings !== undefined) settings = readSettings(options.settings);
  clientCapabilities = params.capabilities;
  const folders = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
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
      codeLensProvider: { resolveProvider: false },
      inlayHintProvider: true,
      ...registrations.staticCapabilities(general.enabled),
    },
    serverInfo: { name: 'dockerfile-stages', version: PACKAGE_VERSION },
  };
});

connection.onInitialized(async () => {
  // Only where the client can take it (eglot says so, and warns otherwise).
  if (clientPullsConfiguration() && clientCapabilities?.workspace?.didChangeConfiguration?.dynamicRegistration) {
    await connection.client.register(DidChangeConfigurationNotification.type, { section: ['dockerfileStages', 'files.exclude'] }).catch(() => undefined);
  }
  if (clientCapabilities?.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
    await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: TARGET_FILE_GLOB }, { globPattern: DOCKERFILE_GLOB }, { globPattern: DOCKERIGNORE_GLOB }] }).catch(() => undefined);
  }
  await refreshSettings();
});

connection.onDidChangeWatchedFiles(({ changes }) => {
  if (changes.some((change) => isDockerignoreUri(change.uri))) dockerignores.changed();
  // A saved Dockerfile or .dockerignore only needs the open documents checked again; a build file, a new scan.
  if (changes.every((change) => isDockerfileUri(change.uri) || isDockerignoreUri(change.uri))) refreshDocuments();
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
  // Scans again only when the folders or the excluded globs changed.
  void discovery.configure(await Promise.all(workspaceRoots.map(async (root) => ({ root, excluded: await excludedGlobs(root) }))));
}

/** The `files.exclude` globs that are on in a folder (`true`; conditional ones, `{ when }`, are not applied). */
async function excludedGlobs(root: string): Promise<string[]> {
  if (!clientPullsConfiguration()) return [];
  try {
    const exclude = (await connection.workspace.getConfiguration({ scopeUri: pathToFileURL(root).href, section: 'files.exclude' })) as Record<string, unknown> | null;
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
  scheduler.schedule(document.uri, document.lineCount);
  checkOtherKind(document.uri);
});
store.documents.onDidClose(({ document }) => {
  scheduler.cancel(document.uri);
  connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  // A closed build file's targets are read from disk again.
  checkOtherKind(document.uri);
});

connection.onCompletion(async (params) => {
  const { uri } = params.textDocument;
  const buildFile = contexts.buildFile(uri);
  if (buildFile) return guarded('completion', () => completeTargets(buildFile, params.position) ?? null)(undefined);
  const context = contexts.dockerfile(uri);
  if (!context) return null;
  const ours = guarded('completion', () => completeVariables(context, params.position) ?? completeStages(context, params.position, uri)
    ?? completeSourcePaths(context, params.position))(undefined);
  if (ours) return ours;
  try {
    return await general.completion(text(uri), params.position, context.model);
  } catch (error) {
    connection.console.error(`general completion failed: ${(error as Error).stack ?? error}`);
    return null;
  }
});

connection.onCompletionResolve(guarded('completionItem/resolve', (item) => {
  if (GeneralFeatures.isGeneralItem(item)) return general.resolveCompletion(item);
  // Items offered in a build file carry the Dockerfile's URI, open or not.
  const path = pathOf(item.data?.uri ?? '');
  const context = contexts.dockerfile(item.data?.uri) ?? (path ? contexts.dockerfileAt(path)?.context : undefined);
  return context ? resolveStageCompletion(context, item) : item;
}, unchanged));

connection.onDefinition(guarded('definition', (params) => {
  const { uri } = params.textDocument;
  const buildFile = contexts.buildFile(uri);
  if (buildFile) return findTargetDefinition(buildFile, params.position) ?? null;
  const context = contexts.dockerfile(uri);
  if (!context) return null;
  return findDefinition(context, params.position, uri) ?? findVariableDefinition(context, params.position, uri)
    ?? findCopySourceDefinition(context, params.position, uri) ?? general.definition(uri, text(uri), params.position);
}));

connection.onReferences(guarded('references', (params) => {
  const { uri } = params.textDocument;
  const context = contexts.dockerfile(uri);
  if (!context) return null;
  const found = findReferences(context, params.position, uri, params.context.includeDeclaration);
  if (!found) return findVariableReferences(context, params.position, uri, params.context.includeDeclaration) ?? null;
  const path = pathOf(uri);
  const elsewhere = path ? targetsNamingAt(context, params.position, buildFiles.targetsOf(path)) : [];
  return [...found, ...targetLocations(elsewhere, (file) => buildFiles.uriOf(file))];
}));

connection.onDocumentHighlight(guarded('documentHighlight', (params) => {
  const { uri } = params.textDocument;
  const context = contexts.dockerfile(uri);
  if (!context) return null;
  return highlightStage(context, params.position) ?? highlightVariable(context, params.position) ?? general.highlight(text(uri), params.position);
}));

connection.onPrepareRename(guarded('prepareRename', (params) => {
  const { uri } = params.textDocument;
  const buildFile = contexts.buildFile(uri);
  if (buildFile) return prepareTargetRename(buildFile, params.position) ?? null;
  const context = contexts.dockerfile(uri);
  if (!context) return null;
  if (isStageSymbol(context, params.position)) return prepareStageRename(context, params.position);
  if (isVariableAt(context, params.position)) return prepareVariableRename(context, params.position);
  const range = general.prepareRename(text(uri), params.position);
  if (!range) throw new ResponseError(LSPErrorCodes.RequestFailed, 'Only stage names and variables can be renamed.');
  return range;
}));

connection.onRenameRequest(guarded('rename', (params) => {
  const { uri } = params.textDocument;
  const textOf = (file: string) => buildFiles.textOf(file);
  const buildFile = contexts.buildFile(uri);
  if (buildFile) {
    return buildFiles.workspaceEdit(renameFromTarget(buildFile, params.position, params.newName, (path) => buildFiles.targetsOf(path), textOf));
  }
  const context = contexts.dockerfile(uri);
  if (!context) return null;
  if (!isStageSymbol(context, params.position)) {
    const edits = isVariableAt(context, params.position) ? renameVariable(context, params.position, params.newName) : general.rename(uri, text(uri), params.position, params.newName);
    return { changes: { [uri]: edits } };
  }
  // The build files naming the stage as a target follow the rename.
  const path = pathOf(uri);
  const { dockerfile, elsewhere } = renameWithTargets(context, params.position, params.newName, path ? buildFiles.targetsOf(path) : [], textOf);
  return { changes: { ...buildFiles.workspaceEdit(elsewhere).changes, [uri]: dockerfile } };
}));

connection.onHover(guarded('hover', (params) => {
  const { uri } = params.textDocument;
  const buildFile = contexts.buildFile(uri);
  if (buildFile) return hoverTarget(buildFile, params.position) ?? null;
  const context = contexts.dockerfile(uri);
  if (!context) return null;
  return hoverStage(context, params.position) ?? hoverVariable(context, params.position) ?? hoverCopySource(context, params.position) ?? general.hover(text(uri), params.position);
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

connection.onCodeLens(guarded('codeLens', (params) => {
  const context = contexts.dockerfile(params.textDocument.uri);
  return context && settings.codeLens ? codeLenses(context, params.textDocument.uri, { debugger: dockerfileDebugger }) : [];
}));

connection.languages.inlayHint.on(guarded('inlayHint', (params) => {
  const context = contexts.dockerfile(params.textDocument.uri);
  return context && settings.inlayHints ? inlayHints(context.model, params.range) : [];
}));

connection.onRequest(STAGES_REQUEST, guarded('stages', (params: { textDocument: { uri: string } }) => {
  const context = contexts.dockerfile(params.textDocument.uri);
  return context ? stageList(context) : null;
}));

connection.onRequest(GRAPH_REQUEST, guarded('graph', (params: { textDocument: { uri: string } }) => {
  const context = contexts.dockerfile(params.textDocument.uri);
  return context ? stageGraph(context) : null;
}));

connection.onSignatureHelp(guarded('signatureHelp', (params) => general.signatureHelp(text(params.textDocument.uri), params.position)));
connection.onDocumentFormatting(guarded('formatting', (params) => general.format(text(params.textDocument.uri), params.options)));
connection.onDocumentRangeFormatting(guarded('rangeFormatting', (params) => general.formatRange(text(params.textDocument.uri), params.range, params.options)));
connection.onDocumentOnTypeFormatting(guarded('onTypeFormatting', (params) => general.formatOnType(text(params.textDocument.uri), params.position, params.ch, params.options)));
connection.onDocumentLinks(guarded('documentLinks', (params) => general.links(text(params.textDocument.uri))));
connection.onDocumentLinkResolve(guarded('documentLink/resolve', (link) => general.resolveLink(link), unchanged));

store.documents.listen(connection);
connection.listen();

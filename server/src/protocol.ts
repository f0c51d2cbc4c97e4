// What the client and the server say to each other beyond LSP: the custom requests' names, parameters and
// answers. The client imports this file (and nothing else of the server but the graph's formats), so it holds
// types and names only.
import type { Range } from './analysis/positions';
import type { ChainBase } from './analysis/ships/provenance';

export type { Range };

/** The parameters of every request: the Dockerfile asked about. */
export interface DocumentParams {
  readonly textDocument: { readonly uri: string };
}

/** The file's stages as a list, for the client's quick picks and status bar (`features/stageList.ts`). */
export const STAGES_REQUEST = 'dockerfileStages/stages';

export interface StageSummary {
  readonly label: string;
  readonly index: number;
  /** The name `--target` takes; absent for an unnamed stage. */
  readonly name?: string;
  readonly base?: string;
  /** The whole stage, and its name (or FROM keyword). */
  readonly range: Range;
  readonly selectionRange: Range;
  /** The targets that build it, e.g. `release (default target)`; empty when unused. */
  readonly builtBy: readonly string[];
}

export interface StageList {
  readonly stages: readonly StageSummary[];
  /** The stage `docker build` builds without `--target`: the last one. */
  readonly defaultTarget?: string;
}

/** The stage graph the CLI prints and the graph view draws (`features/stageGraph.ts`). */
export const GRAPH_REQUEST = 'dockerfileStages/graph';

export interface GraphNode {
  /** `stage:3`, `image:golang:1.22`, `scratch`. */
  readonly id: string;
  readonly kind: 'stage' | 'image' | 'scratch';
  /** The stage's name (or `#3`), the image as written. */
  readonly label: string;
  readonly stage?: number;
  /** A stage's base as written, with global ARG defaults expanded. */
  readonly base?: string;
  readonly instructions?: number;
  /** A stage's FROM line (select it to go to the stage). */
  readonly range?: Range;
  /** The targets that name this stage itself: `release (default target)`, `test (compose.yaml:5)`. */
  readonly targets?: readonly string[];
  /** No build target reaches it (UnusedStage). */
  readonly unused?: boolean;
  /** A change to the build context re-runs it, from one of its instructions on (a COPY of the context, a stage it takes). */
  readonly contextChange?: boolean;
  /** Something of it reaches the image of the target `StageGraph.shippedFor` (analysis/ships/roles.ts). */
  readonly shipped?: boolean;
}

export type GraphEdgeKind = 'from' | 'copy' | 'mount' | 'onbuild' | 'epoch';

export interface GraphEdge {
  /** What provides: the parent stage, the stage copied or mounted from, the image. */
  readonly from: string;
  /** What takes it. */
  readonly to: string;
  readonly kind: GraphEdgeKind;
  /** A name built from ARGs: a possible edge. */
  readonly possible?: boolean;
  /** Why BuildKit rejects it (a cycle, a stage defined later), when it does. */
  readonly error?: string;
  readonly range: Range;
  /**
   * Files come along it into the image of the target `StageGraph.shippedFor`: a FROM of its chain, a `COPY --from`
   * whose paths end up there (never a mount, nor `scratch`).
   */
  readonly shipped?: boolean;
}

/** A stage the workspace builds as a target (the default target first): what a view lets the user mark the image of. */
export interface GraphTarget {
  /** `stage:4`. */
  readonly node: string;
  readonly label: string;
  /** What `GraphParams.target` takes for it: the stage's name; absent for the default target (the last stage). */
  readonly name?: string;
  /** Where it is built from: `default target`, `compose.yaml:5`. */
  readonly origins: readonly string[];
  /** Its role (analysis/ships/roles.ts): only an image's stages and edges are marked; a check or exported files ship no image. */
  readonly role: 'image' | 'check' | 'undetermined' | 'exported-files';
}

export interface StageGraph {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  readonly buildTargets?: readonly GraphTarget[];
  /** The target (its node) the `shipped` marks are for; absent when no target builds the one asked for. */
  readonly shippedFor?: string;
}

export interface GraphParams extends DocumentParams {
  /** The target whose image the marks are for, as `--target` names it; the default target when absent. */
  readonly target?: string;
}

/** What ships in a target's image (`ShipsReport`, made by `features/ships/shipsReport.ts`), or null. */
export const SHIPS_REQUEST = 'dockerfileStages/ships';

export interface ShipsParams extends DocumentParams {
  /** The target stage; the last stage when absent. */
  readonly target?: string;
}

export interface ShipsReport {
  /** The target's stage, as every view names it. */
  readonly target: string;
  readonly base: BaseReport;
  readonly steps: readonly StepReport[];
}

export interface BaseReport {
  readonly kind: ChainBase['kind'];
  /** The image, or what it depends on ("depends on VERSION (no default)"). */
  readonly image?: string;
  /** The FROM line of the chain's first stage (1-based). */
  readonly line?: number;
  readonly stage?: string;
}

export interface StepReport {
  /** 1-based line of the instruction. */
  readonly line: number;
  readonly stage: string;
  /** The instruction's keyword and the start of its arguments. */
  readonly instruction: string;
  /** The absolute paths it is known to make. */
  readonly paths: readonly string[];
  /** False where it may make more than `paths` (a RUN, a variable without one value, an archive ADD extracts). */
  readonly pathsComplete: boolean;
  readonly source: SourceReport;
}

export type SourceReport =
  | { readonly kind: 'context' | 'image'; readonly image?: string; readonly paths: readonly string[] }
  | { readonly kind: 'stage'; readonly stage: string; readonly paths: readonly SourcePathReport[] }
  | { readonly kind: 'depends'; readonly written: string; readonly stages: readonly string[] }
  | { readonly kind: 'url'; readonly urls: readonly string[] }
  | { readonly kind: 'heredoc' | 'run' | 'workdir' }
  | { readonly kind: 'unknown'; readonly reason: string };

export interface SourcePathReport {
  readonly path: string;
  /** The steps of the source stage that made it (`made`), something inside it (`inside`), or may hold it (`holds`). */
  readonly from: readonly (StepReport & { readonly relation: 'made' | 'inside' | 'holds' })[];
  /** The source stage's base, which may hold the path too (unless scratch). */
  readonly base: BaseReport;
}

/**
 * In a browser worker the server reads the workspace through the client (`vscode.workspace.fs`): a folder's
 * entries, null when it cannot be read (`workspace/clientFileAccess.ts`, `client/src/web/workspaceFiles.ts`).
 */
export const READ_DIRECTORY_REQUEST = 'dockerfileStages/readDirectory';
/** A file's text, null when it is larger than `maxBytes`, no file, absent or unreadable. */
export const READ_FILE_REQUEST = 'dockerfileStages/readFile';
/** One of the extension's own files beside the server's bundle (`dist/<name>`), base64. */
export const READ_BUNDLED_REQUEST = 'dockerfileStages/readBundled';

export interface ReadDirectoryParams {
  readonly uri: string;
}

export type DirectoryListing = readonly (readonly [name: string, kind: 'file' | 'directory' | 'other'])[] | null;

export interface ReadFileParams {
  readonly uri: string;
  readonly maxBytes: number;
}

export interface ReadBundledParams {
  readonly name: string;
}

// What the client and the server say to each other beyond LSP: the custom requests' names, parameters and
// answers. The client imports this file (and nothing else of the server but the graph's formats), so it holds
// types and names only.
import type { Range } from './analysis/positions';

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
}

export interface StageGraph {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

/** What ships in a target's image (`features/ships/shipsReport.ts`, its `ShipsReport`), or null. */
export const SHIPS_REQUEST = 'dockerfileStages/ships';

export interface ShipsParams extends DocumentParams {
  /** The target stage; the last stage when absent. */
  readonly target?: string;
}

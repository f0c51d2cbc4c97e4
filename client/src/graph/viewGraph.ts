// What the graph view hands Graphviz: the graph with each set of parallel edges drawn once, as DOT for a view
// (cli/graphFormats.ts: shortened labels, edge labels where they fit), laid out the way it is drawn largest.
// Pure: the webview and the benchmark (which times this layout) share it.
import type { GraphEdge, StageGraph } from '../../../server/src/protocol';
import { formatDot } from '../../../server/src/features/graphFormats';
import { layoutDirection, type Direction } from './direction';
import type { Panel } from './viewport';

export interface ViewGraph {
  /** The graph as drawn: one edge for the references that share both ends, kind, certainty and error (shipped if one is). */
  readonly graph: StageGraph;
  /** For each drawn edge (by index), the references it stands for, in the file's order. */
  readonly references: readonly (readonly GraphEdge[])[];
}

/**
 * One edge for parallel references: nginx-ingress's 51 stages copy 204 times from 129 distinct places, 102 of
 * them from one stage; drawn once each, the layout is smaller (LR: 2,169 × 1,735 points instead of
 * 2,286 × 2,184) and the edges can be told apart. The tooltip lists every reference's line.
 */
export function mergeParallelEdges(graph: StageGraph): ViewGraph {
  const groups = new Map<string, GraphEdge[]>();
  for (const edge of graph.edges) {
    const key = JSON.stringify([edge.from, edge.to, edge.kind, edge.possible ?? false, edge.error ?? '']);
    const group = groups.get(key);
    if (group) group.push(edge);
    else groups.set(key, [edge]);
  }
  const references = [...groups.values()];
  // Files may come along one of the references and not another (a path copied on into the image, one not).
  const drawn = references.map((group) => (!group[0].shipped && group.some((edge) => edge.shipped) ? { ...group[0], shipped: true } : group[0]));
  return { graph: { ...graph, edges: drawn }, references };
}

/** The DOT the view lays out, and its direction: `keep` (a redraw of what the user is looking at), or chosen. */
export function viewDot(view: ViewGraph, panel: Panel, keep?: Direction): { dot: string; direction: Direction } {
  const direction = keep ?? layoutDirection(view.graph, panel);
  return { dot: formatDot(view.graph, { direction, view: true }), direction };
}

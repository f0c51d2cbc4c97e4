// The tooltip and accessible name of a node or an edge of the stage graph, and the names of the edge kinds.
import type { GraphEdge, GraphEdgeKind, GraphNode } from '../../../../server/src/protocol';
import { nodeDetails } from '../../../../server/src/features/graphFormats';

/** What each kind of edge stands for, in the tooltips and the legend. */
export const EDGE_KIND_NAME: Readonly<Record<GraphEdgeKind, string>> = {
  from: 'FROM',
  copy: 'COPY --from',
  mount: 'RUN --mount from=',
  onbuild: 'ONBUILD',
  epoch: 'SOURCE_DATE_EPOCH',
};

export function describeNode(node: GraphNode): string {
  if (node.kind === 'scratch') return 'scratch (empty)';
  if (node.kind === 'image') return `image ${node.label}`;
  return [
    `stage ${node.label}`, ...nodeDetails(node),
    ...node.contextChange ? ['a change to the build context re-runs it'] : [],
    ...node.shipped ? ['ships in the default target\'s image'] : [],
  ].join('\n');
}

/** An edge as drawn: the references it stands for (more than one where a stage copies from another again). */
export function describeEdge(references: readonly GraphEdge[], nodes: ReadonlyMap<string, GraphNode>): string {
  const [edge] = references;
  const name = (id: string) => nodes.get(id)?.label ?? id;
  const lines = [`${EDGE_KIND_NAME[edge.kind]}: ${name(edge.from)} → ${name(edge.to)}`];
  if (references.length > 1) lines.push(`${references.length} references, lines ${references.map((reference) => reference.range.start.line + 1).join(', ')}`);
  if (edge.possible) lines.push('may use it: the name is built from ARGs');
  if (edge.error) lines.push(`BuildKit rejects it: ${edge.error}`);
  return lines.join('\n');
}

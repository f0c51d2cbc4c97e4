// The tooltip and accessible name of a node or an edge of the stage graph.
import type { GraphEdge, GraphEdgeKind, GraphNode } from '../../../../server/src/features/stageGraph';
import { nodeDetails } from '../../../../server/src/cli/graphFormats';

const EDGE_KIND: Record<GraphEdgeKind, string> = {
  from: 'FROM',
  copy: 'COPY --from',
  mount: 'RUN --mount from=',
  onbuild: 'ONBUILD trigger',
  epoch: 'ARG SOURCE_DATE_EPOCH',
};

export function describeNode(node: GraphNode): string {
  if (node.kind === 'scratch') return 'scratch (empty)';
  if (node.kind === 'image') return `image ${node.label}`;
  return [`stage ${node.label}`, ...nodeDetails(node)].join('\n');
}

export function describeEdge(edge: GraphEdge, nodes: ReadonlyMap<string, GraphNode>): string {
  const name = (id: string) => nodes.get(id)?.label ?? id;
  const lines = [`${EDGE_KIND[edge.kind]}: ${name(edge.from)} → ${name(edge.to)}`];
  if (edge.possible) lines.push('may use it: the name is built from ARGs');
  if (edge.error) lines.push(`BuildKit rejects it: ${edge.error}`);
  return lines.join('\n');
}

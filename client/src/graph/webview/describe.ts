// The tooltip and accessible name of a node or an edge of the stage graph, the names of the edge kinds, and what
// the "Ships" picker says of each target.
import type { GraphEdge, GraphEdgeKind, GraphNode, GraphTarget } from '../../../../server/src/protocol';
import { nodeDetails } from '../../../../server/src/features/graphFormats';

/** What each kind of edge stands for, in the tooltips and the legend. */
export const EDGE_KIND_NAME: Readonly<Record<GraphEdgeKind, string>> = {
  from: 'FROM',
  copy: 'COPY --from',
  mount: 'RUN --mount from=',
  onbuild: 'ONBUILD',
  epoch: 'SOURCE_DATE_EPOCH',
};

/** `shippedIn`: the label of the target whose image the marks are for (`StageGraph.shippedFor`). */
export function describeNode(node: GraphNode, shippedIn?: string): string {
  if (node.kind === 'scratch') return 'scratch (empty)';
  if (node.kind === 'image') return `image ${node.label}`;
  return [
    `stage ${node.label}`, ...nodeDetails(node),
    ...node.contextChange ? ['a change to the build context re-runs it'] : [],
    ...node.shipped && shippedIn ? [`ships in the image of ${shippedIn}`] : [],
  ].join('\n');
}

/**
 * An edge as drawn: the references it stands for (more than one where a stage copies from another again);
 * `shippedIn` as for a node.
 */
export function describeEdge(references: readonly GraphEdge[], nodes: ReadonlyMap<string, GraphNode>, shippedIn?: string): string {
  const [edge] = references;
  const name = (id: string) => nodes.get(id)?.label ?? id;
  const lines = [`${EDGE_KIND_NAME[edge.kind]}: ${name(edge.from)} → ${name(edge.to)}`];
  if (references.length > 1) lines.push(`${references.length} references, lines ${references.map((reference) => reference.range.start.line + 1).join(', ')}`);
  if (edge.possible) lines.push('may use it: the name is built from ARGs');
  if (edge.error) lines.push(`BuildKit rejects it: ${edge.error}`);
  const shipped = references.filter((reference) => reference.shipped);
  if (shipped.length > 0 && shippedIn) {
    const which = references.length > 1 ? ` (line${shipped.length > 1 ? 's' : ''} ${shipped.map((reference) => reference.range.start.line + 1).join(', ')})` : '';
    lines.push(`files come along it into the image of ${shippedIn}${which}`);
  }
  return lines.join('\n');
}

/**
 * An option of the "Ships" picker: the target, where it is built from, and what is marked for it: an image's
 * shipped stages and edges, nothing for a check, files exported with --output, or a target that may be either.
 */
export function describeTarget(target: GraphTarget): string {
  const name = `${target.label} (${target.origins.join(', ')})`;
  if (target.role === 'check') return `${name}: a check, nothing ships`;
  if (target.role === 'undetermined') return `${name}: an image or --output files, not marked`;
  if (target.role === 'exported-files') return `${name}: --output files, no image`;
  return name;
}

// "Show only what target X builds": the stages and images a build of one stage needs, and the edges among them.
import type { GraphNode, StageGraph } from '../../../server/src/protocol';
import { lastAtOrBefore } from '../../../server/src/analysis/positions';

/**
 * What a build of `target` (a node id) reads: every node with a path of edges to it, and those edges. The
 * stage a global `ARG SOURCE_DATE_EPOCH=<stage>` names is built for every target (the server's reachability
 * counts it so): the graph draws its edge to the default target only, so it is a root of every build here.
 * The targets and the one the shipped marks are for are the whole graph's.
 */
export function buildOf(graph: StageGraph, target: string): StageGraph {
  const roots = [target, ...graph.edges.filter((edge) => edge.kind === 'epoch').map((edge) => edge.from)];
  const needed = new Set(roots);
  const pending = [...needed];
  while (pending.length > 0) {
    const node = pending.pop()!;
    for (const edge of graph.edges) {
      if (edge.to === node && !needed.has(edge.from)) {
        needed.add(edge.from);
        pending.push(edge.from);
      }
    }
  }
  return {
    ...graph,
    nodes: graph.nodes.filter((node) => needed.has(node.id)),
    edges: graph.edges.filter((edge) => needed.has(edge.from) && needed.has(edge.to)),
  };
}

/** The stage whose lines hold `line`: the last one whose FROM line is at or before it. */
export function stageAtLine(graph: StageGraph, line: number): GraphNode | undefined {
  const stages = graph.nodes.filter((node) => node.kind === 'stage' && node.range);
  return lastAtOrBefore(stages, (node) => node.range!.start.line, line);
}

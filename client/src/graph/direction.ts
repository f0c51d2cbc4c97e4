// Which way the view lays the graph out: the direction in which the whole graph, fitted in the panel, is drawn
// largest. The panel's shape alone decides badly: nginx-ingress's 51 stages top to bottom, as a tall panel asked,
// were 9,567 × 714 points (labels 0.7 px high fitted in a 521 px panel), left to right 5,299 × 4,169 (1.3 px).
// Graphviz is not asked twice (100 stages take a tenth of a second, 300 several): the drawing's size is
// estimated from the ranks (longest paths from the sources) and the labels' lengths. Measured on the corpus's
// 29 files of 8 stages or more, in a 521 × 640 and a 1000 × 640 panel: the estimate picks the direction that
// Graphviz draws larger 48 times of 58 (the panel's shape 29), and where it misses, the labels are at most
// 17 % smaller than they could be.
import type { GraphNode, StageGraph } from '../../../server/src/protocol';
import { nodeLines, VIEW_SPACING } from '../../../server/src/features/graphFormats';
import { aspectOf, type Panel } from './viewport';

export type Direction = 'LR' | 'TB';

/** Graphviz's sizes for 14 pt labels in points, measured on its output: a box grows by about 5.9 a character. */
const CHAR_WIDTH = 5.9;
const BOX_MARGIN = 16;
const ELLIPSE_WIDENING = 1.5;
const LINE_HEIGHT = 16;
const MIN_SIZE = { width: 54, height: 36 };
/** The view's DOT spacing in points (Graphviz's inches: 72 points). */
const SPACING = { node: VIEW_SPACING.node * 72, rank: VIEW_SPACING.rank * 72 };

export function layoutDirection(graph: StageGraph, panel: Panel): Direction {
  const ranks = rankOf(graph);
  const sizes = new Map(graph.nodes.map((node) => [node.id, nodeSize(node)]));
  const byRank = new Map<number, { width: number; height: number }[]>();
  for (const node of graph.nodes) {
    const rank = ranks.get(node.id)!;
    if (!byRank.has(rank)) byRank.set(rank, []);
    byRank.get(rank)!.push(sizes.get(node.id)!);
  }
  const rows = [...byRank.values()];
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  const across = (size: 'width' | 'height') => Math.max(...rows.map((row) => sum(row.map((box) => box[size] + SPACING.node))));
  const along = (size: 'width' | 'height') => sum(rows.map((row) => Math.max(...row.map((box) => box[size])) + SPACING.rank));
  // Past the labels' natural size, larger is no better.
  const scale = (width: number, height: number) => Math.min(1, panel.width / width, panel.height / height);
  const topToBottom = scale(across('width'), along('height'));
  const leftToRight = scale(along('width'), across('height'));
  // Within 5 % of each other (both at natural size, for a small graph), the panel's shape decides.
  if (Math.abs(topToBottom - leftToRight) <= 0.05 * Math.max(topToBottom, leftToRight)) return aspectOf(panel) > 1 ? 'TB' : 'LR';
  return topToBottom > leftToRight ? 'TB' : 'LR';
}

function nodeSize(node: GraphNode): { width: number; height: number } {
  const lines = nodeLines(node, true);
  const text = CHAR_WIDTH * Math.max(...lines.map((line) => line.length)) + BOX_MARGIN;
  return {
    width: Math.max(MIN_SIZE.width, node.kind === 'stage' ? text : text * ELLIPSE_WIDENING),
    height: Math.max(MIN_SIZE.height, LINE_HEIGHT * lines.length + 10),
  };
}

/**
 * A node's rank as a layered layout gives it, about: one past its furthest predecessor (edges closing a cycle
 * left out), and a source (an image) just before its first user rather than in the first rank.
 */
function rankOf(graph: StageGraph): Map<string, number> {
  const predecessors = new Map<string, string[]>(graph.nodes.map((node) => [node.id, []]));
  const successors = new Map<string, string[]>(graph.nodes.map((node) => [node.id, []]));
  for (const edge of graph.edges) {
    if (edge.from === edge.to || !predecessors.has(edge.to) || !successors.has(edge.from)) continue;
    predecessors.get(edge.to)!.push(edge.from);
    successors.get(edge.from)!.push(edge.to);
  }
  const ranks = new Map<string, number>();
  const visiting = new Set<string>();
  const visit = (id: string): number => {
    const known = ranks.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return -1;
    visiting.add(id);
    const rank = Math.max(0, ...predecessors.get(id)!.map((predecessor) => visit(predecessor) + 1));
    visiting.delete(id);
    ranks.set(id, rank);
    return rank;
  };
  graph.nodes.forEach((node) => visit(node.id));
  for (const node of graph.nodes) {
    const users = successors.get(node.id)!;
    if (predecessors.get(node.id)!.length === 0 && users.length > 0) ranks.set(node.id, Math.max(0, Math.min(...users.map((user) => ranks.get(user)!)) - 1));
  }
  return ranks;
}

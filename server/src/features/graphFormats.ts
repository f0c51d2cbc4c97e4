// `dockerfile-stages graph` output: Mermaid (renders on GitHub as is), Graphviz DOT, and JSON. Edges run from
// what provides to what takes it; their kinds are drawn differently, unused stages faded, targets bold,
// edges BuildKit rejects in red, what ships in the image of the target the graph is for (`StageGraph.shippedFor`) in
// purple; the DOT's classes also say what a view colours (re-run stages, shipped stages and edges).
import type { GraphEdge, GraphEdgeKind, GraphNode, StageGraph } from '../protocol';

const KIND_LABEL: Record<GraphEdgeKind, string | undefined> = {
  from: undefined,
  copy: 'COPY --from',
  mount: 'mount',
  onbuild: 'ONBUILD',
  epoch: 'SOURCE_DATE_EPOCH',
};

/**
 * `golang:1.22 · 3 instructions`; a target's name and where it is built from; `unused`. `shorten` shortens
 * what is written in the file (the base), for a view that shows the full text in a tooltip.
 */
export function nodeDetails(node: GraphNode, shorten: (text: string) => string = (text) => text): string[] {
  if (node.kind !== 'stage') return [];
  const lines = [`${shorten(node.base ?? '(no base)')} · ${node.instructions} instruction${node.instructions === 1 ? '' : 's'}`];
  if (node.targets && node.targets.length > 0) lines.push(`target: ${node.targets.join(', ')}`);
  if (node.unused) lines.push('unused');
  return lines;
}

/** The longest name or base image a view's node shows; longer ones are cut in the middle (`…`). */
export const SHORT_LABEL_LENGTH = 32;
/** An image digest as a view shows it: `@sha256:` and its first 7 hex digits (the full one in the tooltip). */
const DIGEST = /@sha256:([0-9a-f]{7})[0-9a-f]{8,}/gi;

/**
 * A name or image reference short enough for a node: the digest cut to 7 digits, or left out (`@…`) where the
 * text is still too long, then the middle of what is still too long cut out, which keeps the start (a registry,
 * a variable's name) and the end (the image's name and tag).
 */
export function shortLabel(text: string, max = SHORT_LABEL_LENGTH): string {
  let short = text.replace(DIGEST, '@sha256:$1…');
  if (short.length > max) short = text.replace(DIGEST, '@…');
  if (short.length <= max) return short;
  const head = Math.ceil((max - 1) * 0.4);
  return `${short.slice(0, head)}…${short.slice(short.length - (max - 1 - head))}`;
}

/** The lines of a node's label in DOT: its name, then its details; shortened for a view (see DotOptions). */
export function nodeLines(node: GraphNode, view = false): string[] {
  return view ? [shortLabel(node.label), ...nodeDetails(node, shortLabel)] : [node.label, ...nodeDetails(node)];
}

/** An edge's label: its kind (none for FROM), and `may use` for a name built from ARGs. */
function edgeLabel(edge: GraphEdge): string[] {
  return [KIND_LABEL[edge.kind], edge.possible ? 'may use' : undefined].filter((part): part is string => part !== undefined);
}

/** The purple of VS Code's charts, which the view's glow on shipped stages uses. */
const SHIPPED_COLOUR = '#8250df';

export function formatMermaid(graph: StageGraph): string {
  const ids = new Map(graph.nodes.map((node, i) => [node.id, node.kind === 'stage' ? `s${node.stage}` : `x${i}`]));
  const text = (value: string) => value.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
  const lines = ['flowchart LR'];
  for (const node of graph.nodes) {
    const label = [text(node.label), ...nodeDetails(node).map((line) => `<small>${text(line)}</small>`)].join('<br/>');
    lines.push(`  ${ids.get(node.id)}${node.kind === 'stage' ? `["${label}"]` : `(["${label}"])`}`);
  }
  graph.edges.forEach((edge) => {
    // Mermaid has no tooltips: BuildKit's reason is part of the label.
    const label = [...edgeLabel(edge), ...(edge.error ? [edge.error] : [])].join(', ');
    const arrow = edge.kind === 'from' ? '-->' : edge.kind === 'onbuild' ? '==>' : '-.->';
    lines.push(`  ${ids.get(edge.from)} ${arrow}${label ? `|"${text(label)}"|` : ''} ${ids.get(edge.to)}`);
  });
  lines.push('  classDef unused opacity:0.45,stroke-dasharray:4 3', '  classDef target stroke-width:3px', '  classDef external fill:#eef,stroke:#88a',
    `  classDef shipped fill:#f3e8ff,stroke:${SHIPPED_COLOUR}`);
  const classes = (name: string, predicate: (node: GraphNode) => boolean) => {
    const members = graph.nodes.filter(predicate).map((node) => ids.get(node.id));
    if (members.length > 0) lines.push(`  class ${members.join(',')} ${name}`);
  };
  classes('unused', (node) => node.unused === true);
  classes('target', (node) => (node.targets?.length ?? 0) > 0);
  classes('external', (node) => node.kind !== 'stage');
  classes('shipped', (node) => node.shipped === true);
  const linkStyle = (predicate: (edge: GraphEdge) => boolean, style: string) => {
    const members = graph.edges.map((edge, i) => (predicate(edge) ? i : -1)).filter((i) => i >= 0);
    if (members.length > 0) lines.push(`  linkStyle ${members.join(',')} ${style}`);
  };
  linkStyle((edge) => edge.error !== undefined, 'stroke:#d00,color:#d00');
  linkStyle((edge) => edge.shipped === true && edge.error === undefined, `stroke:${SHIPPED_COLOUR},stroke-width:3px`);
  return lines.join('\n') + '\n';
}

const DOT_STYLE: Record<GraphEdgeKind, string> = { from: 'solid', copy: 'dashed', mount: 'dotted', onbuild: 'bold', epoch: 'dashed' };

/**
 * Past this many edges, Graphviz draws straight edges, bounds its crossing minimization and network simplex
 * passes, and places edge labels after the layout (`xlabel`: a `label` is a node of its own in every rank the
 * edge spans). Its time grows with how many ranks the edges span: measured with dot 12 (the wasm build), the
 * nginx ingress file's 204 edges take 60 ms with the defaults, while a generated 98-stage file with 393 long
 * edges takes over 60 s; with these settings 0.13 s (0.24 s with `label`), and 300 stages, 1,207 edges, 2.9 s
 * (6.7 s with `label`). An `xlabel` may overlap a node: on a graph that large, the price of seconds saved.
 */
const LARGE_GRAPH_EDGES = 250;
const LARGE_GRAPH_SETTINGS = ['  splines=line;', '  mclimit=0.1;', '  nslimit=1;', '  nslimit1=1;'];

/** Graphviz's `class` of a node: its kind, `target`, `unused`, `context`, `shipped`; the webview styles its SVG by them. */
function nodeClasses(node: GraphNode): string {
  return [
    node.kind, (node.targets?.length ?? 0) > 0 ? 'target' : undefined, node.unused ? 'unused' : undefined,
    node.contextChange ? 'context' : undefined, node.shipped ? 'shipped' : undefined,
  ].filter(Boolean).join(' ');
}

/** Graphviz's `class` of an edge: its kind, `error`, `possible`, `shipped`; the webview styles its SVG by them. */
function edgeClasses(edge: GraphEdge): string {
  return [edge.kind, edge.error ? 'error' : undefined, edge.possible ? 'possible' : undefined, edge.shipped ? 'shipped' : undefined].filter(Boolean).join(' ');
}

/**
 * For an interactive view (the graph webview), which shows the full texts in tooltips: names and images
 * shortened (`shortLabel`), nodes and ranks closer (VIEW_SPACING, in inches), edge labels placed after the
 * layout where they fit (`xlabel`; dropped where they would overlap a node or another label), or, past
 * VIEW_LABELLED_EDGES, none: the line's style, the legend and the tooltip say the kind, and a label on each of
 * a hundred edges hides them.
 * Measured on nginx-ingress's 51 stages laid out left to right: 2,539 × 4,140 points with ranked edge labels,
 * 2,286 × 2,184 with labels after the layout; with parallel references drawn once (client/src/graph/
 * viewGraph.ts) and the closer spacing too, 2,141 × 1,337.
 */
export const VIEW_SPACING = { node: 0.15, rank: 0.35 };
const VIEW_SETTINGS = ['  forcelabels=false;', `  nodesep=${VIEW_SPACING.node};`, `  ranksep=${VIEW_SPACING.rank};`];
const VIEW_LABELLED_EDGES = 40;

export interface DotOptions {
  /** Left to right (the default), or top to bottom. */
  readonly direction?: 'LR' | 'TB';
  /** For an interactive view with tooltips (see VIEW_SETTINGS); the CLI prints every text in full. */
  readonly view?: boolean;
}

/**
 * DOT that `dot` renders as is. Nodes carry their graph id and edges `edge:N` (N: the edge's index in the
 * graph) as SVG ids, and both a `class`, so that a view can find and style what Graphviz drew.
 */
export function formatDot(graph: StageGraph, { direction = 'LR', view = false }: DotOptions = {}): string {
  const quote = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
  const lines = ['digraph stages {', `  rankdir=${direction};`, '  node [shape=box, style=rounded, fontname="sans-serif"];', '  edge [fontname="sans-serif", fontsize=10];'];
  const large = graph.edges.length > LARGE_GRAPH_EDGES;
  if (large) lines.push(...LARGE_GRAPH_SETTINGS);
  if (view) lines.push(...VIEW_SETTINGS);
  const labelled = !view || graph.edges.length <= VIEW_LABELLED_EDGES;
  for (const node of graph.nodes) {
    const attributes = [`label=${quote(nodeLines(node, view).join('\n'))}`];
    if (node.kind !== 'stage') attributes.push('shape=ellipse', 'style=filled', 'fillcolor="#eeeeff"');
    if (node.unused) attributes.push('style="rounded,dashed"', 'color=gray', 'fontcolor=gray');
    if ((node.targets?.length ?? 0) > 0) attributes.push('penwidth=2.5');
    attributes.push(`id=${quote(node.id)}`, `class=${quote(nodeClasses(node))}`);
    lines.push(`  ${quote(node.id)} [${attributes.join(', ')}];`);
  }
  graph.edges.forEach((edge, index) => {
    const attributes = [`style=${DOT_STYLE[edge.kind]}`];
    const label = edgeLabel(edge).join(', ');
    if (label && labelled) attributes.push(`${large || view ? 'xlabel' : 'label'}=${quote(label)}`);
    if (edge.error) attributes.push('color=red', 'fontcolor=red', `tooltip=${quote(edge.error)}`);
    attributes.push(`id="edge:${index}"`, `class=${quote(edgeClasses(edge))}`);
    lines.push(`  ${quote(edge.from)} -> ${quote(edge.to)} [${attributes.join(', ')}];`);
  });
  lines.push('}');
  return lines.join('\n') + '\n';
}

export function formatGraphJson(graph: StageGraph): string {
  return JSON.stringify(graph, null, 2) + '\n';
}


// The stage graph webview: draws the server's graph with Graphviz (compiled to WebAssembly, in a worker) from
// the DOT the CLI prints, as a view has it (../viewGraph.ts), styles it with the theme's colors, opens it on the
// cursor's stage where the whole graph is too large to read (../viewport.ts), marks what ships in the image of the
// target picked (./shipsPicker.ts), and links it to the editor through messages (../messages.ts). Kept in the webview's state: the target shown, the selected node, zoom, pan and direction.
import './graphView.css';
import { formatMermaid } from '../../../../server/src/features/graphFormats';
import type { GraphEdge, GraphNode, StageGraph } from '../../../../server/src/protocol';
import type { FromWebview, ToWebview } from '../messages';
import { buildOf, stageAtLine } from '../subgraph';
import { mergeParallelEdges, viewDot, type ViewGraph } from '../viewGraph';
import type { Direction } from '../direction';
import { PanZoom, type View } from './panZoom';
import { legend } from './legend';
import { describeEdge, describeNode } from './describe';
import { ShipsPicker } from './shipsPicker';
import { Layout, SUPERSEDED } from './layout';

interface State {
  readonly uri?: string;
  readonly target?: string;
  readonly selected?: string;
  readonly view?: View;
  /** The layout's direction, kept with the view. */
  readonly direction?: Direction;
}

declare function acquireVsCodeApi(): { postMessage(message: FromWebview): void; getState(): State | undefined; setState(state: State): void };
const vscode = acquireVsCodeApi();
let state: State = vscode.getState() ?? {};
const saveState = (change: Partial<State>) => vscode.setState(state = { ...state, ...change });

const layout = new Layout(document.body.dataset.layoutWorker!);
let shown: { uri: string; graph: StageGraph; drawn: StageGraph } | undefined;
let cursorLine: number | undefined;
/** The stage the view last showed for the cursor: the view pans when the cursor enters another. */
let followed: string | undefined;

const toolbar = element('header', 'toolbar');
const fileName = element('span', 'file');
const targetPicker = element('select', 'target') as HTMLSelectElement;
targetPicker.title = 'Show only what a build of this stage needs';
targetPicker.setAttribute('aria-label', 'Show only what a build of this stage needs');
const shipsPicker = new ShipsPicker((target) => vscode.postMessage({ type: 'ships', target }));
const status = element('span', 'status');
status.setAttribute('role', 'status');
const canvas = element('main', 'canvas');
canvas.tabIndex = -1;
const panZoom = new PanZoom(canvas, (view) => saveState({ view }));
toolbar.append(fileName, targetPicker, shipsPicker.element,
  button('zoom-in', '+', 'Zoom in (+)', () => panZoom.zoom(1.25)),
  button('zoom-out', '−', 'Zoom out (-)', () => panZoom.zoom(0.8)),
  button('fit', 'Fit', 'Fit the graph in the panel (0)', () => panZoom.fit()),
  button('copy', 'Copy as Mermaid', 'Copy what is shown as a Mermaid flowchart (renders on GitHub)', () => shown && vscode.postMessage({ type: 'copy', text: formatMermaid(shown.drawn) })),
  status);
document.body.append(toolbar, canvas, legend());

targetPicker.addEventListener('change', () => {
  saveState({ target: targetPicker.value || undefined, view: undefined });
  if (shown) void draw(shown.uri, shown.graph);
});
document.addEventListener('keydown', (event) => {
  if (event.target instanceof HTMLSelectElement) return;
  if (event.key === '+' || event.key === '=') panZoom.zoom(1.25);
  else if (event.key === '-') panZoom.zoom(0.8);
  else if (event.key === '0') panZoom.fit();
});
window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  if (message.type === 'graph') {
    fileName.textContent = message.fileName;
    shipsPicker.fill(message.graph);
    void draw(message.uri, message.graph);
  } else if (message.uri === shown?.uri) {
    cursorLine = message.line;
    markCursor();
  }
});
vscode.postMessage({ type: 'ready' });

async function draw(uri: string, graph: StageGraph): Promise<void> {
  if (uri !== state.uri) {
    saveState({ uri, target: undefined, selected: undefined, view: undefined });
    cursorLine = undefined;
  }
  fillTargetPicker(graph);
  const drawn = state.target ? buildOf(graph, state.target) : graph;
  shown = { uri, graph, drawn };
  const stages = drawn.nodes.filter((node) => node.kind === 'stage').length;
  status.textContent = `Laying out ${stages} stages…`;
  const view = mergeParallelEdges(drawn);
  let svg: SVGSVGElement;
  let direction: Direction;
  try {
    const { width, height } = canvas.getBoundingClientRect();
    const dot = viewDot(view, { width, height }, state.view && state.direction);
    direction = dot.direction;
    const text = await layout.svg(dot.dot);
    svg = new DOMParser().parseFromString(text, 'image/svg+xml').documentElement as unknown as SVGSVGElement;
  } catch (error) {
    if ((error as Error).message !== SUPERSEDED) status.textContent = `The graph could not be drawn: ${(error as Error).message}`;
    return;
  }
  if (shown.drawn !== drawn) return;
  decorate(svg, view);
  canvas.replaceChildren(svg);
  fitLabels(svg);
  // The same file redrawn, or the panel shown again: the view as the user left it; otherwise opened on the
  // cursor's stage (the first stage while the cursor is above it), what it is built from and what uses it.
  const focus = (cursorLine === undefined ? undefined : stageAtLine(drawn, cursorLine)) ?? drawn.nodes.find((node) => node.kind === 'stage');
  const groups = (ids: string[]) => [...new Set(ids)].map(nodeGroup).filter((group): group is SVGGElement => group !== undefined);
  const neighbours = focus ? [groups(drawn.edges.filter((edge) => edge.to === focus.id).map((edge) => edge.from)),
    groups(drawn.edges.filter((edge) => edge.from === focus.id).map((edge) => edge.to))] : [];
  saveState({ direction });
  panZoom.attach(svg, state.view, focus && nodeGroup(focus.id), neighbours);
  status.textContent = `${stages} stages, ${drawn.edges.length} edges`;
  followed = focus?.id;
  markCursor();
}

/** Tooltips, keyboard access and clicks on what Graphviz drew (nodes and edges carry their ids, see formatDot). */
function decorate(svg: SVGSVGElement, { graph, references }: ViewGraph): void {
  const nodes = new Map(graph.nodes.map((node) => [node.id, node]));
  const shippedIn = graph.buildTargets?.find((target) => target.node === graph.shippedFor)?.label;
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `Stage graph: ${graph.nodes.length} nodes, ${graph.edges.length} edges`);
  for (const group of svg.querySelectorAll<SVGGElement>('g.node')) {
    const node = nodes.get(group.id);
    if (!node) continue;
    const description = describeNode(node, shippedIn);
    retitle(group, description);
    group.tabIndex = 0;
    group.setAttribute('role', 'button');
    group.setAttribute('aria-label', description);
    group.classList.toggle('selected', group.id === state.selected);
    const activate = () => select(group, node, graph);
    group.addEventListener('click', activate);
    group.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        activate();
      }
    });
  }
  for (const group of svg.querySelectorAll<SVGGElement>('g.edge')) {
    const edges = references[Number(group.id.slice('edge:'.length))];
    if (!edges) continue;
    retitle(group, describeEdge(edges, nodes, shippedIn));
    group.addEventListener('click', () => reveal(edges[0].range));
  }
}

/**
 * Graphviz sizes the boxes with its own font metrics, the page draws with the editor's sans-serif font, which
 * may be wider (DejaVu Sans is about 10% wider than Graphviz's estimate): a label is narrowed to its box.
 */
function fitLabels(svg: SVGSVGElement): void {
  for (const group of svg.querySelectorAll<SVGGElement>('g.node')) {
    const shape = group.querySelector<SVGGraphicsElement>('path, polygon, ellipse');
    if (!shape) continue;
    const room = shape.getBBox().width * (shape.tagName === 'ellipse' ? 0.8 : 0.94);
    for (const text of group.querySelectorAll('text')) {
      if (text.getComputedTextLength() > room) {
        text.setAttribute('textLength', String(room));
        text.setAttribute('lengthAdjust', 'spacingAndGlyphs');
      }
    }
  }
}

/** Graphviz titles a group with its DOT id; the browser shows the title as the tooltip. */
function retitle(group: SVGGElement, text: string): void {
  group.querySelectorAll('title, a').forEach((child) => child.tagName === 'title' ? child.remove() : child.replaceWith(...child.childNodes));
  const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
  title.textContent = text;
  group.prepend(title);
}

function select(group: SVGGElement, node: GraphNode, graph: StageGraph): void {
  canvas.querySelectorAll('g.node.selected').forEach((other) => other.classList.remove('selected'));
  group.classList.add('selected');
  saveState({ selected: node.id });
  // An image has no line of its own: go to the first place that names it.
  const range = node.range ?? graph.edges.find((edge: GraphEdge) => edge.from === node.id)?.range;
  if (range) reveal(range);
}

function reveal(range: GraphEdge['range']): void {
  if (shown) vscode.postMessage({ type: 'reveal', uri: shown.uri, range });
}

/** Highlights the cursor's stage; when the cursor has entered another stage, pans the view to it. */
function markCursor(): void {
  if (!shown || cursorLine === undefined) return;
  const stage = stageAtLine(shown.drawn, cursorLine);
  canvas.querySelectorAll('g.node.current').forEach((group) => group.classList.remove('current'));
  const group = stage && nodeGroup(stage.id);
  if (!group) return;
  group.classList.add('current');
  if (stage.id !== followed) panZoom.follow(group);
  followed = stage.id;
}

function nodeGroup(id: string): SVGGElement | undefined {
  return canvas.querySelector<SVGGElement>(`g.node[id="${CSS.escape(id)}"]`) ?? undefined;
}

function fillTargetPicker(graph: StageGraph): void {
  const stages = graph.nodes.filter((node) => node.kind === 'stage');
  const target = stages.some((node) => node.id === state.target) ? state.target : undefined;
  if (target !== state.target) saveState({ target });
  targetPicker.replaceChildren(new Option('All stages', ''), ...stages.map((node) => {
    const marked = (node.targets?.length ?? 0) > 0 ? ` (${node.targets!.join(', ')})` : '';
    return new Option(`Build of ${node.label}${marked}`, node.id, false, node.id === target);
  }));
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  created.className = className;
  return created;
}

function button(id: string, text: string, title: string, onClick: () => void): HTMLButtonElement {
  const created = element('button', 'tool');
  Object.assign(created, { id, textContent: text, title });
  created.setAttribute('aria-label', title);
  created.addEventListener('click', onClick);
  return created;
}

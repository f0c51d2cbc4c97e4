// How readable the graph view is on a file (`npm run bench graph`): laid out as the webview lays it out, in a
// panel of the size VS Code gives it beside an editor in a 1400 × 800 window (521 × 640 px), how large the labels
// are with the whole graph fitted, and which share of the nodes is on screen with a readable label (≥ 9 px) in
// the view the graph opens with, for each stage as the cursor's (averaged), and the share of its neighbours shown.
import type { Graphviz } from '@hpcc-js/wasm-graphviz';
import type { StageGraph } from '../../server/src/protocol';
import { mergeParallelEdges, viewDot } from '../../client/src/graph/viewGraph';
import { aspectOf, contains, fitView, labelPixels, openingView, READABLE_PX, type Box, type Panel } from '../../client/src/graph/viewport';

export const PANEL: Panel = { width: 521, height: 640 };

export interface Readability {
  readonly direction: string;
  /** The drawing's size in points. */
  readonly size: { width: number; height: number };
  /** The labels' height on screen with the whole graph fitted. */
  readonly fittedPx: number;
  /** The share of nodes on screen and readable in the opening view, averaged over the cursor's stages. */
  readonly openingReadable: number;
  /** The share of the cursor's stage's neighbours on screen in the opening view, averaged. */
  readonly neighboursShown: number;
}

interface GraphvizJson {
  readonly bb: string;
  readonly objects?: readonly { readonly name: string; readonly pos?: string; readonly width?: string; readonly height?: string }[];
}

export function readability(graphviz: Graphviz, graph: StageGraph, panel = PANEL): Readability {
  const { dot, direction } = viewDot(mergeParallelEdges(graph), panel);
  const layout = JSON.parse(graphviz.dot(dot, 'json')) as GraphvizJson;
  const [, , width, height] = layout.bb.split(',').map(Number);
  const content: Box = { x: 0, y: 0, width, height };
  // Graphviz's JSON has y upwards and sizes in inches; the view's boxes have y downwards, in points.
  const boxes = new Map<string, Box>((layout.objects ?? []).filter((object) => object.pos).map((object) => {
    const [x, y] = object.pos!.split(',').map(Number);
    const [w, h] = [Number(object.width) * 72, Number(object.height) * 72];
    return [object.name, { x: x - w / 2, y: height - y - h / 2, width: w, height: h }];
  }));
  const stages = graph.nodes.filter((node) => node.kind === 'stage');
  let readableShare = 0;
  let neighboursShown = 0;
  for (const stage of stages) {
    const boxesOf = (ids: string[]) => [...new Set(ids)].map((id) => boxes.get(id)!);
    const inputs = boxesOf(graph.edges.filter((edge) => edge.to === stage.id).map((edge) => edge.from));
    const outputs = boxesOf(graph.edges.filter((edge) => edge.from === stage.id).map((edge) => edge.to));
    const neighbours = [...new Set([...inputs, ...outputs])];
    const view = openingView(content, boxes.get(stage.id), [inputs, outputs], panel);
    const inView = (box: Box) => contains(view, aspectOf(panel), box);
    if (labelPixels(view, panel) >= READABLE_PX) readableShare += [...boxes.values()].filter(inView).length / boxes.size;
    neighboursShown += neighbours.length === 0 ? 1 : neighbours.filter(inView).length / neighbours.length;
  }
  return {
    direction,
    size: { width, height },
    fittedPx: labelPixels(fitView(content, panel), panel),
    openingReadable: readableShare / stages.length,
    neighboursShown: neighboursShown / stages.length,
  };
}

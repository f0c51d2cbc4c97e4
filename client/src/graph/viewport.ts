// Which part of the laid-out graph the view shows: all of it (Fit), the cursor's stage and its neighbours at a
// size one can read (the opening view of a graph too large to read whole), or the stage the cursor enters.
// Pure: the webview (webview/panZoom.ts) and the benchmark, which measures how many labels are readable, share it.

/** A rectangle of the drawing, in its units (Graphviz's points), y downwards. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The part of the drawing shown: its top-left corner and width; its height follows the panel's aspect. */
export interface View {
  readonly x: number;
  readonly y: number;
  readonly width: number;
}

/** The panel's size on screen, in CSS pixels. */
export interface Panel {
  readonly width: number;
  readonly height: number;
}

/** Graphviz's default font size, which the DOT keeps for the nodes' labels (points of the drawing). */
export const LABEL_POINTS = 14;
/** A label smaller than this on screen is not readable. */
export const READABLE_PX = 9;
/**
 * The size the opening view gives labels when it zooms in on a stage: comfortably readable, and small enough
 * to show the stage's surroundings (on nginx-ingress, 18 % of the nodes on screen; 14 % at 14 px, 19 % at 11).
 */
const FOCUS_PX = 12;
/** Room around what is fitted in the panel, as a fraction of it. */
const MARGIN = 0.02;

/** How large a label of the drawing is on screen in `view`. */
export function labelPixels(view: View, panel: Panel): number {
  return LABEL_POINTS * panel.width / view.width;
}

/** All of `content`, centred. */
export function fitView(content: Box, panel: Panel): View {
  const aspect = aspectOf(panel);
  const width = Math.max(content.width, content.height / aspect) * (1 + MARGIN);
  return centredOn(content, width, aspect);
}

/**
 * The view a graph opens with: all of it if its labels are readable so; otherwise `focus` (the cursor's stage)
 * with as many of its neighbours as fit, labels FOCUS_PX high. `neighbours` come in groups in the order they
 * matter (what the stage is built from, then what uses it), nearest first within one. Kept within the drawing
 * where it is larger than the view, so that no half of the panel is left empty beside a stage at its edge.
 */
export function openingView(content: Box, focus: Box | undefined, neighbours: readonly (readonly Box[])[], panel: Panel): View {
  const fitted = fitView(content, panel);
  if (!focus || labelPixels(fitted, panel) >= READABLE_PX) return fitted;
  const aspect = aspectOf(panel);
  const needed = (box: Box) => Math.max(box.width, box.height / aspect) * (1 + 2 * MARGIN);
  const width = widthFor(FOCUS_PX, panel);
  const distance = (box: Box) => Math.hypot(centre(box).x - centre(focus).x, centre(box).y - centre(focus).y);
  let group = focus;
  for (const boxes of neighbours) {
    for (const neighbour of [...boxes].sort((a, b) => distance(a) - distance(b))) {
      const larger = union([group, neighbour]);
      if (needed(larger) <= width) group = larger;
    }
  }
  return withinContent(centredOn(group, width, aspect), content, aspect);
}

/**
 * When the cursor enters another stage: nothing to do (undefined) if the stage is in view; otherwise the view
 * panned to put it in the middle (kept within the drawing). The zoom stays as the user left it: after *Fit*,
 * the whole graph stays in view and the highlight moves in it.
 */
export function followView(current: View, target: Box, content: Box, panel: Panel): View | undefined {
  const aspect = aspectOf(panel);
  if (contains(current, aspect, target)) return undefined;
  return withinContent(centredOn(target, current.width, aspect), content, aspect);
}

/** Whether `box` is wholly inside `view`. */
export function contains(view: View, aspect: number, box: Box): boolean {
  return box.x >= view.x && box.y >= view.y && box.x + box.width <= view.x + view.width && box.y + box.height <= view.y + view.width * aspect;
}

/** The panel's height over its width. */
export function aspectOf(panel: Panel): number {
  return panel.width > 0 && panel.height > 0 ? panel.height / panel.width : 1;
}

/** The view's width at which labels are `px` pixels high. */
function widthFor(px: number, panel: Panel): number {
  return LABEL_POINTS * panel.width / px;
}

function centredOn(box: Box, width: number, aspect: number): View {
  return { x: box.x + (box.width - width) / 2, y: box.y + (box.height - width * aspect) / 2, width };
}

function withinContent(view: View, content: Box, aspect: number): View {
  const axis = (start: number, size: number, from: number, length: number) =>
    length <= size ? from + (length - size) / 2 : clamp(start, from, from + length - size);
  const height = view.width * aspect;
  return { x: axis(view.x, view.width, content.x, content.width), y: axis(view.y, height, content.y, content.height), width: view.width };
}

function centre(box: Box): { x: number; y: number } {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

function union(boxes: readonly Box[]): Box {
  const x = Math.min(...boxes.map((box) => box.x));
  const y = Math.min(...boxes.map((box) => box.y));
  return { x, y, width: Math.max(...boxes.map((box) => box.x + box.width)) - x, height: Math.max(...boxes.map((box) => box.y + box.height)) - y };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}

// Zoom and pan of the drawn graph through the SVG's viewBox: the wheel zooms around the pointer, a drag on the
// background pans, and the view is kept (in the webview's state) across redraws and while the panel is hidden.
// Which part to show (all, a stage and its neighbours, the stage the cursor enters) is ../viewport.ts's to say.
import { aspectOf, fitView, followView, openingView, type Box, type Panel, type View } from '../viewport';

export type { View };

const ZOOM_STEP = 1.25;

export class PanZoom {
  private svg?: SVGSVGElement;
  private content = { x: 0, y: 0, width: 1, height: 1 };
  private view: View = { x: 0, y: 0, width: 1 };

  constructor(private readonly host: HTMLElement, private readonly onChange: (view: View) => void) {
    host.addEventListener('wheel', (event) => {
      event.preventDefault();
      this.zoom(Math.pow(ZOOM_STEP, -event.deltaY / 100), event.clientX, event.clientY);
    }, { passive: false });
    host.addEventListener('pointerdown', (event) => this.startDrag(event));
    new ResizeObserver(() => this.apply()).observe(host);
  }

  /**
   * Takes a new drawing: keeps `view` (a redraw of the same file, the panel shown again), or opens on `focus`
   * (the cursor's stage) and its neighbours in groups (see openingView), or on the whole drawing where it is
   * readable whole.
   */
  attach(svg: SVGSVGElement, view: View | undefined, focus?: SVGGraphicsElement, neighbours: readonly (readonly SVGGraphicsElement[])[] = []): void {
    const box = svg.viewBox.baseVal;
    this.svg = svg;
    this.content = { x: box.x, y: box.y, width: box.width || 1, height: box.height || 1 };
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    this.view = view ?? openingView(this.content, focus && this.boxOf(focus), neighbours.map((group) => group.map((element) => this.boxOf(element))), this.panel());
    this.apply();
  }

  fit(): void {
    this.view = fitView(this.content, this.panel());
    this.apply();
  }

  /** Zooms by `factor` around a point of the panel (its center by default). */
  zoom(factor: number, clientX?: number, clientY?: number): void {
    const rect = this.host.getBoundingClientRect();
    const px = clientX === undefined ? 0.5 : (clientX - rect.left) / rect.width;
    const py = clientY === undefined ? 0.5 : (clientY - rect.top) / rect.height;
    const width = this.view.width / factor;
    const height = width * this.aspect();
    const oldHeight = this.view.width * this.aspect();
    this.view = { x: this.view.x + px * (this.view.width - width), y: this.view.y + py * (oldHeight - height), width };
    this.apply();
  }

  /** Pans to an element of the drawing (the stage the cursor entered) when it is not wholly in view. */
  follow(element: SVGGraphicsElement): void {
    const view = followView(this.view, this.boxOf(element), this.content, this.panel());
    if (!view) return;
    this.view = view;
    this.apply();
  }

  /** An element's box in the drawing's units: Graphviz draws inside a group translated by the drawing's height. */
  private boxOf(element: SVGGraphicsElement): Box {
    const box = element.getBBox();
    const matrix = (element.parentNode as SVGGraphicsElement).transform.baseVal.consolidate()?.matrix;
    const corner = new DOMPoint(box.x, box.y).matrixTransform(matrix);
    return { x: corner.x, y: corner.y, width: box.width, height: box.height };
  }

  private panel(): Panel {
    const { width, height } = this.host.getBoundingClientRect();
    return { width, height };
  }

  private aspect(): number {
    return aspectOf(this.panel());
  }

  private apply(): void {
    if (!this.svg) return;
    this.svg.setAttribute('viewBox', `${this.view.x} ${this.view.y} ${this.view.width} ${this.view.width * this.aspect()}`);
    this.onChange(this.view);
  }

  private startDrag(event: PointerEvent): void {
    if (event.button !== 0 || (event.target as Element).closest('.node, .edge')) return;
    const start = { x: event.clientX, y: event.clientY, view: this.view };
    const scale = this.view.width / this.host.getBoundingClientRect().width;
    this.host.setPointerCapture(event.pointerId);
    this.host.classList.add('dragging');
    const move = (moved: PointerEvent) => {
      this.view = { x: start.view.x - (moved.clientX - start.x) * scale, y: start.view.y - (moved.clientY - start.y) * scale, width: start.view.width };
      this.apply();
    };
    const end = () => {
      this.host.removeEventListener('pointermove', move);
      this.host.classList.remove('dragging');
    };
    this.host.addEventListener('pointermove', move);
    this.host.addEventListener('pointerup', end, { once: true });
  }
}

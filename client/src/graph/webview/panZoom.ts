// Zoom and pan of the drawn graph through the SVG's viewBox: the wheel zooms around the pointer, a drag on the
// background pans, and the view is kept (in the webview's state) across redraws and while the panel is hidden.

export interface View {
  readonly x: number;
  readonly y: number;
  readonly width: number;
}

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

  /** Takes a new drawing; keeps `view` (a redraw of the same file) or fits the drawing in the panel. */
  attach(svg: SVGSVGElement, view: View | undefined): void {
    const box = svg.viewBox.baseVal;
    this.svg = svg;
    this.content = { x: box.x, y: box.y, width: box.width || 1, height: box.height || 1 };
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    if (view) {
      this.view = view;
      this.apply();
    } else {
      this.fit();
    }
  }

  fit(): void {
    const { width, height } = this.host.getBoundingClientRect();
    const aspect = height > 0 && width > 0 ? height / width : 1;
    const viewWidth = Math.max(this.content.width, this.content.height / aspect) * 1.02;
    this.view = { x: this.content.x + (this.content.width - viewWidth) / 2, y: this.content.y + (this.content.height - viewWidth * aspect) / 2, width: viewWidth };
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

  /** Brings an element of the drawing into view, centered, when it is outside. */
  show(element: SVGGraphicsElement): void {
    // Graphviz draws inside a group translated by the drawing's height: map the box through its transform.
    const box = element.getBBox();
    const group = element.parentNode as SVGGraphicsElement;
    const matrix = group.transform.baseVal.consolidate()?.matrix;
    const corner = new DOMPoint(box.x, box.y).matrixTransform(matrix);
    const height = this.view.width * this.aspect();
    const inside = corner.x >= this.view.x && corner.y >= this.view.y && corner.x + box.width <= this.view.x + this.view.width && corner.y + box.height <= this.view.y + height;
    if (inside) return;
    this.view = { x: corner.x + box.width / 2 - this.view.width / 2, y: corner.y + box.height / 2 - height / 2, width: this.view.width };
    this.apply();
  }

  private aspect(): number {
    const { width, height } = this.host.getBoundingClientRect();
    return width > 0 && height > 0 ? height / width : 1;
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

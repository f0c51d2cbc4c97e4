// Runs Graphviz in a worker (layoutWorker.ts), kept between layouts (loading Graphviz takes about 80 ms). One
// layout at a time: a new request stops the one running, whose result would be stale (the text changed, or
// another target was picked), by ending that worker. A webview cannot start a worker from its resource URL
// (another origin), so the worker's script is fetched and started from a blob URL (the CSP allows `blob:`).

export const SUPERSEDED = 'superseded by a newer layout';

export class Layout {
  private source?: Promise<string>;
  private worker?: Worker;
  private pending?: { resolve: (svg: string) => void; reject: (error: Error) => void };

  constructor(private readonly scriptUrl: string) {}

  async svg(dot: string): Promise<string> {
    if (this.pending) {
      this.pending.reject(new Error(SUPERSEDED));
      this.pending = undefined;
      this.worker?.terminate();
      this.worker = undefined;
    }
    const worker = this.worker ?? await this.start();
    return new Promise<string>((resolve, reject) => {
      this.pending = { resolve, reject };
      worker.postMessage({ dot });
    });
  }

  private async start(): Promise<Worker> {
    this.source ??= fetch(this.scriptUrl).then((response) => response.text())
      .then((code) => URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
    const worker = new Worker(await this.source);
    worker.onmessage = (event: MessageEvent<{ svg?: string; error?: string }>) => this.settle(event.data.svg, event.data.error);
    worker.onerror = (event) => this.settle(undefined, event.message);
    this.worker = worker;
    return worker;
  }

  private settle(svg: string | undefined, error: string | undefined): void {
    const pending = this.pending;
    this.pending = undefined;
    if (svg !== undefined) pending?.resolve(svg);
    else pending?.reject(new Error(error ?? 'Graphviz failed'));
  }
}

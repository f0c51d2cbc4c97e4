// Full garbage collections while the editor is idle, rather than in the middle of a request. V8 collects the old
// generation once it has grown by a share of what survived the last collection (20 % with the flags VS Code
// starts the server with, client/src/serverLaunch.ts): on a large file that is every dozen or so edits, since
// each leaves the previous version's text and model behind, and the pause (tens of ms at 1,000 stages) lands on
// whatever request comes then. When nothing has come for a moment and the heap has grown since the last
// collection, the server collects itself, so that typing after a pause starts with all the headroom V8 grants.
// It needs `gc` (`node --expose-gc`, among the flags VS Code starts the server with); without it, nothing happens.

/** No request or edit for this long: the editor is idle. Typing sends an edit every 100-200 ms. */
const IDLE_MS = 300;
/** Less growth than this is not worth a collection (a few hundred edits of a small file). */
const GROWTH_BYTES = 4 * 1024 * 1024;

export class IdleCollection {
  private timer?: ReturnType<typeof setTimeout>;
  private heapAfterCollection: number;

  /** `collect`: a full collection (Node's `gc` under `--expose-gc`); `heapUsed`: the bytes the heap holds now. */
  constructor(private readonly collect: (() => void) | undefined, private readonly heapUsed: () => number) {
    this.heapAfterCollection = heapUsed();
  }

  /** A request or an edit came: the idle moment starts again from now. */
  activity(): void {
    if (!this.collect) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.collectIfGrown(), IDLE_MS);
  }

  private collectIfGrown(): void {
    if (this.heapUsed() - this.heapAfterCollection < GROWTH_BYTES) return;
    this.collect!();
    this.heapAfterCollection = this.heapUsed();
  }
}

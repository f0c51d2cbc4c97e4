// When to compute and publish diagnostics: at once on normal files, debounced on large ones, and never for a
// version that is no longer current; the work is done in steps with the requests served between them.
import { nextTurnOfEventLoop } from './workspace/eventLoop';

/** Files up to this many lines get diagnostics on every keystroke. */
const LARGE_FILE_LINES = 1500;
const LARGE_FILE_DELAY_MS = 200;

export class DiagnosticsScheduler {
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(private readonly publish: (uri: string) => void) {}

  schedule(uri: string, lineCount: number): void {
    this.cancel(uri);
    const delay = lineCount > LARGE_FILE_LINES ? LARGE_FILE_DELAY_MS : 0;
    this.pending.set(uri, setTimeout(() => {
      this.pending.delete(uri);
      this.publish(uri);
    }, delay));
  }

  cancel(uri: string): void {
    const timer = this.pending.get(uri);
    if (timer) clearTimeout(timer);
    this.pending.delete(uri);
  }
}

/**
 * Runs the steps, letting the event loop serve what is waiting (a request right after an edit) between two of
 * them; false when `current` says the work is no longer wanted (a newer version came), which stops it.
 */
export async function runInSteps(steps: Iterable<void>, current: () => boolean): Promise<boolean> {
  for (const _ of steps) {
    await nextTurnOfEventLoop();
    if (!current()) return false;
  }
  return true;
}

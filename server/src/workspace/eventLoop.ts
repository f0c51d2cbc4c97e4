// Long work that must not hold the event loop: the server answers requests between two of its slices.

/** Node's `setImmediate`; a browser worker has none, and a zero timeout is its next turn of the event loop. */
export const nextTurn: (callback: () => void) => void = globalThis.setImmediate ?? ((callback) => setTimeout(callback, 0));

/** A promise of the event loop's next turn. */
export function nextTurnOfEventLoop(): Promise<void> {
  return new Promise((resolve) => nextTurn(() => resolve()));
}

/**
 * A pause to call often in a long loop: it lets the event loop turn once `sliceMs` have passed since the last
 * turn (10 ms: a request waits at most that long), and costs nothing otherwise (a turn per call would cost a
 * millisecond each in a browser worker).
 */
export function timeSlices(sliceMs = 10): () => Promise<void> | undefined {
  let sliceStart = Date.now();
  return () => {
    if (Date.now() - sliceStart < sliceMs) return undefined;
    return nextTurnOfEventLoop().then(() => {
      sliceStart = Date.now();
    });
  };
}

// Graphviz in a worker: a layout of hundreds of stages takes seconds, during which the page stays responsive
// (and a newer layout replaces it: see layout.ts).
import { Graphviz } from '@hpcc-js/wasm-graphviz';

const graphviz = Graphviz.load();

self.onmessage = async (event: MessageEvent<{ readonly dot: string }>) => {
  try {
    self.postMessage({ svg: (await graphviz).dot(event.data.dot, 'svg') });
  } catch (error) {
    self.postMessage({ error: (error as Error).message });
  }
};

// Garbage collection in the editor's pauses: after a moment with no request or edit, and only once the heap has
// grown. On node:test's mock clock.
import { describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { IdleCollection } from '../../server/src/idleCollection';

const MB = 1024 * 1024;

function collection(t: TestContext) {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const state = { heap: 30 * MB, collections: 0 };
  const idle = new IdleCollection(() => {
    state.collections++;
    state.heap = 30 * MB;
  }, () => state.heap);
  return { idle, state, tick: (ms: number) => t.mock.timers.tick(ms) };
}

describe('IdleCollection', () => {
  it('collects once the requests and edits pause, when the heap has grown', (t) => {
    const { idle, state, tick } = collection(t);
    state.heap += 8 * MB;
    idle.activity();
    tick(200);
    idle.activity();
    tick(200);
    assert.equal(state.collections, 0, 'an edit every 200 ms is typing, not a pause');
    tick(100);
    assert.equal(state.collections, 1);
    idle.activity();
    tick(1000);
    assert.equal(state.collections, 1, 'nothing grew since');
  });

  it('leaves a heap that grew little alone, and does nothing without gc', (t) => {
    const { idle, state, tick } = collection(t);
    state.heap += MB;
    idle.activity();
    tick(1000);
    assert.equal(state.collections, 0);
    const withoutGc = new IdleCollection(undefined, () => 100 * MB);
    withoutGc.activity();
    tick(1000);
  });
});

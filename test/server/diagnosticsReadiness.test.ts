// When first diagnostics may go out: after the settings, and UnusedStage after the first scan, bounded in time.
// The waits run on node:test's mock clock: each test moves time itself, to the millisecond, instead of sleeping.
import { describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticsReadiness } from '../../server/src/diagnosticsReadiness';

const TIMES = { scanWaitMs: 40, settingsWaitMs: 80 };

function readiness(t: TestContext) {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const state = { scanDone: false, changes: 0 };
  const gate = new DiagnosticsReadiness(() => state.scanDone, () => state.changes++, TIMES);
  return { gate, state, tick: (ms: number) => t.mock.timers.tick(ms) };
}

describe('DiagnosticsReadiness', () => {
  it('waits for the settings, then for the scan; past the wait, publishes without UnusedStage until the scan ends', (t) => {
    const { gate, state, tick } = readiness(t);
    gate.start();
    assert.equal(gate.state, 'waiting');
    gate.settingsLoaded();
    assert.equal(gate.state, 'waiting');
    tick(TIMES.scanWaitMs - 1);
    assert.equal(gate.state, 'waiting');
    tick(1);
    assert.equal(gate.state, 'without-unused-stage');
    const changesBeforeScan = state.changes;
    assert.ok(changesBeforeScan >= 2, 'publishes again when the scan wait is over');
    state.scanDone = true;
    assert.equal(gate.state, 'ready');
  });

  it('is ready as soon as the settings are read when the scan is already done', (t) => {
    const { gate, state } = readiness(t);
    state.scanDone = true;
    gate.settingsLoaded();
    assert.equal(gate.state, 'ready');
  });

  it('does not wait for a client that never answers for its settings', (t) => {
    const { gate, state, tick } = readiness(t);
    state.scanDone = true;
    gate.start();
    tick(TIMES.settingsWaitMs - 1);
    assert.equal(gate.state, 'waiting');
    tick(1);
    assert.equal(gate.state, 'ready');
    assert.ok(state.changes >= 1);
  });
});

// When first diagnostics may go out: after the settings, and UnusedStage after the first scan, bounded in time.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticsReadiness } from '../../server/src/diagnosticsReadiness';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function readiness(times = { scanWaitMs: 40, settingsWaitMs: 80 }) {
  const state = { scanDone: false, changes: 0 };
  const gate = new DiagnosticsReadiness(() => state.scanDone, () => state.changes++, times);
  return { gate, state };
}

describe('DiagnosticsReadiness', () => {
  it('waits for the settings, then for the scan; past the wait, publishes without UnusedStage until the scan ends', async () => {
    const { gate, state } = readiness();
    gate.start();
    assert.equal(gate.state, 'waiting');
    gate.settingsLoaded();
    assert.equal(gate.state, 'waiting');
    await sleep(60);
    assert.equal(gate.state, 'without-unused-stage');
    const changesBeforeScan = state.changes;
    assert.ok(changesBeforeScan >= 2, 'publishes again when the scan wait is over');
    state.scanDone = true;
    assert.equal(gate.state, 'ready');
  });

  it('is ready as soon as the settings are read when the scan is already done', () => {
    const { gate, state } = readiness();
    state.scanDone = true;
    gate.settingsLoaded();
    assert.equal(gate.state, 'ready');
  });

  it('does not wait for a client that never answers for its settings', async () => {
    const { gate, state } = readiness();
    state.scanDone = true;
    gate.start();
    await sleep(100);
    assert.equal(gate.state, 'ready');
    assert.ok(state.changes >= 1);
  });
});

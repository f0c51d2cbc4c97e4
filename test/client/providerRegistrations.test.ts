// Our rename provider's registrations (client/src/providerRegistrations.ts): an old one stays while VS Code may
// still call it, so that a rename VS Code started on it never falls through to the Docker extensions' provider.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HANDOVER_MS, ProviderRegistrations, RENAME_SESSION_MS, type Registration } from '../../client/src/providerRegistrations';

/** Registrations on a fake clock; `live` lists the registrations not yet disposed, oldest first. */
function setUp() {
  let time = 1_000_000;
  const live: Registration[] = [];
  const registrations = new ProviderRegistrations((registration) => {
    live.push(registration);
    return { dispose: () => live.splice(live.indexOf(registration), 1) };
  }, () => time);
  return { registrations, live, wait: (ms: number) => (time += ms) };
}

describe('rename provider registrations', () => {
  it('keeps one VS Code began a rename on (prepareRename called, not yet answered) until its edits, however often it is replaced', () => {
    const { registrations, live, wait } = setUp();
    registrations.add();
    const [renaming] = live;
    // F2: VS Code calls its prepareRename; while the server answers, the cursor moves and timers fire.
    registrations.renameStarted(renaming);
    for (let i = 0; i < 3; i++) {
      wait(HANDOVER_MS);
      registrations.add();
    }
    assert.ok(live.includes(renaming), 'the registration the rename started on is still registered');
    assert.equal(live.length, 3, 'the others replaced more than the hand-over time ago are gone');
    // The user types the new name; its edits come from the same registration, and then it may go.
    wait(1_000);
    registrations.renameEnded(renaming);
    assert.ok(!live.includes(renaming));
  });

  it('keeps a replaced one for a while: a rename VS Code started on it just before may still reach it', () => {
    const { registrations, live, wait } = setUp();
    registrations.add();
    const [first] = live;
    registrations.add();
    wait(HANDOVER_MS - 1);
    registrations.add();
    assert.ok(live.includes(first), 'replaced less than the hand-over time ago');
    wait(1);
    registrations.add();
    assert.ok(!live.includes(first), 'replaced the hand-over time ago, no rename on it');
    assert.equal(registrations.size, live.length);
  });

  it('lets go of one whose prepareRename declined, and of a rename long abandoned (Escape calls nothing)', () => {
    const { registrations, live, wait } = setUp();
    registrations.add();
    const [declined] = live;
    registrations.renameStarted(declined);
    registrations.add();
    registrations.renameEnded(declined);
    wait(HANDOVER_MS);
    registrations.add();
    assert.ok(!live.includes(declined));
    const [abandoned] = live.slice(-1);
    registrations.renameStarted(abandoned);
    registrations.add();
    wait(RENAME_SESSION_MS - 1);
    registrations.add();
    assert.ok(live.includes(abandoned), 'its input box may still be open');
    wait(1);
    registrations.add();
    assert.ok(!live.includes(abandoned));
  });

  it('keeps only those replaced in the hand-over time besides the newest, and disposes every one on dispose', () => {
    const { registrations, live, wait } = setUp();
    for (let i = 0; i < 4; i++) {
      wait(HANDOVER_MS / 2);
      registrations.add();
    }
    // The newest, the one it replaced just now and the one replaced half the hand-over time ago.
    assert.equal(live.length, 3);
    registrations.dispose();
    assert.equal(live.length, 0);
  });

  it('remembers the place our server declined, so that the older registrations VS Code asks next decline without asking it again', () => {
    const { registrations } = setUp();
    const place = 'file:///w/Dockerfile@3:4:10';
    assert.equal(registrations.wasDeclined(place), false);
    registrations.declined(place);
    assert.equal(registrations.wasDeclined(place), true);
    assert.equal(registrations.wasDeclined('file:///w/Dockerfile@4:4:10'), false, 'another version may answer otherwise');
    assert.equal(registrations.wasDeclined('file:///w/Dockerfile@3:4:11'), false);
  });
});

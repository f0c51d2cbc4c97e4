// Which part of the laid-out graph the view shows: the whole graph where its labels are readable so, the
// cursor's stage and its neighbours at a readable size otherwise, and a pan to the stage the cursor enters.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { contains, fitView, followView, labelPixels, openingView, type Box, type View } from '../../client/src/graph/viewport';

const PANEL = { width: 500, height: 600 };
const ASPECT = PANEL.height / PANEL.width;
const box = (x: number, y: number, width = 150, height = 40): Box => ({ x, y, width, height });
const bottom = (view: View) => view.y + view.width * ASPECT;

describe('graph viewport', () => {
  it('fits the whole drawing, centred, with a margin', () => {
    const view = fitView(box(0, 0, 1000, 300), PANEL);
    assert.equal(view.width, 1020);
    assert.ok(contains(view, ASPECT, box(0, 0, 1000, 300)));
    assert.equal(view.x, -10);
    assert.equal(view.y + view.width * ASPECT / 2, 150);
  });

  it('opens on the whole drawing where its labels are readable fitted', () => {
    const content = box(0, 0, 600, 400);
    assert.deepEqual(openingView(content, box(400, 300), [], PANEL), fitView(content, PANEL));
    assert.ok(labelPixels(fitView(content, PANEL), PANEL) >= 9);
  });

  it('opens on the cursor\'s stage and what it is built from at a readable size on a large drawing', () => {
    const content = box(0, 0, 4000, 1500);
    const focus = box(2000, 700);
    const parent = box(1850, 600, 120);
    const user = box(2160, 800, 120);
    const view = openingView(content, focus, [[parent], [user]], PANEL);
    assert.ok(labelPixels(fitView(content, PANEL), PANEL) < 9, 'fitted, the labels are too small');
    assert.ok([focus, parent, user].every((node) => contains(view, ASPECT, node)));
    assert.equal(labelPixels(view, PANEL), 12);
  });

  it('shows what the stage is built from before what uses it when not all of them fit', () => {
    const content = box(0, 0, 4000, 1500);
    const focus = box(2000, 700);
    // The user is nearer, but at 12 px the stage fits with one of them only: the parent.
    const parent = box(1600, 700);
    const user = box(2300, 700);
    const view = openingView(content, focus, [[parent], [user]], PANEL);
    assert.ok(contains(view, ASPECT, focus) && contains(view, ASPECT, parent));
    assert.ok(!contains(view, ASPECT, user));
    assert.equal(labelPixels(view, PANEL), 12);
  });

  it('keeps the opening view within the drawing beside a stage at its edge', () => {
    const content = box(0, 0, 4000, 1500);
    const view = openingView(content, box(0, 700), [], PANEL);
    assert.equal(view.x, 0);
    assert.ok(contains(view, ASPECT, box(0, 700)));
    const low = openingView(content, box(3850, 1460), [], PANEL);
    assert.ok(Math.abs(bottom(low) - 1500) < 1e-9 && Math.abs(low.x + low.width - 4000) < 1e-9);
  });

  it('pans to a stage the cursor enters outside the view, at the same zoom, and not to one in view', () => {
    const content = box(0, 0, 4000, 1500);
    const current: View = { x: 1000, y: 500, width: 600 };
    assert.equal(followView(current, box(1100, 600), content, PANEL), undefined);
    const moved = followView(current, box(3000, 900), content, PANEL)!;
    assert.equal(moved.width, current.width);
    assert.ok(contains(moved, ASPECT, box(3000, 900)));
    // Fitted (all in view): the highlight moves, the view stays.
    assert.equal(followView(fitView(content, PANEL), box(3000, 900), content, PANEL), undefined);
  });
});

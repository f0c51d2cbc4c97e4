// Show What Ships in the workbench: the command on the e2e workspace's Dockerfile opens the What Ships view in the
// Explorer with the release image's paths; a click on a path selects the line that put it there, and a click on
// the source stage's line selects the line that made it there. Saves the screenshot for the README.
// usage: node ships.js PORT EXTENSION_DIR WORKSPACE SCREENSHOT_DIR
const { openWorkbench, openFromExplorer, runCommand } = require('./workbench');
const path = require('node:path');

const [port, devPath, folder, shots] = process.argv.slice(2);

/** The status bar's `Ln 20, Col 47 (46 selected)` once it shows a whole-line selection of `line`. */
function lineSelected(page, line) {
  return page.waitForFunction((wanted) => new RegExp(`^Ln ${wanted}, Col \\d+ \\(\\d+ selected\\)$`)
    .test(document.querySelector('[id="status.editor.selection"]')?.textContent.trim() ?? ''), line, { timeout: 15000 });
}

let page;
(async () => {
  const { browser, page: opened } = await openWorkbench(port, devPath, folder, { viewport: { width: 1280, height: 760 } });
  page = opened;
  await openFromExplorer(page, 'Dockerfile');
  await page.waitForSelector('.codelens-decoration', { timeout: 60000 });
  await page.locator('.editor-instance .view-lines').first().click();

  const view = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'What Ships' }) }).first();
  const row = (text) => view.locator('.monaco-list-row', { hasText: text }).first();
  await runCommand(page, 'Dockerfile Stages: Show What Ships', () => row('/usr/local/bin/app').waitFor({ timeout: 30000 }));
  const rows = (await view.locator('.monaco-list-row').allTextContents()).map((text) => text.trim());
  console.log(`what ships: ${rows.join(' | ')}`);
  for (const expected of ['base: alpine:3.20', '/usr/local/bin/app', 'stage build: /out/app', 'line 13 · RUN go build', '/etc/ssl']) {
    if (!rows.some((text) => text.includes(expected))) throw new Error(`no row "${expected}" in the view`);
  }
  // For the screenshot: the view given the side bar's height (the folder view above it collapsed) and more width.
  await page.locator('.pane-header', { hasText: 'workspace' }).first().click();
  const sideBar = await page.locator('.part.sidebar').first().boundingBox();
  await page.mouse.move(sideBar.x + sideBar.width + 1, sideBar.y + 300);
  await page.mouse.down();
  await page.mouse.move(sideBar.x + sideBar.width + 300, sideBar.y + 300, { steps: 5 });
  await page.mouse.up();
  // The mouse left over the side bar's empty part: over the editor it would open a hover.
  await page.mouse.move(sideBar.x + 100, sideBar.y + sideBar.height - 40);
  await page.screenshot({ path: path.join(shots, 'what-ships.png') });

  // Line 20 is `COPY --from=build /out/app /usr/local/bin/app`.
  await row('/usr/local/bin/app').click();
  await lineSelected(page, 20);
  console.log('what ships: a click on /usr/local/bin/app selects line 20');
  // Line 13 is `RUN go build -o /out/app ./cmd/app`, in stage build.
  await row('line 13 · RUN go build').click();
  await lineSelected(page, 13);
  console.log('what ships: a click on the build stage\'s line selects line 13');
  await browser.close();
})().catch(async (error) => {
  console.error('What Ships test failed:', error.message);
  await page?.screenshot({ path: path.join(shots, 'ships-failure.png') }).catch(() => undefined);
  process.exit(1);
});

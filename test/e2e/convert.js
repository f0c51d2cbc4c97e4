// Convert to a multi-stage build in the workbench, on Docker's Go guide's single-stage service
// (test/e2e/convert/Dockerfile): the refactor menu on the FROM line offers the action with its runtime and
// artifact in the title; its preview (Ctrl+Enter in the menu) shows the change in the Refactor Preview; Apply
// leaves the editor with the build stage and the runtime stage, compared line by line. Saves the menu and the
// preview for the README (docs/images/). The workspace turns inlay hints off (.vscode/settings.json): the stage
// index the server shows after FROM would be read as part of the line.
// usage: node convert.js PORT EXTENSION_DIR WORKSPACE SCREENSHOT_DIR
const { openWorkbench, openFromExplorer, runCommand, goToLine, openRefactorMenu, editorLines } = require('./workbench');
const { readFileSync } = require('node:fs');
const path = require('node:path');

const [port, devPath, folder, shots] = process.argv.slice(2);

const TITLE = 'Convert to a multi-stage build: runtime gcr.io/distroless/static-debian12 with only /docker-gs-ping';
/** The converted file, as the README shows it. */
const EXPECTED = readFileSync(path.join(__dirname, 'convert.expected.Dockerfile'), 'utf8').split('\n');

let page;
(async () => {
  const { browser, page: opened } = await openWorkbench(port, devPath, folder, { viewport: { width: 1280, height: 760 } });
  page = opened;
  await openFromExplorer(page, 'Dockerfile', 'FROM');
  // The explorer opens the file in a preview tab (its label italic), which the Refactor Preview's diff would take
  // over, and Apply then close: no editor left to read. Kept open, as a user's edit would keep it.
  await runCommand(page, 'View: Keep Editor', () => page.locator('.tab.active .monaco-icon-label.italic').first().waitFor({ state: 'detached', timeout: 5000 }));
  await page.locator('.editor-instance .view-lines').first().click();
  await goToLine(page, 1, 1);

  // Until the server is up the menu is empty: asked up to five times.
  const convert = page.locator('.action-widget .monaco-list-row', { hasText: 'Convert to a multi-stage build' }).first();
  await openRefactorMenu(page, convert, 5);
  const title = (await convert.getAttribute('aria-label')) ?? (await convert.textContent());
  if (!title.includes(TITLE)) throw new Error(`unexpected action: ${title}`);
  console.log(`convert: offered as "${TITLE}"`);
  await convert.hover();
  await page.locator('.action-widget .monaco-list-row.focused', { hasText: 'Convert to a multi-stage build' }).first().waitFor({ timeout: 5000 });
  await page.screenshot({ path: path.join(shots, 'convert-menu.png') });

  // Ctrl+Enter previews the focused action: the Refactor Preview lists the file; its row opens the change. The
  // side bar is then closed (Ctrl+B), for a wider diff in the screenshot.
  await page.keyboard.press('Control+Enter');
  const previewRow = page.locator('.bulk-edit-panel .monaco-list-row', { hasText: 'Dockerfile' }).first();
  await previewRow.waitFor({ timeout: 15000 });
  await page.keyboard.press('Control+B');
  await page.locator('.part.sidebar').first().waitFor({ state: 'hidden', timeout: 5000 });
  await previewRow.click();
  await page.waitForFunction(() => [...document.querySelectorAll('.editor-instance .view-lines')]
    .some((view) => view.textContent.replace(/\u00a0/g, ' ').includes('FROM gcr.io/distroless/static-debian12')), null, { timeout: 15000 });
  await page.screenshot({ path: path.join(shots, 'convert-preview.png') });
  console.log('convert: the Refactor Preview shows the runtime stage');

  await page.locator('.bulk-edit-panel .monaco-button', { hasText: 'Apply' }).first().click();
  await page.locator('.bulk-edit-panel .monaco-list-row').first().waitFor({ state: 'detached', timeout: 15000 });
  // Back in the Dockerfile's editor (the preview's diff closes with the panel).
  await page.locator('.tab.active[aria-label^="Dockerfile"]').first().waitFor({ timeout: 15000 });
  await page.waitForFunction(() => document.querySelector('.editor-instance .view-lines')?.textContent.replace(/\u00a0/g, ' ').includes('COPY --from=build /docker-gs-ping'), null, { timeout: 15000 });
  const shown = await editorLines(page);
  if (shown.join('\n') !== EXPECTED.join('\n')) throw new Error(`the converted file is not as expected:\n${shown.join('\n')}`);
  console.log('convert: applied, the editor holds the build stage and the distroless runtime stage');
  await browser.close();
})().catch(async (error) => {
  console.error('convert UI test failed:', error.message);
  await page?.screenshot({ path: path.join(shots, 'convert-failure.png') }).catch(() => undefined);
  process.exit(1);
});

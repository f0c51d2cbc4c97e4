// Convert to a multi-stage build in the workbench, on Docker's Go guide's single-stage service
// (test/e2e/convert/Dockerfile): the refactor menu on the FROM line offers the action with its runtime and
// artifact in the title; its preview (Ctrl+Enter in the menu) shows the change in the Refactor Preview; Apply
// leaves the editor with the build stage and the runtime stage, compared line by line. Saves the menu and the
// preview for the README (docs/images/).
// usage: node convert.js PORT EXTENSION_DIR WORKSPACE SCREENSHOT_DIR
const { openWorkbench, openFromExplorer, goToLine } = require('./workbench');
const path = require('node:path');

const [port, devPath, folder, shots] = process.argv.slice(2);

const TITLE = 'Convert to a multi-stage build: runtime gcr.io/distroless/static-debian12 with only /docker-gs-ping';
const EXPECTED = [
  'FROM golang:1.22 AS build',
  'WORKDIR /app',
  'COPY go.mod go.sum ./',
  'RUN go mod download',
  'COPY *.go ./',
  'RUN CGO_ENABLED=0 GOOS=linux go build -o /docker-gs-ping',
  '',
  '# Runtime: only /docker-gs-ping from the build; the sources, the golang toolchain and its environment, and all else the build made are not in this image.',
  'FROM gcr.io/distroless/static-debian12',
  'WORKDIR /app',
  'COPY --from=build /docker-gs-ping /docker-gs-ping',
  'EXPOSE 8080',
  'CMD ["/docker-gs-ping"]',
  '',
];

/** The editor's rendered lines, top to bottom (the whole of this short file; the view reuses line elements out of order). */
function editorLines(page) {
  return page.locator('.editor-instance .view-lines .view-line').evaluateAll((nodes) => nodes
    .map((node) => ({ top: parseFloat(node.style.top), text: node.textContent.replace(/\u00a0/g, ' ') }))
    .sort((a, b) => a.top - b.top)
    .map((line) => line.text));
}

let page;
(async () => {
  const { browser, page: opened } = await openWorkbench(port, devPath, folder, { viewport: { width: 1280, height: 760 } });
  page = opened;
  await openFromExplorer(page, 'Dockerfile');
  await page.waitForFunction(() => document.querySelector('.editor-instance .view-lines')?.textContent.includes('FROM'), null, { timeout: 30000 });
  await page.locator('.editor-instance .view-lines').first().click();
  await goToLine(page, 1, 1);

  // The refactor menu on the FROM line lists what the server answers; until the server is up it is empty (or a
  // key goes elsewhere on a busy machine): asked again, up to five times.
  const convert = page.locator('.action-widget .monaco-list-row', { hasText: 'Convert to a multi-stage build' }).first();
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+Shift+R');
    try {
      await convert.waitFor({ timeout: 6000 });
      break;
    } catch (error) {
      if (attempt === 5) throw error;
      await page.keyboard.press('Escape');
    }
  }
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

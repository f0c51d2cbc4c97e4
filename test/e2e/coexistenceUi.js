// F2 in the workbench beside the Docker extensions' server (the Container Tools double installed): a click on a
// stage name and F2 at once, as soon as both servers are up, so that our provider is registered again while the
// rename is under way (the click moved the cursor, and our timers after the start fire); typing the new name and
// Enter must still rename every reference, the mount's too. Then F2 where ours refuses must end the rename.
// usage: node coexistenceUi.js PORT EXTENSION_DIR WORKSPACE SCREENSHOT_DIR
const { openWorkbench, openFromExplorer } = require('./workbench');
const path = require('node:path');

const [port, devPath, folder, shots] = process.argv.slice(2);

let page;
(async () => {
  const { browser, page: opened } = await openWorkbench(port, devPath, folder, { viewport: { width: 1280, height: 760 } });
  page = opened;
  await openFromExplorer(page, 'Dockerfile');
  // Both servers' diagnostics: ours (the misspelled `biuld`, line 16) and theirs (the duplicate `tools`), each
  // found by its line (a squiggle's line in the overlays has the same top as the line's text). Not a count of
  // squiggles: theirs alone are two (both `tools`), and F2 before ours is up was not what this test means to try.
  await page.waitForFunction(() => {
    const lineAt = (top) => [...document.querySelectorAll('.editor-instance .view-line')].find((line) => line.style.top === top)?.textContent ?? '';
    const squiggled = [...document.querySelectorAll('.editor-instance [class*="squiggly-"]')]
      .map((squiggle) => lineAt(squiggle.parentElement.style.top).replace(/\u00a0/g, ' '));
    return squiggled.some((line) => line.includes('--from=biuld')) && squiggled.some((line) => line.includes('AS tools'));
  }, null, { timeout: 60000 });
  // Both servers are up (ours and theirs each published a squiggle), so both rename providers are registered. No
  // wait for our re-registration (renameFirst.ts): F2 runs our command, which registers ours again before it
  // starts VS Code's rename. Nothing else about the registrations shows on the page; a re-registration while
  // the rename is under way (the click's throttled one, the timers after our start) must not hand it to theirs.
  const name = page.locator('.view-line', { hasText: 'COPY --from=build /out/app' }).locator('span', { hasText: /^build$/ }).first();
  await name.click();
  await page.keyboard.press('F2');
  // The rename box, once a provider's prepareRename answered with the name under the cursor, and focused: VS Code
  // focuses it and selects the name 100 ms after it shows it (RenameWidget._show); keys typed before that went
  // elsewhere or were selected over (under load the box once read `mpile`).
  await page.waitForFunction(() => document.activeElement?.matches('.rename-box input, .rename-input') && document.activeElement.value === 'build', null, { timeout: 15000 });
  await page.keyboard.press('Control+A');
  await page.keyboard.type('compile');
  await page.waitForFunction(() => document.activeElement?.matches('.rename-box input, .rename-input') && document.activeElement.value === 'compile', null, { timeout: 15000 });
  await page.keyboard.press('Enter');
  // Either server's rename edits the COPY (in one edit with the rest): once it changed, the rename is applied.
  await page.waitForFunction(() => document.querySelector('.editor-instance .view-lines')?.textContent.replace(/\u00a0/g, ' ').includes('COPY --from=compile'), null, { timeout: 15000 });
  const text = (await page.locator('.editor-instance .view-lines').first().textContent()).replace(/\u00a0/g, ' ');
  await page.screenshot({ path: path.join(shots, 'coexistence-rename.png') });
  const renamed = ['AS compile', 'FROM compile AS test', 'from=compile go test', 'COPY --from=compile /out/app'].filter((part) => text.includes(part));
  if (renamed.length !== 4 || text.includes('from=build')) throw new Error(`rename beside the incumbent left references: ${renamed.length} of 4 renamed`);
  console.log('coexistence UI: PASS F2 beside the incumbent renamed all 4 references, the mount too');
  // F2 where ours refuses the place (the RUN after `ARG LEVEL` sets LEVEL itself): our reason at the cursor, as
  // VS Code shows a refusal, and no rename box (which would be their server's, renaming what ours refused).
  await page.locator('.view-line', { hasText: 'ARG LEVEL=1' }).locator('span', { hasText: /LEVEL/ }).first().click();
  await page.keyboard.press('F2');
  await page.waitForFunction(() => document.querySelector('.monaco-editor-overlaymessage')?.textContent.includes('also sets LEVEL itself'), null, { timeout: 15000 });
  await page.screenshot({ path: path.join(shots, 'coexistence-refusal.png') });
  if (await page.locator('.rename-box input, .rename-input').isVisible()) throw new Error('a rename box opened where ours refused');
  console.log('coexistence UI: PASS F2 where ours refuses shows our reason, and no rename box');
  await browser.close();
})().catch(async (error) => {
  console.error('coexistence UI test failed:', error.message);
  await page?.screenshot({ path: path.join(shots, 'coexistence-failure.png') }).catch(() => undefined);
  process.exit(1);
});

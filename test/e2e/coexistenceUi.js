// F2 in the workbench beside the Docker extensions' server (the Container Tools double installed): a click on a
// stage name and F2 at once, so that our provider is registered again while the rename box is open (the click
// moved the cursor); typing the new name and Enter must still rename every reference, the mount's too.
// usage: node coexistenceUi.js PORT EXTENSION_DIR WORKSPACE SCREENSHOT_DIR
const { openWorkbench, openFromExplorer } = require('./workbench');
const path = require('node:path');

const [port, devPath, folder, shots] = process.argv.slice(2);

let page;
(async () => {
  const { browser, page: opened } = await openWorkbench(port, devPath, folder, { viewport: { width: 1280, height: 760 } });
  page = opened;
  await openFromExplorer(page, 'Dockerfile');
  // Both servers' diagnostics: ours (the misspelled `biuld`, line 16) and theirs (the duplicate `tools`).
  await page.waitForFunction(() => document.querySelectorAll('.squiggly-error, .squiggly-warning').length >= 2, null, { timeout: 60000 });
  // Both extensions register their rename providers as they activate; ours registers again (as the newest) on a
  // throttle that nothing on the page shows: on a loaded machine 1 s after the click was not always enough.
  await page.waitForTimeout(3000);
  const name = page.locator('.view-line', { hasText: 'COPY --from=build /out/app' }).locator('span', { hasText: /^build$/ }).first();
  await name.click();
  await page.keyboard.press('F2');
  await page.waitForSelector('.rename-box input, .rename-input', { timeout: 15000 });
  // Past the throttle: our provider has been registered again meanwhile.
  await page.waitForTimeout(1000);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('compile');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('.editor-instance .view-lines')?.textContent.includes('from=compile'), null, { timeout: 15000 })
    .catch(() => undefined);
  const text = (await page.locator('.editor-instance .view-lines').first().textContent()).replace(/\u00a0/g, ' ');
  await page.screenshot({ path: path.join(shots, 'coexistence-rename.png') });
  const renamed = ['AS compile', 'FROM compile AS test', 'from=compile go test', 'COPY --from=compile /out/app'].filter((part) => text.includes(part));
  if (renamed.length !== 4 || text.includes('from=build')) throw new Error(`rename beside the incumbent left references: ${renamed.length} of 4 renamed`);
  console.log('coexistence UI: PASS F2 beside the incumbent renamed all 4 references, the mount too');
  await browser.close();
})().catch(async (error) => {
  console.error('coexistence UI test failed:', error.message);
  await page?.screenshot({ path: path.join(shots, 'coexistence-failure.png') }).catch(() => undefined);
  process.exit(1);
});

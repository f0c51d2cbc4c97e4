// Opens the workbench of code-server in headless Chromium with the extension under development loaded (VS Code's
// smoke-test hook `extensionDevelopmentPath`), for the UI tests (ui.js, graph.js, coexistenceUi.js).

const { chromium } = require('playwright-core');

/** `contextOptions`: Playwright's browser context options (viewport, permissions). */
async function openWorkbench(port, devPath, folder, contextOptions) {
  const host = `127.0.0.1:${port}`;
  const payload = [['extensionDevelopmentPath', `vscode-remote://${host}${devPath}`]];
  const url = `http://${host}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  const page = await (await browser.newContext(contextOptions)).newPage();
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  return { browser, page };
}

module.exports = { openWorkbench };

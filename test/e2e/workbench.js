// Opens the workbench of code-server in headless Chromium with the extension under development loaded (VS Code's
// smoke-test hook `extensionDevelopmentPath`), for the UI tests (ui.js, graph.js, coexistenceUi.js), and the
// steps they share: the Explorer, Quick Open, the command palette, Go to Line, the refactor menu, the editor's lines.

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

/** Opens a file of the workspace from the Explorer, once the workbench has listed it; then waits for `shown` in its editor. */
async function openFromExplorer(page, name, shown) {
  const row = page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${name}"]`).first();
  await row.waitFor({ timeout: 60000 });
  await row.click();
  if (shown) await page.waitForFunction((text) => document.querySelector('.editor-instance .view-lines')?.textContent.includes(text), shown, { timeout: 30000 });
}

/**
 * Opens a quick input with `keys`, types `text`, waits until the focused row shows `row` and accepts it, then awaits
 * `accepted` (what the choice should have done). Up to three attempts, for keys that went elsewhere on a busy
 * machine. CI once failed to open compose.yaml with a fixed wait between typing and Enter.
 */
async function quickPick(page, keys, text, { row = text, accepted = async () => undefined } = {}) {
  for (let attempt = 1; ; attempt++) {
    try {
      for (const key of keys) await page.keyboard.press(key);
      const input = page.locator('.quick-input-widget .quick-input-box input').first();
      await input.waitFor({ state: 'visible', timeout: 5000 });
      await input.fill(text);
      // The focused row, once filtered: before that the list may still show what it showed for no text (Quick
      // Open's recent files, the active one first), and Enter would pick that.
      await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: row }).first().waitFor({ timeout: 5000 });
      await input.press('Enter');
      return await accepted();
    } catch (error) {
      if (attempt === 3) throw new Error(`quick input "${text}" did not work: ${error.message}`);
      await page.keyboard.press('Escape');
    }
  }
}

/** Opens a file of the workspace with Quick Open: its tab becomes the active one. */
function openFile(page, name) {
  return quickPick(page, ['Control+P'], name,
    { accepted: () => page.locator(`.tab.active[aria-label^="${name}"]`).first().waitFor({ timeout: 10000 }) });
}

/** Runs a command of the palette by its title; `accepted` as in quickPick. */
function runCommand(page, title, accepted) {
  return quickPick(page, ['F1'], `>${title}`, { row: title, accepted });
}

/** Ctrl+G to a position, again if the keys went elsewhere (an editor just opened may not have focus yet). */
async function goToLine(page, line, column) {
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.keyboard.press('Control+G');
    await page.keyboard.type(`${line}:${column}`);
    await page.keyboard.press('Enter');
    const at = `Ln ${line}, Col ${column}`;
    const moved = await page.waitForFunction((text) => document.querySelector('[id="status.editor.selection"]')?.textContent.trim() === text, at, { timeout: 3000 })
      .then(() => true, () => false);
    if (moved) return;
    await page.keyboard.press('Escape');
    await page.locator('.editor-instance .view-lines').first().click();
  }
}

/** The editor's rendered lines, top to bottom (the view reuses line elements, so their order in the DOM is not the text's; only the lines in view). */
function editorLines(page) {
  return page.locator('.editor-instance .view-lines .view-line').evaluateAll((nodes) => nodes
    .map((node) => ({ top: parseFloat(node.style.top), text: node.textContent.replace(/\u00a0/g, ' ') }))
    .sort((a, b) => a.top - b.top)
    .map((line) => line.text));
}

/**
 * Opens the refactor menu (Ctrl+Shift+R) until it shows `row` (a locator of its row). The menu lists what the
 * server answers for the selection; a key pressed while the workbench is busy, or before the server is up, may open
 * it before that answer or not at all: asked again, up to `attempts` times.
 */
async function openRefactorMenu(page, row, attempts = 3) {
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+Shift+R');
    try {
      return await row.waitFor({ timeout: 5000 });
    } catch (error) {
      if (attempt === attempts) throw error;
      await page.keyboard.press('Escape');
    }
  }
}

module.exports = { openWorkbench, openFromExplorer, quickPick, openFile, runCommand, goToLine, openRefactorMenu, editorLines };

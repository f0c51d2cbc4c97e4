// The web build in a browser: code-server in headless Chromium with the extension forced into the web worker
// extension host (`extensionDevelopmentKind` web: package.json's `browser`, no Node), on a virtual workspace
// (`memfs:/ws`, served by the test extension out/e2e/memfs, which runs the checks of test/e2e/web/suite.ts in that
// host and writes what they say to web-e2e.log beside the workspace file); then the graph view must draw its SVG in the webview, and a screenshot is saved for the README.
// usage: node web.js PORT EXTENSION_DIR WORKSPACE_FILE SCREENSHOT_DIR
const { chromium } = require('playwright-core');
const { existsSync, readFileSync } = require('node:fs');
const path = require('node:path');
const util = require('node:util');

const [port, devPath, workspaceFile, shots] = process.argv.slice(2);
const host = `127.0.0.1:${port}`;
const remote = (file) => `vscode-remote://${host}${file}`;
const payload = [
  ['extensionDevelopmentPath', remote(devPath)],
  ['extensionDevelopmentKind', 'web'],
];
const url = `http://${host}/?workspace=${encodeURIComponent(workspaceFile)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
const NOISE = /Failed to load resource|open-vsx|queryRawGallery|queryGallery|Resolv|socket|AgentHost|AccountPolicy|Service Worker|builtin extensions|iframe|grace time/;

(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const results = path.join(path.dirname(workspaceFile), 'web-e2e.log');
  const done = new Promise((resolve) => {
    const deadline = Date.now() + 180000;
    const poll = setInterval(() => {
      const summary = existsSync(results) && /^e2e: \d+ passed, (\d+) failed/m.exec(readFileSync(results, 'utf8'));
      if (!summary && Date.now() < deadline) return;
      clearInterval(poll);
      process.stdout.write(existsSync(results) ? readFileSync(results, 'utf8') : '');
      resolve(summary ? (Number(summary[1]) === 0 ? 0 : 1) : 'timeout');
    }, 500);
  });
  page.on('console', async (message) => {
    let args;
    try { args = await Promise.all(message.args().map((a) => a.jsonValue())); } catch { args = [message.text()]; }
    if (typeof args[0] === 'string' && args[0].startsWith('%c')) args = args.slice(2);
    const line = util.format(...args);
    if (process.env.WEB_E2E_VERBOSE || (!NOISE.test(line) && !/^\s+at /.test(line))) console.log(line);
  });
  await page.goto(url);
  const code = await done;
  console.log('web worker extension host checks:', code === 0 ? 'passed' : code);
  let drawn = false;
  if (code === 0) {
    // The graph view the last check opened: Graphviz (WebAssembly) lays it out inside the webview.
    const view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    drawn = await view.locator('svg g.node').first().waitFor({ state: 'visible', timeout: 60000 })
      .then(() => view.getByText(/Laying out/).waitFor({ state: 'hidden', timeout: 60000 })).then(() => true, () => false);
    console.log(drawn ? 'web: the graph view drew the stages' : 'web: the graph view drew nothing');
    if (drawn) await page.screenshot({ path: path.join(shots, 'web.png') });
  }
  await browser.close();
  process.exit(code === 0 && drawn ? 0 : 1);
})().catch((error) => { console.error(error); process.exit(2); });

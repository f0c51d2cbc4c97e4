// Loads the extension under development into code-server in headless Chromium and runs the test module in the
// real extension host (VS Code's smoke-test hooks: extensionDevelopmentPath / extensionTestsPath).
// usage: node exthost.js PORT EXTENSION_DIR TESTS_MODULE WORKSPACE
const { chromium } = require('playwright-core');
const util = require('node:util');

const [port, devPath, testsPath, folder] = process.argv.slice(2);
const host = `127.0.0.1:${port}`;
const payload = [['extensionDevelopmentPath', `vscode-remote://${host}${devPath}`], ['extensionTestsPath', `vscode-remote://${host}${testsPath}`]];
const url = `http://${host}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
const NOISE = /Failed to load resource|open-vsx|queryRawGallery|queryGallery|Resolv|socket|AgentHost|AccountPolicy|Service Worker|builtin extensions|iframe|grace time/;

(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  const page = await browser.newPage();
  const done = new Promise((resolve) => page.exposeFunction('codeAutomationExit', (code) => resolve(code)));
  page.on('console', async (message) => {
    let args;
    try { args = await Promise.all(message.args().map((a) => a.jsonValue())); } catch { args = [message.text()]; }
    if (typeof args[0] === 'string' && args[0].startsWith('%c')) args = args.slice(2);
    const line = util.format(...args);
    if (!NOISE.test(line) && !/^\s+at /.test(line)) console.log(line);
  });
  await page.goto(url);
  const code = await Promise.race([done, new Promise((resolve) => setTimeout(() => resolve('timeout'), 180000))]);
  console.log('extension host exit code:', code);
  await browser.close();
  process.exit(code === 0 ? 0 : 1);
})().catch((error) => { console.error(error); process.exit(2); });

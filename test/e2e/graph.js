// The stage graph webview in the workbench: "Show Stage Graph" on the e2e workspace (a Dockerfile and a compose
// file naming one of its stages as a target). Asserts the drawn nodes and edges against the CLI's graph of the
// same workspace, a click (and Enter) on a node selecting its FROM line, the editor's cursor highlighting its
// stage, the target picker (kept while the view is hidden), Copy as Mermaid, an edit redrawing the graph, another Dockerfile's editor switching it, the
// status bar item's hover opening it; saves light and dark screenshots for the README.
// usage: node graph.js PORT EXTENSION_DIR WORKSPACE SCREENSHOT_DIR
const { openWorkbench, openFromExplorer, openFile, quickPick, goToLine } = require('./workbench');
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const [port, devPath, folder, shots] = process.argv.slice(2);

function check(condition, message) {
  if (!condition) throw new Error(message);
  console.log(`graph: ${message.replace(/^(unexpected|no|not) /, '')}`);
}

/** The editor's cursor as the status bar shows it: `Ln 9, Col 1 (16 selected)`. */
async function cursor(page) {
  return (await page.locator('.statusbar-item[id="status.editor.selection"]').first().textContent()).trim();
}

/** What the webview drew: node ids (with their classes, less the cursor's and the selection's) and edge ids. */
async function drawn(view) {
  return view.locator('svg').first().evaluate((svg) => ({
    nodes: [...svg.querySelectorAll('g.node')].map((g) => ({ id: g.id, classes: [...g.classList].filter((name) => name !== 'current' && name !== 'selected').sort().join(' '), title: g.querySelector('title')?.textContent })),
    edges: [...svg.querySelectorAll('g.edge')].map((g) => ({ id: g.id, classes: [...g.classList].sort().join(' '), title: g.querySelector('title')?.textContent })),
  }));
}

let page;
(async () => {
  const expected = JSON.parse(execFileSync(process.execPath, [path.join(devPath, 'dist', 'cli.js'), 'graph', path.join(folder, 'Dockerfile'), '--workspace', folder, '--format', 'json'], { encoding: 'utf8' }));
  // Clipboard access, to read what "Copy as Mermaid" wrote.
  const { browser, page: opened } = await openWorkbench(port, devPath, folder, { viewport: { width: 1400, height: 800 }, permissions: ['clipboard-read', 'clipboard-write'] });
  page = opened;
  await openFromExplorer(page, 'Dockerfile');
  await page.waitForSelector('.codelens-decoration', { timeout: 60000 });
  await page.locator('.editor-instance .view-lines').first().click();

  // Opened from the editor title's button.
  await page.locator('.editor-actions .action-label[aria-label="Show Stage Graph"]').first().click();
  const view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  await view.locator('g.node').first().waitFor({ timeout: 30000 });
  await view.locator('.status', { hasText: 'edges' }).waitFor({ timeout: 30000 });
  let graph = await drawn(view);
  const ids = (list) => list.map((item) => item.id).sort().join(',');
  check(ids(graph.nodes) === ids(expected.nodes), `nodes as the CLI draws them: ${ids(graph.nodes)}`);
  check(graph.edges.length === expected.edges.length, `edges as the CLI draws them: ${graph.edges.length}`);
  const classOf = (id) => graph.nodes.find((node) => node.id === id)?.classes;
  check(classOf('stage:3') === 'node stage unused' && classOf('stage:2') === 'node stage target' && classOf('image:alpine') === 'image node',
    'unused stage faded, compose target marked, images a node kind of their own');
  const mount = graph.edges.find((edge) => edge.classes.includes('mount'));
  check(mount?.title === 'RUN --mount from=: deps → release', `mount edge titled: ${mount?.title}`);
  // For the screenshots, the side bar closed and the graph fitted to the wider panel.
  await page.locator('.editor-instance .view-lines').first().click();
  await page.keyboard.press('Control+B');
  await page.waitForTimeout(500);
  await view.locator('#fit').click();
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(shots, 'graph-light.png') });
  const strokeOf = () => view.locator('g.node[id="stage:0"] > path').evaluate((element) => getComputedStyle(element).stroke);
  const lightStroke = await strokeOf();

  // A click on `build` selects its FROM line (line 12, `FROM deps AS build`) in the editor.
  await view.locator('g.node[id="stage:2"]').click();
  await page.waitForFunction(() => /^Ln 12, Col 19 \(18 selected\)$/.test(document.querySelector('[id="status.editor.selection"]')?.textContent.trim() ?? ''), null, { timeout: 15000 })
    .catch(() => undefined);
  const selection = await cursor(page);
  check(/^Ln 12, Col 19 \(18 selected\)$/.test(selection), `click on build selects its FROM line: ${selection}`);

  // From the keyboard: a stage focused (Tab reaches it), Enter selects its FROM line (line 9, `FROM base AS deps`).
  await view.locator('g.node[id="stage:1"]').focus();
  await view.locator('g.node[id="stage:1"]').press('Enter');
  await page.waitForFunction(() => /^Ln 9, Col 18 \(17 selected\)$/.test(document.querySelector('[id="status.editor.selection"]')?.textContent.trim() ?? ''), null, { timeout: 15000 })
    .catch(() => undefined);
  const keyboardSelection = await cursor(page);
  check(/^Ln 9, Col 18 \(17 selected\)$/.test(keyboardSelection), `Enter on deps selects its FROM line: ${keyboardSelection}`);

  // The editor's cursor on line 9 (deps) highlights deps.
  await page.locator('.editor-instance .view-lines').first().click();
  await goToLine(page, 10, 3);
  await view.locator('g.node.current[id="stage:1"]').waitFor({ timeout: 15000 });
  check(true, 'cursor in deps highlights deps');

  // The target picker: a build of `build` needs base, deps, build and the golang image.
  await view.locator('select.target').selectOption('stage:2');
  await view.locator('.status', { hasText: '3 stages' }).waitFor({ timeout: 15000 });
  graph = await drawn(view);
  check(ids(graph.nodes) === 'image:golang:1.22-alpine,stage:0,stage:1,stage:2', `the build of build: ${ids(graph.nodes)}`);
  // Hidden behind another editor in its group and shown again (the webview reloads): the same target shown.
  await page.locator('.tab[aria-label^="Stages: Dockerfile"]').first().click();
  await openFile(page, 'compose.yaml');
  await page.locator('.tab[aria-label^="Stages: Dockerfile"]').first().click();
  await view.locator('.status', { hasText: '3 stages' }).waitFor({ timeout: 15000 });
  check(await view.locator('select.target').inputValue() === 'stage:2', 'shown again after being hidden: still the build of build');
  await view.locator('select.target').selectOption('');
  await view.locator('.status', { hasText: '5 stages' }).waitFor({ timeout: 15000 });

  // "Copy as Mermaid": what is shown, as a flowchart GitHub renders.
  await view.locator('#copy').click();
  let mermaid = '';
  for (let poll = 0; poll < 40 && !mermaid.startsWith('flowchart'); poll++) {
    await page.waitForTimeout(250);
    mermaid = await page.evaluate(() => navigator.clipboard.readText());
  }
  check(mermaid.startsWith('flowchart LR\n') && mermaid.includes('s2["build<br/>') && mermaid.includes('s1 -.->|"mount"| s4'),
    `Copy as Mermaid: ${mermaid.split('\n').length} lines, starting ${JSON.stringify(mermaid.split('\n').slice(0, 2))}`);

  // An edit redraws the graph: a new stage copying from debug.
  await page.locator('.editor-instance .view-lines').first().click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('FROM scratch AS extra\nCOPY --from=debug / /\n');
  // The graph may be redrawn while the COPY line is still being typed: waited for until debug is used.
  await view.locator('g.node[id="stage:3"]:not(.unused)').waitFor({ timeout: 15000 });
  graph = await drawn(view);
  check(graph.nodes.some((node) => node.id === 'stage:5' && node.title.startsWith('stage extra')) && !graph.nodes.find((node) => node.id === 'stage:3').classes.includes('unused'),
    'edit redraws: extra drawn, debug no longer unused');
  // Undone (typing is undone a word group at a time), the graph is as before.
  for (let undo = 0; undo < 20 && await view.locator('g.node[id="stage:5"]').count() > 0; undo++) {
    await page.keyboard.press('Control+Z');
    await page.waitForTimeout(400);
  }
  await view.locator('g.node[id="stage:5"]').waitFor({ state: 'detached', timeout: 15000 });

  // Another Dockerfile's editor: the graph follows it (examples/Dockerfile, copied as app.Dockerfile: 6 stages).
  await openFile(page, 'app.Dockerfile');
  await view.locator('.file', { hasText: 'app.Dockerfile' }).waitFor({ timeout: 15000 });
  await view.locator('.status', { hasText: '6 stages' }).waitFor({ timeout: 15000 });
  graph = await drawn(view);
  check(graph.nodes.find((node) => node.id === 'stage:5')?.title.startsWith('stage release'), 'switching editors switches the graph: app.Dockerfile drawn');
  await page.locator('.tab[aria-label^="Dockerfile"]').first().click();
  await view.locator('.status', { hasText: '5 stages' }).waitFor({ timeout: 15000 });

  // code-server starts with the light theme: then the dark one.
  await page.keyboard.press('Escape');
  await quickPick(page, ['Control+K', 'Control+T'], 'Dark Modern',
    { accepted: () => page.waitForFunction(() => document.querySelector('.monaco-workbench')?.classList.contains('vs-dark'), null, { timeout: 15000 }) });
  await page.waitForTimeout(1500);
  await page.screenshot({ path: path.join(shots, 'graph-dark.png') });
  const darkStroke = await strokeOf();
  check(darkStroke !== lightStroke, `theme colors followed: node outline ${darkStroke} in the dark theme, ${lightStroke} in the light one`);

  // Closed, then opened again from the status bar item's hover.
  await page.locator('.tab[aria-label^="Stages: Dockerfile"] .tab-actions .action-label').first().click();
  await page.locator('iframe.webview').first().waitFor({ state: 'detached', timeout: 15000 });
  await page.locator('.statusbar-item', { hasText: 'stages · target' }).first().hover();
  await page.locator('.monaco-hover a', { hasText: 'Show Stage Graph' }).first().click({ timeout: 15000 });
  await view.locator('g.node[id="stage:2"]').waitFor({ timeout: 30000 });
  check(true, 'opened again from the status bar item\'s hover');
  await browser.close();
})().catch(async (error) => {
  console.error('graph test failed:', error.message);
  await page?.screenshot({ path: path.join(shots, 'graph-failure.png') }).catch(() => undefined);
  process.exit(1);
});

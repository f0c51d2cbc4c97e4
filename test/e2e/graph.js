// The stage graph webview in the workbench: "Show Stage Graph" on the e2e workspace (a Dockerfile and a compose
// file naming one of its stages as a target). Asserts the drawn nodes and edges against the CLI's graph of the
// same workspace, a click (and Enter) on a node selecting its FROM line, the editor's cursor highlighting its
// stage, the "Ships in" picker marking what ships in the picked target's image, the target picker (both kept while
// the view is hidden), Copy as Mermaid, an edit redrawing the graph, another Dockerfile's editor switching it, the
// status bar item's hover opening it; on a large made-up file (test/e2e/graph/plugins.Dockerfile, 53 stages), the
// view opening zoomed on the cursor's stage with readable labels, Fit showing all, the view following the cursor.
// Saves light and dark screenshots and the large file's for the README.
// usage: node graph.js PORT EXTENSION_DIR WORKSPACE SCREENSHOT_DIR
const { openWorkbench, openFromExplorer, openFile, quickPick, goToLine } = require('./workbench');
const { execFileSync } = require('node:child_process');
const { copyFileSync } = require('node:fs');
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

/** Where a drawn node is: inside the panel or not, and the on-screen height of its name (the label's first line). */
async function placeOf(view, id) {
  return view.locator(`g.node[id="${id}"]`).evaluate((group) => {
    const panel = document.querySelector('main.canvas').getBoundingClientRect();
    const box = group.getBoundingClientRect();
    const name = group.querySelector('text');
    return {
      inside: box.left >= panel.left && box.top >= panel.top && box.right <= panel.right && box.bottom <= panel.bottom,
      labelPx: Number(name.getAttribute('font-size')) * name.getScreenCTM().a,
    };
  });
}

/** Polls `read` until `done(value)` holds (the view changes on the next frames), at most `timeout` ms. */
async function until(read, done, timeout = 15000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The status once a graph of `stages` stages is drawn ("Laying out N stages…" shows while the old one still is). */
function drawnStatus(view, stages) {
  return view.locator('.status', { hasText: new RegExp(`^${stages} stages, \\d+ edges$`) });
}

function graphJson(file) {
  return JSON.parse(execFileSync(process.execPath, [path.join(devPath, 'dist', 'cli.js'), 'graph', file, '--workspace', folder, '--format', 'json'], { encoding: 'utf8' }));
}

let page;
(async () => {
  const expected = graphJson(path.join(folder, 'Dockerfile'));
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
  // build is the compose target, and it ships: release copies its binary (and it is an image target itself).
  const sameClasses = (id, expected) => (classOf(id) ?? '').split(' ').sort().join(' ') === expected.split(' ').sort().join(' ');
  check(sameClasses('stage:3', 'node stage unused') && sameClasses('stage:2', 'node stage target shipped') && sameClasses('image:alpine', 'image node'),
    `unused stage faded, compose target marked and shipping, images a node kind of their own: ${classOf('stage:3')}, ${classOf('stage:2')}, ${classOf('image:alpine')}`);
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

  // The "Ships in" picker: the default target, release, ships along its FROM line and its copies (from build, and
  // from the misspelt biuld, which BuildKit pulls as an image), not along the mount from deps; the compose target
  // build ships its whole chain.
  const marked = (list) => list.filter((item) => item.classes.split(' ').includes('shipped'));
  const shippedEdges = (list) => marked(list).map((edge) => edge.title.split('\n')[0]).sort().join('; ');
  const shipsOptions = await view.locator('select.ships option').allTextContents();
  check(shipsOptions.join(' | ') === 'Ships in release (default target) | Ships in build (compose.yaml:5)', `the Ships in picker lists the default target and the compose one: ${shipsOptions.join(' | ')}`);
  check(shippedEdges(graph.edges) === 'COPY --from: biuld → release; COPY --from: build → release; FROM: alpine:3.20 → release', `release's shipped edges marked: ${shippedEdges(graph.edges)}`);
  await view.locator('select.ships').selectOption('build');
  await view.locator('g.node.shipped[id="stage:0"]').waitFor({ timeout: 15000 });
  await view.locator('g.node[id="stage:4"]:not(.shipped)').waitFor({ timeout: 15000 });
  graph = await drawn(view);
  check(ids(marked(graph.nodes)) === 'stage:0,stage:1,stage:2' && shippedEdges(graph.edges) === 'FROM: base → deps; FROM: deps → build; FROM: golang:1.22-alpine → base',
    `picking build marks its chain: ${ids(marked(graph.nodes))}; ${shippedEdges(graph.edges)}`);
  const buildTitle = graph.nodes.find((node) => node.id === 'stage:1').title;
  check(buildTitle.endsWith('\nships in the image of build'), `and says so in the tooltips: ${JSON.stringify(buildTitle)}`);

  // The target picker: a build of `build` needs base, deps, build and the golang image.
  await view.locator('select.target').selectOption('stage:2');
  await drawnStatus(view, 3).waitFor({ timeout: 15000 });
  graph = await drawn(view);
  check(ids(graph.nodes) === 'image:golang:1.22-alpine,stage:0,stage:1,stage:2', `the build of build: ${ids(graph.nodes)}`);
  // Hidden behind another editor in its group and shown again (the webview reloads): the same targets shown and marked.
  await page.locator('.tab[aria-label^="Stages: Dockerfile"]').first().click();
  await openFile(page, 'compose.yaml');
  await page.locator('.tab[aria-label^="Stages: Dockerfile"]').first().click();
  await drawnStatus(view, 3).waitFor({ timeout: 15000 });
  await view.locator('g.node.shipped[id="stage:0"]').waitFor({ timeout: 15000 });
  check(await view.locator('select.target').inputValue() === 'stage:2' && await view.locator('select.ships').inputValue() === 'build',
    'shown again after being hidden: still the build of build, what ships in build marked');
  await view.locator('select.target').selectOption('');
  await drawnStatus(view, 5).waitFor({ timeout: 15000 });
  // Back to the default target: release's marks again.
  await view.locator('select.ships').selectOption('');
  await view.locator('g.node.shipped[id="stage:4"]').waitFor({ timeout: 15000 });
  graph = await drawn(view);
  check(ids(marked(graph.nodes)) === 'stage:2,stage:4', `the default target picked again: ${ids(marked(graph.nodes))} marked`);

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
    await view.locator('g.node[id="stage:5"]').waitFor({ state: 'detached', timeout: 400 }).catch(() => undefined);
  }
  await view.locator('g.node[id="stage:5"]').waitFor({ state: 'detached', timeout: 15000 });

  // Another Dockerfile's editor: the graph follows it (examples/Dockerfile, copied as app.Dockerfile: 6 stages).
  await openFile(page, 'app.Dockerfile');
  await view.locator('.file', { hasText: 'app.Dockerfile' }).waitFor({ timeout: 15000 });
  await drawnStatus(view, 6).waitFor({ timeout: 15000 });
  graph = await drawn(view);
  check(graph.nodes.find((node) => node.id === 'stage:5')?.title.startsWith('stage release'), 'switching editors switches the graph: app.Dockerfile drawn');
  await page.locator('.tab[aria-label^="Dockerfile"]').first().click();
  await drawnStatus(view, 5).waitFor({ timeout: 15000 });

  // code-server starts with the light theme: then the dark one.
  await page.keyboard.press('Escape');
  await quickPick(page, ['Control+K', 'Control+T'], 'Dark Modern',
    { accepted: () => page.waitForFunction(() => document.querySelector('.monaco-workbench')?.classList.contains('vs-dark'), null, { timeout: 15000 }) });
  const darkStroke = await until(strokeOf, (stroke) => stroke !== lightStroke);
  await page.screenshot({ path: path.join(shots, 'graph-dark.png') });
  check(darkStroke !== lightStroke, `theme colors followed: node outline ${darkStroke} in the dark theme, ${lightStroke} in the light one`);

  // Closed, then opened again from the status bar item's hover.
  await page.locator('.tab[aria-label^="Stages: Dockerfile"] .tab-actions .action-label').first().click();
  await page.locator('iframe.webview').first().waitFor({ state: 'detached', timeout: 15000 });
  await page.locator('.statusbar-item', { hasText: 'stages · target' }).first().hover();
  await page.locator('.monaco-hover a', { hasText: 'Show Stage Graph' }).first().click({ timeout: 15000 });
  await view.locator('g.node[id="stage:2"]').waitFor({ timeout: 30000 });
  check(true, 'opened again from the status bar item\'s hover');

  // A large file, the panel at its default size (the side bar open again): it opens zoomed on the cursor's stage
  // with readable labels; the view pans to the stage the cursor enters; Fit (0) shows all.
  copyFileSync(path.join(devPath, 'test', 'e2e', 'graph', 'plugins.Dockerfile'), path.join(folder, 'plugins.Dockerfile'));
  const large = graphJson(path.join(folder, 'plugins.Dockerfile'));
  const idOf = (label) => large.nodes.find((node) => node.label === label).id;
  await page.locator('.tab[aria-label^="Stages: Dockerfile"] .tab-actions .action-label').first().click();
  await page.locator('iframe.webview').first().waitFor({ state: 'detached', timeout: 15000 });
  await page.keyboard.press('Control+B');
  await page.locator('.explorer-folders-view').first().waitFor({ timeout: 15000 });
  await openFile(page, 'plugins.Dockerfile');
  await goToLine(page, 56, 1);
  await page.locator('.editor-actions .action-label[aria-label="Show Stage Graph"]').first().click();
  await view.locator(`g.node.current[id="${idOf('plugin-search-build')}"]`).waitFor({ timeout: 60000 });
  await drawnStatus(view, 53).waitFor({ timeout: 15000 });
  const panelWidth = await view.locator('main.canvas').evaluate((canvas) => Math.round(canvas.getBoundingClientRect().width));
  const opening = await placeOf(view, idOf('plugin-search-build'));
  check(opening.inside && opening.labelPx >= 9, `opens on the cursor's stage in a ${panelWidth} px panel: plugin-search-build on screen, its name ${opening.labelPx.toFixed(1)} px high`);
  const neighbours = await Promise.all(['go-base', 'plugin-search-src'].map((label) => placeOf(view, idOf(label))));
  check(neighbours.every((place) => place.inside), 'its parent go-base and its source stage plugin-search-src on screen');
  const base = large.nodes.find((node) => node.label.startsWith('registry.example.com/'));
  const baseDrawn = await view.locator(`g.node[id="${base.id}"]`).evaluate((group) => ({ text: group.querySelector('text').textContent, title: group.querySelector('title').textContent }));
  check(baseDrawn.text.length <= 32 && baseDrawn.text.includes('…') && baseDrawn.title === `image ${base.label}`,
    `a ${base.label.length}-character image shortened to ${JSON.stringify(baseDrawn.text)}, whole in its tooltip`);
  const releaseBefore = await placeOf(view, idOf('release'));
  check(!releaseBefore.inside, 'release (far from it) not on screen yet');
  await page.screenshot({ path: path.join(shots, 'graph-large.png') });

  // The cursor enters release (line 231): the view pans to it, at the same zoom.
  await goToLine(page, 232, 1);
  await view.locator(`g.node.current[id="${idOf('release')}"]`).waitFor({ timeout: 15000 });
  const followed = await until(() => placeOf(view, idOf('release')), (place) => place.inside);
  check(followed.inside && Math.abs(followed.labelPx - opening.labelPx) < 0.01, `the view follows the cursor into release: on screen, labels still ${followed.labelPx.toFixed(1)} px`);

  // Fit, from the keyboard: every node on screen.
  await view.locator('main.canvas').press('0');
  const allInside = () => Promise.all(large.nodes.map((node) => placeOf(view, node.id))).then((places) => places.every((place) => place.inside));
  check(await until(allInside, (inside) => inside), `Fit (0) shows all ${large.nodes.length} nodes`);
  await page.screenshot({ path: path.join(shots, 'graph-large-fit.png') });
  await browser.close();
})().catch(async (error) => {
  console.error('graph test failed:', error.message);
  await page?.screenshot({ path: path.join(shots, 'graph-failure.png') }).catch(() => undefined);
  process.exit(1);
});

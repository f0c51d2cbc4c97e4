// `npm run test:vscode`: the same extension-host suite in a VS Code that @vscode/test-electron downloads, for
// machines that can reach VS Code's update servers (this project's CI cannot: it uses code-server, run.sh).
const { cpSync, mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');
const { runTests } = require('@vscode/test-electron');

const root = path.resolve(__dirname, '..', '..');
const workspace = mkdtempSync(path.join(tmpdir(), 'dockerfile-stages-'));
cpSync(path.join(__dirname, 'workspace'), workspace, { recursive: true });
runTests({
  extensionDevelopmentPath: root,
  extensionTestsPath: path.join(root, 'out', 'e2e', 'index.js'),
  launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
}).catch((error) => {
  console.error(`VS Code tests failed: ${error.message ?? error}`);
  process.exit(1);
});

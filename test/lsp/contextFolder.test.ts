// Which build context the rules that read it use, over LSP, in a made-up workspace: the folder the workspace's
// builds of a Dockerfile name (a compose file's `context: ..` with `dockerfile: app/Dockerfile` is the workspace
// folder, not app/), and nothing where its builds disagree or one's context is not known.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { LspClient } from '../support/lspClient';
import { lines } from '../support/fixture';

const NODE_APP = lines('FROM node:22', 'WORKDIR /app', 'COPY .git/HEAD /tmp/head', 'COPY . .', 'RUN npm ci', 'CMD ["node", "server.js"]');
const PROJECT = { '.env': 'TOKEN=x\n', 'package.json': '{ "name": "app" }\n', 'package-lock.json': '{}\n' };
const CONTEXT_RULES = ['ContextShipsSecrets', 'DependenciesAfterSource', 'CopyIgnoredFile'];
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** What the server logs when the listing of a Dockerfile's build context ends. */
const listedLog = (dockerfile: string, context: string) => new RegExp(`^Listed the build context of ${escaped(dockerfile)} \\(${escaped(context)}\\)`);

describe('the build context the workspace\'s builds name', () => {
  const root = mkdtempSync(join(tmpdir(), 'dockerfile-stages-context-'));
  const files: Record<string, string> = {
    '.git/HEAD': 'ref: refs/heads/main\n', '.dockerignore': '.git\nsvc\nweb\n', ...PROJECT,
    'deploy/compose.yaml': lines('services:', '  app:', '    build:', '      context: ..', '      dockerfile: app/Dockerfile',
      '  svc:', '    build:', '      context: ..', '      dockerfile: svc/Dockerfile'),
    'build.sh': lines('docker build svc', 'docker build -f web/Dockerfile "$1"'),
    // app/ is not the context: neither its .dockerignore nor its lack of a project counts.
    'app/Dockerfile': NODE_APP, 'app/.dockerignore': '.env\npackage*.json\n',
    // svc/ and web/ hold what the rules would report if each were read as its own context.
    'svc/Dockerfile': NODE_APP, ...Object.fromEntries(Object.entries({ ...PROJECT, '.git/HEAD': 'x', '.dockerignore': '.git\n' }).map(([path, text]) => [`svc/${path}`, text])),
    'web/Dockerfile': NODE_APP, ...Object.fromEntries(Object.entries({ ...PROJECT, '.git/HEAD': 'x', '.dockerignore': '.git\n' }).map(([path, text]) => [`web/${path}`, text])),
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const uriOf = (path: string) => pathToFileURL(join(root, path)).href;
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ rootUri: pathToFileURL(root).href });
    await client.logged(/Found \d+ build targets/);
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  const shown = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => CONTEXT_RULES.includes(String(d.code))).map((d) => `${d.code} ${d.range.start.line + 1}: ${d.message}`);
  const contextFindings = async (path: string) => {
    await client.open(uriOf(path), files[path]);
    return shown(await client.diagnosticsFor(uriOf(path)));
  };

  it('compose `context: ..` with `dockerfile: app/Dockerfile`: the rules read the workspace folder and its .dockerignore', async () => {
    await client.open(uriOf('app/Dockerfile'), files['app/Dockerfile']);
    // The listing of the context (the workspace folder) ends in the background, and the file is checked again.
    const found = shown(await client.diagnosticsAfterLog(uriOf('app/Dockerfile'), listedLog(join(root, 'app', 'Dockerfile'), root)));
    assert.deepEqual(found.map((finding) => finding.split(':')[0]).sort(), ['ContextShipsSecrets 4', 'CopyIgnoredFile 3', 'DependenciesAfterSource 5'], found.join('\n'));
    assert.ok(found.includes('ContextShipsSecrets 4: COPY . puts the whole build context in the image, with .env, which no .dockerignore excludes'), found.join('\n'));
    assert.ok(found.some((finding) => /^DependenciesAfterSource 5: .*Copy package\.json and package-lock\.json first/.test(finding)), found.join('\n'));
  });

  // No context known: nothing is listed, and the first diagnostics are the last.
  it('builds with different contexts (compose from the workspace folder, a script from svc/): silent', async () => {
    assert.deepEqual(await contextFindings('svc/Dockerfile'), []);
    assert.ok(!client.logs.some((message) => message.includes(`context of ${join(root, 'svc', 'Dockerfile')} `)));
  });

  it('a build whose context is not known (`docker build -f web/Dockerfile "$1"`): silent', async () => {
    assert.deepEqual(await contextFindings('web/Dockerfile'), []);
    assert.ok(!client.logs.some((message) => message.includes(`context of ${join(root, 'web', 'Dockerfile')} `)));
  });
});

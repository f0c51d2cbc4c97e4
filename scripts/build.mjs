// Bundles the extension, the language server and the CLI with esbuild, and (with --tests) the test files.
// --production minifies and leaves source maps out (they never reach the .vsix).
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const withTests = process.argv.includes('--tests');
const withBench = process.argv.includes('--bench');
const withE2e = process.argv.includes('--e2e');

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const common = {
  define: { PACKAGE_VERSION: JSON.stringify(version) },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
  minify: production,
  sourcemap: !production,
  // Prefer ES modules: jsonc-parser's UMD build requires its parts dynamically, which a bundle cannot follow.
  mainFields: ['module', 'main'],
  // web-tree-sitter's ES module finds its files through import.meta.url, which a CommonJS bundle has not; its
  // CommonJS build is the same code (its WebAssembly is handed in: server/src/shell/parser.ts).
  alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/web-tree-sitter.cjs' },
};

// The web build's server runs in a browser worker: Node's `path` is path-browserify there (POSIX, as the
// workspace URIs' paths are), and Node's `fs` and `url` are never reached (browserServer.ts installs the client's
// file access before anything reads), so they bundle empty, as webpack's `fallback: { fs: false }` does; so does
// `https`, with which dockerfile-language-service completes image tags from Docker Hub: its call fails, is caught
// there, and completes no tag.
// test/web/bundle.test.ts checks that the bundle requires no module.
const browserNode = {
  name: 'browser-node',
  setup(build) {
    build.onResolve({ filter: /^node:path$/ }, () => ({ path: join(process.cwd(), 'node_modules/path-browserify/index.js') }));
    build.onResolve({ filter: /^(node:fs|node:url|https)$/ }, ({ path }) => ({ path, namespace: 'unreachable-in-browser' }));
    build.onLoad({ filter: /.*/, namespace: 'unreachable-in-browser' }, () => ({ contents: 'module.exports = {};' }));
  },
};
const browser = { platform: 'browser', target: 'es2022', mainFields: ['browser', 'module', 'main'] };

function testEntryPoints(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return testEntryPoints(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

rmSync('dist', { recursive: true, force: true });
const builds = [
  esbuild.build({ ...common, entryPoints: { extension: 'client/src/extension.ts', languageClient: 'client/src/languageClient.ts', graphPanel: 'client/src/graph/graphPanel.ts', shipsView: 'client/src/ships/shipsView.ts' }, outdir: 'dist', external: ['vscode'] }),
  // The stage graph's webview runs in the browser: Graphviz (WebAssembly) comes with it, out of activation.
  esbuild.build({ ...common, platform: 'browser', format: 'iife', target: 'es2022', mainFields: ['browser', 'module', 'main'], entryPoints: { graphView: 'client/src/graph/webview/graphView.ts', graphLayout: 'client/src/graph/webview/layoutWorker.ts' }, outdir: 'dist' }),
  esbuild.build({ ...common, entryPoints: { server: 'server/src/server.ts', cli: 'server/src/cli/main.ts' }, outdir: 'dist' }),
  // The web extension (package.json's `browser`): the client in the web extension host, the server in a worker.
  esbuild.build({ ...common, ...browser, entryPoints: { extension: 'client/src/web/extension.ts' }, outdir: 'dist/web', external: ['vscode'] }),
  esbuild.build({ ...common, ...browser, format: 'iife', entryPoints: { server: 'server/src/browserServer.ts' }, outdir: 'dist/web', plugins: [browserNode], inject: ['server/src/browserBuffer.ts'] }),
];
if (withTests) {
  rmSync('out', { recursive: true, force: true });
  // Mermaid (an ES module with chunks of its own) and jsdom are loaded as they are, only by the test that checks
  // the CLI's Mermaid output with Mermaid's parser.
  builds.push(esbuild.build({ ...common, entryPoints: testEntryPoints('test'), outbase: 'test', outdir: 'out/test', sourcemap: 'inline', external: ['mermaid', 'jsdom'] }));
}
if (withE2e) {
  builds.push(esbuild.build({ ...common, entryPoints: ['test/e2e/suite/index.ts', 'test/e2e/suite/coexistenceIndex.ts', 'test/e2e/suite/stages.e2e.ts', 'test/e2e/suite/buildFiles.e2e.ts', 'test/e2e/suite/coexistence.e2e.ts'], outdir: 'out/e2e', external: ['vscode', 'mocha'] }));
  // The Docker extensions' test double (test/e2e/incumbent): its client, and the incumbent server it starts.
  mkdirSync('out/e2e/incumbent', { recursive: true });
  copyFileSync('test/e2e/incumbent/package.json', 'out/e2e/incumbent/package.json');
  builds.push(esbuild.build({ ...common, entryPoints: { extension: 'test/e2e/incumbent/extension.ts' }, outdir: 'out/e2e/incumbent', external: ['vscode'] }));
  builds.push(esbuild.build({ ...common, entryPoints: { server: 'node_modules/dockerfile-language-server-nodejs/lib/server.js' }, outdir: 'out/e2e/incumbent/server' }));
  // The web run (test/e2e/web.js): the virtual workspace's file system provider and the checks, a web extension.
  mkdirSync('out/e2e/memfs', { recursive: true });
  copyFileSync('test/e2e/web/memfs/package.json', 'out/e2e/memfs/package.json');
  builds.push(esbuild.build({ ...common, ...browser, entryPoints: { extension: 'test/e2e/web/memfs.ts' }, outdir: 'out/e2e/memfs', external: ['vscode'] }));
}
if (withBench) {
  builds.push(esbuild.build({ ...common, entryPoints: ['test/bench/bench.ts', 'test/bench/fuzz.ts', 'test/bench/requestProfile.ts', 'test/bench/editProfile.ts'], outdir: 'out/bench' }));
}
await Promise.all(builds);
// The shell parser's WebAssembly (server/src/workspace/shellModules.ts reads it from beside the bundle).
for (const file of ['web-tree-sitter/web-tree-sitter.wasm', 'tree-sitter-bash/tree-sitter-bash.wasm']) copyFileSync(join('node_modules', file), join('dist', file.split('/')[1]));

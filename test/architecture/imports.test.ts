// ARCHITECTURE.md's layering, stated as import constraints and checked on every import under server/src and
// client/src: a layer imports only the layers below it, the pure layers reach no `node:` module and no LSP
// transport, and no file reaches itself through its imports (no circle).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { REPO_ROOT } from '../support/paths';

/** One import: the importing file, what it names, and the project file it resolves to (relative imports only). */
interface Import {
  readonly from: string;
  readonly specifier: string;
  readonly to?: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(REPO_ROOT, dir)).sort().flatMap((name) => {
    const path = `${dir}/${name}`;
    if (statSync(join(REPO_ROOT, path)).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

// `import … from 'x'`, `export … from 'x'`, `import 'x'`, `import('x')`, across lines; comments are removed first.
const IMPORT = /\b(?:import|export)\s+(?:type\s+)?[^'";]*?\bfrom\s*'([^']+)'|\bimport\s*'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/g;

function importsOf(file: string): Import[] {
  const text = readFileSync(join(REPO_ROOT, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return [...text.matchAll(IMPORT)].map((match) => {
    const specifier = match[1] ?? match[2] ?? match[3];
    if (!specifier.startsWith('.')) return { from: file, specifier };
    const base = relative(REPO_ROOT, resolve(REPO_ROOT, dirname(file), specifier)).split('\\').join('/');
    const to = [base, `${base}.ts`, `${base}/index.ts`].find((path) => /\.[a-z]+$/.test(path) && existsSync(join(REPO_ROOT, path)));
    return { from: file, specifier, to: to ?? base };
  });
}

/**
 * The layers, bottom first: each names the folders (or files) it holds and the layers it may import. A file
 * belongs to the first layer whose prefix it starts with. What is not listed here may not be imported at all.
 */
const LAYERS: readonly { readonly name: string; readonly holds: readonly string[]; readonly mayImport: readonly string[] }[] = [
  // Plain data shared by the server and the client: the settings as read, the custom requests and payloads.
  { name: 'settings', holds: ['server/src/settings.ts'], mayImport: [] },
  { name: 'shell', holds: ['server/src/shell/'], mayImport: [] },
  { name: 'analysis', holds: ['server/src/analysis/'], mayImport: [] },
  { name: 'protocol', holds: ['server/src/protocol.ts'], mayImport: ['analysis'] },
  { name: 'features', holds: ['server/src/features/'], mayImport: ['settings', 'protocol', 'analysis'] },
  { name: 'workspace', holds: ['server/src/workspace/'], mayImport: ['settings', 'shell', 'analysis'] },
  { name: 'languageService', holds: ['server/src/languageService/'], mayImport: ['settings', 'analysis'] },
  { name: 'cli', holds: ['server/src/cli/'], mayImport: ['settings', 'analysis', 'features', 'workspace'] },
  // The server's wiring: the connection, open documents, scheduling, the contexts each request is given.
  { name: 'server', holds: ['server/src/'], mayImport: ['settings', 'protocol', 'analysis', 'features', 'workspace', 'languageService'] },
  // The stage graph's webview runs in a browser: the pure graph code and what it draws, nothing of VS Code.
  { name: 'webview', holds: ['client/src/graph/webview/'], mayImport: ['graph', 'protocol', 'features/graphFormats', 'analysis/positions'] },
  { name: 'graph', holds: ['client/src/graph/'], mayImport: ['client', 'protocol', 'features/graphFormats', 'analysis/positions'] },
  { name: 'client', holds: ['client/src/'], mayImport: ['graph', 'protocol'] },
];

/** Single files the client may import on their own (pure, importing nothing but `protocol`). */
const SHARED_FILES: Readonly<Record<string, string>> = {
  'features/graphFormats': 'server/src/features/graphFormats.ts',
  'analysis/positions': 'server/src/analysis/positions.ts',
};

function layerOf(file: string): string | undefined {
  return LAYERS.find((layer) => layer.holds.some((prefix) => file === prefix || (prefix.endsWith('/') && file.startsWith(prefix))))?.name;
}

function allowed(fromLayer: string, toFile: string): boolean {
  const toLayer = layerOf(toFile);
  if (toLayer === fromLayer) return true;
  const may = LAYERS.find((layer) => layer.name === fromLayer)?.mayImport ?? [];
  return may.some((name) => name === toLayer || SHARED_FILES[name] === toFile);
}

/** Packages only some layers may import: the LSP connection, VS Code, Node's modules. */
const PACKAGE_RULES: readonly { readonly pattern: RegExp; readonly layers: readonly string[]; readonly why: string }[] = [
  { pattern: /^vscode-languageserver(\/|$)/, layers: ['server', 'languageService'], why: 'only the wiring speaks to the connection' },
  { pattern: /^vscode(-languageclient)?(\/|$)/, layers: ['client', 'graph'], why: 'only the extension host has VS Code' },
  { pattern: /^(node:)?fs(\/promises)?$/, layers: ['workspace', 'cli'], why: 'only workspace/ reads files (and the CLI its arguments)' },
  { pattern: /^node:/, layers: ['workspace', 'cli', 'server', 'client', 'graph', 'languageService'], why: 'the browser worker runs the shell, the analysis, the features and the shared data (workspace paths go through analysis/posixPath.ts there)' },
];

const FILES = [...sourceFiles('server/src'), ...sourceFiles('client/src')];
const IMPORTS = FILES.flatMap(importsOf);

describe('imports follow ARCHITECTURE.md', () => {
  it('reads the imports of every file (the reader is not blind)', () => {
    assert.ok(FILES.length > 100, `${FILES.length} files`);
    assert.ok(IMPORTS.filter((i) => i.to).length > 500, `${IMPORTS.length} imports`);
    for (const file of FILES) assert.ok(layerOf(file), `${file} belongs to no layer of ARCHITECTURE.md`);
  });

  it('every relative import names a file that exists', () => {
    const missing = IMPORTS.filter((i) => i.to && !existsSync(join(REPO_ROOT, i.to)) && !/\.(css|wasm)$/.test(i.to));
    assert.deepEqual(missing.map((i) => `${i.from} -> ${i.specifier}`), []);
  });

  it('a layer imports only the layers below it', () => {
    const forbidden = IMPORTS.filter((i) => i.to && !/\.(css|wasm)$/.test(i.to)).filter((i) => !allowed(layerOf(i.from)!, i.to!));
    assert.deepEqual(forbidden.map((i) => `${i.from} (${layerOf(i.from)}) -> ${i.to} (${layerOf(i.to!) ?? 'outside'})`), []);
  });

  it('the server files the client imports import only the protocol', () => {
    const shared = new Set(Object.values(SHARED_FILES));
    const beyond = IMPORTS.filter((i) => shared.has(i.from) && i.to !== 'server/src/protocol.ts');
    assert.deepEqual(beyond.map((i) => `${i.from} -> ${i.specifier}`), []);
  });

  it('the LSP connection, VS Code and Node reach only the layers that run there', () => {
    const forbidden = IMPORTS.filter((i) => !i.to).flatMap((i) => {
      const rule = PACKAGE_RULES.find((r) => r.pattern.test(i.specifier));
      return rule && !rule.layers.includes(layerOf(i.from)!) ? [`${i.from} -> ${i.specifier}: ${rule.why}`] : [];
    });
    assert.deepEqual(forbidden, []);
  });

  it('no file reaches itself through its imports', () => {
    const edges = new Map<string, string[]>(FILES.map((file) => [file, []]));
    for (const i of IMPORTS) if (i.to && edges.has(i.to)) edges.get(i.from)!.push(i.to);
    assert.deepEqual(circles(edges), []);
  });
});

/** The strongly connected components of more than one file (Tarjan), each as its sorted files. */
function circles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    onStack.add(file);
    for (const next of edges.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    for (let member = stack.pop()!; ; member = stack.pop()!) {
      onStack.delete(member);
      component.push(member);
      if (member === file) break;
    }
    if (component.length > 1 || (edges.get(file) ?? []).includes(file)) found.push(component.sort());
  };
  for (const file of edges.keys()) if (!index.has(file)) visit(file);
  return found;
}

// The shell parser's WebAssembly modules, read in Node: from beside the bundle (dist/, where the build copies
// them), else from node_modules (the tests run unbundled from out/). Loaded once, when a script is first read.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { loadShellParser, type ShellParserModules } from '../shell/parser';

const FILES = { runtime: ['web-tree-sitter.wasm', 'web-tree-sitter/web-tree-sitter.wasm'], bash: ['tree-sitter-bash.wasm', 'tree-sitter-bash/tree-sitter-bash.wasm'] } as const;

async function readModule([bundled, packaged]: readonly [string, string]): Promise<Uint8Array> {
  try {
    return await fs.readFile(join(__dirname, bundled));
  } catch {
    return fs.readFile(require.resolve(packaged));
  }
}

async function readModules(): Promise<ShellParserModules> {
  const [runtime, bash] = await Promise.all([readModule(FILES.runtime), readModule(FILES.bash)]);
  return { runtime, bash };
}

/** Loads the shell parser (once); false when its modules cannot be read: scripts are then not read. */
export async function ensureShellParser(): Promise<boolean> {
  try {
    await loadShellParser(readModules);
    return true;
  } catch {
    return false;
  }
}

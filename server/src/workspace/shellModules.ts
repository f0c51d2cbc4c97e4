// The shell parser's WebAssembly modules, read where the server's own files are (fileAccess.ts's
// `readBundled`). Loaded once, when a script is first read.
import { loadShellParser, type ShellParserModules } from '../shell/parser';
import { fileAccess } from './fileAccess';

async function readModules(): Promise<ShellParserModules> {
  const [runtime, bash] = await Promise.all([fileAccess().readBundled('web-tree-sitter.wasm'), fileAccess().readBundled('tree-sitter-bash.wasm')]);
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

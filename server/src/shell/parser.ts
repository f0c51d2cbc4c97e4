// The shell parser: tree-sitter's Bash grammar (tree-sitter-bash, compiled to WebAssembly) run by
// web-tree-sitter. Chosen over mvdan/sh as WebAssembly (sh-syntax), mvdan/sh through GopherJS (mvdan-sh) and
// bash-parser, measured on the corpus workspaces' 496 shell scripts (1.7 MB), 11,061 Makefile recipe lines and
// the corpus's 1,194 RUN lines (README, "Build targets from the workspace"):
// - sh-syntax instantiates its WebAssembly module on every call (24-40 ms a parse) and returns statements'
//   positions only, not their words;
// - mvdan-sh (1.5 MB of JavaScript) parses 494/496 scripts, but a syntax error loses the whole file, and it
//   takes 3x as long (3.5 s warm for the scripts, against 1.2 s);
// - bash-parser (2017) parses only 236 of the 496 scripts;
// - tree-sitter-bash parses 483/496 scripts without any error node and, on the other 13, still gives every
//   command outside the one construct it misreads (`{ cmd }` without `;`, `exec {fd}<>`, `${x//']'/y}`); half-typed
//   text gets a tree too. 1.4 MB of grammar and 0.2 MB of runtime, loaded only when a script is read.
// The parse path has no `node:` import: the WebAssembly bytes are handed in (workspace/shellWasm.ts reads them
// in Node; a web build fetches them), so it runs in a browser worker as it is. Positions are UTF-16 code
// units (JavaScript string indices), as the LSP counts columns.
import { Language, Parser } from 'web-tree-sitter';
import { copyTree, type ShellNode } from './syntaxTree';

export type { ShellNode } from './syntaxTree';

/** The two WebAssembly modules: web-tree-sitter's runtime and the Bash grammar. */
export interface ShellParserModules {
  readonly runtime: Uint8Array;
  readonly bash: Uint8Array;
}

/** A parse that takes longer than this is given up (a pathological file): its commands are not read. */
export const PARSE_BUDGET_MS = 500;

let parser: Parser | undefined;
let loading: Promise<void> | undefined;

/** Loads the parser once; later calls wait for the same load. Rejects when the modules cannot be loaded. */
export function loadShellParser(modules: () => Promise<ShellParserModules>): Promise<void> {
  loading ??= (async () => {
    const { runtime, bash } = await modules();
    await Parser.init({ wasmBinary: runtime });
    const instance = new Parser();
    instance.setLanguage(await Language.load(bash));
    parser = instance;
  })();
  return loading;
}

/** Whether `parseShell` can be called. */
export function shellParserLoaded(): boolean {
  return parser !== undefined;
}

/**
 * Parses shell text and hands the tree's root, copied to plain objects (syntaxTree.ts), to `read`, whose result
 * is returned. Undefined when the parser is not loaded or the parse ran past its budget.
 */
export function parseShell<T>(text: string, read: (root: ShellNode) => T): T | undefined {
  if (!parser) return undefined;
  const deadline = Date.now() + PARSE_BUDGET_MS;
  // The parser calls back often: the clock is read every 512th time.
  let calls = 0;
  const tree = parser.parse(text, null, { progressCallback: () => (++calls & 511) === 0 && Date.now() > deadline });
  if (!tree) return undefined;
  let root: ShellNode;
  try {
    root = copyTree(tree, text);
  } finally {
    // The tree's memory is WebAssembly's: freed as soon as it is copied.
    tree.delete();
  }
  return read(root);
}

// The copied shell tree (server/src/shell/syntaxTree.ts) against web-tree-sitter's own nodes: every node, in
// order, with the same type, namedness, offsets, text and field names, on made-up scripts and on every shell
// script of the corpus workspaces.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Language, Parser, type Node } from 'web-tree-sitter';
import { copyTree, type ShellNode } from '../../server/src/shell/syntaxTree';
import { itWithShared, REPO_ROOT, WORKSPACES_DIR } from '../support/paths';

const SCRIPTS = [
  '#!/bin/bash\nset -e\nROOT="$(cd "$(dirname "$0")/.." && pwd)"\nfor t in test release; do\n  docker build --target "$t" -f "$ROOT/Dockerfile" .\ndone\n',
  'build() { docker buildx build ${1:+--target "$1"} -t "x:${TAG:-latest}" .; }\ncase "$1" in a|b) build "$1" ;; *) build ;; esac\n',
  'ARGS=(--pull --target prod)\nif [ -n "$CI" ]; then ARGS+=(--push); elif true; then :; else echo no; fi\ndocker build "${ARGS[@]}" . 2>&1 | tee log\n',
  'x=$(( 1 + 2 )) y=`date`; echo "${x%%.*}" \'raw $x\' $"tr" <<EOF\nbody $x\nEOF\n{ echo half typed',
];

let parser: Parser | undefined;
async function load(): Promise<Parser> {
  if (parser) return parser;
  await Parser.init({ wasmBinary: readFileSync(join(REPO_ROOT, 'node_modules', 'web-tree-sitter', 'web-tree-sitter.wasm')) });
  parser = new Parser();
  parser.setLanguage(await Language.load(readFileSync(join(REPO_ROOT, 'node_modules', 'tree-sitter-bash', 'tree-sitter-bash.wasm'))));
  return parser;
}

/** The first difference between the two trees, as a path of types; undefined when they agree. */
function difference(original: Node, copy: ShellNode, path = original.type): string | undefined {
  const fields = (node: Node) => node.children.map((_, i) => node.fieldNameForChild(i));
  if (original.type !== copy.type || original.isNamed !== copy.isNamed) return `${path}: ${copy.type}`;
  if (original.startIndex !== copy.startIndex || original.endIndex !== copy.endIndex || original.text !== copy.text) return `${path}: offsets`;
  if (original.children.length !== copy.children.length || original.namedChildren.length !== copy.namedChildren.length) return `${path}: children`;
  if (JSON.stringify(fields(original)) !== JSON.stringify(copy.children.map((_, i) => copy.fieldNameForChild(i)))) return `${path}: fields`;
  // The fields the interpreter asks for by name. (For others, web-tree-sitter may answer with a node that is not
  // a child, as `operator` inside `[[ a = b ]]`; the copy answers with children only.)
  for (const name of ['name', 'value', 'body', 'variable', 'index']) {
    if (original.childForFieldName(name)?.startIndex !== copy.childForFieldName(name)?.startIndex) return `${path}: field ${name}`;
    if (original.childrenForFieldName(name).length !== copy.childrenForFieldName(name).length) return `${path}: fields ${name}`;
  }
  if (original.descendantsOfType('command_substitution').length !== copy.descendantsOfType('command_substitution').length) return `${path}: descendants`;
  for (const [i, child] of original.children.entries()) {
    const found = difference(child!, copy.children[i], `${path}/${child!.type}`);
    if (found) return found;
  }
  return undefined;
}

async function compare(text: string): Promise<string | undefined> {
  const tree = (await load()).parse(text)!;
  try {
    return difference(tree.rootNode, copyTree(tree, text));
  } finally {
    tree.delete();
  }
}

describe('the copied shell syntax tree', () => {
  it('equals web-tree-sitter\'s nodes on made-up scripts, half-typed text included', async () => {
    for (const script of SCRIPTS) assert.equal(await compare(script), undefined, script);
  });

  it('gives parents and unique ids', async () => {
    const tree = (await load()).parse(SCRIPTS[0])!;
    const root = copyTree(tree, SCRIPTS[0]);
    tree.delete();
    const ids = new Set<number>();
    let nodes = 0;
    const visit = (node: ShellNode) => {
      ids.add(node.id);
      nodes++;
      for (const child of node.children) {
        assert.equal(child.parent, node);
        visit(child);
      }
    };
    visit(root);
    assert.equal(root.parent, null);
    assert.equal(ids.size, nodes);
  });

  itWithShared('workspaces', 'equals web-tree-sitter\'s nodes on every shell script of the corpus workspaces', async () => {
    const scripts = (readdirSync(WORKSPACES_DIR, { recursive: true }) as string[]).filter((file) => /\.(sh|bash)$/.test(file)).map((file) => join(WORKSPACES_DIR, file));
    assert.ok(scripts.length > 100, `${scripts.length} scripts`);
    for (const file of scripts) assert.equal(await compare(readFileSync(file, 'utf8')), undefined, file);
  });
});

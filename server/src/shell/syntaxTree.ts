// The shell parse tree as plain JavaScript objects, copied from tree-sitter's tree once per parse.
// web-tree-sitter answers every read of a node (`children`, `startIndex`, `childForFieldName`, ...) with a call
// into WebAssembly that marshals new objects, and the interpreter reads nodes many times over (a loop's body
// once per value, `namedChildren` filtered again and again): on the workspace scan bench (`bench.js scan`),
// those reads took most of the scan. One walk with a TreeCursor copies each node once; what the interpreter
// reads afterwards is plain property access. Only the members the interpreter uses are here, with
// web-tree-sitter's meaning.
import type { Tree } from 'web-tree-sitter';

export class ShellNode {
  /** Every child, named or not (`then`, `&&`, punctuation), in order. */
  readonly children: ShellNode[] = [];
  private readonly fields: (string | null)[] = [];
  private named?: ShellNode[];

  constructor(
    /** Unique within its tree. */
    readonly id: number,
    readonly type: string,
    readonly isNamed: boolean,
    /** UTF-16 offsets in the parsed text, as web-tree-sitter gives them for a string input. */
    readonly startIndex: number,
    readonly endIndex: number,
    readonly parent: ShellNode | null,
    private readonly source: string,
  ) {}

  get text(): string {
    return this.source.slice(this.startIndex, this.endIndex);
  }

  get namedChildren(): ShellNode[] {
    return (this.named ??= this.children.filter((child) => child.isNamed));
  }

  get namedChildCount(): number {
    return this.namedChildren.length;
  }

  get firstChild(): ShellNode | null {
    return this.children[0] ?? null;
  }

  get firstNamedChild(): ShellNode | null {
    return this.namedChildren[0] ?? null;
  }

  child(index: number): ShellNode | null {
    return this.children[index] ?? null;
  }

  /** The field name of the child at `index` (among all children). */
  fieldNameForChild(index: number): string | null {
    return this.fields[index] ?? null;
  }

  childForFieldName(name: string): ShellNode | null {
    const index = this.fields.indexOf(name);
    return index === -1 ? null : this.children[index];
  }

  childrenForFieldName(name: string): ShellNode[] {
    return this.children.filter((_, i) => this.fields[i] === name);
  }

  /** This node and its descendants of that type, in document order. */
  descendantsOfType(type: string): ShellNode[] {
    const found: ShellNode[] = [];
    const visit = (node: ShellNode) => {
      if (node.type === type) found.push(node);
      for (const child of node.children) visit(child);
    };
    visit(this);
    return found;
  }

  /** Adds a child while the tree is copied. */
  adopt(child: ShellNode, field: string | null): void {
    this.children.push(child);
    this.fields.push(field);
  }
}

/** Copies `tree` (parsed from `source`), depth first with one cursor. */
export function copyTree(tree: Tree, source: string): ShellNode {
  const cursor = tree.walk();
  let ids = 0;
  const make = (parent: ShellNode | null) => new ShellNode(ids++, cursor.nodeType, cursor.nodeIsNamed, cursor.startIndex, cursor.endIndex, parent, source);
  try {
    const root = make(null);
    let current = root;
    for (;;) {
      if (cursor.gotoFirstChild()) {
        const child = make(current);
        current.adopt(child, cursor.currentFieldName);
        current = child;
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent() || !current.parent) return root;
        current = current.parent;
      }
      const sibling = make(current.parent);
      current.parent!.adopt(sibling, cursor.currentFieldName);
      current = sibling;
    }
  } finally {
    cursor.delete();
  }
}

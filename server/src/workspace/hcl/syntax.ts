// HCL's native syntax (hashicorp/hcl `hclsyntax`, the language of docker-bake.hcl) as a tree with offsets:
// bodies of attributes and blocks; expressions with literals, templates (`"a-${x}"`, heredocs), tuples,
// objects, variables and traversals (`a.b`, `a[0]`), function calls, unary, binary and conditional operators.
// `for` expressions and template directives (`%{ if }`) are read as unknown. No npm HCL parser keeps
// expressions with their places (the WebAssembly and GopherJS builds of hashicorp/hcl give JSON only, 1.9 MB
// and 3.9 MB): this one is written for what bake files use, and says "unknown" for the rest.

export type Expression =
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null; readonly start: number; readonly end: number }
  | { readonly kind: 'template'; readonly parts: readonly (TemplateText | Expression)[]; readonly start: number; readonly end: number }
  | { readonly kind: 'tuple'; readonly items: readonly Expression[]; readonly start: number; readonly end: number }
  | { readonly kind: 'object'; readonly items: readonly { key: Expression; value: Expression }[]; readonly start: number; readonly end: number }
  | { readonly kind: 'variable'; readonly name: string; readonly start: number; readonly end: number }
  | { readonly kind: 'attribute'; readonly of: Expression; readonly name: string; readonly start: number; readonly end: number }
  | { readonly kind: 'index'; readonly of: Expression; readonly index: Expression; readonly start: number; readonly end: number }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Expression[]; readonly start: number; readonly end: number }
  | { readonly kind: 'operation'; readonly operator: string; readonly operands: readonly Expression[]; readonly start: number; readonly end: number }
  | { readonly kind: 'unknown'; readonly start: number; readonly end: number };

/** Literal text of a template, with where it is (escapes undone: then `at` is undefined). */
export interface TemplateText {
  readonly kind: 'text';
  readonly text: string;
  readonly at?: number;
}

export interface Attribute {
  readonly name: string;
  readonly value: Expression;
}

export interface Block {
  readonly type: string;
  readonly labels: readonly string[];
  readonly body: Body;
  readonly start: number;
}

export interface Body {
  readonly attributes: readonly Attribute[];
  readonly blocks: readonly Block[];
}

/** Binary operators by precedence, lowest first (longer tokens first within a level). */
const BINARY = [['||'], ['&&'], ['==', '!='], ['<=', '>=', '<', '>'], ['+', '-'], ['*', '/', '%']];

/** Parses a whole file; what does not parse is skipped to the next line (half-typed files still give the rest). */
export function parseHcl(text: string): Body {
  return new HclParser(text).body(false);
}

/** The string at `offset` (its opening quote) as a template: a JSON bake file's strings are HCL templates. */
export function parseStringAt(text: string, offset: number): Expression {
  return new HclParser(text, offset).expression();
}

class HclParser {
  constructor(private readonly text: string, private at = 0) {}

  body(inBlock: boolean): Body {
    const attributes: Attribute[] = [];
    const blocks: Block[] = [];
    for (;;) {
      this.space(true);
      if (this.at >= this.text.length || (inBlock && this.text[this.at] === '}')) break;
      const start = this.at;
      const name = this.identifier();
      this.space(false);
      if (name && this.peek('=') && !this.peek('==')) {
        this.at++;
        attributes.push({ name, value: this.expression() });
      } else if (name) {
        const labels: string[] = [];
        for (;;) {
          this.space(false);
          const label = this.text[this.at] === '"' ? this.quotedLabel() : this.identifier();
          if (label === undefined) break;
          labels.push(label);
        }
        if (this.peek('{')) {
          this.at++;
          const body = this.body(true);
          if (this.peek('}')) this.at++;
          blocks.push({ type: name, labels, body, start });
        } else this.skipLine();
      } else this.skipLine();
      if (this.at === start) this.at++;
    }
    return { attributes, blocks };
  }

  expression(): Expression {
    const condition = this.binary(0);
    this.space(true);
    if (!this.peek('?')) return condition;
    this.at++;
    const then = this.expression();
    this.space(true);
    if (!this.peek(':')) return { kind: 'unknown', start: condition.start, end: this.at };
    this.at++;
    const otherwise = this.expression();
    return { kind: 'operation', operator: '?', operands: [condition, then, otherwise], start: condition.start, end: otherwise.end };
  }

  private binary(level: number): Expression {
    if (level === BINARY.length) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      this.space(false);
      const operator = BINARY[level].find((op) => this.peek(op));
      if (!operator || this.peek('<<')) return left;
      this.at += operator.length;
      const right = this.binary(level + 1);
      left = { kind: 'operation', operator, operands: [left, right], start: left.start, end: right.end };
    }
  }

  private unary(): Expression {
    this.space(false);
    const start = this.at;
    if (this.peek('!') || (this.peek('-') && !/[0-9]/.test(this.text[this.at + 1] ?? ''))) {
      const operator = this.text[this.at++];
      const operand = this.unary();
      return { kind: 'operation', operator: `unary${operator}`, operands: [operand], start, end: operand.end };
    }
    return this.postfix(this.primary());
  }

  private postfix(expression: Expression): Expression {
    let result = expression;
    for (;;) {
      if (this.peek('.') && /[A-Za-z_*]/.test(this.text[this.at + 1] ?? '')) {
        this.at++;
        const name = this.peek('*') ? (this.at++, '*') : this.identifier()!;
        result = { kind: 'attribute', of: result, name, start: result.start, end: this.at };
      } else if (this.peek('[')) {
        this.at++;
        const index = this.expression();
        this.space(true);
        if (this.peek(']')) this.at++;
        result = { kind: 'index', of: result, index, start: result.start, end: this.at };
      } else return result;
    }
  }

  private primary(): Expression {
    this.space(false);
    const start = this.at;
    const c = this.text[this.at];
    if (c === '"') return this.template();
    if (this.peek('<<')) return this.heredoc();
    if (c === '[' || c === '{') return this.collection(c);
    if (c === '(') {
      this.at++;
      const inner = this.expression();
      this.space(true);
      if (this.peek(')')) this.at++;
      return inner;
    }
    const number = /^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.text.slice(this.at, this.at + 64));
    if (number) {
      this.at += number[0].length;
      return { kind: 'literal', value: Number(number[0]), start, end: this.at };
    }
    const name = this.identifier();
    if (name === undefined) {
      this.skipLine();
      return { kind: 'unknown', start, end: this.at };
    }
    if (name === 'true' || name === 'false') return { kind: 'literal', value: name === 'true', start, end: this.at };
    if (name === 'null') return { kind: 'literal', value: null, start, end: this.at };
    if (this.peek('(')) {
      this.at++;
      const args: Expression[] = [];
      for (;;) {
        this.space(true);
        if (this.peek(')') || this.at >= this.text.length) break;
        args.push(this.expression());
        this.space(true);
        if (this.peek('...')) this.at += 3;
        if (this.peek(',')) this.at++;
        else if (!this.peek(')')) break;
      }
      if (this.peek(')')) this.at++;
      return { kind: 'call', name, args, start, end: this.at };
    }
    return { kind: 'variable', name, start, end: this.at };
  }

  /** `[a, b]` or `{ k = v, k: v }`; a `for` expression is unknown. */
  private collection(open: string): Expression {
    const start = this.at++;
    const close = open === '[' ? ']' : '}';
    this.space(true);
    if (/^for\s/.test(this.text.slice(this.at, this.at + 4))) {
      this.skipBalanced(open, close, start);
      return { kind: 'unknown', start, end: this.at };
    }
    const items: Expression[] = [];
    const pairs: { key: Expression; value: Expression }[] = [];
    for (;;) {
      this.space(true);
      if (this.peek(close) || this.at >= this.text.length) break;
      const before = this.at;
      const item = this.expression();
      this.space(true);
      if (open === '{' && (this.peek('=') || this.peek(':'))) {
        this.at++;
        pairs.push({ key: item, value: this.expression() });
      } else items.push(item);
      this.space(true);
      if (this.peek(',')) this.at++;
      if (this.at === before) this.at++;
    }
    if (this.peek(close)) this.at++;
    return open === '[' ? { kind: 'tuple', items, start, end: this.at } : { kind: 'object', items: pairs, start, end: this.at };
  }

  /** `"text ${expr} $${literal} %{directive}"`. */
  private template(): Expression {
    const start = this.at++;
    const parts: (TemplateText | Expression)[] = [];
    let text = '';
    let textStart = this.at;
    let exact = true;
    const flush = () => {
      if (text !== '') parts.push({ kind: 'text', text, ...(exact ? { at: textStart } : {}) });
      text = '';
      exact = true;
      textStart = this.at;
    };
    while (this.at < this.text.length && this.text[this.at] !== '"' && this.text[this.at] !== '\n') {
      if (this.text[this.at] === '\\') {
        const escaped = this.text[this.at + 1];
        text += { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' }[escaped] ?? escaped;
        exact = false;
        this.at += 2;
      } else if (this.peek('$${') || this.peek('%%{')) {
        text += this.text.slice(this.at + 1, this.at + 3);
        exact = false;
        this.at += 3;
      } else if (this.peek('${') || this.peek('%{')) {
        flush();
        const directive = this.peek('%{');
        const open = this.at;
        this.at += 2;
        const inner = directive ? undefined : this.expression();
        this.skipBalanced('{', '}', open + 1);
        parts.push(inner && !directive ? inner : { kind: 'unknown', start: open, end: this.at });
        textStart = this.at;
      } else text += this.text[this.at++];
    }
    flush();
    if (this.text[this.at] === '"') this.at++;
    return { kind: 'template', parts, start, end: this.at };
  }

  /** `<<EOT` / `<<-EOT` ... `EOT`: its lines, as a template (indentation kept; `<<-` strips it: then unknown places). */
  private heredoc(): Expression {
    const start = this.at;
    const header = /^<<(-?)([A-Za-z_]\w*)[^\n]*\n/.exec(this.text.slice(this.at));
    if (!header) {
      this.skipLine();
      return { kind: 'unknown', start, end: this.at };
    }
    const bodyStart = this.at + header[0].length;
    const end = new RegExp(`^[ \\t]*${header[2]}[ \\t]*$`, 'm');
    const rest = this.text.slice(bodyStart);
    const close = end.exec(rest);
    const body = close ? rest.slice(0, close.index) : rest;
    this.at = bodyStart + (close ? close.index + close[0].length : rest.length);
    const parts: TemplateText[] = body.includes('${') || body.includes('%{') ? [] : [{ kind: 'text', text: body.replace(/\n$/, ''), ...(header[1] ? {} : { at: bodyStart }) }];
    return parts.length > 0 ? { kind: 'template', parts, start, end: this.at } : { kind: 'unknown', start, end: this.at };
  }

  private quotedLabel(): string | undefined {
    const match = /^"((?:[^"\\\n]|\\.)*)"/.exec(this.text.slice(this.at));
    if (!match) return undefined;
    this.at += match[0].length;
    return match[1];
  }

  private identifier(): string | undefined {
    const match = /^[A-Za-z_][\w-]*/.exec(this.text.slice(this.at, this.at + 256));
    if (!match) return undefined;
    this.at += match[0].length;
    return match[0];
  }

  private peek(token: string): boolean {
    return this.text.startsWith(token, this.at);
  }

  /** Blanks and comments; newlines too when `newlines` (inside brackets, or between body items). */
  private space(newlines: boolean): void {
    for (;;) {
      const match = (newlines ? /^(?:[ \t\r\n]+|#[^\n]*|\/\/[^\n]*|\/\*[\s\S]*?\*\/)/ : /^(?:[ \t\r]+|#[^\n]*|\/\/[^\n]*|\/\*[^\n]*?\*\/)/).exec(this.text.slice(this.at, this.at + 4096));
      if (!match) return;
      this.at += match[0].length;
    }
  }

  private skipLine(): void {
    const next = this.text.indexOf('\n', this.at);
    this.at = next === -1 ? this.text.length : next + 1;
  }

  /** Past the bracket that closes the one at `open` (strings skipped). */
  private skipBalanced(open: string, close: string, from: number): void {
    let depth = 0;
    for (let i = from; i < this.text.length; i++) {
      const c = this.text[i];
      if (c === '"') {
        for (i++; i < this.text.length && this.text[i] !== '"'; i++) if (this.text[i] === '\\') i++;
      } else if (c === open) depth++;
      else if (c === close && --depth === 0) {
        this.at = i + 1;
        return;
      }
    }
    this.at = this.text.length;
  }
}

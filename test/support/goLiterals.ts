// Reads the values written in a Go test file (../shared/peer/buildkit-shell/lex_test.go): string literals, string
// slices and maps, and the struct literals of a table-driven test, so that the cases BuildKit writes in Go run as
// data here without being copied. Only the Go that such tables use: no expressions beyond named constants.

export type GoValue = string | boolean | GoValue[] | Map<string, GoValue> | GoStruct;

export class GoStruct {
  constructor(readonly fields: ReadonlyMap<string, GoValue>) {}

  string(name: string): string | undefined {
    const value = this.fields.get(name);
    return typeof value === 'string' ? value : undefined;
  }

  keys(name: string): string[] {
    const value = this.fields.get(name);
    return value instanceof Map ? [...value.keys()] : [];
  }

  map(name: string): Map<string, string> {
    const value = this.fields.get(name);
    return value instanceof Map ? new Map([...value].map(([k, v]) => [k, String(v)])) : new Map();
  }
}

/** A Go interpreted string literal (`"a\\b"`) or raw one (`` `a\b` ``) at the start of `source`, and its length. */
export function readStringLiteral(source: string): { value: string; length: number } | undefined {
  if (source.startsWith('`')) {
    const end = source.indexOf('`', 1);
    return end === -1 ? undefined : { value: source.slice(1, end), length: end + 1 };
  }
  const match = /^"(?:[^"\\\n]|\\.)*"/.exec(source);
  if (!match) return undefined;
  const value = match[0].slice(1, -1).replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|.)/g, (_, escape: string) => {
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', '"': '"', "'": "'" };
    if (escape in simple) return simple[escape];
    if (/^[xuU]/.test(escape)) return String.fromCodePoint(parseInt(escape.slice(1), 16));
    return String.fromCodePoint(parseInt(escape, 8));
  });
  return { value, length: match[0].length };
}

/** Parses one Go composite literal or scalar; `constants` resolves names such as `version`. */
export class GoReader {
  private position = 0;

  constructor(private readonly source: string, private readonly constants: ReadonlyMap<string, string> = new Map()) {}

  /** The value starting at the first `{` of a composite literal written after `start`. */
  static literalAfter(source: string, start: string, constants?: ReadonlyMap<string, string>): GoValue {
    const at = source.indexOf(start);
    if (at === -1) throw new Error(`no ${start} in the Go source`);
    return new GoReader(source.slice(at + start.length), constants).value();
  }

  value(): GoValue {
    this.skip();
    const rest = this.source.slice(this.position);
    const literal = readStringLiteral(rest);
    if (literal) {
      this.position += literal.length;
      return literal.value;
    }
    const word = /^(?:map\[\w+\](?:struct\{\}|[\w.]+)|\[\][\w.]+|[A-Za-z_][\w.]*)/.exec(rest);
    if (word) {
      this.position += word[0].length;
      if (word[0] === 'true' || word[0] === 'false') return word[0] === 'true';
      if (word[0] === 'nil') return new Map();
      // A type before a composite literal: map[string]string{...}, []string{...}, struct{}{}.
      if (this.peek() === '{') return this.composite(word[0]);
      const constant = this.constants.get(word[0]);
      if (constant === undefined) throw new Error(`unknown Go name ${word[0]}`);
      return constant;
    }
    if (rest.startsWith('{')) return this.composite('');
    throw new Error(`cannot read Go at: ${rest.slice(0, 40)}`);
  }

  private composite(type: string): GoValue {
    this.expect('{');
    const entries: [GoValue | undefined, GoValue][] = [];
    for (this.skip(); this.peek() !== '}'; this.skip()) {
      let key: GoValue | undefined;
      let value = this.fieldName() ?? this.value();
      this.skip();
      if (this.peek() === ':') {
        this.position++;
        key = value;
        value = this.value();
      }
      entries.push([key, value]);
      this.skip();
      if (this.peek() === ',') this.position++;
    }
    this.position++;
    if (type.startsWith('map[')) return new Map(entries.map(([k, v]) => [String(k), v]));
    if (entries.some(([k]) => k !== undefined) && !type.startsWith('[')) return new GoStruct(new Map(entries.map(([k, v]) => [String(k), v])));
    return entries.map(([, v]) => v);
  }

  /** A struct field name before `:` (`input:`), which is no value. */
  private fieldName(): string | undefined {
    const match = /^([A-Za-z_]\w*)\s*:/.exec(this.source.slice(this.position));
    if (!match || this.constants.has(match[1])) return undefined;
    this.position += match[1].length;
    return match[1];
  }

  private peek(): string {
    return this.source[this.position];
  }

  private expect(character: string): void {
    this.skip();
    if (this.peek() !== character) throw new Error(`expected ${character} in Go at ${this.source.slice(this.position, this.position + 40)}`);
    this.position++;
  }

  /** White space and comments. */
  private skip(): void {
    for (;;) {
      const rest = this.source.slice(this.position);
      const blank = /^(?:\s+|\/\/[^\n]*)/.exec(rest);
      if (!blank) return;
      this.position += blank[0].length;
    }
  }
}

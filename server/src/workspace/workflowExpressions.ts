// GitHub Actions expressions (`${{ ... }}`) as far as the workflow itself determines them: literals,
// `matrix.<key>` of one matrix combination, `!`, `==`, `!=`, `&&`, `||` (which give one of their operands, as
// in JavaScript), parentheses, and `startsWith`, `endsWith`, `contains`, `format`. Any other context
// (`inputs`, `steps`, `secrets`, `github`, `env`, `needs`, `vars`) is known only when the workflow runs: the
// expression is then unknown (undefined).
import { knownText, type Value } from '../shell/values';

type Result = string | number | boolean | null;
const UNKNOWN = Symbol('unknown');
type Evaluated = Result | typeof UNKNOWN;

/** The expression's value for the row (`matrix.x` → the row's value); undefined when unknown. */
export function evaluateExpression(source: string, row: ReadonlyMap<string, Value> | undefined): string | undefined {
  const tokens = source.match(/'(?:[^']|'')*'|[A-Za-z_][\w.-]*|\d+(?:\.\d+)?|==|!=|&&|\|\||[!(),]|\S/g) ?? [];
  let at = 0;
  const peek = () => tokens[at];
  // `a || b` gives a when truthy, else b; `a && b` gives b when a is truthy, else a.
  const logical = (operator: '||' | '&&', operand: () => Evaluated) => (): Evaluated => {
    let left = operand();
    while (peek() === operator) {
      at++;
      const right = operand();
      left = left === UNKNOWN ? UNKNOWN : truthy(left) === (operator === '||') ? left : right;
    }
    return left;
  };
  const and = logical('&&', () => equality());
  const or = logical('||', and);
  const equality = (): Evaluated => {
    let left = unary();
    while (peek() === '==' || peek() === '!=') {
      const negate = tokens[at++] === '!=';
      const right = unary();
      left = left === UNKNOWN || right === UNKNOWN ? UNKNOWN : (String(left).toLowerCase() === String(right).toLowerCase()) !== negate;
    }
    return left;
  };
  const unary = (): Evaluated => {
    if (peek() === '!') {
      at++;
      const operand = unary();
      return operand === UNKNOWN ? UNKNOWN : !truthy(operand);
    }
    return primary();
  };
  const primary = (): Evaluated => {
    const token = tokens[at++];
    if (token === undefined) return UNKNOWN;
    if (token === '(') {
      const inner = or();
      if (peek() === ')') at++;
      return inner;
    }
    if (token.startsWith("'")) return token.slice(1, -1).replace(/''/g, "'");
    if (/^\d/.test(token)) return Number(token);
    if (token === 'true' || token === 'false') return token === 'true';
    if (token === 'null') return null;
    if (peek() === '(') return call(token.toLowerCase());
    const key = /^matrix\.([\w-]+)$/.exec(token)?.[1];
    const value = key !== undefined ? row?.get(key) : undefined;
    const text = value && knownText(value);
    return text ?? UNKNOWN;
  };
  const call = (name: string): Evaluated => {
    at++;
    const args: Evaluated[] = [];
    while (at < tokens.length && peek() !== ')') {
      args.push(or());
      if (peek() === ',') at++;
    }
    at++;
    if (args.some((arg) => arg === UNKNOWN)) return UNKNOWN;
    const [a, b] = args.map((arg) => String(arg ?? '').toLowerCase());
    switch (name) {
      case 'startswith': return a.startsWith(b);
      case 'endswith': return a.endsWith(b);
      case 'contains': return a.includes(b);
      case 'format': return String(args[0]).replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i) + 1] ?? ''));
      default: return UNKNOWN;
    }
  };
  const result = or();
  return result === UNKNOWN || at < tokens.length ? undefined : result === null ? '' : String(result);
}

function truthy(value: Result): boolean {
  return value !== false && value !== 0 && value !== '' && value !== null;
}

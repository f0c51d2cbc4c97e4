// Evaluates the HCL expressions of a bake file as bake does (docker/buildx `bake/hclparser`): variables
// (their `default`), user `function` blocks, and the stdlib functions that only rearrange text or compare
// (`lower`, `upper`, `replace`, `trimprefix`, `trimsuffix`, `join`, `split`, `concat`, `coalesce`, `equal`,
// `notequal`, `and`, `or`, `not`, `length`, `element`, `contains`, `format` with `%s`). Anything else is
// unknown, and a string keeps where its known text is written (for the target's place in the file).
import { isUnknown, knownText, type Piece, type Value } from '../../shell/values';
import type { Expression } from './syntax';

export type HclValue =
  | { readonly kind: 'string'; readonly value: Value }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'null' }
  | { readonly kind: 'list'; readonly items: readonly HclValue[] }
  | { readonly kind: 'object'; readonly entries: ReadonlyMap<string, HclValue> }
  | { readonly kind: 'unknown'; readonly source: string };

export interface UserFunction {
  readonly params: readonly string[];
  readonly result: Expression;
}

export interface Scope {
  readonly text: string;
  readonly variables: ReadonlyMap<string, HclValue>;
  readonly functions: ReadonlyMap<string, UserFunction>;
}

const MAX_DEPTH = 32;

export function evaluate(expression: Expression, scope: Scope, depth = 0): HclValue {
  const unknown = (): HclValue => ({ kind: 'unknown', source: scope.text.slice(expression.start, expression.end) });
  if (depth > MAX_DEPTH) return unknown();
  switch (expression.kind) {
    case 'literal':
      return expression.value === null ? { kind: 'null' } : typeof expression.value === 'number' ? { kind: 'number', value: expression.value }
        : typeof expression.value === 'boolean' ? { kind: 'bool', value: expression.value } : { kind: 'string', value: [{ text: expression.value }] };
    case 'template': {
      const pieces: Piece[] = [];
      for (const part of expression.parts) {
        if (part.kind === 'text') {
          pieces.push(part.at === undefined ? { text: part.text } : { text: part.text, at: part.at });
          continue;
        }
        const value = evaluate(part, scope, depth + 1);
        const text = asPieces(value);
        if (!text) return unknown();
        pieces.push(...text);
      }
      return { kind: 'string', value: pieces };
    }
    case 'tuple':
      return { kind: 'list', items: expression.items.map((item) => evaluate(item, scope, depth + 1)) };
    case 'object': {
      const entries = new Map<string, HclValue>();
      for (const { key, value } of expression.items) {
        const name = key.kind === 'variable' ? key.name : stringOf(evaluate(key, scope, depth + 1));
        if (name === undefined) return unknown();
        entries.set(name, evaluate(value, scope, depth + 1));
      }
      return { kind: 'object', entries };
    }
    case 'variable':
      return scope.variables.get(expression.name) ?? unknown();
    case 'attribute': {
      const of = evaluate(expression.of, scope, depth + 1);
      return of.kind === 'object' ? of.entries.get(expression.name) ?? unknown() : unknown();
    }
    case 'index': {
      const of = evaluate(expression.of, scope, depth + 1);
      const index = evaluate(expression.index, scope, depth + 1);
      if (of.kind === 'list' && index.kind === 'number') return of.items[index.value] ?? unknown();
      const key = stringOf(index);
      return of.kind === 'object' && key !== undefined ? of.entries.get(key) ?? unknown() : unknown();
    }
    case 'call':
      return call(expression.name, expression.args.map((arg) => evaluate(arg, scope, depth + 1)), scope, depth) ?? unknown();
    case 'operation':
      return operation(expression.operator, expression.operands, scope, depth) ?? unknown();
    default:
      return unknown();
  }
}

/** A value as template text: strings, numbers and booleans; unknown parts kept as written. */
function asPieces(value: HclValue): Piece[] | undefined {
  switch (value.kind) {
    case 'string': return [...value.value];
    case 'number': case 'bool': return [{ text: String(value.value) }];
    case 'null': return [];
    case 'unknown': return [{ unknown: value.source }];
    default: return undefined;
  }
}

/** A known string's text. */
export function stringOf(value: HclValue): string | undefined {
  if (value.kind === 'string') return knownText(value.value);
  if (value.kind === 'number' || value.kind === 'bool') return String(value.value);
  return undefined;
}

const text = (value: string): HclValue => ({ kind: 'string', value: [{ text: value }] });
const bool = (value: boolean): HclValue => ({ kind: 'bool', value });

function call(name: string, args: readonly HclValue[], scope: Scope, depth: number): HclValue | undefined {
  const user = scope.functions.get(name);
  if (user) {
    const variables = new Map(scope.variables);
    user.params.forEach((param, i) => variables.set(param, args[i] ?? { kind: 'null' }));
    return evaluate(user.result, { ...scope, variables }, depth + 1);
  }
  const strings = args.map(stringOf);
  const allKnown = strings.every((s) => s !== undefined);
  const [a, b, c] = strings as string[];
  switch (name) {
    case 'lower': return allKnown ? text(a.toLowerCase()) : undefined;
    case 'upper': return allKnown ? text(a.toUpperCase()) : undefined;
    case 'trimspace': return allKnown ? text(a.trim()) : undefined;
    case 'trimprefix': return allKnown ? text(a.startsWith(b) ? a.slice(b.length) : a) : undefined;
    case 'trimsuffix': return allKnown ? text(b !== '' && a.endsWith(b) ? a.slice(0, -b.length) : a) : undefined;
    case 'replace': return allKnown && !/^\/.*\/$/.test(b) ? text(a.split(b).join(c)) : undefined;
    case 'format': return allKnown && !/%[^s%]/.test(a) ? text(a.replace(/%%|%s/g, (m) => (m === '%%' ? '%' : strings.splice(1, 1)[0] ?? ''))) : undefined;
    case 'equal': return args[0].kind !== 'unknown' && args[1]?.kind !== 'unknown' ? bool(JSON.stringify(args[0]) === JSON.stringify(args[1])) : undefined;
    case 'notequal': return args[0].kind !== 'unknown' && args[1]?.kind !== 'unknown' ? bool(JSON.stringify(args[0]) !== JSON.stringify(args[1])) : undefined;
    case 'and': case 'or': case 'not': {
      if (!args.every((arg) => arg.kind === 'bool')) return undefined;
      const values = args.map((arg) => (arg as { value: boolean }).value);
      return bool(name === 'and' ? values.every(Boolean) : name === 'or' ? values.some(Boolean) : !values[0]);
    }
    case 'coalesce': return args.find((arg) => arg.kind !== 'null' && !(arg.kind === 'string' && knownText(arg.value) === ''));
    case 'join': {
      const list = args[1];
      if (a === undefined || list?.kind !== 'list') return undefined;
      const items = list.items.map(stringOf);
      return items.every((item) => item !== undefined) ? text(items.join(a)) : undefined;
    }
    case 'split': return allKnown ? { kind: 'list', items: b.split(a).map(text) } : undefined;
    case 'concat': return args.every((arg) => arg.kind === 'list') ? { kind: 'list', items: args.flatMap((arg) => (arg as { readonly items: readonly HclValue[] }).items) } : undefined;
    case 'length': return args[0]?.kind === 'list' ? { kind: 'number', value: args[0].items.length } : a !== undefined ? { kind: 'number', value: a.length } : undefined;
    case 'element': return args[0]?.kind === 'list' && args[1]?.kind === 'number' && args[0].items.length > 0 ? args[0].items[args[1].value % args[0].items.length] : undefined;
    case 'contains': return args[0]?.kind === 'list' && b !== undefined && args[0].items.every((item) => stringOf(item) !== undefined) ? bool(args[0].items.some((item) => stringOf(item) === b)) : undefined;
    default: return undefined;
  }
}

function operation(operator: string, operands: readonly Expression[], scope: Scope, depth: number): HclValue | undefined {
  const values = operands.map((operand) => evaluate(operand, scope, depth + 1));
  if (operator === '?') {
    const [condition] = values;
    if (condition.kind === 'bool') return condition.value ? values[1] : values[2];
    return JSON.stringify(values[1]) === JSON.stringify(values[2]) ? values[1] : undefined;
  }
  if (values.some((value) => value.kind === 'unknown' || (value.kind === 'string' && value.value.some(isUnknown)))) return undefined;
  const [left, right] = values;
  switch (operator) {
    case '==': return bool(JSON.stringify(plain(left)) === JSON.stringify(plain(right)));
    case '!=': return bool(JSON.stringify(plain(left)) !== JSON.stringify(plain(right)));
    case '&&': case '||': return left.kind === 'bool' && right.kind === 'bool' ? bool(operator === '&&' ? left.value && right.value : left.value || right.value) : undefined;
    case 'unary!': return left.kind === 'bool' ? bool(!left.value) : undefined;
    case 'unary-': return left.kind === 'number' ? { kind: 'number', value: -left.value } : undefined;
    default: {
      if (left.kind !== 'number' || right?.kind !== 'number') return undefined;
      const result = { '+': left.value + right.value, '-': left.value - right.value, '*': left.value * right.value, '/': left.value / right.value, '%': left.value % right.value,
        '<': Number(left.value < right.value), '>': Number(left.value > right.value), '<=': Number(left.value <= right.value), '>=': Number(left.value >= right.value) }[operator];
      if (result === undefined) return undefined;
      return ['<', '>', '<=', '>='].includes(operator) ? bool(result === 1) : { kind: 'number', value: result };
    }
  }
}

/** A value without the places of its text, to compare. */
function plain(value: HclValue): unknown {
  if (value.kind === 'string') return knownText(value.value);
  if (value.kind === 'list') return value.items.map(plain);
  if (value.kind === 'object') return [...value.entries].map(([key, entry]) => [key, plain(entry)]);
  return value;
}

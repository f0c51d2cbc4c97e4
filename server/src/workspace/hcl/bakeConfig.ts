// A bake file's targets as bake resolves them (docker/buildx `bake/bake.go`, `bake/hclparser`): `variable`
// defaults, `function` blocks, `matrix` (one target per combination, named by `name`), then `inherits`: the
// parents in order, each merged over the last, then the target's own attributes (`Target.Merge`); `args` and
// `contexts` merge by key. JSON bake files have the same blocks, their strings read as HCL templates.
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { evaluate, stringOf, type HclValue, type Scope, type UserFunction } from './evaluate';
import { parseHcl, parseStringAt, type Attribute, type Block, type Body, type Expression } from './syntax';

/** An attribute's value and the expression it comes from (for where it is written). */
export interface Evaluated {
  readonly value: HclValue;
  readonly expression: Expression;
  /** Whether it reads a bake variable, which the environment may set to something else. */
  readonly fromVariable: boolean;
}

/** A target after `inherits`: its attributes, `args` and `contexts` by key. */
export interface BakeTarget {
  readonly name: string;
  /** Where its block starts (the first one, for a target written in several). */
  readonly start: number;
  /** Another target inherits from it (then, without a `target` of its own, it is a template rather than a build). */
  readonly parent?: boolean;
  readonly attributes: ReadonlyMap<string, Evaluated>;
  readonly args: ReadonlyMap<string, HclValue>;
  readonly contexts: ReadonlyMap<string, Evaluated>;
}

const MAX_MATRIX = 64;

export function bakeConfig(text: string, json: boolean): BakeTarget[] {
  const body = json ? jsonBody(text) : parseHcl(text);
  const scope = globalScope(body, text);
  const declared = new Set(body.blocks.filter((block) => block.type === 'variable').map((block) => block.labels[0]));
  const own = new Map<string, Own>();
  for (const block of body.blocks.filter((b) => b.type === 'target' && b.labels.length > 0)) {
    for (const target of expandMatrix(block, scope, declared)) {
      const before = own.get(target.name);
      own.set(target.name, before ? mergeOwn(before, target) : target);
    }
  }
  const resolved = new Map<string, BakeTarget>();
  const resolve = (name: string, visiting: Set<string>): BakeTarget | undefined => {
    if (resolved.has(name)) return resolved.get(name);
    const target = own.get(name);
    if (!target || visiting.has(name)) return undefined;
    visiting.add(name);
    const parents = target.inherits.map((parent) => resolve(parent, visiting)).filter((parent): parent is BakeTarget => !!parent);
    const merged = [...parents, target].reduce<BakeTarget>((base, next) => ({
      name,
      start: target.start,
      attributes: new Map([...base.attributes, ...next.attributes]),
      args: new Map([...base.args, ...next.args]),
      contexts: new Map([...base.contexts, ...next.contexts]),
    }), { name, start: target.start, attributes: new Map(), args: new Map(), contexts: new Map() });
    resolved.set(name, merged);
    return merged;
  };
  const parents = new Set([...own.values()].flatMap((target) => target.inherits));
  return [...own.keys()].map((name) => resolve(name, new Set())!).filter(Boolean).map((target) => (parents.has(target.name) ? { ...target, parent: true } : target));
}

interface Own extends BakeTarget {
  readonly inherits: readonly string[];
}

function mergeOwn(a: Own, b: Own): Own {
  return {
    name: a.name, start: a.start, inherits: [...a.inherits, ...b.inherits], attributes: new Map([...a.attributes, ...b.attributes]),
    args: new Map([...a.args, ...b.args]), contexts: new Map([...a.contexts, ...b.contexts]),
  };
}

/** Variables (their defaults, in two passes so that a default may use another) and functions. */
function globalScope(body: Body, text: string): Scope {
  const functions = new Map<string, UserFunction>();
  for (const block of body.blocks.filter((b) => b.type === 'function' && b.labels.length > 0)) {
    const params = block.body.attributes.find((a) => a.name === 'params')?.value;
    const result = block.body.attributes.find((a) => a.name === 'result')?.value;
    if (params?.kind === 'tuple' && result) functions.set(block.labels[0], { params: params.items.map((p) => (p.kind === 'variable' ? p.name : '')), result });
  }
  const variables = new Map<string, HclValue>();
  const scope: Scope = { text, variables, functions };
  for (let pass = 0; pass < 2; pass++) {
    for (const block of body.blocks.filter((b) => b.type === 'variable' && b.labels.length > 0)) {
      const fallback = block.body.attributes.find((a) => a.name === 'default')?.value;
      variables.set(block.labels[0], fallback ? evaluate(fallback, scope) : { kind: 'string', value: [] });
    }
  }
  return scope;
}

/** One target per combination of its `matrix`, named by its `name` attribute. */
function expandMatrix(block: Block, scope: Scope, declared: ReadonlySet<string>): Own[] {
  const matrix = block.body.attributes.find((a) => a.name === 'matrix');
  let rows: Map<string, HclValue>[] = [new Map()];
  if (matrix) {
    const value = evaluate(matrix.value, scope);
    if (value.kind !== 'object') return [];
    for (const [key, values] of value.entries) {
      if (values.kind !== 'list' || rows.length * values.items.length > MAX_MATRIX) return [];
      rows = rows.flatMap((row) => values.items.map((item) => new Map([...row, [key, item]])));
    }
  }
  return rows.flatMap((row) => {
    const rowScope: Scope = { ...scope, variables: new Map([...scope.variables, ...row]) };
    const name = block.body.attributes.find((a) => a.name === 'name');
    const targetName = name ? stringOf(evaluate(name.value, rowScope)) : block.labels[0];
    return targetName === undefined ? [] : [ownTarget(targetName, block.start, block.body.attributes, rowScope, new Set([...declared].filter((v) => !row.has(v))))];
  });
}

function ownTarget(name: string, start: number, attributes: readonly Attribute[], scope: Scope, declared: ReadonlySet<string>): Own {
  const evaluated = new Map<string, Evaluated>();
  for (const attribute of attributes) {
    if (attribute.name === 'matrix' || attribute.name === 'name') continue;
    evaluated.set(attribute.name, { value: evaluate(attribute.value, scope), expression: attribute.value, fromVariable: readsVariable(attribute.value, declared) });
  }
  const inherits = evaluated.get('inherits')?.value;
  const entries = (key: string) => {
    const found = evaluated.get(key);
    return found?.value.kind === 'object' ? found : undefined;
  };
  const args = entries('args');
  const contexts = entries('contexts');
  evaluated.delete('args');
  evaluated.delete('contexts');
  return {
    name,
    start,
    inherits: inherits?.kind === 'list' ? inherits.items.map(stringOf).filter((parent): parent is string => parent !== undefined) : [],
    attributes: evaluated,
    args: args?.value.kind === 'object' ? new Map(args.value.entries) : new Map(),
    contexts: contexts?.value.kind === 'object' && contexts.expression.kind === 'object'
      ? new Map(contexts.expression.items.flatMap(({ key, value }) => {
        const keyName = key.kind === 'variable' ? key.name : stringOf(evaluate(key, scope));
        return keyName === undefined ? [] : [[keyName, { value: evaluate(value, scope), expression: value, fromVariable: readsVariable(value, declared) }] as [string, Evaluated]];
      }))
      : new Map(),
  };
}

/** Whether the expression reads one of the bake file's variables. */
function readsVariable(expression: Expression, declared: ReadonlySet<string>): boolean {
  switch (expression.kind) {
    case 'variable': return declared.has(expression.name);
    case 'template': return expression.parts.some((part) => part.kind !== 'text' && readsVariable(part, declared));
    case 'tuple': return expression.items.some((item) => readsVariable(item, declared));
    case 'object': return expression.items.some(({ value }) => readsVariable(value, declared));
    case 'attribute': return readsVariable(expression.of, declared);
    case 'index': return readsVariable(expression.of, declared) || readsVariable(expression.index, declared);
    case 'call': return expression.args.some((arg) => readsVariable(arg, declared));
    case 'operation': return expression.operands.some((operand) => readsVariable(operand, declared));
    default: return false;
  }
}

/** docker-bake.json as the blocks it describes: `{"variable": {...}, "target": {"name": {...}}, "function": {...}}`. */
function jsonBody(text: string): Body {
  const tree = parseTree(text, [], { allowTrailingComma: true });
  if (!tree) return { attributes: [], blocks: [] };
  const blocks: Block[] = [];
  for (const type of ['variable', 'target', 'function']) {
    for (const property of findNodeAtLocation(tree, [type])?.children ?? []) {
      const [label, body] = property.children ?? [];
      if (typeof label?.value !== 'string' || body?.type !== 'object') continue;
      const attributes = (body.children ?? []).flatMap((pair) => {
        const [key, value] = pair.children ?? [];
        return typeof key?.value === 'string' && value ? [{ name: key.value, value: jsonExpression(text, value) }] : [];
      });
      blocks.push({ type, labels: [label.value], body: { attributes, blocks: [] }, start: property.offset });
    }
  }
  return { attributes: [], blocks };
}

function jsonExpression(text: string, node: Node): Expression {
  const span = { start: node.offset, end: node.offset + node.length };
  switch (node.type) {
    case 'string': return parseStringAt(text, node.offset);
    case 'number': case 'boolean': case 'null': return { kind: 'literal', value: node.value, ...span };
    case 'array': return { kind: 'tuple', items: (node.children ?? []).map((child) => jsonExpression(text, child)), ...span };
    case 'object': return {
      kind: 'object',
      items: (node.children ?? []).flatMap((pair) => {
        const [key, value] = pair.children ?? [];
        return key && value ? [{ key: { kind: 'literal' as const, value: String(key.value), start: key.offset, end: key.offset + key.length }, value: jsonExpression(text, value) }] : [];
      }),
      ...span,
    };
    default: return { kind: 'unknown', ...span };
  }
}

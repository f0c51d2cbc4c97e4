// Bake files: `target = "x"` in `target` blocks, with the block's `context` and `dockerfile` (inherited
// through `inherits`), relative to the bake file's folder. docker-bake.json is read as JSON; HCL with a small
// reader for the subset bake targets use (blocks, string and list attributes): no maintained HCL parser for
// Node exists without a WebAssembly runtime several times the size of this extension.
import { dirname } from 'node:path';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { dockerfilePath, TargetSource, type DiscoveredTarget } from './discovered';

/** An attribute's value and, for a string, where its text is (quotes excluded). */
interface Attribute {
  readonly value: string | string[];
  readonly start: number;
  readonly end: number;
}

interface BakeTarget {
  readonly name: string;
  readonly attributes: Map<string, Attribute>;
  /** `args = { GO = "1.23" }`: string values only (expressions are not evaluated). */
  readonly args: Record<string, string>;
}

export function bakeTargets(text: string, file: string, origin: string): DiscoveredTarget[] {
  const targets = file.endsWith('.json') ? readJson(text) : readHcl(text);
  const byName = new Map(targets.map((t) => [t.name, t]));
  const attribute = (target: BakeTarget, key: string, seen = new Set<string>()): Attribute | undefined => {
    const own = target.attributes.get(key);
    if (own || seen.has(target.name)) return own;
    seen.add(target.name);
    const parents = target.attributes.get('inherits')?.value;
    // The last inherited target wins, as in bake.
    for (const parent of [...(Array.isArray(parents) ? parents : [])].reverse()) {
      const inherited = byName.get(parent) && attribute(byName.get(parent)!, key, seen);
      if (inherited) return inherited;
    }
    return undefined;
  };
  // Inherited args first, each parent in order, the target's own last: later ones win, as in bake.
  const argsOf = (target: BakeTarget, seen = new Set<string>()): Record<string, string> => {
    if (seen.has(target.name)) return {};
    seen.add(target.name);
    const parents = target.attributes.get('inherits')?.value;
    const inherited = (Array.isArray(parents) ? parents : []).map((parent) => (byName.has(parent) ? argsOf(byName.get(parent)!, seen) : {}));
    return Object.assign({}, ...inherited, target.args);
  };
  const source = new TargetSource(text, file, origin);
  const found: DiscoveredTarget[] = [];
  const seen = new Set<string>();
  for (const target of targets) {
    const stage = attribute(target, 'target');
    if (!stage || typeof stage.value !== 'string') continue;
    const context = attribute(target, 'context')?.value;
    const dockerfile = attribute(target, 'dockerfile')?.value;
    const path = dockerfilePath(dirname(file), typeof context === 'string' ? context : undefined, typeof dockerfile === 'string' ? dockerfile : undefined);
    // Children inheriting the same `target` and Dockerfile name it once, where it is written.
    const key = `${path}\0${stage.start}`;
    if (seen.has(key)) continue;
    seen.add(key);
    found.push(source.target(path, stage.value, stage.start, stage.end, argsOf(target)));
  }
  return found;
}

function readJson(text: string): BakeTarget[] {
  const targets = findNodeAtLocation(parseTree(text, [], { allowTrailingComma: true }) ?? { type: 'null', offset: 0, length: 0 }, ['target']);
  return (targets?.children ?? []).flatMap((property) => {
    const [name, body] = property.children ?? [];
    if (typeof name?.value !== 'string' || body?.type !== 'object') return [];
    const attributes = new Map<string, Attribute>();
    const args: Record<string, string> = {};
    for (const [key, value] of (body.children ?? []).map((p) => p.children ?? [])) {
      if (typeof key?.value !== 'string' || !value) continue;
      if (key.value === 'args' && value.type === 'object') {
        for (const [name, arg] of (value.children ?? []).map((p) => p.children ?? [])) if (typeof name?.value === 'string' && arg?.type === 'string') args[name.value] = arg.value;
      }
      if (value.type === 'string') attributes.set(key.value, { value: value.value, start: value.offset + 1, end: value.offset + value.length - 1 });
      if (value.type === 'array') attributes.set(key.value, { value: (value.children ?? []).map((item) => String(item.value)), start: value.offset, end: value.offset });
    }
    return [{ name: name.value, attributes, args }];
  });
}

/** `target "name" { key = "value"  key = ["a", "b"] ... }`; line and block comments are skipped. */
function readHcl(text: string): BakeTarget[] {
  const source = text.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' ')).replace(/(^|[^:"])(#|\/\/)[^\n]*/g, (m, before) => before + ' '.repeat(m.length - before.length));
  const targets: BakeTarget[] = [];
  for (const block of source.matchAll(/\btarget\s+"([^"]+)"\s*\{/g)) {
    const bodyStart = block.index! + block[0].length;
    const body = source.slice(bodyStart, blockEnd(source, bodyStart));
    const attributes = new Map<string, Attribute>();
    for (const attribute of topLevel(body).matchAll(/^\s*([A-Za-z_][\w-]*)\s*=\s*("(?:[^"\\]|\\.)*"|\[[^\]]*\])/gm)) {
      const raw = attribute[2];
      const valueStart = bodyStart + attribute.index! + attribute[0].length - raw.length;
      const value = raw.startsWith('[') ? [...raw.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]) : raw.slice(1, -1);
      attributes.set(attribute[1], { value, start: valueStart + 1, end: valueStart + raw.length - 1 });
    }
    targets.push({ name: block[1], attributes, args: hclArgs(body) });
  }
  return targets;
}

/** The `args = { NAME = "value" ... }` map of a target's body (the body's own, not a nested block's). */
function hclArgs(body: string): Record<string, string> {
  const args: Record<string, string> = {};
  const found = /^[ \t]*args[ \t]*=/m.exec(topLevel(body));
  const open = found ? body.indexOf('{', found.index + found[0].length) : -1;
  if (open === -1) return args;
  const map = body.slice(open + 1, blockEnd(body, open + 1));
  for (const pair of map.matchAll(/([A-Za-z_][\w]*|"[^"]+")\s*=\s*"((?:[^"\\]|\\.)*)"/g)) args[pair[1].replace(/"/g, '')] = pair[2];
  return args;
}

/** The offset of the `}` closing a block whose body starts at `start` (braces in strings do not count). */
function blockEnd(source: string, start: number): number {
  let depth = 1;
  let inString = false;
  for (let i = start; i < source.length; i++) {
    const c = source[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return source.length;
}

/** The body with nested blocks and maps blanked out (same length), so that only its own attributes remain. */
function topLevel(body: string): string {
  let result = '';
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (!inString && c === '{') depth++;
    const keep = depth === 0 || c === '\n';
    result += keep ? c : ' ';
    if (inString) { if (c === '\\') { result += keep ? body[i + 1] ?? '' : ' '; i++; } else if (c === '"') inString = false; }
    else if (c === '"') inString = true;
    else if (c === '}') depth--;
  }
  return result;
}

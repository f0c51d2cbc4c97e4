// Bake files: `target = "x"` in `target` blocks, with the block's `context` and `dockerfile` (inherited
// through `inherits`), relative to the bake file's folder. docker-bake.json is read as JSON; HCL with a small
// reader for the subset bake targets use (blocks, string and list attributes): no maintained HCL parser for
// Node exists without a WebAssembly runtime several times the size of this extension.
import { dirname } from 'node:path';
import { dockerfilePath, lineOf, type DiscoveredTarget } from './discovered';

interface BakeTarget {
  readonly name: string;
  readonly attributes: Map<string, { value: string | string[]; line: number }>;
}

export function bakeTargets(text: string, file: string, origin: string): DiscoveredTarget[] {
  const targets = file.endsWith('.json') ? readJson(text) : readHcl(text);
  const byName = new Map(targets.map((t) => [t.name, t]));
  const attribute = (target: BakeTarget, key: string, seen = new Set<string>()): { value: string | string[]; line: number } | undefined => {
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
  const found: DiscoveredTarget[] = [];
  for (const target of targets) {
    const stage = attribute(target, 'target');
    if (!stage || typeof stage.value !== 'string') continue;
    const context = attribute(target, 'context')?.value;
    const dockerfile = attribute(target, 'dockerfile')?.value;
    found.push({
      dockerfile: dockerfilePath(dirname(file), typeof context === 'string' ? context : undefined, typeof dockerfile === 'string' ? dockerfile : undefined),
      target: stage.value,
      origin: `${origin}:${stage.line}`,
    });
  }
  return found;
}

function readJson(text: string): BakeTarget[] {
  try {
    const targets = (JSON.parse(text) as { target?: Record<string, Record<string, unknown>> }).target ?? {};
    return Object.entries(targets).map(([name, body]) => ({
      name,
      attributes: new Map(Object.entries(body)
        .filter(([, value]) => typeof value === 'string' || Array.isArray(value))
        .map(([key, value]) => [key, { value: value as string | string[], line: lineOf(text, text.indexOf(`"${key}"`, text.indexOf(`"${name}"`))) }])),
    }));
  } catch {
    return [];
  }
}

/** `target "name" { key = "value"  key = ["a", "b"] ... }`; line and block comments are skipped. */
function readHcl(text: string): BakeTarget[] {
  const source = text.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' ')).replace(/(^|[^:"])(#|\/\/)[^\n]*/g, (m, before) => before + ' '.repeat(m.length - before.length));
  const targets: BakeTarget[] = [];
  for (const block of source.matchAll(/\btarget\s+"([^"]+)"\s*\{/g)) {
    const bodyStart = block.index! + block[0].length;
    const body = source.slice(bodyStart, blockEnd(source, bodyStart));
    const attributes = new Map<string, { value: string | string[]; line: number }>();
    for (const attribute of topLevel(body).matchAll(/^\s*([A-Za-z_][\w-]*)\s*=\s*("(?:[^"\\]|\\.)*"|\[[^\]]*\])/gm)) {
      const raw = attribute[2];
      const value = raw.startsWith('[') ? [...raw.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]) : raw.slice(1, -1);
      attributes.set(attribute[1], { value, line: lineOf(text, bodyStart + attribute.index! + attribute[0].indexOf(attribute[1])) });
    }
    targets.push({ name: block[1], attributes });
  }
  return targets;
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

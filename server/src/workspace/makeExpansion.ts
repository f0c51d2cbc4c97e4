// GNU Make's variables as the Makefile sets them: `=` (recursive, expanded where used), `:=`/`::=` (expanded
// where set), `?=` (only if not set yet: the environment may set it, so its value is unknown or the default),
// `+=` (appended with a space, keeping the variable's flavor), `!=` (a command's output: unknown). `$(VAR)`,
// `${VAR}`, `$V`, `$$`, `$@`, `$(@D)`, `$(CURDIR)`, and the text functions that only rearrange text
// (`subst`, `patsubst`, `strip`, `addprefix`, ...). Assignments inside `ifeq`/`ifdef` blocks may or may not
// happen: they add possible values. A value is a list of alternatives (shell/values.ts), unknown parts kept
// as written (`$(shell git describe)`).
import { distinct, displayText, escapeRegExp, isUnknown, knownText, MAX_ALTERNATIVES, textValue, unknownValue, type Piece, type Value } from '../shell/values';

/** A variable's definition: recursive ones keep their text (with where it is), simple ones their values. */
type Definition = { readonly recursive: true; readonly parts: readonly { text: string; at: number }[] } | { readonly recursive: false; readonly values: readonly Value[] };

/** More definitions than this (conditional `+=` after `+=`) make a variable unknown. */
const MAX_DEFINITIONS = 8;
/** Expansions per Makefile: past this, what is left to expand is unknown (a generated Makefile of thousands of lines). */
const EXPANSION_BUDGET = 20000;

export class MakeVariables {
  private readonly definitions = new Map<string, Definition[]>();
  /** Values by variable, since the last assignment: a recursive variable is expanded once, not at every use. */
  private readonly cache = new Map<string, Value[] | undefined>();
  private work = 0;

  constructor(private readonly builtins: ReadonlyMap<string, Value>) {}

  /** One assignment; `conditional`: inside an `if...` block, it may not happen. */
  assign(name: string, operator: string, text: string, at: number, conditional: boolean): void {
    const before = this.definitions.get(name);
    let definitions: Definition[];
    if (operator === '?=') {
      if (before && !conditional) return;
      definitions = [{ recursive: false, values: [unknownValue(`$(${name})`)] }, { recursive: true, parts: [{ text, at }] }];
    } else if (operator === '!=') definitions = [{ recursive: false, values: [unknownValue(`$(${name})`)] }];
    else if (operator === '+=' && before) {
      definitions = before.map((definition) => (definition.recursive
        ? { recursive: true, parts: [...definition.parts, { text, at }] }
        : { recursive: false, values: this.append(definition.values, text, at) }));
    } else if (operator === '=' || operator === '+=') definitions = [{ recursive: true, parts: [{ text, at }] }];
    else definitions = [{ recursive: false, values: this.expand(text, at) ?? [unknownValue(`$(${name})`)] }];
    const all = conditional ? [...before ?? [{ recursive: false, values: [unknownValue(`$(${name})`)] }], ...definitions] : definitions;
    this.definitions.set(name, all.length > MAX_DEFINITIONS ? [{ recursive: false, values: [unknownValue(`$(${name})`)] }] : all);
    this.cache.clear();
  }

  private append(values: readonly Value[], text: string, at: number): Value[] {
    const added = this.expand(text, at) ?? [unknownValue(text)];
    return distinct(values.flatMap((value) => added.map((more) => [...value, { text: ' ' }, ...more])), displayText) ?? [unknownValue(text)];
  }

  /** The variable's possible values; undefined when the Makefile does not set it. */
  values(name: string, depth = 0): Value[] | undefined {
    if (this.cache.has(name)) return this.cache.get(name);
    const definitions = this.definitions.get(name);
    if (!definitions) return this.builtins.has(name) ? [this.builtins.get(name)!] : undefined;
    // A variable that refers to itself while being expanded is unknown (Make reports the loop).
    this.cache.set(name, [unknownValue(`$(${name})`)]);
    const values = distinct(definitions.flatMap((definition) => (definition.recursive ? this.expandParts(definition.parts, depth + 1) ?? [unknownValue(`$(${name})`)] : definition.values)), displayText);
    this.cache.set(name, values);
    return values;
  }

  /** A recursive variable's parts (`=` then each `+=`), each expanded where it is written, joined by a space. */
  private expandParts(parts: readonly { text: string; at: number }[], depth: number): Value[] | undefined {
    let alternatives: Value[] = [[]];
    for (const [i, part] of parts.entries()) {
      const values = this.expand(part.text, part.at, depth);
      if (!values || alternatives.length * values.length > MAX_ALTERNATIVES) return undefined;
      alternatives = alternatives.flatMap((before) => values.map((value) => (i === 0 ? value : [...before, { text: ' ' }, ...value])));
    }
    return alternatives;
  }

  /** Make's expansion of text written at offset `at`; undefined past MAX_ALTERNATIVES. `auto` gives `$@`... */
  expand(text: string, at: number, depth = 0, auto: ReadonlyMap<string, Value> = new Map()): Value[] | undefined {
    if (depth > 16 || ++this.work > EXPANSION_BUDGET) return [unknownValue(text)];
    let alternatives: Value[] = [[]];
    const add = (values: readonly Value[]) => {
      if (alternatives.length * values.length > MAX_ALTERNATIVES) return false;
      alternatives = alternatives.flatMap((before) => values.map((after) => [...before, ...after]));
      return true;
    };
    let literalStart = 0;
    const flushLiteral = (end: number) => {
      if (end > literalStart) add([textValue(text.slice(literalStart, end), at + literalStart)]);
    };
    for (let i = 0; i < text.length; i++) {
      if (text[i] !== '$') continue;
      flushLiteral(i);
      const reference = referenceAt(text, i);
      const values = reference.literal !== undefined
        ? [textValue(reference.literal)]
        : this.reference(reference.body!, text.slice(i, reference.end), depth, auto, at + i + 2);
      if (!values || !add(values)) return undefined;
      i = reference.end - 1;
      literalStart = reference.end;
    }
    flushLiteral(text.length);
    return distinct(alternatives.map(mergeText), displayText);
  }

  /** `$(body)`: a variable, an automatic variable, or a function call. */
  private reference(body: string, source: string, depth: number, auto: ReadonlyMap<string, Value>, bodyAt: number): Value[] | undefined {
    const unknown = [unknownValue(source)];
    if (auto.has(body)) return [auto.get(body)!];
    const call = /^([a-z-]+)[ \t]+([\s\S]*)$/.exec(body);
    if (call) return this.call(call[1], splitArguments(call[2], bodyAt + body.length - call[2].length), depth, auto) ?? unknown;
    if (/[$:]/.test(body)) return unknown;
    return this.values(body, depth) ?? unknown;
  }

  private call(name: string, args: readonly { text: string; at: number }[], bodyDepth: number, auto: ReadonlyMap<string, Value>): Value[] | undefined {
    const texts = (index: number) => {
      const arg = args[index];
      if (!arg) return [''];
      const values = this.expand(arg.text, arg.at, bodyDepth + 1, auto);
      const known = values?.map(knownText);
      return known && known.every((text) => text !== undefined) ? known as string[] : undefined;
    };
    const map = (index: number, apply: (text: string) => string): Value[] | undefined => texts(index)?.map((text) => textValue(apply(text)));
    switch (name) {
      case 'strip': return map(0, (text) => text.trim().split(/\s+/).join(' '));
      case 'firstword': return map(0, (text) => text.trim().split(/\s+/)[0] ?? '');
      case 'lastword': return map(0, (text) => text.trim().split(/\s+/).pop() ?? '');
      case 'notdir': return map(0, (text) => words(text).map((w) => w.slice(w.lastIndexOf('/') + 1)).join(' '));
      case 'dir': return map(0, (text) => words(text).map((w) => (w.includes('/') ? w.slice(0, w.lastIndexOf('/') + 1) : './')).join(' '));
      case 'subst': case 'patsubst': case 'addprefix': case 'addsuffix': {
        const [a, b, c] = [texts(0), texts(1), texts(2)];
        if (!a || a.length !== 1 || !b || b.length !== 1 || (name.endsWith('subst') && (!c || c.length !== 1))) return undefined;
        const apply = {
          subst: () => c![0].split(a[0]).join(b[0]),
          patsubst: () => words(c![0]).map((w) => patsubst(a[0], b[0], w)).join(' '),
          addprefix: () => words(b[0]).map((w) => a[0] + w).join(' '),
          addsuffix: () => words(b[0]).map((w) => w + a[0]).join(' '),
        }[name];
        return [textValue(apply())];
      }
      case 'if': {
        const condition = texts(0);
        const then = args[1] ? this.expand(args[1].text, args[1].at, bodyDepth + 1, auto) : [[]];
        const otherwise = args[2] ? this.expand(args[2].text, args[2].at, bodyDepth + 1, auto) : [[]];
        if (!then || !otherwise) return undefined;
        if (condition && condition.length === 1) return condition[0].trim() !== '' ? then : otherwise;
        return distinct([...then, ...otherwise], displayText);
      }
      default:
        return undefined;
    }
  }
}

/** Where a `$` reference ends, and its body (`$(X)`, `${X}`, `$X`) or literal text (`$$`). */
function referenceAt(text: string, i: number): { end: number; body?: string; literal?: string } {
  const next = text[i + 1];
  if (next === '$') return { end: i + 2, literal: '$' };
  if (next !== '(' && next !== '{') return next === undefined ? { end: i + 1, literal: '$' } : { end: i + 2, body: next };
  const close = next === '(' ? ')' : '}';
  let depth = 0;
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === next) depth++;
    else if (text[j] === close && --depth === 0) return { end: j + 1, body: text.slice(i + 2, j) };
  }
  return { end: text.length, body: text.slice(i + 2) };
}

/** A function's arguments: split at top-level commas. */
function splitArguments(text: string, at: number): { text: string; at: number }[] {
  const args: { text: string; at: number }[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '{') depth++;
    else if (c === ')' || c === '}') depth--;
    else if ((c === ',' && depth === 0) || i === text.length) {
      args.push({ text: text.slice(start, i), at: at + start });
      start = i + 1;
    }
  }
  return args;
}

function words(text: string): string[] {
  return text.trim().split(/\s+/).filter((word) => word !== '');
}

function patsubst(pattern: string, replacement: string, word: string): string {
  const percent = pattern.indexOf('%');
  if (percent === -1) return word === pattern ? replacement : word;
  const match = new RegExp(`^${escapeRegExp(pattern.slice(0, percent))}(.*)${escapeRegExp(pattern.slice(percent + 1))}$`).exec(word);
  return match ? replacement.replace('%', match[1]) : word;
}

/** Adjacent known pieces merged when they are contiguous in the file (so that a target written in one place is one piece). */
function mergeText(value: Value): Value {
  const merged: Piece[] = [];
  for (const piece of value) {
    const last = merged[merged.length - 1];
    if (last && !isUnknown(last) && !isUnknown(piece) && last.at !== undefined && piece.at === last.at + last.text.length) {
      merged[merged.length - 1] = { text: last.text + piece.text, at: last.at };
    } else if (!(!isUnknown(piece) && piece.text === '')) merged.push(piece);
  }
  return merged;
}

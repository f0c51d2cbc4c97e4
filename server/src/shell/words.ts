// A shell word's possible values: literal text, quotes, `$X`, `${X...}` with the shell's operators, `"$@"`,
// `"${array[@]}"`, and the command substitutions whose output the script's own text determines (`$(pwd)`,
// `$(dirname "$0")`, ...: `Environment.substitute`). Everything else is unknown, never guessed.
import type { ShellNode } from './parser';
import {
  MAX_ALTERNATIVES, distinct, displayText, globSource, isUnknown, knownText, splitFields, textValue, unknownValue,
  type Field, type Segment, type Value,
} from './values';

/** A variable as the script sets it: possible scalar values, or one known array. */
export type Binding = { readonly values: readonly Value[] } | { readonly elements: readonly Field[] };

export interface Environment {
  /** Undefined when the script does not set it (it comes from the caller's environment). */
  variable(name: string): Binding | undefined;
  /** `$1`...: undefined when unknown (the script's own arguments). */
  readonly positional: readonly Field[] | undefined;
  /** `$0`, `${BASH_SOURCE[0]}`. */
  readonly scriptPath: string;
  /** A command substitution's possible outputs, when the script determines them. */
  substitute(node: ShellNode): readonly Value[] | undefined;
  /** Where text of the parsed script (`start`, `length` characters) is in the file, when it is there as one run. */
  at(start: number, length: number): number | undefined;
}

type Alternatives = Segment[][];

/** The word's possible argument lists (after splitting); undefined past MAX_ALTERNATIVES. */
export function wordFields(node: ShellNode, env: Environment): Field[][] | undefined {
  const alternatives = segmentsOf(node, env, false);
  return alternatives?.map((segments) => splitFields(segments, node.startIndex, node.endIndex));
}

/** The word's possible values, unsplit (an assignment's right side); undefined past MAX_ALTERNATIVES. */
export function wordValues(node: ShellNode, env: Environment): Value[] | undefined {
  const alternatives = segmentsOf(node, env, true);
  return alternatives && distinct(alternatives.map(joinSegments), displayText);
}

function joinSegments(segments: readonly Segment[]): Value {
  return segments.flatMap((segment) => (segment.fields ? segment.fields.flatMap((field, i) => (i > 0 ? [{ text: ' ' }, ...field.value] : field.value)) : segment.value));
}

/** Every combination of the parts' alternatives, in order. */
function concat(parts: readonly Alternatives[]): Alternatives | undefined {
  let result: Alternatives = [[]];
  for (const part of parts) {
    if (result.length * part.length > MAX_ALTERNATIVES) return undefined;
    result = result.flatMap((before) => part.map((after) => [...before, ...after]));
  }
  return result;
}

const literal = (value: Value): Alternatives => [[{ value, split: false }]];

function segmentsOf(node: ShellNode, env: Environment, quoted: boolean): Alternatives | undefined {
  switch (node.type) {
    case 'word':
    case 'number':
      return literal(unescapedWord(node, env));
    case 'raw_string':
      return literal(textValue(node.text.slice(1, -1), env.at(node.startIndex + 1, node.text.length - 2)));
    case 'string':
    case 'translated_string':
      return stringSegments(node, env);
    case 'concatenation': {
      const parts = node.children.map((child) => segmentsOf(child!, env, quoted));
      return parts.every((part) => part !== undefined) ? concat(parts as Alternatives[]) : undefined;
    }
    case 'simple_expansion':
    case 'expansion':
      return expansionSegments(node, env, quoted);
    case 'command_substitution': {
      const outputs = env.substitute(node);
      return (outputs ?? [unknownValue(node.text)]).map((value) => [{ value, split: !quoted }]);
    }
    default:
      return [[{ value: unknownValue(node.text), split: !quoted }]];
  }
}

/** An unquoted word: backslashes quote the next character (then the text is no longer where it is written). */
function unescapedWord(node: ShellNode, env: Environment): Value {
  const { text } = node;
  if (!text.includes('\\')) return textValue(text, env.at(node.startIndex, text.length));
  return textValue(text.replace(/\\\r?\n/g, '').replace(/\\(.)/g, '$1'));
}

/** `"..."`: the text between the expansions is literal, with `\$ \` \" \\` and line continuations undone. */
function stringSegments(node: ShellNode, env: Environment): Alternatives | undefined {
  const parts: Alternatives[] = [];
  const open = node.type === 'translated_string' ? 2 : 1;
  const { startIndex, text: source } = node;
  let at = startIndex + open;
  const gap = (end: number) => {
    if (end <= at) return;
    const raw = source.slice(at - startIndex, end - startIndex);
    const text = raw.replace(/\\\r?\n/g, '').replace(/\\([$`"\\])/g, '$1');
    parts.push(literal(textValue(text, text === raw ? env.at(at, raw.length) : undefined)));
  };
  for (const child of node.namedChildren) {
    if (!child || child.type === 'string_content') continue;
    gap(child.startIndex);
    const inner = segmentsOf(child, env, true);
    if (!inner) return undefined;
    parts.push(inner);
    at = child.endIndex;
  }
  gap(node.endIndex - 1);
  if (parts.length === 0) return literal([]);
  return concat(parts);
}

/** `$X`, `${X}`, `${X:-word}`, `${X%%pattern}`, `${X/p/r}`, `"$@"`, `"${A[@]}"`. */
function expansionSegments(node: ShellNode, env: Environment, quoted: boolean): Alternatives | undefined {
  const children = node.children.filter((child) => child && !['$', '${', '}'].includes(child.type)) as ShellNode[];
  const unknown = (): Alternatives => [[{ value: unknownValue(node.text), split: !quoted }]];
  const [first] = children;
  if (!first || first.type === '#' || first.type === '!') return unknown();
  const operatorIndex = children.findIndex((child, i) => i > 0 && node.fieldNameForChild(node.children.indexOf(child)) === 'operator');
  const operator = operatorIndex === -1 ? undefined : children[operatorIndex].type;
  const operands = operatorIndex === -1 ? [] : children.slice(operatorIndex + 1);
  const all = first.type === 'subscript' ? ['@', '*'].includes(first.childForFieldName('index')?.text ?? '') : first.type === 'special_variable_name' && ['@', '*'].includes(first.text);
  const name = first.type === 'subscript' ? first.childForFieldName('name')?.text : first.text;
  if (name === undefined) return unknown();
  if (all) {
    const fields = name === '@' || name === '*' ? env.positional : elementsOf(env.variable(name));
    if (operator || !fields) return [[{ value: unknownValue(node.text), split: true, ...(quoted ? { fields: [{ value: unknownValue(node.text), spread: true, start: node.startIndex, end: node.endIndex }] } : {}) }]];
    return [[{ value: [], split: false, fields }]];
  }
  const values = valuesOf(name, first.type === 'subscript' ? first.childForFieldName('index')?.text : undefined, env);
  const results: Alternatives = [];
  for (const value of values ?? [unknownValue(node.text)]) {
    const applied = applyOperator(value, operator, operands, env, node.text);
    if (!applied) return unknown();
    results.push(...applied.map((segments) => segments.map((segment) => ({ ...segment, split: segment.split && !quoted }))));
    if (results.length > MAX_ALTERNATIVES) return undefined;
  }
  return results;
}

function elementsOf(binding: Binding | undefined): readonly Field[] | undefined {
  return binding && 'elements' in binding ? binding.elements : undefined;
}

/** A scalar's (or array element's) possible values; undefined when unknown. */
function valuesOf(name: string, index: string | undefined, env: Environment): readonly Value[] | undefined {
  if (name === '0' || (name === 'BASH_SOURCE' && (index ?? '0') === '0')) return [textValue(env.scriptPath)];
  if (/^[1-9]$/.test(name)) {
    const field = env.positional?.[Number(name) - 1];
    return env.positional && !field ? [[]] : field && !field.spread ? [field.value] : undefined;
  }
  const binding = env.variable(name);
  if (!binding) return undefined;
  if ('values' in binding) return index === undefined || index === '0' ? binding.values : undefined;
  const element = binding.elements[Number(index ?? '0')];
  return element && !element.spread && /^\d+$/.test(index ?? '0') ? [element.value] : undefined;
}

/** The operator's result on one value of the variable (an unknown value stays unknown, with the default as another alternative). */
function applyOperator(value: Value, operator: string | undefined, operands: readonly ShellNode[], env: Environment, source: string): Alternatives | undefined {
  const segment = (v: Value): Segment[] => [{ value: v, split: true }];
  if (!operator) return [segment(value)];
  const text = knownText(value);
  const operandValues = () => operands.length === 0 ? [[]] as Value[] : concat(operands.map((o) => segmentsOf(o, env, false) ?? [[{ value: unknownValue(o.text), split: false }]]))?.map(joinSegments);
  switch (operator) {
    case ':-': case '-': case ':=': case '=': {
      if (text !== undefined && (text !== '' || !operator.startsWith(':'))) return [segment(value)];
      const defaults = operandValues();
      if (!defaults) return undefined;
      return [...(text === undefined ? [segment(value.some(isUnknown) ? unknownValue(source) : value)] : []), ...defaults.map(segment)];
    }
    case ':+': case '+': {
      const words = operandValues();
      if (!words) return undefined;
      if (text === undefined) return [segment([]), ...words.map(segment)];
      return text === '' && operator === ':+' ? [segment([])] : words.map(segment);
    }
    case '#': case '##': case '%': case '%%': {
      const pattern = operands.length === 0 ? '' : operands.map((o) => o.text).join('');
      if (text === undefined || /[$`"']/.test(pattern)) return [segment(unknownValue(source))];
      return [segment(textValue(removeAffix(text, pattern, operator)))];
    }
    case '^^': case ',,':
      return [segment(text === undefined ? unknownValue(source) : textValue(operator === '^^' ? text.toUpperCase() : text.toLowerCase()))];
    default:
      return [segment(unknownValue(source))];
  }
}

/** `${X#p}` (shortest prefix), `${X##p}` (longest), `${X%p}`, `${X%%p}` with a shell pattern. */
function removeAffix(text: string, pattern: string, operator: string): string {
  const source = globSource(pattern);
  const candidates = [...Array(text.length + 1).keys()];
  if (operator.startsWith('#')) {
    const ends = operator === '#' ? candidates : candidates.reverse();
    const end = ends.find((i) => new RegExp(`^(?:${source})$`).test(text.slice(0, i)));
    return end === undefined ? text : text.slice(end);
  }
  const starts = operator === '%' ? candidates.reverse() : candidates;
  const start = starts.find((i) => new RegExp(`^(?:${source})$`).test(text.slice(i)));
  return start === undefined ? text : text.slice(0, start);
}

// What the interpreter carries from statement to statement (variables, folder, positional arguments), how
// branches merge, and the approximation of a command whose words combine into too many argument lists.
import type { ShellNode } from './parser';
import { distinct, displayText, isUnknown, unknownValue, type Field, type Value } from './values';
import type { Binding } from './words';

export class State {
  constructor(
    readonly variables: Map<string, Binding | 'unset'>,
    public cwd: readonly Value[] | undefined,
    public positional: readonly Field[] | undefined,
  ) {}

  clone(): State {
    return new State(new Map(this.variables), this.cwd, this.positional);
  }
}

/**
 * Too many combinations to follow: one argument list where a word of several possible values keeps what they
 * share (`/src/distros/` ... `/Dockerfile` around an unknown middle), so that the command is still seen, with
 * what differs unknown. A word whose values split into different numbers of arguments is unknown as a whole
 * (any number of arguments when unquoted).
 */
export function approximateArgv(words: readonly ShellNode[], alternatives: readonly (Field[][] | undefined)[]): Field[] {
  return words.flatMap((word, i) => {
    const fields = alternatives[i];
    if (fields?.length === 1) return fields[0];
    if (fields && fields.every((argv) => argv.length === fields[0].length && argv.every((field) => !field.spread))) {
      return fields[0].map((field, j) => ({ ...field, value: commonValue(fields.map((argv) => argv[j].value), word.text) }));
    }
    const quoted = word.type === 'string' || word.type === 'raw_string';
    return [{ value: unknownValue(word.text), start: word.startIndex, end: word.endIndex, ...(quoted ? {} : { spread: true }) }];
  });
}

/** The known text all the values start and end with, around an unknown part (`source`) where they differ. */
function commonValue(values: readonly Value[], source: string): Value {
  const texts = values.map((value) => value.map((piece) => (isUnknown(piece) ? '\0' : piece.text)).join(''));
  if (texts.every((text) => text === texts[0]) && !texts[0].includes('\0')) return values[0];
  let prefix = 0;
  while (texts.every((text) => text[prefix] !== undefined && text[prefix] !== '\0' && text[prefix] === texts[0][prefix])) prefix++;
  let suffix = 0;
  const shortest = Math.min(...texts.map((text) => text.length)) - prefix;
  while (suffix < shortest && texts.every((text) => text[text.length - 1 - suffix] !== '\0' && text[text.length - 1 - suffix] === texts[0][texts[0].length - 1 - suffix])) suffix++;
  return [
    ...(prefix > 0 ? [{ text: texts[0].slice(0, prefix) }] : []),
    { unknown: source },
    ...(suffix > 0 ? [{ text: texts[0].slice(texts[0].length - suffix) }] : []),
  ];
}

/** After branches: each variable may have any value it has in one of them. */
export function merge(states: readonly State[]): State {
  const [first, ...rest] = states;
  if (rest.length === 0) return first;
  const names = new Set(states.flatMap((state) => [...state.variables.keys()]));
  const variables = new Map<string, Binding | 'unset'>();
  for (const name of names) {
    const bindings = states.map((state) => state.variables.get(name));
    if (bindings.every((binding) => binding === bindings[0])) {
      if (bindings[0] !== undefined) variables.set(name, bindings[0]);
      continue;
    }
    // Set in some branches only: the others keep the caller's value, which is unknown.
    const values = bindings.flatMap((binding) => (binding === undefined ? [unknownValue(`$${name}`)] : binding === 'unset' ? [[]] : 'values' in binding ? binding.values : [unknownValue(`$${name}`)]));
    // Values wholly unknown are one unknown: what matters is that the value may be anything.
    const known = values.filter((value) => !(value.length === 1 && isUnknown(value[0])));
    const merged = known.length < values.length ? [unknownValue(`$${name}`), ...known] : values;
    variables.set(name, { values: distinct(merged, displayText) ?? [unknownValue(`$${name}`)] });
  }
  const cwds = states.map((state) => state.cwd);
  const cwd = cwds.some((c) => c === undefined) ? undefined : distinct(cwds.flatMap((c) => c!), displayText);
  return new State(variables, cwd, first.positional);
}

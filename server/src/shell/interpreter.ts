// Follows a shell script's text as far as it determines itself, without running anything: the variables it
// assigns (`X=...`, `export`, `local`, `declare`, arrays, `+=`), the folder it `cd`s to, loops over literal
// values (the body is followed once per value, so that `-f "$d/Dockerfile" --target "$d"` stays paired),
// functions called with literal arguments, and both sides of every `if` and `case`. Each command is handed to
// `onCommand` with its possible argument lists. What the script reads at run time (its arguments, the
// environment, a command's output) stays unknown.
import type { ShellNode } from './parser';
import { distinct, displayText, knownText, MAX_ALTERNATIVES, textValue, unknownValue, type Field, type Value } from './values';
import { approximateArgv, merge, State } from './state';
import { wordFields, wordValues, type Binding, type Environment } from './words';

/** A simple command as the script may run it. */
export interface ShellCommand {
  /** Its possible argument lists (the command's name first); empty when too many to follow. */
  readonly argvs: readonly (readonly Field[])[];
  /** The folder it runs in: possible values, undefined when unknown (the folder the script was started in). */
  readonly cwd: readonly Value[] | undefined;
  /** Where the command is written. */
  readonly start: number;
  readonly end: number;
}

/** The host's path functions (POSIX or Windows): the script's paths are resolved on the host. */
export interface PathFunctions {
  resolve(...paths: string[]): string;
  dirname(path: string): string;
  basename(path: string): string;
}

export interface ScriptContext {
  readonly scriptPath: string;
  /** The workspace folder (`git rev-parse --show-toplevel`). */
  readonly root: string;
  /** The folder the script starts in, when known (a Makefile's recipes run in its folder). */
  readonly cwd?: string;
  /** Variables set before the script starts (a Makefile's exported variables). */
  readonly variables?: ReadonlyMap<string, readonly Value[]>;
  readonly paths: PathFunctions;
  /** Where an offset of the parsed text is in the file (a Makefile's recipe after Make's expansion, a workflow's `run:`); undefined where the text is not the file's. */
  readonly origin?: (offset: number) => number | undefined;
}

const MAX_CALL_DEPTH = 4;
/** Argument lists of one command: its words' possible values combine (each word has at most MAX_ALTERNATIVES). */
const MAX_ARGVS = 256;
/** Statements followed per script (loops and calls repeat theirs): past this, the rest is not followed. */
const MAX_STATEMENTS = 20000;

/** Calls `onCommand` for each simple command of the script, in order (loops and calls repeat their commands). */
export function followScript(root: ShellNode, context: ScriptContext, onCommand: (command: ShellCommand) => void): void {
  new Interpreter(context, onCommand).run(root);
}

class Interpreter {
  private readonly functions = new Map<string, ShellNode>();
  private readonly called = new Set<string>();
  private depth = 0;
  private statementCount = 0;

  constructor(private readonly context: ScriptContext, private readonly onCommand: (command: ShellCommand) => void) {}

  run(root: ShellNode): void {
    const initial = new Map<string, Binding | 'unset'>([...this.context.variables ?? []].map(([name, values]) => [name, { values }]));
    const state = new State(initial, this.context.cwd === undefined ? undefined : [textValue(this.context.cwd)], undefined);
    const end = this.statements(root.namedChildren, state);
    // A function nothing here calls may be called by another script (sourced): its commands with unknown arguments.
    for (const [name, body] of this.functions) if (!this.called.has(name)) this.statement(body, end.clone());
  }

  private statements(nodes: readonly (ShellNode | null)[], state: State): State {
    let current = state;
    for (const node of nodes) if (node) current = this.statement(node, current);
    return current;
  }

  /** Follows one statement; returns the state after it. */
  private statement(node: ShellNode, state: State): State {
    if (++this.statementCount > MAX_STATEMENTS) return state;
    switch (node.type) {
      case 'comment': case 'heredoc_body': case 'test_command': case 'arithmetic_expansion':
        return state;
      case 'variable_assignment':
        this.assign(node, state);
        return state;
      case 'declaration_command':
        for (const child of node.namedChildren) {
          if (child?.type === 'variable_assignment') this.assign(child, state);
          else if (child?.type === 'variable_name' && node.firstChild?.type === 'local') state.variables.set(child.text, { values: [[]] });
        }
        return state;
      case 'command':
        return this.command(node, state);
      case 'function_definition': {
        const name = node.childForFieldName('name')?.text;
        const body = node.childForFieldName('body');
        if (name && body) this.functions.set(name, body);
        return state;
      }
      case 'subshell': case 'pipeline':
        this.statements(node.namedChildren, state.clone());
        return state;
      case 'if_statement':
        return this.ifStatement(node, state);
      case 'case_statement':
        return this.caseStatement(node, state);
      case 'for_statement':
        return this.forStatement(node, state);
      case 'while_statement': case 'until_statement': case 'c_style_for_statement':
        return merge([state, this.statements(node.namedChildren, state.clone())]);
      default:
        return this.statements(node.namedChildren, state);
    }
  }

  private assign(node: ShellNode, state: State): void {
    const name = node.childForFieldName('name');
    const value = node.childForFieldName('value');
    if (!name || name.type !== 'variable_name') return;
    const append = node.children.some((child) => child?.type === '+=');
    if (value?.type === 'array') {
      const elements = this.arrayElements(value, state);
      const before = state.variables.get(name.text);
      const previous = append ? (before && before !== 'unset' && 'elements' in before ? before.elements : undefined) : [];
      state.variables.set(name.text, elements && previous ? { elements: [...previous, ...elements] } : { values: [unknownValue(`$${name.text}`)] });
      return;
    }
    const values = value ? wordValues(value, this.environment(state)) : [[]];
    const before = append ? this.environment(state).variable(name.text) : undefined;
    const prefixes = append ? (before && 'values' in before ? before.values : [unknownValue(`$${name.text}`)]) : [[]];
    const combined = values && distinct(prefixes.flatMap((prefix) => values.map((v) => [...prefix, ...v])), displayText);
    state.variables.set(name.text, { values: combined ?? [unknownValue(`$${name.text}`)] });
  }

  private arrayElements(array: ShellNode, state: State): Field[] | undefined {
    const elements: Field[] = [];
    for (const item of array.namedChildren) {
      const fields = item && wordFields(item, this.environment(state));
      if (!fields || fields.length !== 1) return undefined;
      elements.push(...fields[0]);
    }
    return elements;
  }

  private command(node: ShellNode, state: State): State {
    const env = this.environment(state);
    // Commands in the arguments' substitutions run first, in a subshell.
    for (const substitution of node.descendantsOfType('command_substitution')) {
      if (substitution) this.statements(substitution.namedChildren, state.clone());
    }
    const words = node.namedChildren.filter((child) => child && child.type !== 'variable_assignment' && !child.type.endsWith('redirect')) as ShellNode[];
    const alternatives = words.map((word) => wordFields(word.type === 'command_name' ? word.firstNamedChild ?? word : word, env));
    let argvs: Field[][] = [[]];
    for (const fields of alternatives) {
      if (!fields || argvs.length * fields.length > MAX_ARGVS) {
        argvs = [approximateArgv(words, alternatives)];
        break;
      }
      argvs = argvs.flatMap((before) => fields.map((after) => [...before, ...after]));
    }
    this.onCommand({ argvs, cwd: state.cwd, start: node.startIndex, end: node.endIndex });
    const name = argvs.length === 1 ? knownText(argvs[0][0]?.value ?? []) : undefined;
    if (name === undefined) return state;
    const args = argvs[0].slice(1);
    if (this.functions.has(name)) return this.call(name, args, state);
    if (name === 'cd' || name === 'pushd') state.cwd = this.changeFolder(args, state);
    else if (name === 'read' || name === 'getopts' || name === 'mapfile' || name === 'readarray') {
      for (const arg of args.slice(name === 'getopts' ? 1 : 0)) {
        const variable = knownText(arg.value);
        if (variable && /^[A-Za-z_]\w*$/.test(variable)) state.variables.set(variable, { values: [unknownValue(`$${variable}`)] });
      }
    } else if (name === 'set' && knownText(args[0]?.value ?? []) === '--') state.positional = args.slice(1);
    else if (name === 'shift' && state.positional) state.positional = state.positional.slice(Number(knownText(args[0]?.value ?? []) || 1));
    else if (name === 'unset') for (const arg of args) state.variables.set(knownText(arg.value) ?? '', 'unset');
    return state;
  }

  /** A function's body with the call's arguments as `$1`...; its assignments stay (bash's default scope). */
  private call(name: string, args: readonly Field[], state: State): State {
    this.called.add(name);
    if (this.depth >= MAX_CALL_DEPTH) return state;
    this.depth++;
    const saved = state.positional;
    state.positional = args;
    const after = this.statement(this.functions.get(name)!, state);
    after.positional = saved;
    this.depth--;
    return after;
  }

  private changeFolder(args: readonly Field[], state: State): readonly Value[] | undefined {
    const operands = args.filter((arg) => !(knownText(arg.value) ?? '').startsWith('-'));
    if (operands.length !== 1 || operands[0].spread) return undefined;
    return this.resolvePath(operands[0].value, state.cwd);
  }

  /** A path the script names, made absolute from the current folder; undefined when not known. */
  private resolvePath(value: Value, cwd: readonly Value[] | undefined): Value[] | undefined {
    const text = knownText(value);
    if (text === undefined) return undefined;
    if (text.startsWith('/')) return [textValue(this.context.paths.resolve(text))];
    const bases = cwd?.map(knownText);
    if (!bases || bases.some((base) => base === undefined)) return undefined;
    return bases.map((base) => textValue(this.context.paths.resolve(base!, text)));
  }

  /** `if`/`elif` conditions run in turn; each branch starts from the state its condition leaves. */
  private ifStatement(node: ShellNode, state: State): State {
    const outcomes: State[] = [];
    let current = state;
    let hasElse = false;
    const clauses = [node, ...node.namedChildren.filter((child) => child?.type === 'elif_clause' || child?.type === 'else_clause') as ShellNode[]];
    for (const clause of clauses) {
      const conditions: ShellNode[] = [];
      const body: ShellNode[] = [];
      let inBody = clause.type === 'else_clause';
      hasElse ||= inBody;
      for (const child of clause.children) {
        if (child?.type === 'then') inBody = true;
        else if (child?.isNamed && child.type !== 'elif_clause' && child.type !== 'else_clause') (inBody ? body : conditions).push(child);
      }
      current = this.statements(conditions, current);
      outcomes.push(this.statements(body, current.clone()));
    }
    if (!hasElse) outcomes.push(current);
    return merge(outcomes);
  }

  private caseStatement(node: ShellNode, state: State): State {
    const outcomes: State[] = [];
    let catchAll = false;
    for (const item of node.namedChildren) {
      if (item?.type !== 'case_item') continue;
      const values = item.childrenForFieldName('value');
      catchAll ||= values.some((value) => value?.text === '*');
      outcomes.push(this.statements(item.namedChildren.filter((child) => child && !values.some((v) => v?.id === child.id)), state.clone()));
    }
    if (!catchAll) outcomes.push(state);
    return merge(outcomes);
  }

  private forStatement(node: ShellNode, state: State): State {
    const variable = node.childForFieldName('variable')?.text;
    const body = node.childForFieldName('body');
    if (!variable || !body) return state;
    const words = node.childrenForFieldName('value').filter((word) => word) as ShellNode[];
    let items: Field[] | undefined = words.length === 0 ? state.positional?.slice() : [];
    for (const word of words) {
      const fields = wordFields(word, this.environment(state));
      if (!items || !fields || fields.length !== 1) {
        items = undefined;
        break;
      }
      items.push(...fields[0]);
    }
    const literal = items && items.length <= MAX_ALTERNATIVES && items.every((item) => !item.spread) ? items : undefined;
    const runs = (literal ?? [undefined]).map((item) => {
      const run = state.clone();
      run.variables.set(variable, { values: [item ? item.value : unknownValue(`$${variable}`)] });
      return this.statement(body, run);
    });
    return merge([state, ...runs]);
  }

  private environment(state: State): Environment {
    const { context } = this;
    return {
      variable: (name) => {
        const binding = state.variables.get(name);
        return binding === 'unset' ? { values: [[]] } : binding;
      },
      positional: state.positional,
      scriptPath: context.scriptPath,
      substitute: (node) => this.substitute(node, state),
      at: (start, length) => {
        if (!context.origin) return start;
        const first = context.origin(start);
        return first !== undefined && context.origin(start + length - 1) === first + length - 1 ? first : undefined;
      },
    };
  }

  /** `$(pwd)`, `$(dirname X)`, `$(basename X)`, `$(cd X && pwd)`, `$(realpath X)`, `$(readlink -f X)`, `$(git rev-parse --show-toplevel)`. */
  private substitute(node: ShellNode, state: State): readonly Value[] | undefined {
    const commands = node.namedChildren.filter((child) => child?.type !== 'comment') as ShellNode[];
    const [only] = commands;
    if (commands.length !== 1) return undefined;
    if (only.type === 'list' && only.namedChildCount === 2 && only.child(1)?.type === '&&') {
      // `cd X &> /dev/null && pwd`: the redirection does not change the folder.
      const [cd, pwd] = (only.namedChildren as ShellNode[]).map((command) => (command.type === 'redirected_statement' ? command.childForFieldName('body') ?? command : command));
      const words = this.literalArgv(cd, state);
      if (words?.[0] !== 'cd' || this.literalArgv(pwd, state)?.[0] !== 'pwd') return undefined;
      return this.changeFolder(this.fieldsOf(cd, state)!.slice(1), state);
    }
    const argv = this.fieldsOf(only, state);
    const name = argv && knownText(argv[0]?.value ?? []);
    if (!argv || name === undefined) return undefined;
    const operands = argv.slice(1).filter((arg) => !(knownText(arg.value) ?? '').startsWith('-'));
    const path = operands.length === 1 && !operands[0].spread ? this.resolvePath(operands[0].value, state.cwd) : undefined;
    const { paths } = this.context;
    switch (name) {
      case 'pwd': return state.cwd?.slice();
      case 'dirname': return path?.map((p) => textValue(paths.dirname(knownText(p)!)));
      case 'basename': return operands.length === 1 && knownText(operands[0].value) !== undefined ? [textValue(paths.basename(knownText(operands[0].value)!))] : undefined;
      case 'realpath': case 'readlink': return name === 'readlink' && !argv.some((arg) => /^-\w*[fem]/.test(knownText(arg.value) ?? '')) ? undefined : path;
      case 'git': return argv.map((arg) => knownText(arg.value)).join(' ') === 'git rev-parse --show-toplevel' ? [textValue(this.context.root)] : undefined;
      default: return undefined;
    }
  }

  /** A command's one argument list, when it has exactly one. */
  private fieldsOf(command: ShellNode, state: State): Field[] | undefined {
    if (command.type !== 'command') return undefined;
    const env = this.environment(state);
    const argv: Field[] = [];
    for (const word of command.namedChildren) {
      if (!word || word.type === 'variable_assignment' || word.type.endsWith('redirect')) continue;
      const fields = wordFields(word.type === 'command_name' ? word.firstNamedChild ?? word : word, env);
      if (!fields || fields.length !== 1) return undefined;
      argv.push(...fields[0]);
    }
    return argv;
  }

  private literalArgv(command: ShellNode, state: State): (string | undefined)[] | undefined {
    return this.fieldsOf(command, state)?.map((field) => knownText(field.value));
  }
}

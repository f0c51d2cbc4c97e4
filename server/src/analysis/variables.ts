// Where variables are declared and used, read off the parse with each stage's skeleton: `ARG` and `ENV`
// declarations, and every `$X` / `${X...}` that dockerfile-ast finds in an instruction (FROM, RUN and its
// heredocs, COPY, mount options, ...). Plain data; what a use binds to is scope.ts's business.
import type { Arg, Env, Instruction, Property } from 'dockerfile-ast';
import type { Position, Range, VariableDeclaration, VariableUse } from './model';
import { shellWords } from './words';
import type { DispatchStep } from './dispatchSteps';

export function readDeclarations(instruction: Instruction, steps: readonly DispatchStep[]): VariableDeclaration[] {
  const keyword = instruction.getKeyword();
  if (keyword !== 'ARG' && keyword !== 'ENV') return [];
  const instructionLine = instruction.getRange().start.line;
  const kind = keyword === 'ARG' ? 'arg' : 'env';
  const properties = kind === 'arg' ? readArgProperties(instruction as Arg) : (instruction as Env).getProperties().map(propertyOf);
  const raw = rawValues(properties, steps);
  return properties.map((property, i) => ({ kind, ...property, rawValue: raw[i], instructionLine }));
}

/**
 * The raw value of each property, from BuildKit's reading of the instruction (dispatchSteps.ts), where both
 * readings agree on the names; undefined where they do not (the property's own value is then the best known).
 */
export function rawValues(properties: readonly NameValue[], steps: readonly DispatchStep[]): (string | undefined)[] {
  const defines = steps.flatMap((step): { name: string; value?: string }[] => (step.kind === 'arg' ? [step] : step.kind === 'env' ? [...step.pairs] : []));
  const agree = defines.length === properties.length && defines.every((step, i) => step.name === properties[i].name);
  return properties.map((_, i) => (agree ? defines[i].value : undefined));
}

type NameValue = Pick<VariableDeclaration, 'name' | 'nameRange' | 'value' | 'valueRange'>;

function propertyOf(property: Property): NameValue {
  return { name: property.getName(), nameRange: property.getNameRange(), value: property.getValue() ?? undefined, valueRange: property.getValueRange() ?? undefined };
}

/**
 * `ARG a b=2 c` declares three ARGs in BuildKit (parseNameOrNameVal), but dockerfile-ast 0.7.1 reads an ARG
 * whose first word has no `=` in ENV's legacy form, as `a` with the value `b=2 c` (3 of the corpus's ARGs,
 * `ARG TARGETOS TARGETARCH` among them). Such an ARG is read again from its words, kept whole inside quotes.
 */
export function readArgProperties(arg: Arg): NameValue[] {
  const properties = arg.getProperties();
  const legacy = properties.length === 1 && properties[0].getAssignmentOperator() === null && properties[0].getValue() !== null;
  if (!legacy) return properties.map(propertyOf);
  return shellWords(arg.getArguments()).map(({ text, range }) => {
    const equals = text.indexOf('=');
    const name = equals === -1 ? text : text.slice(0, equals);
    const nameRange = { start: range.start, end: { line: range.start.line, character: range.start.character + name.length } };
    if (equals === -1) return { name, nameRange };
    const raw = text.slice(equals + 1);
    const quoted = raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") && raw[raw.length - 1] === raw[0];
    return { name, nameRange, value: quoted ? raw.slice(1, -1) : raw, valueRange: { start: { line: range.start.line, character: nameRange.end.character + 1 }, end: range.end } };
  });
}

export function readUses(instruction: Instruction, escapeCharacter: string): VariableUse[] {
  const text = instruction.getTextContent();
  if (!text.includes('$')) return [];
  const keyword = instruction.getKeyword();
  const instructionLine = instruction.getRange().start.line;
  const shell = keyword === 'RUN' ? shellContext(instruction) : undefined;
  // Literals written out, not spreads of `found`: V8 gave spread copies hidden classes of their own (resolve.ts).
  return scanVariables(text, instruction.getRange().start, escapeCharacter).map(({ name, nameRange, range, operator }): VariableUse => (shell
    ? { name, nameRange, range, operator, instructionLine, keyword, shellLiteral: shell.isLiteral(range.start), shellAssigned: shell.assigned.has(name) }
    : { name, nameRange, range, operator, instructionLine, keyword }));
}

type ScannedVariable = Pick<VariableUse, 'name' | 'nameRange' | 'range' | 'operator'>;

/**
 * `$X`, `${X}`, `${X:-word}` (and the `#`, `%`, `/` forms, whose operator is kept unevaluated) in an
 * instruction's text, with their positions; a `$` after the escape character is literal, and comment lines
 * inside a continuation are no part of the instruction. Not dockerfile-ast's getVariables: it costs as much as
 * the whole parse on the 1,000-stage file of `npm run bench` (it re-reads the document for each instruction),
 * and it reads `${x#y}` as a variable named `x#y`.
 */
export function scanVariables(text: string, start: Position, escapeCharacter: string): ScannedVariable[] {
  const found: ScannedVariable[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    if (index > 0 && line.trimStart().startsWith('#')) return;
    const lineNumber = start.line + index;
    const offset = index === 0 ? start.character : 0;
    const at = (column: number) => ({ line: lineNumber, character: offset + column });
    for (let i = line.indexOf('$'); i !== -1; i = line.indexOf('$', i + 1)) {
      if (i > 0 && line[i - 1] === escapeCharacter) continue;
      const braced = line[i + 1] === '{';
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(line.slice(i + (braced ? 2 : 1)))?.[0];
      if (!name) continue;
      const nameStart = i + (braced ? 2 : 1);
      const nameEnd = nameStart + name.length;
      let end = nameEnd;
      let operator: string | undefined;
      if (braced) {
        end = closingBrace(line, nameEnd);
        if (end === -1) continue;
        operator = /^:?[-+?=]|^[#%/]/.exec(line.slice(nameEnd, end))?.[0];
        end++;
      }
      found.push({ name, nameRange: { start: at(nameStart), end: at(nameEnd) }, range: { start: at(i), end: at(end) }, operator });
    }
  });
  return found;
}

/** The `}` that closes a `${` whose name ends at `from` (words may nest `${...}`); -1 when the line has none. */
function closingBrace(line: string, from: number): number {
  let depth = 1;
  for (let i = from; i < line.length; i++) {
    if (line[i] === '{') depth++;
    else if (line[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** Names a shell script sets itself: `X=...`, `export X=`, `for X in`, `read X`. */
const ASSIGNMENT = /(?:^|[\s;&|(`])(?:(?:export|local|readonly|declare|typeset)\s+(?:-\w+\s+)*)?([A-Za-z_][A-Za-z0-9_]*)\+?=|\bfor\s+([A-Za-z_][A-Za-z0-9_]*)\s+in\b|\bread\s+(?:-\w+\s+)*((?:[A-Za-z_][A-Za-z0-9_]*\s*)+)/g;

/** What the shell does with a RUN's text: which `$` it leaves alone (quoted, escaped), which names it sets. */
function shellContext(instruction: Instruction): { isLiteral: (at: Range['start']) => boolean; assigned: Set<string> } {
  const text = instruction.getTextContent();
  const lines = text.split(/\r\n|\r|\n/);
  const start = instruction.getRange().start;
  const assigned = new Set<string>();
  for (const match of text.matchAll(ASSIGNMENT)) {
    for (const name of (match[1] ?? match[2] ?? match[3]).split(/\s+/)) if (name) assigned.add(name);
  }
  return {
    assigned,
    // On the `$`'s own line: escaped, or after an odd number of single quotes outside double quotes.
    isLiteral: (at) => {
      const line = lines[at.line - start.line] ?? '';
      const column = at.line === start.line ? at.character - start.character : at.character;
      if (line[column - 1] === '\\') return true;
      let single = false;
      let double = false;
      for (let i = 0; i < column; i++) {
        if (line[i] === "'" && !double) single = !single;
        else if (line[i] === '"' && !single) double = !double;
      }
      return single;
    },
  };
}

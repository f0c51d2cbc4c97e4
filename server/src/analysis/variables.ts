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

/**
 * The `$X` of an instruction. `posixShell`: whether the stage's SHELL (as far as the stage says) is a POSIX shell;
 * under PowerShell or cmd a RUN's `$X` is theirs to read (`$x` a PowerShell variable, `$env:X` the environment's).
 * SHELL's own words are not expanded (no dispatch step reads them) and read no variable of the build.
 */
export function readUses(instruction: Instruction, escapeCharacter: string, posixShell = true): VariableUse[] {
  const text = instruction.getTextContent();
  const keyword = instruction.getKeyword();
  if (!text.includes('$') || keyword === 'SHELL') return [];
  const instructionLine = instruction.getRange().start.line;
  const shell = keyword === 'RUN' ? shellContext(instruction, posixShell) : undefined;
  const literalFrom = keyword === 'COPY' || keyword === 'ADD' ? quotedHeredocBody(text, instructionLine) : Infinity;
  // Literals written out, not spreads of `found`: V8 gave spread copies hidden classes of their own (resolve.ts).
  return scanVariables(text, instruction.getRange().start, escapeCharacter).filter(({ range }) => range.start.line < literalFrom).map(({ name, nameRange, range, operator }): VariableUse => (shell
    ? { name, nameRange, range, operator, instructionLine, keyword, shellLiteral: shell.isLiteral(range.start), shellAssigned: shell.sets(name), shellSetBefore: shell.setBefore(name, range.start) }
    : { name, nameRange, range, operator, instructionLine, keyword }));
}

/**
 * The first line of the heredoc bodies of a COPY or ADD whose heredocs all have a quoted delimiter (`<<"EOF"`,
 * `<<'EOF'`): BuildKit writes those bodies as they are (parser.go: expand only where the word has no quotes;
 * SourcesAndDest.ExpandRaw skips them), so their `$X` is no use. Infinity otherwise.
 */
function quotedHeredocBody(text: string, firstLine: number): number {
  const lines = text.split(/\r\n|\r|\n/);
  const opener = lines.findIndex((line) => line.includes('<<'));
  if (opener === -1) return Infinity;
  const delimiters = [...lines[opener].matchAll(/<<-?\s*(["']?)[A-Za-z_]/g)];
  return delimiters.length > 0 && delimiters.every((match) => match[1] !== '') ? firstLine + opener + 1 : Infinity;
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

/**
 * Names a shell script sets itself: assignments that are a whole command (`X=1;`, `A=1 B=2 &&`: not `X=1 cmd`, which
 * sets X for cmd only, nor a word of a command's arguments such as `make PACKAGE=$PACKAGE`), `export X=` and the
 * like, `for X in`, `read X`; in command position (after the keyword and flags, `;`, `&`, `|`, `(`, a backquote, a
 * line break no backslash continues, `then`, `do`, `else`), not in quoted text.
 */
const COMMAND_START = String.raw`(?:^\s*RUN(?:\s+--\S+)*|[;&|(\x60]|(?<!\\\r?)\n|\b(?:then|do|else)(?=\s))(?:\s|\\\r?\n)*`;
/** A word of an assignment's value: quoted text, or characters that end no word (no quote begins one here). */
const VALUE = String.raw`(?:"[^"]*"|'[^']*'|[^\s;&|"'])*`;
const NAME = '[A-Za-z_][A-Za-z0-9_]*';
const ASSIGNMENT = new RegExp([
  String.raw`${COMMAND_START}(?:export|local|readonly|declare|typeset)\s+(?:-\w+\s+)*(${NAME})\+?=${VALUE}`,
  String.raw`${COMMAND_START}((?:${NAME}\+?=${VALUE}[ \t]+)*${NAME}\+?=${VALUE})(?=[ \t]*(?:$|[;&|)\r\n\x60]))`,
  String.raw`\bfor\s+(${NAME})\s+in\b`,
  String.raw`\bread\s+(?:-\w+\s+)*((?:${NAME}[ \t]*)+)`,
].join('|'), 'gi');

/** The names a match of ASSIGNMENT sets. */
function assignedNames(match: RegExpMatchArray): string[] {
  if (match[2] !== undefined) return [...match[2].matchAll(new RegExp(String.raw`(?:^|[ \t])(${NAME})\+?=`, 'g'))].map((m) => m[1]);
  return (match[1] ?? match[3] ?? match[4]).split(/\s+/).filter((name) => name !== '');
}

/**
 * What the shell does with a RUN's text: which `$` it leaves alone (quoted, escaped), which names the script sets
 * itself (rename and the rules leave those alone: in a loop, a use before the assignment may read it too), and which
 * uses read a value the script itself set: those after an assignment of the name (the assignment's own value,
 * `X=${X%%@*}`, still reads the ARG or ENV).
 */
function shellContext(instruction: Instruction, posixShell: boolean): { isLiteral: (at: Range['start']) => boolean; sets: (name: string) => boolean; setBefore: (name: string, at: Range['start']) => boolean } {
  const text = instruction.getTextContent();
  const lines = text.split(/\r\n|\r|\n/);
  const start = instruction.getRange().start;
  const lineStarts = [0];
  for (const match of text.matchAll(/\r\n|\r|\n/g)) lineStarts.push(match.index! + match[0].length);
  const offsetOf = (at: Range['start']) => (lineStarts[at.line - start.line] ?? text.length) + (at.line === start.line ? at.character - start.character : at.character);
  /** On the `$`'s own line: escaped, or after an odd number of single quotes outside double quotes. */
  const quoting = (at: Range['start']) => {
    const line = lines[at.line - start.line] ?? '';
    const column = at.line === start.line ? at.character - start.character : at.character;
    let single = false;
    let double = false;
    for (let i = 0; i < column; i++) {
      if (line[i] === "'" && !double) single = !single;
      else if (line[i] === '"' && !single) double = !double;
    }
    return { escaped: line[column - 1] === '\\', single, double };
  };
  const positionOf = (offset: number): Range['start'] => {
    let line = 0;
    while (line + 1 < lineStarts.length && lineStarts[line + 1] <= offset) line++;
    return { line: start.line + line, character: (line === 0 ? start.character : 0) + offset - lineStarts[line] };
  };
  // Where each name is first set: the end of its assignment (a use after it may read the script's value).
  const assignedAt = new Map<string, number>();
  for (const match of text.matchAll(ASSIGNMENT)) {
    const at = match.index! + match[0].search(/\S/);
    const { single, double } = quoting(positionOf(at));
    if (single || double) continue;
    for (const name of assignedNames(match)) if (!assignedAt.has(name)) assignedAt.set(name, match.index! + match[0].length);
  }
  return {
    isLiteral: (at) => {
      if (!posixShell) return true;
      const { escaped, single } = quoting(at);
      return escaped || single;
    },
    sets: (name) => assignedAt.has(name),
    setBefore: (name, at) => {
      const assigned = assignedAt.get(name);
      return assigned !== undefined && offsetOf(at) >= assigned;
    },
  };
}

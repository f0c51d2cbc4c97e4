// What BuildKit's dispatch does with the words of one instruction, as BuildKit's parser reads it (buildkitReading.ts;
// moby/buildkit 73ed682, frontend/dockerfile: parser/parser.go reads the heredocs, instructions/parse.go and
// commands.go say which words dispatch expands, dockerfile2llb/convert.go `dispatch` and `dispatchArg` expand them). Each step expands words with the stage's environment (where BuildKit reports
// UndefinedVar), and ARG and ENV set variables. The quotes stay in the words: the lexer removes them.
import { processWord } from './shellLexer';
import { parseInstruction, type ParsedInstruction } from './buildkitReading';

/**
 * Instructions whose text BuildKit keeps as written (their commands expand no word, commands.go): the container's
 * shell reads their `$X` when it starts (a check: each time it runs), from the container's environment.
 */
export const RUNTIME_KEYWORDS: ReadonlySet<string> = new Set(['CMD', 'ENTRYPOINT', 'HEALTHCHECK']);

export type DispatchStep =
  /** A word expanded with the environment as it is at this step; a heredoc body is expanded as BuildKit's ExpandRaw does. */
  | { readonly kind: 'expand'; readonly word: string; readonly heredoc?: true }
  /** `ARG name[=value]` (one step per name): the default is expanded with what the stage sees, then set (dispatchArg). */
  | { readonly kind: 'arg'; readonly name: string; readonly value?: string }
  /** `ENV k=v ...`: every name and value is expanded with the environment before the instruction, then all are set. */
  | { readonly kind: 'env'; readonly pairs: readonly { readonly name: string; readonly value: string }[] };

/**
 * The dispatch steps of an instruction, read from its text (`instruction.getTextContent()`: from its keyword
 * through its last line, heredoc bodies included). An ONBUILD gives its trigger's steps: they run in the stages
 * built FROM this one.
 */
export function dispatchSteps({ joined, line }: ParsedInstruction): DispatchStep[] {
  const keyword = line.written.toLowerCase();
  if (keyword === 'onbuild') {
    // The trigger is parsed again on its own in the child stage with the default escape (parseOnBuild keeps the
    // joined line, initOnBuildTriggers hands it to parser.Parse): not the parent's trigger reading.
    return dispatchSteps(parseInstruction([line.rest, ...joined.after].join('\n'), '\\'));
  }
  switch (keyword) {
    case 'arg':
      return line.args.map((word) => argStep(word));
    case 'env':
      return line.keyValues ? [{ kind: 'env', pairs: line.keyValues.map(({ key, value }) => ({ name: key, value })) }] : [];
    case 'label':
      // LABEL's keys and values are expanded too.
      return (line.keyValues ?? []).flatMap(({ key, value }) => [{ kind: 'expand', word: key }, { kind: 'expand', word: value }]);
    case 'copy':
    case 'add':
      return copySteps(keyword, line.flags, line.args, joined.after, joined.text);
    case 'workdir':
    case 'user':
    case 'stopsignal':
      return line.args.map((word) => ({ kind: 'expand', word }));
    case 'volume':
      return line.args.map((volume) => ({ kind: 'expand', word: volume.trim() }));
    case 'run':
      return line.flags.filter((flag) => flag.startsWith('--mount=')).flatMap((flag) => mountSteps(flag.slice('--mount='.length)));
    default:
      return [];
  }
}

/** `ARG a`, `ARG a=v`. */
function argStep(word: string): DispatchStep {
  const equals = word.indexOf('=');
  return equals === -1 ? { kind: 'arg', name: word } : { kind: 'arg', name: word.slice(0, equals), value: word.slice(equals + 1) };
}

/** COPY and ADD: `--chown`, `--chmod` (ADD: `--checksum`), the sources, the destination, then the heredoc bodies. */
function copySteps(keyword: string, flags: readonly string[], words: readonly string[], heredocLines: readonly string[], line: string): DispatchStep[] {
  if (words.length < 2) return [];
  const flagValue = (name: string) => {
    const flag = flags.filter((f) => f.startsWith(`--${name}=`)).pop();
    return flag === undefined ? [] : [flag.slice(name.length + 3)];
  };
  const flagWords = [...flagValue('chown'), ...flagValue('chmod'), ...(keyword === 'add' ? flagValue('checksum') : [])];
  const heredocs = readHeredocs(line, heredocLines);
  const sources = words.slice(0, -1);
  const paths = sources.filter((source) => heredocName(source) === undefined);
  const steps: DispatchStep[] = [...flagWords, ...paths, words[words.length - 1]].map((word) => ({ kind: 'expand', word }));
  for (const source of sources) {
    const name = heredocName(source);
    const heredoc = name === undefined ? undefined : heredocs.find((h) => h.name === name.name);
    if (heredoc && name!.expand) steps.push({ kind: 'expand', word: name!.chomp ? heredoc.content.replace(/^\t+/gm, '') : heredoc.content, heredoc: true });
  }
  return steps;
}

/** A `--mount=` flag: every `key=value` field's value is expanded (instructions/commands_runmount.go, parseMount). */
function mountSteps(value: string): DispatchStep[] {
  return csvFields(value).flatMap((field) => {
    const equals = field.indexOf('=');
    return equals === -1 ? [] : [{ kind: 'expand', word: field.slice(equals + 1) } as const];
  });
}

/** The fields of a CSV record (go-csvvalue): commas separate, double quotes keep commas, `""` is a quote. */
function csvFields(record: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < record.length; i++) {
    const character = record[i];
    if (quoted) {
      if (character === '"' && record[i + 1] === '"') field += record[++i];
      else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"' && field === '') quoted = true;
    else if (character === ',') {
      fields.push(field);
      field = '';
    } else field += character;
  }
  fields.push(field);
  return fields;
}

interface HeredocName {
  readonly name: string;
  readonly expand: boolean;
  readonly chomp: boolean;
}

/** `<<EOF`, `<<-EOF`, `<<"EOF"` (not expanded: quoted), as ParseHeredoc reads a word. */
function heredocName(word: string): HeredocName | undefined {
  const match = /^(\d*)<<(-?)\s*([^<]*)$/.exec(word);
  if (!match || match[3] === '') return undefined;
  const empty = { get: () => undefined };
  const plain = processWord(match[3], empty, { skipUnsetEnv: true });
  if (plain.words?.length !== 1) return undefined;
  const raw = processWord(match[3], empty, { skipUnsetEnv: true, rawQuotes: true });
  const quotes = (text: string) => (text.match(/["']/g) ?? []).length;
  return { name: plain.words[0], expand: quotes(plain.words[0]) === quotes(raw.words?.[0] ?? ''), chomp: match[2] === '-' };
}

/** The heredocs of the line, in order, each with the lines up to its terminator (newlines kept). */
function readHeredocs(line: string, lines: readonly string[]): { name: string; content: string }[] {
  if (!line.includes('<<')) return [];
  const words = processWord(line, { get: () => undefined }, { rawQuotes: true, rawEscapes: true, skipUnsetEnv: true }).words ?? [];
  const heredocs: { name: string; content: string }[] = [];
  let index = 0;
  for (const word of words) {
    const heredoc = heredocName(word);
    if (!heredoc) continue;
    let content = '';
    for (; index < lines.length; index++) {
      const candidate = heredoc.chomp ? lines[index].replace(/^\t+/, '') : lines[index];
      if (candidate === heredoc.name) break;
      content += `${lines[index]}\n`;
    }
    index++;
    heredocs.push({ name: heredoc.name, content });
  }
  return heredocs;
}

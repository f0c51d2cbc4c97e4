// The words of an instruction's arguments as the Dockerfile parser splits them: at white space, except inside
// quotes (dockerfile-ast 0.7.1 splits `"/out dir"` in two), with the quotes removed; and the JSON form, whose
// white space dockerfile-ast drops.
import type { Argument, Instruction, JSONArgument, JSONInstruction } from 'dockerfile-ast';
import type { Located } from './model';

/** The argument words of a shell-form instruction (flags excluded), quotes kept whole and then removed. */
export function shellWords(args: readonly Argument[]): Located[] {
  const words: Located[] = [];
  let open: Located | undefined;
  for (const argument of args) {
    const word = open
      ? { text: `${open.text} ${argument.getValue()}`, range: { start: open.range.start, end: argument.getRange().end } }
      : { text: argument.getValue(), range: argument.getRange() };
    // A word that leaves a quote open takes the next one (`"/out` + `dir"`).
    open = word.text.split('"').length % 2 === 0 || word.text.split("'").length % 2 === 0 ? word : undefined;
    if (!open) words.push(word);
  }
  if (open) words.push(open);
  return words;
}

/** A word without its surrounding quotes, and its range shrunk to match (on one line). */
export function unquoted(word: Located): Located {
  const { text, range } = word;
  const quoted = text.length >= 2 && (text[0] === '"' || text[0] === "'") && text[text.length - 1] === text[0];
  if (!quoted || range.start.line !== range.end.line) return word;
  return { text: text.slice(1, -1), range: { start: { ...range.start, character: range.start.character + 1 }, end: { ...range.end, character: range.end.character - 1 } } };
}

/** COPY's and ADD's paths, JSON form or shell form: every word but the last is a source. */
export function copyWords(instruction: Instruction): Located[] {
  const json = (instruction as JSONInstruction).getJSONStrings?.() ?? [];
  if (json.length > 0) return json.map((string) => ({ text: jsonValue(instruction, string), range: string.getJSONRange() }));
  return shellWords(instruction.getArguments()).map(unquoted);
}

/**
 * A JSON string's value read from the instruction's own text: dockerfile-ast 0.7.1's getJSONValue (and getValue)
 * drop white space, `["/conf dir/x", ...]` reads `/confdir/x`.
 */
function jsonValue(instruction: Instruction, string: JSONArgument): string {
  const { start, end } = string.getRange();
  const origin = instruction.getRange().start;
  if (start.line !== end.line) return string.getJSONValue();
  const line = instruction.getTextContent().split(/\r\n|\r|\n/)[start.line - origin.line] ?? '';
  const offset = start.line === origin.line ? origin.character : 0;
  try {
    const value: unknown = JSON.parse(line.slice(start.character - offset, end.character - offset));
    return typeof value === 'string' ? value : string.getJSONValue();
  } catch {
    return string.getJSONValue();
  }
}

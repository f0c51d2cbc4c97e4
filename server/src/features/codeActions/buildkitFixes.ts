// Quick fixes for BuildKit's instruction checks, from the model's reading of the instruction the diagnostic is
// on, offered only where the edit is certain. Safe ones keep the build as it is (cli/fix.ts lists them):
// keyword casing, `key=value`, EXPOSE's protocol case and host part (the image exposes the container port in
// lower case either way), deleting empty continuation lines (BuildKit skips them). The others change the image
// on purpose: MAINTAINER as a label, the exec form of CMD/ENTRYPOINT, removing an ignored CMD.
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import type { Position, Range, StageModel } from '../../analysis/model';
import { parseWords, splitWhitespace } from '../../analysis/buildkitWords';
import type { RuleCode } from '../diagnostics/rules';
import { instructionStartingAt, type ReadInstruction } from '../diagnostics/buildkitInstructions';
import { allReadings, caseAs, casingMajority } from '../diagnostics/instructionRules';
import { exposedPorts } from '../diagnostics/exposeRules';
import { wholeLines } from './edits';

type MakeFix = (title: string, edits: TextEdit[], extra?: Partial<CodeAction>) => CodeAction;

export function buildkitFixes(model: StageModel, code: RuleCode, diagnostic: Diagnostic, fix: MakeFix): CodeAction[] {
  if (code === 'NoEmptyContinuation') return emptyLinesFix(model, diagnostic, fix);
  const instruction = instructionStartingAt(model, diagnostic.range.start.line);
  if (!instruction) return [];
  switch (code) {
    case 'ConsistentInstructionCasing': {
      const majority = casingMajority(model);
      const keyword = majority && caseAs(instruction.reading.written, majority);
      return keyword ? [fix(`Write '${keyword}' as most instructions are`, [{ range: instruction.keywordRange, newText: keyword }], { isPreferred: true })] : [];
    }
    case 'LegacyKeyValueFormat':
      return keyValueFix(instruction, model.escapeCharacter, fix);
    case 'MaintainerDeprecated':
      return maintainerFix(instruction, model.escapeCharacter, fix);
    case 'JSONArgsRecommended':
      return execFormFix(model, instruction, fix);
    case 'ExposeProtoCasing':
    case 'ExposeInvalidFormat':
      return exposeFix(code, instruction, model.escapeCharacter, fix);
    case 'MultipleInstructionsDisallowed':
      return [fix(`Remove this ${instruction.reading.written}: only the last one is used`, [{ range: wholeLines(model, instruction.range.start.line, instruction.range.end.line), newText: '' }])];
    default:
      return [];
  }
}

/** The empty continuation lines of the instruction the diagnostic names, deleted. */
function emptyLinesFix(model: StageModel, diagnostic: Diagnostic, fix: MakeFix): CodeAction[] {
  const reading = [...allReadings(model)].find((candidate) => candidate?.emptyContinuation?.start.line === diagnostic.range.start.line);
  return reading?.emptyLines ? [fix('Remove the empty continuation lines', reading.emptyLines.map((range) => ({ range, newText: '' })), { isPreferred: true })] : [];
}

/** `ENV key value` as `ENV key=value` (quoted when the value is several words without quotes or escapes), on one line. */
function keyValueFix({ reading }: ReadInstruction, escape: string, fix: MakeFix): CodeAction[] {
  const [key, value] = splitWhitespace(reading.rest, 2);
  if (!reading.restStart || !reading.keyValues?.[0]?.legacy || value === undefined) return [];
  // One word reads the same after `=`; several are quoted, where quotes and escapes would read differently.
  const single = parseWords(value, escape).length === 1;
  if (!single && (/["']/.test(value) || value.includes(escape))) return [];
  const separator = range(reading.restStart, key.length, reading.rest.length - key.length - value.length);
  const edits = single ? [{ range: separator, newText: '=' }]
    : [{ range: separator, newText: '="' }, { range: range(reading.restStart, reading.rest.length, 0), newText: '"' }];
  return [fix(`Write '${key}=${single ? value : `"${value}"`}'`, edits, { isPreferred: true })];
}

/** MAINTAINER as the OCI authors label (the image's author field is left empty: it changes the image). */
function maintainerFix({ reading, range: whole }: ReadInstruction, escape: string, fix: MakeFix): CodeAction[] {
  if (!reading.restStart || escape !== '\\' || reading.rest === '') return [];
  const keyword = reading.written === reading.written.toLowerCase() ? 'label' : 'LABEL';
  const value = reading.rest.replace(/[\\"$]/g, '\\$&');
  const edit = { range: { start: whole.start, end: at(reading.restStart, reading.rest.length) }, newText: `${keyword} org.opencontainers.image.authors="${value}"` };
  return [fix('Write it as the org.opencontainers.image.authors label', [edit], { isPreferred: true })];
}

/** What a shell does to a command nothing but plain words make up: nothing a direct exec would not do too. */
const PLAIN_WORD = /^[A-Za-z0-9_./:@%+,-]+$/;
const SHELL_WORDS = new Set(['.', 'alias', 'cd', 'command', 'eval', 'exec', 'exit', 'export', 'for', 'if', 'read', 'set', 'source', 'trap', 'ulimit', 'umask', 'unset', 'wait', 'while', 'until', 'case', 'time', 'type']);

/**
 * `CMD app --flag` as `CMD ["app", "--flag"]`, where the shell would only have split the words. Not for an
 * ENTRYPOINT whose stage sets a CMD or is the base of another stage: the exec form would take CMD as arguments.
 */
function execFormFix(model: StageModel, { reading, stage, range: whole }: ReadInstruction, fix: MakeFix): CodeAction[] {
  const words = splitWhitespace(reading.rest);
  if (!reading.restStart || words.length === 0 || !words.every((word) => PLAIN_WORD.test(word)) || SHELL_WORDS.has(words[0]) || words[0].includes('=')) return [];
  if (reading.written.toLowerCase() === 'entrypoint' && (stage.instructions.some((i) => i.keyword === 'CMD') || model.builtFrom[stage.index].length > 0)) return [];
  const json = `[${words.map((word) => JSON.stringify(word)).join(', ')}]`;
  return [fix(`Write it in exec form: ${json}`, [{ range: { start: reading.restStart, end: whole.end }, newText: json }], { isPreferred: true })];
}

/** Every port of the EXPOSE with the protocol lower-cased, or with the IP and host port left out. */
function exposeFix(code: RuleCode, instruction: ReadInstruction, escape: string, fix: MakeFix): CodeAction[] {
  const edits: TextEdit[] = [];
  for (const { text, range: where, parsed } of exposedPorts(instruction, escape)) {
    if (!parsed || !where) return [];
    const proto = code === 'ExposeProtoCasing' ? parsed.proto.toLowerCase() : parsed.proto;
    const port = code === 'ExposeInvalidFormat' ? parsed.containerPort : text.slice(0, text.length - parsed.proto.length - (parsed.proto ? 1 : 0));
    const newText = proto ? `${port}/${proto}` : port;
    if (newText !== text) edits.push({ range: where, newText });
  }
  const title = code === 'ExposeProtoCasing' ? 'Write the protocols in lower case' : 'Expose the container ports only';
  return edits.length > 0 ? [fix(title, edits, { isPreferred: true })] : [];
}

function at(start: Position, offset: number): Position {
  return { line: start.line, character: start.character + offset };
}

function range(start: Position, offset: number, length: number): Range {
  return { start: at(start, offset), end: at(start, offset + length) };
}

// Every place a stage may be named: FROM x, COPY --from=x, RUN --mount=...,from=x, and those inside ONBUILD.
import type { Flag, From, Instruction, ModifiableInstruction, Onbuild } from 'dockerfile-ast';
import type { Range, ReferenceKind } from './model';

/** A reference as written in its stage, before resolution. */
export interface RawReference {
  readonly kind: ReferenceKind;
  readonly onbuild: boolean;
  readonly text: string;
  readonly range: Range;
  /** The line where the instruction holding the reference starts (for `# check=skip` comments above it). */
  readonly instructionLine: number;
}

export function collectReferences(from: From, body: readonly Instruction[]): RawReference[] {
  const references: RawReference[] = [];
  const base = from.getArguments()[0];
  if (base) {
    const instructionLine = from.getRange().start.line;
    references.push({ kind: 'from', onbuild: false, text: base.getValue(), range: base.getRange(), instructionLine });
  }
  for (const instruction of body) {
    const at = { instructionLine: instruction.getRange().start.line };
    if (instruction.getKeyword() === 'ONBUILD') {
      const trigger = (instruction as Onbuild).getTriggerInstruction();
      if (trigger) collectFlagReferences(trigger, true, at, references);
    } else {
      collectFlagReferences(instruction, false, at, references);
    }
  }
  return references;
}

/** Where a reference is written: the first line of its instruction. */
type Site = Pick<RawReference, 'instructionLine'>;

function collectFlagReferences(instruction: Instruction, onbuild: boolean, at: Site, into: RawReference[]): void {
  const keyword = instruction.getKeyword();
  if (keyword !== 'COPY' && keyword !== 'RUN') return;
  // Not Copy.getFromFlag(): dockerfile-ast 0.7.1 returns null there as soon as COPY has a second flag
  // (`COPY --link --from=build`), which would hide most real references.
  for (const flag of (instruction as ModifiableInstruction).getFlags()) {
    if (keyword === 'COPY' && flag.getName() === 'from') {
      const range = flag.getValueRange();
      if (range) into.push({ kind: 'copy-from', onbuild, ...unquote(flag.getValue() ?? '', range), ...at });
    } else if (keyword === 'RUN' && flag.getName() === 'mount') {
      collectMountReferences(flag, onbuild, at, into);
    }
  }
}

function collectMountReferences(mount: Flag, onbuild: boolean, at: Site, into: RawReference[]): void {
  for (const option of mount.getOptions()) {
    const range = option.getValueRange();
    // BuildKit reads mount keys case-insensitively.
    if (option.getName().toLowerCase() === 'from' && range) {
      into.push({ kind: 'mount-from', onbuild, ...unquote(option.getValue() ?? '', range), ...at });
    }
  }
}

/**
 * BuildKit reads flag values with shell quoting: `--from="build"` names `build`. A quote still open while the
 * user types (`--from="bu`) is dropped too, so completion replaces only the name.
 */
function unquote(text: string, range: Range): { text: string; range: Range } {
  const opening = text[0] === '"' || text[0] === "'";
  // A value that spans lines keeps its range: shrinking it by a column would need the line's text.
  if (!opening || range.start.line !== range.end.line) return { text, range };
  const closed = text.length >= 2 && text[text.length - 1] === text[0];
  const end = closed ? range.end.character - 1 : range.end.character;
  return {
    text: text.slice(1, closed ? -1 : undefined),
    range: { start: { line: range.start.line, character: range.start.character + 1 }, end: { line: range.end.line, character: end } },
  };
}

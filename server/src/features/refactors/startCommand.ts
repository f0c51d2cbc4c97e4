// What the image runs (ENTRYPOINT, else CMD) as words, and the exec form of a shell-form one whose words are
// plain: on a base without /bin/sh, `CMD /app --flag` must become `CMD ["/app", "--flag"]`. BuildKit's
// dispatch wraps a shell-form CMD/ENTRYPOINT in the SHELL (`/bin/sh -c`, dispatchers.go dispatchCmd and
// dispatchEntrypoint via withShell); a plain command word runs the same program with the same arguments either
// way (the exec form is what the shell execs). Words with quotes, variables or shell syntax are not plain.
import type { InstructionInfo } from '../../analysis/model';

/** A word the shell passes on unchanged: no quotes, escapes, variables, globs or operators. */
const PLAIN_WORD = /^[\w./:=@%+,-]+$/;

export interface StartInstruction {
  readonly instruction: InstructionInfo;
  /** The words it runs; undefined for a shell form that is not plain words. */
  readonly words?: readonly string[];
  readonly shellForm: boolean;
}

export function readStart(instruction: InstructionInfo): StartInstruction | undefined {
  const reading = instruction.buildkit;
  if (!reading || reading.rejected) return undefined;
  if (reading.json) return { instruction, words: reading.args, shellForm: false };
  const words = reading.rest.split(/\s+/).filter((word) => word !== '');
  return { instruction, words: words.length > 0 && words.every((word) => PLAIN_WORD.test(word)) ? words : undefined, shellForm: true };
}

/** `KEYWORD ["a", "b"]`, the keyword as written. */
export function execFormText(start: StartInstruction): string {
  return `${start.instruction.buildkit!.written} [${start.words!.map((word) => JSON.stringify(word)).join(', ')}]`;
}

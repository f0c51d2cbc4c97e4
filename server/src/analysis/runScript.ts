// What a RUN's shell script certainly runs, read lexically: the script a command line a line (a heredoc that is the
// whole RUN in its place, other heredocs' bodies left out as data) and, per character, whether it is quoted or may
// not run (a branch, a loop, a side of `||`, a background list, after an `exit`). Not a parser: the analysis reads
// every RUN synchronously on each parse, before the shell parser of server/src/shell (tree-sitter-bash, loaded as
// WebAssembly, asynchronously) is there, and in the CLI and the browser worker alike. It can only say less: what
// it cannot place, it counts as uncertain.

/** A heredoc opener: `<<EOT`, `<<-EOT`, `<<'EOT'`, `<<"EOT"` (not the here-string `<<<`). */
const HEREDOC = /(?<!<)<<(-?)[ \t]*(["']?)([A-Za-z_][A-Za-z0-9_.-]*)\2/g;
/** The keyword and the flags (`RUN --mount=…`): no command; what follows starts the script. */
const RUN_AND_FLAGS = /^\s*RUN(?:\s+--\S+)*(?=\s|$)/i;
/** A RUN whose command is one heredoc: the heredoc is the script. */
const SCRIPT_HEREDOC = /^\s*<<-?[ \t]*(["']?)[A-Za-z_][A-Za-z0-9_.-]*\1\s*$/;
/** A first line `#!` naming something other than a shell (`#!/usr/bin/env python3`). */
const OTHER_INTERPRETER = /^\s*#!(?!.*\b(?:sh|bash|ash|dash|ksh|zsh)\b)/;

/**
 * The script a RUN runs, a command line a line: a line a backslash continues joined to the next, blank and comment
 * lines left out (the Dockerfile leaves them out of a continued line; in a script they do nothing); the body of a
 * heredoc that is the whole RUN in its place, without the terminator line; any other heredoc's body left out (it is
 * data: `cat <<EOF > /etc/x.conf`).
 */
export function scriptOf(text: string): string {
  const lines = text.split(/\r\n|\r|\n/);
  const script: string[] = [];
  addScriptLines(lines, 0, lines.length, true, script);
  return script.join('\n');
}

function addScriptLines(lines: readonly string[], from: number, to: number, first: boolean, script: string[]): void {
  let continued = '';
  for (let i = from; i < to; i++) {
    const line = lines[i];
    if (/^\s*(?:#|$)/.test(line)) continue;
    const continuation = /\\[ \t]*$/.exec(line);
    if (continuation) {
      continued += line.slice(0, continuation.index) + ' ';
      continue;
    }
    const logical = first ? (continued + line).replace(RUN_AND_FLAGS, '') : continued + line;
    continued = '';
    script.push(logical);
    let next = i + 1;
    if (logical.includes('<<')) {
      const isScript = first && SCRIPT_HEREDOC.test(logical);
      for (const [, dash, , word] of logical.matchAll(HEREDOC)) {
        let end = next;
        while (end < to && (dash ? lines[end].replace(/^\t+/, '') : lines[end]) !== word) end++;
        if (isScript && !OTHER_INTERPRETER.test(lines[next] ?? '')) addScriptLines(lines, next, end, false, script);
        next = end + 1;
      }
    }
    i = next - 1;
    first = false;
  }
  if (continued !== '') script.push(continued);
}

const QUOTED = 1;
export const UNCERTAIN = 2;
const BRANCH = 4;
/** Characters (by code) that end a word: blanks, `;&|()`, quotes and the backslash; SEPARATOR: blanks and `;&|()`. */
const SEPARATOR = new Uint8Array(128);
const WORD_END = new Uint8Array(128);
for (const c of ' \t\n;&|()') SEPARATOR[c.charCodeAt(0)] = WORD_END[c.charCodeAt(0)] = 1;
for (const c of `'"\`\\`) WORD_END[c.charCodeAt(0)] = 1;

/** An `if … else … fi`: where it starts and ends, and its branches (without conditions). */
export interface Alternatives {
  readonly at: number;
  readonly end: number;
  readonly branches: readonly [number, number][];
}

/**
 * Where script[from, to) may not run what it says. The mask has, for each character, QUOTED inside quotes or
 * backquotes, and BRANCH or UNCERTAIN where it is not certainly run. The rule, simply: nothing inside an
 * `if … fi`, `case … esac`, or `while`/`until`/`for`/`select … done` (a branch may not be taken; a loop may run no
 * time, so `for x in a b` too) is certain, except what every branch of an `if … else … fi` certainly makes
 * (`alternatives`: the branches' ranges); nor is a group `( … )`, `{ … }`, `$( … )` with a `||` in it; in an and-or
 * list (commands joined by `&&`, `||`), what follows a `||` up to the next `&&` or `||`, and what comes before it
 * unless that always fails (`|| exit 1`, `|| (echo …; exit 1)`, `|| false`); an and-or list run in the background
 * (`&`); all that follows an `exit` that may succeed (`exit 0`, `exit` in a branch); comments. Keywords count where a
 * command starts.
 */
export function uncertainty(script: string, from: number, to: number): { mask: Uint8Array; alternatives: Alternatives[] } {
  const mask = new Uint8Array(script.length + 1);
  const alternatives: Alternatives[] = [];
  const mark = (start: number, end: number, kind: number) => {
    for (let i = start; i < end; i++) mask[i] |= kind;
  };
  // What is open: '(' or '{' (where, and whether a `||` is in it), 'if', 'case', 'loop'.
  const open: { kind: string; at: number; or: boolean }[] = [];
  let constructs = 0;
  let constructStart = from;
  // The outermost `if`: its branches so far, where the current one started (-1 in a condition), whether it has an else.
  let branches: [number, number][] = [];
  let branchStart = -1;
  let hasElse = false;
  let listStart = from;
  let orAt = -1; // the last `||` at the top level of the current and-or list
  let orFails = false; // whether what follows it so far always fails
  let commandStart = true;
  const endOperand = (at: number) => {
    if (orAt < 0) return;
    mark(orAt, at, UNCERTAIN);
    if (!orFails) mark(listStart, orAt, UNCERTAIN);
    orAt = -1;
  };
  const endList = (at: number, background: boolean) => {
    endOperand(at);
    if (background) mark(listStart, at, UNCERTAIN);
    listStart = at + 1;
  };
  const close = (kind: string, at: number, end: number) => {
    const top = open[open.length - 1];
    if (top?.kind !== kind) return;
    open.pop();
    if (kind === '(' || kind === '{') {
      if (top.or) mark(top.at, end, UNCERTAIN);
    } else if (--constructs === 0) {
      mark(constructStart, end, BRANCH);
      if (kind === 'if' && hasElse && branchStart >= 0) alternatives.push({ at: constructStart, end, branches: [...branches, [branchStart, at]] });
    }
  };
  /** At a `then`, `elif`, `else` of the outermost `if`: the branch before it ends, the next starts after `then`, `else`. */
  const branchWord = (word: string, at: number, end: number) => {
    if (constructs !== 1 || open[open.length - 1]?.kind !== 'if') return;
    if (word !== 'then' && branchStart >= 0) branches.push([branchStart, at]);
    branchStart = word === 'elif' ? -1 : end;
    if (word === 'else') hasElse = true;
  };
  for (let i = from; i < to;) {
    const c = script.charCodeAt(i);
    if (c === 0x27 /* ' */) {
      const end = script.indexOf("'", i + 1);
      const stop = end === -1 || end > to ? to : end;
      mark(i + 1, stop, QUOTED);
      i = stop + 1;
      commandStart = false;
    } else if (c === 0x22 /* " */ || c === 0x60 /* ` */) {
      let j = i + 1;
      while (j < to && script.charCodeAt(j) !== c) j += script.charCodeAt(j) === 0x5c /* \ */ ? 2 : 1;
      mark(i + 1, Math.min(j, to), QUOTED);
      i = j + 1;
      commandStart = false;
    } else if (c === 0x5c /* \ */) {
      i += 2;
      commandStart = false;
    } else if (c === 0x20 || c === 0x09) {
      i++;
    } else if (c === 0x0a || c === 0x3b /* ; */) {
      if (constructs === 0 && open.length === 0) endList(i, false);
      i += c === 0x3b && script.charCodeAt(i + 1) === 0x3b ? 2 : 1;
      commandStart = true;
    } else if (c === 0x26 /* & */ || c === 0x7c /* | */) {
      const doubled = script.charCodeAt(i + 1) === c;
      const previous = script.charCodeAt(i - 1);
      if (c === 0x26 && !doubled && (previous === 0x3e /* > */ || previous === 0x3c /* < */ || script.charCodeAt(i + 1) === 0x3e)) {
        i++; // 2>&1, >&2, &>file
        continue;
      }
      if (constructs === 0) {
        if (c === 0x7c && doubled) {
          if (open.length > 0) open[open.length - 1].or = true;
          else {
            endOperand(i);
            orAt = i;
            orFails = false;
          }
        } else if (c === 0x26 && doubled && open.length === 0) endOperand(i);
        else if (c === 0x26 && open.length === 0) endList(i, true);
      }
      i += doubled ? 2 : 1;
      commandStart = true;
    } else if (c === 0x28 /* ( */) {
      open.push({ kind: '(', at: i, or: false });
      i++;
      commandStart = true;
    } else if (c === 0x29 /* ) */) {
      close('(', i, i + 1);
      i++;
      commandStart = false;
    } else if (c === 0x23 /* # */ && (i === from || SEPARATOR[script.charCodeAt(i - 1)] === 1)) {
      const end = script.indexOf('\n', i);
      const stop = end === -1 || end > to ? to : end;
      mark(i, stop, UNCERTAIN);
      i = stop;
    } else {
      let j = i;
      while (j < to && WORD_END[script.charCodeAt(j)] !== 1) j++;
      if (commandStart) {
        const word = j - i <= 6 ? script.slice(i, j) : '';
        commandStart = false;
        if (word === 'if' || word === 'while' || word === 'until' || word === 'for' || word === 'select' || word === 'case') {
          if (constructs++ === 0) {
            constructStart = i;
            branches = [];
            branchStart = -1;
            hasElse = false;
          }
          open.push({ kind: word === 'if' ? 'if' : word === 'case' ? 'case' : 'loop', at: i, or: false });
          commandStart = word === 'if' || word === 'while' || word === 'until';
        } else if (word === 'fi') close('if', i, j);
        else if (word === 'esac') close('case', i, j);
        else if (word === 'done') close('loop', i, j);
        else if (word === '{') {
          open.push({ kind: '{', at: i, or: false });
          commandStart = true;
        } else if (word === '}') close('{', i, j);
        else if (word === 'then' || word === 'elif' || word === 'else') {
          branchWord(word, i, j);
          commandStart = true;
        } else if (word === 'do' || word === '!' || word === 'time') commandStart = true;
        else if (word === 'false' && constructs === 0 && orAt >= 0) orFails = true;
        else if (word === 'exit') {
          const fails = /^[ \t]+[1-9][0-9]*(?![^\s;&|)])/.test(script.slice(j, j + 8));
          if (fails && constructs === 0 && orAt >= 0) orFails = true;
          if (!fails) mark(i, to, UNCERTAIN);
        }
      }
      i = j;
    }
  }
  endList(to, false);
  if (constructs > 0) mark(constructStart, to, BRANCH);
  for (const group of open) if (group.or && (group.kind === '(' || group.kind === '{')) mark(group.at, to, UNCERTAIN);
  return { mask, alternatives };
}

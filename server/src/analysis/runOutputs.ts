// The paths a RUN is known to create, from common unambiguous forms only; each recognizer is one row, with its
// tests in test/analysis/files.test.ts. Anything else a RUN does is unknown output.
//
// The recognizers read the script the RUN runs (scriptOf) a command line at a time, never across a line break: a
// heredoc that is the whole RUN (`RUN <<EOT`) is the script, without its terminator line; any other heredoc's body is
// data and is not read. A match counts only where the script certainly runs it, outside quotes (uncertainty). Left
// out as well: a path the same RUN removes afterwards (`rm`, the sources of `mv`), and a relative path written after
// a `cd` (it is not relative to the WORKDIR).

/** A recognizer: a pattern over one line of the RUN's script and the paths each match names. */
interface Recognizer {
  readonly name: string;
  readonly pattern: RegExp;
  readonly paths: (match: RegExpMatchArray) => string[];
}

// A path: quoted, or a word that starts with neither `-` (a flag: `-o -s`) nor `=` (`>= 1.2` compares).
const PATH = `("[^"]+"|'[^']+'|[^\\s;&|<>'"=-][^\\s;&|<>'"]*)`;
const strip = (word: string) => word.replace(/^["']|["']$/g, '');

export const RUN_OUTPUTS: readonly Recognizer[] = [
  // go build -o out/app, gcc -o app, cargo/zig/... -o: the output file. A space or a quote after `-o`: `grep -oP`,
  // `-outfile` are other flags.
  { name: '-o PATH', pattern: new RegExp(`(?:^|\\s)-o(?:\\s+|(?=["']))${PATH}`, 'g'), paths: (m) => [strip(m[1])] },
  { name: '--output PATH', pattern: new RegExp(`(?:^|\\s)--output(?:=|\\s+)${PATH}`, 'g'), paths: (m) => [strip(m[1])] },
  // mkdir -p a b: each directory.
  { name: 'mkdir', pattern: /(?:^|[\s;&|(])mkdir\s+((?:-[a-z]+\s+)*)((?:[^\s;&|<>]+\s*)+)/g, paths: (m) => m[2].trim().split(/\s+/).filter((p) => !p.startsWith('-')).map(strip) },
  // touch a b: each file.
  { name: 'touch', pattern: /(?:^|[\s;&|(])touch\s+((?:[^\s;&|<>-][^\s;&|<>]*\s*)+)/g, paths: (m) => m[1].trim().split(/\s+/).map(strip) },
  // cargo build --release: target/release/ (relative to the WORKDIR).
  { name: 'cargo build --release', pattern: /cargo\s+build\b[^;&|]*--release/g, paths: () => ['target/release'] },
  // npm/yarn/pnpm run build, only where the same RUN states the output folder (`--out-dir`, `--outDir`, `--dist-dir`).
  { name: 'npm run build --out-dir DIR', pattern: new RegExp(`(?:npm|yarn|pnpm)\\s+(?:run\\s+)?build\\b[^;&|]*?--(?:out-?[dD]ir|outDir|dist-dir)(?:=|\\s+)${PATH}`, 'g'), paths: (m) => [strip(m[1])] },
  // cp/mv [flags] SOURCE... DEST: the destination, the command's last word.
  { name: 'cp, mv', pattern: /(?:^|[\s;&|(])(?:cp|mv)\s+((?:[^\s;&|<>]+\s+)+)([^\s;&|<>]+)/g, paths: (m) => (m[1].trim().split(/\s+/).some((w) => !w.startsWith('-')) ? [strip(m[2])] : []) },
  // > PATH and >> PATH: the file written (not `2>&1`, not /dev/...).
  { name: '> PATH', pattern: new RegExp(`(?:^|[^0-9&>])>>?\\s*${PATH}`, 'g'), paths: (m) => (m[1].startsWith('&') || m[1].startsWith('/dev/') ? [] : [strip(m[1])]) },
  // --save_path DIR (go-licenses save), --output-dir DIR: the folder written.
  { name: '--save_path, --output-dir DIR', pattern: new RegExp(`(?:^|\\s)--(?:save_path|output-dir)(?:=|\\s+)${PATH}`, 'g'), paths: (m) => [strip(m[1])] },
  // GOBIN=DIR [VAR=...] go install PKG...: DIR, and each package's binary, named as `go install` names it.
  { name: 'GOBIN=DIR go install', pattern: new RegExp(`(?:^|[\\s;&|(])GOBIN=${PATH}(?:\\s+[A-Za-z_][A-Za-z0-9_]*=[^\\s;&|<>]*)*\\s+go\\s+install((?:\\s+[^\\s;&|<>]+)*)`, 'g'),
    paths: (m) => [strip(m[1]), ...goBinaries(m[2].trim().split(/\s+/)).map((name) => `${strip(m[1]).replace(/\/+$/, '')}/${name}`)] },
  // pip install --target DIR / -t DIR / --prefix DIR (uv pip too): the folder installed into.
  { name: 'pip install --target, --prefix DIR', pattern: new RegExp(`pip3?\\s+install\\b[^;&|]*?\\s(?:--target|-t|--prefix)(?:=|\\s+)${PATH}`, 'g'), paths: (m) => [strip(m[1])] },
  // npm pack --pack-destination DIR: the folder the tarball goes to (its name depends on package.json).
  { name: 'npm pack --pack-destination DIR', pattern: new RegExp(`npm\\s+pack\\b[^;&|]*?--pack-destination(?:=|\\s+)${PATH}`, 'g'), paths: (m) => [strip(m[1])] },
  // tar -x ... -C DIR: the directory extracted into.
  { name: 'tar -x -C DIR', pattern: /(?:^|[\s;&|(])tar\s+[^;&|]*?-[a-zA-Z]*x[^;&|]*?(?:-C|--directory[= ])\s*("[^"]+"|'[^']+'|[^\s;&|<>]+)/g, paths: (m) => [strip(m[1])] },
];

/** `go install`'s flags that take no value: after any other flag written without `=`, the next word is its value. */
const GO_BOOLEAN_FLAGS = new Set(['-a', '-n', '-v', '-x', '-race', '-msan', '-asan', '-cover', '-trimpath', '-work', '-linkshared', '-modcacherw', '-i']);

/**
 * The binaries `go install` writes for its arguments: of each package path (a word with a `/`), the last element
 * without `@version`, the one before for a major version suffix (`.../cmd/tool/v2`), as cmd/go's DefaultExecName
 * names them; none for `.` (named by go.mod), a pattern, a variable or a flag's value.
 */
function goBinaries(words: readonly string[]): string[] {
  return words.flatMap((word, i) => {
    const previous = words[i - 1];
    if (previous?.startsWith('-') && !previous.includes('=') && !GO_BOOLEAN_FLAGS.has(previous)) return [];
    const path = word.replace(/@.*$/, '');
    if (!path.includes('/') || /^-|[.]{3}|[$='"]/.test(path)) return [];
    const elements = path.split('/').filter((element) => element !== '' && element !== '.');
    const last = elements.length > 1 && /^v[2-9][0-9]*$/.test(elements[elements.length - 1]) ? elements[elements.length - 2] : elements[elements.length - 1];
    return last && last !== '..' ? [last] : [];
  });
}

/** The paths the RUN's text names as outputs, as written (relative ones are relative to the WORKDIR). */
export function runOutputs(text: string): string[] {
  const script = scriptOf(text);
  const matches: Match[] = [];
  eachLine(script, (line, start) => RUN_OUTPUTS.forEach((recognizer, rank) => {
    for (const match of allMatches(recognizer.pattern, line)) {
      const at = start + match.index!;
      matches.push({ paths: recognizer.paths(match), rank, at, last: at + match[0].length - 1 });
    }
  }));
  if (matches.length === 0) return [];
  const removals: { removed: (path: string) => boolean; at: number }[] = [];
  eachLine(script, (line, start) => {
    if (!/\b(?:rm|mv)\s/.test(line)) return;
    for (const match of allMatches(REMOVAL, line)) {
      for (const path of removedBy(match)) removals.push({ removed: removes(path), at: start + match.index! });
    }
  });
  // Where the first `cd` is: a relative path written after it is not relative to the WORKDIR.
  const cd = CD.exec(script)?.index ?? Infinity;
  return certainOutputs(script, 0, script.length, matches)
    .filter(({ path, at, end }) => path !== '' && !path.includes('$') && (end < cd || /^[/~]/.test(path)) && !removals.some((removal) => removal.at > at && removal.removed(path)))
    .sort((a, b) => a.rank - b.rank || a.at - b.at)
    .map(({ path }) => path);
}

const CD = /(?:^|[\s;&|(])(?:cd|pushd)(?=[\s;&|)]|$)/m;

/** Calls `visit` with each line of the script and where it starts. */
function eachLine(script: string, visit: (line: string, start: number) => void): void {
  for (let start = 0; start <= script.length;) {
    const newline = script.indexOf('\n', start);
    const end = newline === -1 ? script.length : newline;
    visit(script.slice(start, end), start);
    start = end + 1;
  }
}

/** A global pattern's matches in a line (as matchAll, without the copy of the pattern it makes each time). */
function allMatches(pattern: RegExp, line: string): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(line); match !== null; match = pattern.exec(line)) {
    found.push(match);
    if (match[0] === '') pattern.lastIndex++;
  }
  return found;
}

/** A recognizer's match: the paths it names, the recognizer's row, where it starts and its last character. */
interface Match {
  readonly paths: readonly string[];
  readonly rank: number;
  readonly at: number;
  readonly last: number;
}

/** An output: its path, its recognizer's row, and where the script writes it (from `at` to `end`). */
interface Output {
  readonly path: string;
  readonly rank: number;
  readonly at: number;
  readonly end: number;
}

/**
 * The paths of the matches in script[from, to) that it certainly runs (uncertainty), and the paths every branch of an
 * `if … else … fi` there makes certainly, written from its `if` to its `fi`.
 */
function certainOutputs(script: string, from: number, to: number, matches: readonly Match[]): Output[] {
  const { mask, alternatives } = uncertainty(script, from, to);
  const outputs = matches.filter((m) => m.at >= from && m.last < to && (mask[m.at] | mask[m.at + 1] | mask[m.last]) === 0)
    .flatMap(({ paths, rank, at }) => paths.map((path) => ({ path, rank, at, end: at })));
  for (const { at, end, branches } of alternatives) {
    if ((mask[at] & UNCERTAIN) !== 0) continue;
    const [first, ...others] = branches.map(([start, stop]) => certainOutputs(script, start, stop, matches));
    const inAll = first.filter(({ path }) => others.every((branch) => branch.some((output) => output.path === path)));
    outputs.push(...inAll.map(({ path, rank }) => ({ path, rank, at, end })));
  }
  return outputs;
}

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
function scriptOf(text: string): string {
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

/** `rm [flags] PATH...` and `mv [flags] SOURCE... DEST`: the command and its words. */
const REMOVAL = /(?:^|[\s;&|(])(rm|mv)\s+((?:[^\s;&|<>]+\s*)+)/g;

/** The paths an `rm` removes, or the sources an `mv` moves away. */
function removedBy(match: RegExpMatchArray): string[] {
  const words = match[2].trim().split(/\s+/).filter((word) => !word.startsWith('-')).map(strip);
  return match[1] === 'mv' ? words.slice(0, -1) : words;
}

/** Whether a path is the removed one or inside it; a glob (`*`, `?`, `[`) or a variable in it matches any name. */
function removes(removed: string): (path: string) => boolean {
  const base = removed.replace(/\/+$/, '');
  if (!/[*?[$]/.test(base)) return (path) => path === base || path.startsWith(`${base}/`) || (base === '' && path.startsWith('/'));
  const pattern = base.replace(/\$\{[^}]*\}|\$[A-Za-z_0-9@*#?!-]+|[*?]|\[!?[^\]]+\]|[.+^$(){}|[\]\\]/g, (part) =>
    part.length > 1 && part.startsWith('$') ? '.*' : part === '*' ? '[^/]*' : part === '?' ? '[^/]' : part.length > 2 ? part.replace(/^\[!/, '[^') : `\\${part}`);
  const regex = new RegExp(`^${pattern}(?:/|$)`);
  return (path) => regex.test(path.replace(/\/+$/, ''));
}

const QUOTED = 1;
const UNCERTAIN = 2;
const BRANCH = 4;
/** Characters (by code) that end a word: blanks, `;&|()`, quotes and the backslash; SEPARATOR: blanks and `;&|()`. */
const SEPARATOR = new Uint8Array(128);
const WORD_END = new Uint8Array(128);
for (const c of ' \t\n;&|()') SEPARATOR[c.charCodeAt(0)] = WORD_END[c.charCodeAt(0)] = 1;
for (const c of `'"\`\\`) WORD_END[c.charCodeAt(0)] = 1;

/** An `if … else … fi`: where it starts and ends, and its branches (without conditions). */
interface Alternatives {
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
function uncertainty(script: string, from: number, to: number): { mask: Uint8Array; alternatives: Alternatives[] } {
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

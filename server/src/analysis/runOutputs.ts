// The paths a RUN is known to create, from common unambiguous forms only; each recognizer is one row, with its
// tests in test/analysis/files.test.ts. Anything else a RUN does is unknown output.
//
// The recognizers read the script the RUN runs (runScript.ts) a command line at a time, never across a line break:
// a heredoc that is the whole RUN (`RUN <<EOT`) is the script, without its terminator line; any other heredoc's body
// is data and is not read. A match counts only where the script certainly runs it, outside quotes. Left
// out as well: a path the same RUN removes afterwards (`rm`, the sources of `mv`), and a relative path written after
// a `cd` (it is not relative to the WORKDIR).

import { scriptOf, uncertainty, UNCERTAIN } from './runScript';

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

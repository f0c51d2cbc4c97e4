// The paths a RUN is known to create, from common unambiguous forms only; each recognizer is one row, with its
// tests in test/analysis/files.test.ts. Anything else a RUN does is unknown output.
/** A recognizer: a pattern over the RUN's text and the paths each match names. */
interface Recognizer {
  readonly name: string;
  readonly pattern: RegExp;
  readonly paths: (match: RegExpMatchArray) => string[];
}

const PATH = `("[^"]+"|'[^']+'|[^\\s;&|<>'"]+)`;
const strip = (word: string) => word.replace(/^["']|["']$/g, '');

export const RUN_OUTPUTS: readonly Recognizer[] = [
  // go build -o out/app, gcc -o app, cargo/zig/... -o: the output file.
  { name: '-o PATH', pattern: new RegExp(`(?:^|\\s)-o\\s*${PATH}`, 'g'), paths: (m) => [strip(m[1])] },
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
  const script = text.replace(/\\\r?\n/g, ' ');
  return RUN_OUTPUTS.flatMap((recognizer) => [...script.matchAll(recognizer.pattern)].flatMap(recognizer.paths))
    .filter((path) => path !== '' && !path.includes('$'));
}

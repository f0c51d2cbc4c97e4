// The container build commands of a shell script, read from the argument lists the shell interpreter gives:
// `docker build`, `docker buildx build`, `docker image build`, `docker builder build`, `buildx build`,
// `podman build`, `buildah bud`/`build`, `nerdctl build`, `depot build`, and `docker buildx bake --set
// <targets>.target=<stage>`. Flags are read by a table of those that take a value (as each CLI's flag set
// declares them), so that `-o -` is `-o`'s value and not the context.
import { knownText, textValue, type Field, type Value } from '../shell/values';
import type { ShellCommand } from '../shell/interpreter';

/** A build the script runs (one argument list of it). */
export interface BuildCommand {
  readonly tool: 'docker' | 'podman' | 'bake';
  /** `-f`/`--file` (for bake: none), unresolved parts unknown. */
  readonly file?: Field;
  /** The context (last operand); undefined when none is given (bake). */
  readonly context?: Field;
  /** `--target` (or bake's `--set *.target=`); undefined: none given. */
  readonly target?: Field;
  /** For bake's `--set pattern.target=x`: the value written after `=` (its place in the script). */
  readonly targetOffset?: number;
  /** `--build-arg NAME=value`, by name. */
  readonly args: ReadonlyMap<string, Value>;
  /**
   * `-o`/`--output` values (each `type=local,dest=out`, a path, `-`), unresolved parts unknown; `--push` and
   * `--load` as the outputs buildx reads them as (`type=registry`, `type=docker`).
   */
  readonly outputs: readonly Value[];
  /** An argument that may be any number of arguments (`$EXTRA_FLAGS`, `"$@"`): it may give a target too. */
  readonly spread?: Field;
  readonly cwd: readonly Value[] | undefined;
  readonly start: number;
  readonly end: number;
}

/** Flags that take a value, of docker buildx build, docker build (legacy), podman/buildah build, nerdctl and depot build. */
const VALUE_FLAGS = new Set([
  '--add-host', '--allow', '--annotation', '--attest', '--build-arg', '--build-context', '--builder', '--cache-from',
  '--cache-to', '--call', '--cgroup-parent', '-f', '--file', '--iidfile', '--label', '--metadata-file', '--network',
  '--no-cache-filter', '-o', '--output', '--platform', '--progress', '--secret', '--shm-size', '--ssh', '-t', '--tag',
  '--target', '--ulimit', '-c', '--cpu-shares', '--cpuset-cpus', '--cpuset-mems', '--cpu-period', '--cpu-quota',
  '--isolation', '-m', '--memory', '--memory-swap', '--security-opt', '--arch', '--authfile', '--cache-ttl',
  '--cap-add', '--cap-drop', '--cert-dir', '--cgroupns', '--creds', '--decryption-key', '--device', '--dns',
  '--dns-option', '--dns-search', '--env', '--format', '--from', '--hooks-dir', '--ignorefile', '--ipc', '--jobs',
  '--layer-label', '--logfile', '--manifest', '--os', '--os-feature', '--os-version', '--pid', '--retry',
  '--retry-delay', '--runtime', '--runtime-flag', '--sign-by', '--signature-policy', '--source-date-epoch',
  '--timestamp', '--unsetenv', '--unsetlabel', '--userns', '--userns-gid-map', '--userns-uid-map',
  '--userns-gid-map-group', '--userns-uid-map-user', '--uts', '--variant', '-v', '--volume', '--project',
  '--token', '--build-platform', '--lint-fail-on', '--save-tag', '--namespace', '--ipfs-address', '--set',
  '--sbom-output', '--rewrite-timestamp',
]);
/** Flags that take none (the rest of a build's flags are told apart by the value table above). */
const BOOLEAN_FLAGS = new Set([
  '--load', '--push', '--pull', '--no-cache', '-q', '--quiet', '--check', '--debug', '--rm', '--force-rm', '--squash',
  '--compress', '--disable-content-trust', '--stream', '--layers', '--squash-all', '--no-hosts', '--no-hostname',
  '--omit-history', '--identity-label', '--inherit-labels', '--http-proxy', '--tls-verify', '--all-platforms',
  '--lint', '--save', '--print', '--provenance', '--sbom', '--help',
]);

/** A command name and the words that make it a build: `docker buildx build`, `podman build`, `buildah bud`... */
const BUILD_VERBS: readonly (readonly [RegExp, readonly string[][], BuildCommand['tool']])[] = [
  [/^(docker|docker\.exe|nerdctl|depot)$/, [['build'], ['buildx', 'build'], ['buildx', 'b'], ['image', 'build'], ['builder', 'build']], 'docker'],
  [/^(docker|docker\.exe)$/, [['buildx', 'bake']], 'bake'],
  [/^buildx$/, [['build'], ['b']], 'docker'],
  [/^buildx$/, [['bake']], 'bake'],
  [/^(podman|podman-remote)$/, [['build'], ['image', 'build'], ['buildx', 'build']], 'podman'],
  [/^buildah$/, [['bud'], ['build'], ['build-using-dockerfile']], 'podman'],
];
/** A command name the script leaves to its caller (`$DOCKER`, `${CONTAINER_ENGINE}`) that is a container CLI. */
const VARIABLE_TOOL = /docker|podman|buildah|nerdctl|buildx|container|engine|oci/i;

/** The builds one command runs (one per argument list it may have). */
export function buildCommands(command: ShellCommand): BuildCommand[] {
  return command.argvs.flatMap((argv) => {
    const recognized = recognize(argv);
    return recognized ? [readFlags(recognized.tool, argv.slice(recognized.words), command)] : [];
  });
}

function recognize(argv: readonly Field[]): { tool: BuildCommand['tool']; words: number } | undefined {
  // `sudo docker build`, `env X=1 docker build`, `exec docker build`, `time docker build`.
  let skip = 0;
  while (skip < argv.length - 1 && /^(sudo|exec|time|command|nice|env)$|^[A-Za-z_]\w*=/.test(knownText(argv[skip].value) ?? '')) skip++;
  const name = knownText(argv[skip]?.value ?? []);
  const words = argv.slice(skip + 1).map((field) => knownText(field.value));
  for (const [tool, verbs, kind] of BUILD_VERBS) {
    if (name === undefined || !tool.test(name.split('/').pop()!)) continue;
    const verb = verbs.find((v) => v.every((word, i) => words[i] === word));
    if (verb) return { tool: kind, words: skip + 1 + verb.length };
  }
  const display = argv[skip]?.value.map((piece) => ('unknown' in piece ? piece.unknown : '')).join('') ?? '';
  if (name === undefined && VARIABLE_TOOL.test(display)) {
    if (words[0] === 'build' || words[0] === 'bud') return { tool: 'docker', words: skip + 2 };
    if (words[0] === 'buildx' && words[1] === 'build') return { tool: 'docker', words: skip + 3 };
    if (words[0] === 'buildx' && words[1] === 'bake') return { tool: 'bake', words: skip + 3 };
  }
  return undefined;
}

function readFlags(tool: BuildCommand['tool'], args: readonly Field[], command: ShellCommand): BuildCommand {
  let file: Field | undefined;
  let target: Field | undefined;
  let targetOffset: number | undefined;
  let spread: Field | undefined;
  const buildArgs = new Map<string, Value>();
  const outputs: Value[] = [];
  const operands: Field[] = [];
  for (let i = 0; i < args.length; i++) {
    const field = args[i];
    if (field.spread) {
      spread ??= field;
      continue;
    }
    const text = knownText(field.value);
    if (text === undefined || !text.startsWith('-') || text === '-') {
      operands.push(field);
      continue;
    }
    if (text === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    const equals = text.startsWith('--') ? text.indexOf('=') : -1;
    const flag = equals > 0 ? text.slice(0, equals) : text;
    let value: Field | undefined;
    if (equals > 0) value = { ...field, value: dropPrefix(field.value, equals + 1) };
    else if (VALUE_FLAGS.has(flag) || (!BOOLEAN_FLAGS.has(flag) && /^--/.test(flag) && i + 2 < args.length && !(knownText(args[i + 1].value) ?? '').startsWith('-'))) value = args[++i];
    else if (/^-[a-z]$/.test(flag.slice(0, 2)) && flag.length > 2 && VALUE_FLAGS.has(flag.slice(0, 2))) value = { ...field, value: dropPrefix(field.value, 2) };
    if (!value) {
      if (flag === '--push' || flag === '--load') outputs.push(textValue(flag === '--push' ? 'type=registry' : 'type=docker'));
      continue;
    }
    const name = equals > 0 || flag.length === 2 || flag.startsWith('--') ? flag : flag.slice(0, 2);
    if (name === '--target') target = value;
    else if (name === '-f' || name === '--file') file = value;
    else if (name === '--build-arg') readBuildArg(value.value, buildArgs);
    else if (name === '-o' || name === '--output') outputs.push(value.value);
    else if (name === '--set' && tool === 'bake') {
      const set = knownText(value.value) ?? '';
      const match = /^[^=]*\.target=/.exec(set);
      if (match) {
        target = { ...value, value: dropPrefix(value.value, match[0].length) };
        targetOffset = match[0].length;
      }
    }
  }
  return {
    tool,
    ...(tool === 'bake' ? {} : { file, context: operands[operands.length - 1] }),
    ...(target ? { target } : {}),
    ...(targetOffset !== undefined ? { targetOffset } : {}),
    args: buildArgs,
    outputs,
    ...(spread ? { spread } : {}),
    cwd: command.cwd,
    start: command.start,
    end: command.end,
  };
}

/** `NAME=value` (the value may be unknown); `NAME` alone passes the caller's environment: unknown. */
function readBuildArg(value: Value, args: Map<string, Value>): void {
  const first = value[0];
  if (!first || 'unknown' in first) return;
  const equals = first.text.indexOf('=');
  if (equals <= 0) {
    if (value.length === 1 && /^[A-Za-z_]\w*$/.test(first.text)) args.set(first.text, [{ unknown: `$${first.text}` }]);
    return;
  }
  args.set(first.text.slice(0, equals), dropPrefix(value, equals + 1));
}

/** The value without its first `length` characters (all in its first, known pieces). */
function dropPrefix(value: Value, length: number): Value {
  const pieces = [...value];
  let left = length;
  while (left > 0 && pieces.length > 0) {
    const first = pieces[0];
    if ('unknown' in first) break;
    if (first.text.length <= left) {
      left -= first.text.length;
      pieces.shift();
    } else {
      pieces[0] = { text: first.text.slice(left), ...(first.at !== undefined ? { at: first.at + left } : {}) };
      left = 0;
    }
  }
  return pieces;
}

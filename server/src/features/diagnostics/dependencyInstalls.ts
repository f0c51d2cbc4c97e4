// The RUN commands that install dependencies from their manifests alone, as the command itself shows: what
// DependenciesAfterSource looks for. A form that may read more of the tree is left out: `pip install .`,
// `-e`, `uv sync` and `poetry install` without leaving the project out, `composer install` running scripts or
// dumping a class map, `cargo fetch` (Cargo reads the targets under src/), and Bundler, whose Gemfile is Ruby
// that may name the tree (`gemspec`, `path:`). npm, yarn and pnpm installs are read here, but what they read
// depends on the project's package.json (lifecycle scripts, `workspaces`, local dependencies) and lock files:
// `project` says so, and the rule asks the build context (nodeManifests.ts).

export interface DependencyInstall {
  /** The command as written, for the message. */
  readonly command: string;
  /** The manifests it reads, relative to where it runs, as the message names them. */
  readonly manifests: readonly string[];
  /** Manifests the command itself names (`pip install -r requirements.txt`): a fix can copy exactly these. */
  readonly pinned: boolean;
  /** Commands of the same tool install the same dependencies (an earlier one leaves them in place). */
  readonly tool: string;
  /** A Node package manager's install: its manifests are the project's files, read from the build context. */
  readonly project?: NodeProject;
  /**
   * Downloads only, from the lock file (`pnpm fetch`, pnpm's own Docker recipe): the install after `COPY . .` that
   * follows it then takes the packages from the store. It counts as the tool's install and is not reported itself.
   */
  readonly fetchOnly?: boolean;
}

/** A Node package manager's install, as the command runs it. */
export interface NodeProject {
  readonly manager: 'npm' | 'yarn' | 'pnpm';
  /** `npm ci` fails without a lock file; `npm install` and the others make one. */
  readonly lockRequired: boolean;
  /** `--ignore-scripts`: the project's own lifecycle scripts do not run. */
  readonly ignoreScripts: boolean;
}

/** Per command of a shell RUN, its words (quotes removed); undefined for text this reading cannot follow. */
export function shellCommands(script: string): string[][] | undefined {
  if (/[`(){}]|<<|\$\(/.test(script)) return undefined;
  return script.split(/&&|\|\||[;|\n]/).map((command) => command.trim().split(/\s+/).filter((word) => word !== '').map((word) => word.replace(/^(['"])(.*)\1$/, '$2'))).filter((words) => words.length > 0);
}

/** The dependency install a command runs, if it is one of the manifest-only forms. */
export function dependencyInstall(words: readonly string[]): DependencyInstall | undefined {
  const command = words.join(' ');
  const [tool, ...rest] = stripPython(words);
  if (!tool || rest.some((word) => word.includes('$'))) return undefined;
  if (tool === 'go' && rest[0] === 'mod' && rest[1] === 'download') return { command, manifests: ['go.mod', 'go.sum'], pinned: false, tool };
  if (/^pip(3(\.\d+)?)?$/.test(tool) && rest[0] === 'install') return pipRequirements(command, rest.slice(1), 'pip');
  if (tool === 'uv' && rest[0] === 'pip' && rest[1] === 'install') return pipRequirements(command, rest.slice(2), 'pip');
  if (tool === 'uv' && rest[0] === 'sync' && rest.some((word) => word === '--no-install-project' || word === '--no-install-workspace')) {
    return { command, manifests: ['pyproject.toml', 'uv.lock'], pinned: false, tool };
  }
  if (tool === 'poetry' && rest[0] === 'install' && rest.includes('--no-root')) return { command, manifests: ['pyproject.toml', 'poetry.lock'], pinned: false, tool };
  if (tool === 'composer' && rest[0] === 'install' && rest.includes('--no-scripts') && rest.includes('--no-autoloader')) {
    return { command, manifests: ['composer.json', 'composer.lock'], pinned: false, tool };
  }
  if (/^(\.\/)?mvnw?$/.test(tool) && mavenGoals(rest)?.every((goal) => /^dependency:(go-offline|resolve|resolve-plugins)$/.test(goal))) {
    return { command, manifests: ['pom.xml'], pinned: false, tool: 'mvn' };
  }
  if (tool === 'dotnet' && rest[0] === 'restore') return { command, manifests: ['the project files'], pinned: false, tool };
  return nodeInstall(command, tool, rest);
}

/**
 * The options of each Node manager's install that take a value (`npm help install`, `yarn install --help`,
 * `pnpm install --help`); those that move it to another directory or install part of a workspace (`--prefix`,
 * `--cwd`, `--dir`, `--workspace`, `--filter`) make the command one not read here.
 */
const NODE_INSTALLS: Record<NodeProject['manager'], { commands: readonly string[]; valueOptions: readonly string[]; elsewhere: RegExp }> = {
  npm: { commands: ['ci', 'clean-install', 'install', 'i'], valueOptions: ['--omit', '--include', '--registry', '--cache', '--loglevel', '--install-strategy'], elsewhere: /^(--prefix|-C|--workspaces?|-w|--global|-g|--location)(=|$)/ },
  yarn: { commands: ['install'], valueOptions: ['--modules-folder', '--cache-folder', '--network-timeout', '--mutex', '--network-concurrency'], elsewhere: /^(--cwd|--focus)(=|$)/ },
  pnpm: { commands: ['install', 'i'], valueOptions: ['--reporter', '--store-dir', '--virtual-store-dir', '--network-concurrency', '--child-concurrency'], elsewhere: /^(--dir|-C|--filter|-F|--workspace-root|-w|--global|-g|--recursive|-r)(=|$)/ },
};

/** `npm ci`, `npm install`, `yarn` / `yarn install`, `pnpm install` with options only (no package named). */
function nodeInstall(command: string, tool: string, rest: readonly string[]): DependencyInstall | undefined {
  if (tool !== 'npm' && tool !== 'yarn' && tool !== 'pnpm') return undefined;
  if (tool === 'pnpm' && rest[0] === 'fetch') return { command, manifests: ['pnpm-lock.yaml'], pinned: false, tool, fetchOnly: true };
  const { commands, valueOptions, elsewhere } = NODE_INSTALLS[tool];
  const options = tool === 'yarn' && (rest.length === 0 || rest[0].startsWith('-')) ? rest : commands.includes(rest[0]) ? rest.slice(1) : undefined;
  if (!options) return undefined;
  for (let i = 0; i < options.length; i++) {
    if (!options[i].startsWith('-') || elsewhere.test(options[i])) return undefined;
    if (valueOptions.includes(options[i])) i++;
  }
  const lockRequired = tool === 'npm' && (rest[0] === 'ci' || rest[0] === 'clean-install');
  return { command, manifests: ['package.json'], pinned: false, tool, project: { manager: tool, lockRequired, ignoreScripts: options.includes('--ignore-scripts') } };
}

/** `python -m pip ...` as `pip ...`. */
function stripPython(words: readonly string[]): readonly string[] {
  return /^python(3(\.\d+)?)?$/.test(words[0] ?? '') && words[1] === '-m' ? words.slice(2) : words;
}

/** pip's options that take a value (pip install --help); `-e`/`--editable` is not here: it installs a tree. */
const PIP_VALUE_OPTIONS = new Set(['-r', '--requirement', '-c', '--constraint', '-i', '--index-url', '--extra-index-url', '-f', '--find-links',
  '--trusted-host', '-t', '--target', '--prefix', '--root', '--platform', '--python-version', '--implementation', '--abi', '--only-binary',
  '--no-binary', '--progress-bar', '--timeout', '--retries', '--cache-dir', '--upgrade-strategy', '--log', '--proxy', '--cert', '--client-cert',
  '--exists-action', '--python', '--report']);

/** `pip install -r a.txt [-r b.txt] [options]`: requirement files and options only, no package or path. */
function pipRequirements(command: string, args: readonly string[], tool: string): DependencyInstall | undefined {
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    const [option, inline] = word.startsWith('--') && word.includes('=') ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)] : [word, undefined];
    if (option === '-e' || option === '--editable') return undefined;
    if (!option.startsWith('-')) return undefined;
    if (!PIP_VALUE_OPTIONS.has(option)) continue;
    const value = inline ?? args[++i];
    if (value === undefined) return undefined;
    if (option === '-r' || option === '--requirement') files.push(value);
  }
  return files.length > 0 ? { command, manifests: files, pinned: true, tool } : undefined;
}

/** Maven's goals on a command line (its options with a value skipped); undefined for one not read here. */
function mavenGoals(args: readonly string[]): string[] | undefined {
  const goals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    if (['-f', '--file', '-s', '--settings', '-gs', '--global-settings', '-P', '--activate-profiles', '-pl', '--projects', '-T', '--threads', '-D', '-t', '--toolchains', '-l', '--log-file'].includes(word)) i++;
    else if (!word.startsWith('-')) goals.push(word);
  }
  return goals.length > 0 ? goals : undefined;
}

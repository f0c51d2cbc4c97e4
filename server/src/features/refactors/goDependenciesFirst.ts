// Convert to a multi-stage build, downloading the dependencies first (an option, never the default): the Docker
// blog's Go step, `COPY go.mod go.sum ./` and `RUN go mod download` just before the build stage's `COPY . .`, so
// that the download stays cached until the manifests change (BuildKit keys a COPY by the content it copies,
// as DependenciesAfterSource says, diagnostics/dependencyRules.ts). Offered only where the manifests are certain
// (go.mod read from the build context as BuildKit sends it; go.sum copied only where it is there) and the
// download reads nothing else: no go.work (workspace mode reads the other modules), no vendor/modules.txt (the
// build would not download), no `replace` by a local path (the download would read that folder's go.mod); the
// copy is a plain `COPY . .` into the WORKDIR (or to its path) and the first `go build` runs there, after nothing but instructions
// that cannot change what it reads (the ones DependenciesAfterSource's fix allows), without a mount or a
// variable of the go command that the download would lack.
import type { InstructionInfo } from '../../analysis/model';
import type { FeatureContext } from '../featureContext';
import { INERT } from '../codeActions/dependencyFixes';
import { installsOf, runCommands, sentContextFile } from '../diagnostics/dependencyRules';
import type { ConvertPlan } from './convertPlan';

export interface DependenciesFirst {
  /** The whole context's copy, before which the manifests' copy and the download go. */
  readonly copy: InstructionInfo;
  /** go.mod, and go.sum where the context has it. */
  readonly manifests: readonly string[];
}

/** The only flags the manifests' copy repeats from the whole copy; another (--from, --exclude, --parents) declines. */
const KEPT_FLAGS = /^--(?:chown|chmod|link)(?:=|$)/i;

/** Variables set on the go build's command line that do not change what `go mod download` fetches. */
const BUILD_ONLY_VARIABLES = new Set(['CGO_ENABLED', 'GOOS', 'GOARCH', 'GOARM', 'GOAMD64', 'GOARM64', 'GO386', 'GOEXPERIMENT']);

/** A `replace` whose target is a path (`./`, `../`, `/`): go.mod's reference, "replace directive". */
const LOCAL_REPLACE = /=>\s*(?:\.{1,2}(?:\/|\s|$)|\/)/m;

export function planDependenciesFirst(context: Pick<FeatureContext, 'dockerignore' | 'contextFile'>, plan: ConvertPlan): DependenciesFirst | { disabled: string } {
  const decline = (disabled: string) => ({ disabled });
  if (plan.builder.ecosystem !== 'go') return decline('Only a Go build\'s dependencies are downloaded first.');
  const read = sentContextFile(context);
  const goMod = read?.('go.mod');
  if (goMod === undefined) return decline('go.mod is not known to be in the build context (no workspace, or the .dockerignore excludes it).');
  if (read!('go.work') !== undefined) return decline('The build context has a go.work: the download would read the workspace\'s other modules.');
  if (read!('vendor/modules.txt') !== undefined) return decline('The build context vendors its dependencies (vendor/modules.txt): the build downloads nothing.');
  if (LOCAL_REPLACE.test(goMod)) return decline('go.mod replaces a module by a folder of the build context, which the download would read.');
  const build = plan.stage.instructions.slice(0, plan.lastBuild + 1);
  if (build.some((instruction) => installsOf(instruction).length > 0)) return decline('The build stage already installs dependencies.');
  const copyIndex = wholeCopyIndex(build);
  if (copyIndex < 0) return decline('The build stage does not copy the whole build context into the WORKDIR with a plain `COPY . .` before the build.');
  const runIndex = build.findIndex((instruction, index) => index > copyIndex && goBuildCommand(instruction) >= 0);
  const between = build.slice(copyIndex + 1, runIndex < 0 ? 0 : runIndex);
  if (runIndex < 0 || between.some((instruction) => !INERT.has(instruction.keyword))) return decline('Between `COPY . .` and the go build, an instruction may change what the build reads.');
  const reason = plainBuild(build[runIndex]);
  if (reason) return decline(reason);
  return { copy: build[copyIndex], manifests: read!('go.sum') === undefined ? ['go.mod'] : ['go.mod', 'go.sum'] };
}

/** The first `COPY . .` (or `./`, or the WORKDIR's own absolute path, which a plain absolute WORKDIR set) on one line, with no flag but those the manifests' copy can repeat. */
function wholeCopyIndex(build: readonly InstructionInfo[]): number {
  let workdir: string | undefined;
  return build.findIndex((instruction) => {
    const reading = instruction.buildkit;
    if (instruction.keyword === 'WORKDIR') {
      const value = reading?.args[0];
      workdir = value !== undefined && /^\/[\w./@+-]*$/.test(value) ? value.replace(/\/+$/, '') || '/' : undefined;
    }
    const paths = instruction.copyPaths;
    if (instruction.keyword !== 'COPY' || !reading || reading.rejected || !paths || instruction.range.start.line !== instruction.range.end.line) return false;
    const destination = paths.destination.text;
    const intoWorkdir = destination === '.' || destination === './' || (workdir !== undefined && destination.startsWith('/') && (destination.replace(/\/+$/, '') || '/') === workdir);
    return paths.sources.length === 1 && ['.', './'].includes(paths.sources[0].text) && intoWorkdir && reading.flags.every((flag) => KEPT_FLAGS.test(flag));
  });
}

/** Whether a RUN runs `go build` (after variable assignments) in one of its commands. */
function goBuildCommand(instruction: InstructionInfo): number {
  return runCommands(instruction)?.findIndex(isGoBuild) ?? -1;
}

function isGoBuild(words: readonly string[]): boolean {
  const command = words.filter((word) => !/^\w+=/.test(word));
  return command[0] === 'go' && command[1] === 'build';
}

/** Why the build RUN's download could differ from `go mod download` before it; undefined where it cannot. */
function plainBuild(run: InstructionInfo): string | undefined {
  const line = run.range.start.line + 1;
  if ((run.buildkit?.flags.length ?? 0) > 0) return `The go build on line ${line} runs with flags (a mount, a network) the download would not have.`;
  const commands = runCommands(run)!;
  const index = commands.findIndex(isGoBuild);
  if (commands.slice(0, index).some((words) => ['cd', 'pushd', 'export'].includes(words[0]))) return `The go build on line ${line} runs after a command that changes its directory or environment.`;
  const variable = commands[index].find((word) => /^\w+=/.test(word) && !BUILD_ONLY_VARIABLES.has(word.slice(0, word.indexOf('='))));
  return variable && `The go build on line ${line} sets ${variable.slice(0, variable.indexOf('='))}, which the download would not have.`;
}

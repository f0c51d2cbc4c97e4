// DependenciesAfterSource: in one stage, a copy of the whole build context comes before a step that installs
// dependencies from their manifests alone (dependencyInstalls.ts). BuildKit keys the COPY by the content it
// copies (solver/llbsolver/ops/file.go, fileOp.CacheMap) and every later step by its inputs' keys
// (solver/cachekey.go), so any change to the context re-runs the install; copying the manifests first keeps it
// cached until they change. Said only where the install runs in the directory the context was copied into.
// A Node install's manifests are read from the build context (nodeManifests.ts): without it (no workspace, a file
// the .dockerignore excludes) nothing is said of npm, yarn or pnpm.
import type { InstructionInfo, Stage, StageModel } from '../../analysis/model';
import { parentStage, patternBase, possibleAncestors } from '../../analysis/chain';
import { cleanPath, IgnoreMatcher } from '../../analysis/dockerignorePatterns';
import type { ContextFileText, FeatureContext } from '../featureContext';
import type { Finding } from './rules';
import { contextRead } from '../cacheImpact/contextReads';
import { dependencyInstall, shellCommands, type DependencyInstall } from './dependencyInstalls';
import { nodeManifests } from './nodeManifests';
import { literalWord } from './shellWord';
import { StageMemo } from './stageMemo';

/** An install after the whole context's copy, as the rule finds it (and its fix reads it). */
export interface DependencyHit {
  readonly stage: Stage;
  readonly copy: InstructionInfo;
  readonly run: InstructionInfo;
  readonly install: DependencyInstall;
  /** Where the install runs, from the copied context's root ('' at the root). */
  readonly directory: string;
  /** The files it reads, relative to where it runs: the command's, or a Node project's as the context holds them. */
  readonly manifests: readonly string[];
  /** Why the install may read more than the manifests (no fix then). */
  readonly readsMore?: string;
}

/** What the rule reads: the model, and the build context's files and .dockerignore where the workspace has them. */
export type DependencyContext = Pick<FeatureContext, 'model' | 'dockerignore' | 'contextFile'>;

export function checkDependenciesAfterSource(context: DependencyContext): Finding[] {
  return dependenciesAfterSource(context).map(finding);
}

/** The build context's files as BuildKit sends them: a file the .dockerignore excludes is not there; undefined without a workspace. */
export function sentContextFile({ dockerignore, contextFile }: Pick<FeatureContext, 'dockerignore' | 'contextFile'>): ContextFileText | undefined {
  const matcher = dockerignore && dockerignore.length > 0 ? IgnoreMatcher.of(dockerignore) : undefined;
  return contextFile && ((path: string) => (matcher?.matchesOrParentMatches(cleanPath(path)) ? undefined : contextFile(path)));
}

export function dependenciesAfterSource({ model, dockerignore, contextFile }: DependencyContext): DependencyHit[] {
  const read = sentContextFile({ dockerignore, contextFile });
  const hits: DependencyHit[] = [];
  // Per stage, the tools whose installs it has run, its FROM chain's included (a stage comes after its parent).
  const toolsAfter: ReadonlySet<string>[] = [];
  for (const stage of model.stages) {
    const inherited = inheritedTools(model, stage, toolsAfter);
    // The context's reader and .dockerignore are the same objects until one of their files changes.
    const result = BY_STAGE.keyed(stage, [inherited, dockerignore, contextFile], () => stageHits(model, stage, inherited, read));
    toolsAfter[stage.index] = result.installed;
    hits.push(...result.hits);
  }
  return hits;
}

const NO_TOOLS: ReadonlySet<string> = new Set();

/**
 * The tools a stage's base has installed: its parent's; where a FROM built from ARGs may build it on one of
 * several stages, any of theirs (which one, `--build-arg` decides: an install there may already have run).
 */
function inheritedTools(model: StageModel, stage: Stage, toolsAfter: readonly ReadonlySet<string>[]): ReadonlySet<string> {
  const parent = parentStage(model, stage);
  if (parent) return parent.index < stage.index ? toolsAfter[parent.index] : NO_TOOLS;
  if (!patternBase(model, stage)) return NO_TOOLS;
  const possible = [...possibleAncestors(model, stage)].filter((index) => index < stage.index && toolsAfter[index].size > 0).map((index) => toolsAfter[index]);
  return possible.length <= 1 ? possible[0] ?? NO_TOOLS : new Set(possible.flatMap((tools) => [...tools]));
}

/**
 * A stage's hits depend on its own instructions, the tools its FROM chain installed, and the build context's
 * files (the context reads of COPY and ADD read nothing else of the model).
 */
const BY_STAGE = new StageMemo<{ readonly hits: readonly DependencyHit[]; readonly installed: ReadonlySet<string> }>();

function stageHits(model: StageModel, stage: Stage, inherited: ReadonlySet<string>, read: ContextFileText | undefined): { hits: DependencyHit[]; installed: ReadonlySet<string> } {
  const hits: DependencyHit[] = [];
  const installed = new Set(inherited);
  // The whole context's copy and where it went: a WORKDIR's path, or `here` for `.` under a WORKDIR not known.
  let wholeCopy: { instruction: InstructionInfo; into: string } | undefined;
  let workdir: string | undefined;
  for (const instruction of stage.instructions) {
    if (instruction.keyword === 'WORKDIR') {
      const value = instruction.buildkit?.args[0] !== undefined ? literalWord(instruction.buildkit.args[0], model.escapeCharacter) : undefined;
      workdir = value?.startsWith('/') ? trimSlashes(value) : undefined;
      if (wholeCopy?.into === HERE) wholeCopy = undefined;
    } else if (!wholeCopy) {
      const into = wholeContextDestination(model, stage, instruction, workdir);
      if (into !== undefined) wholeCopy = { instruction, into };
    }
    for (const install of installsOf(instruction)) {
      const underCopy = wholeCopy && (wholeCopy.into === HERE || (workdir !== undefined && isAtOrUnder(workdir, wholeCopy.into)));
      const directory = underCopy ? relativeDirectory(wholeCopy!.into, workdir) : undefined;
      const project = install.project && directory !== undefined && read ? nodeManifests(install.project, directory, read) : undefined;
      const known = install.project ? project : { manifests: install.manifests };
      if (wholeCopy && directory !== undefined && known && !install.fetchOnly && !installed.has(install.tool)) {
        hits.push({ stage, copy: wholeCopy.instruction, run: instruction, install, directory, ...known });
      }
      installed.add(install.tool);
    }
  }
  return { hits, installed };
}

const HERE = '.';

/**
 * Where a COPY/ADD of the whole context puts it: an absolute directory, or `.` for the working directory where
 * no WORKDIR says which; undefined for any other instruction.
 */
function wholeContextDestination(model: StageModel, stage: Stage, instruction: InstructionInfo, workdir: string | undefined): string | undefined {
  if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') return undefined;
  const read = contextRead(model, stage, instruction);
  const destination = instruction.copyPaths?.destination.text;
  if (!read || !read.paths.includes('.') || destination === undefined || destination.includes('$')) return undefined;
  if (destination.startsWith('/')) return trimSlashes(destination);
  if (trimSlashes(destination) === '.' || destination === './') return workdir ?? HERE;
  return undefined;
}

function trimSlashes(path: string): string {
  return path.replace(/\/+$/, '') || '/';
}

/** Where the install runs from the copied context's root: the WORKDIR below the copy's destination. */
function relativeDirectory(into: string, workdir: string | undefined): string {
  if (into === HERE || workdir === undefined || workdir === into) return '';
  return workdir.slice(into === '/' ? 1 : into.length + 1);
}

function isAtOrUnder(path: string, directory: string): boolean {
  return path === directory || path.startsWith(directory === '/' ? '/' : `${directory}/`);
}

/** The words of each command a RUN runs; undefined for another instruction, a heredoc or a script not read here. */
export function runCommands(instruction: InstructionInfo): string[][] | undefined {
  const reading = instruction.buildkit;
  if (instruction.keyword !== 'RUN' || !reading || reading.rejected) return undefined;
  return reading.json ? [[...reading.args]] : reading.rest.startsWith('<<') ? undefined : shellCommands(reading.args[0] ?? '');
}

/** A word of every install dependencyInstall knows: most RUNs are passed over without reading their commands. */
const INSTALLERS = /go\s+mod\s+download|pip[\d.]*\s+install|uv\s+sync|poetry\s+install|composer\s+install|mvnw?\s|dotnet\s+restore|npm\s+(ci|i|install|clean-install)\b|yarn\b|pnpm\s+(i|install|fetch)\b/;

/** The dependency installs a RUN runs before anything changes its directory; none for other instructions. */
export function installsOf(instruction: InstructionInfo): DependencyInstall[] {
  if (instruction.keyword !== 'RUN' || !INSTALLERS.test(instruction.buildkit?.rest ?? '')) return [];
  const installs: DependencyInstall[] = [];
  for (const words of runCommands(instruction) ?? []) {
    if (['cd', 'pushd'].includes(words[0])) break;
    const install = dependencyInstall(words);
    if (install) installs.push(install);
  }
  return installs;
}

function finding({ run: instruction, install, copy, stage, manifests: files, readsMore }: DependencyHit): Finding {
  const manifests = files.length === 1 ? files[0] : `${files.slice(0, -1).join(', ')} and ${files[files.length - 1]}`;
  const advice = readsMore
    ? `It may read more than ${manifests}: ${readsMore}. Copy what it reads first, install, then copy the rest.`
    : `Copy ${manifests} first, install, then copy the rest.`;
  return {
    code: 'DependenciesAfterSource',
    range: instruction.range,
    message: `\`${install.command}\` re-runs on every change to the build context: \`${copy.keyword} ${copy.summary}\` on line ${copy.range.start.line + 1} copies all of it first. ${advice}`,
    instructionLine: instruction.range.start.line,
    data: { stage: stage.index },
  };
}

// "Add cache mounts": on a RUN that runs a package manager, `--mount=type=cache` on the directory where that
// manager keeps its downloads, so that a RUN that re-runs downloads only what changed. A quick fix without a
// diagnostic (nothing is wrong without it). The directories are each manager's default as root, from Docker's
// "Optimize cache usage in builds" (https://docs.docker.com/build/cache/optimize/#use-cache-mounts: Go, apt,
// pip, npm, cargo), its Java guide (https://docs.docker.com/guides/java/develop/: `/root/.m2`) and Gradle's
// user home (https://docs.gradle.org/current/userguide/directory_layout.html: `~/.gradle`). Offered only where
// the directory is certain: no USER in the stage or a stage it is (or, through a FROM built from ARGs, may be)
// built FROM (the base image's own user is taken to be root, as the official images are), and for Go and Cargo
// only on the official images that set GOPATH and CARGO_HOME. A cache mount's content is not in the image: apt's lists then stay out of it, as
// `rm -rf /var/lib/apt/lists/*` would leave them.
import { CodeActionKind, type CodeAction, type Range, type TextEdit } from 'vscode-languageserver-types';
import type { InstructionInfo, Stage } from '../../analysis/model';
import { fromChain, possibleAncestors } from '../../analysis/chain';
import { stageAtLine } from '../locate';
import type { FeatureContext } from '../featureContext';
import { runCommands } from '../diagnostics/dependencyRules';

interface CacheMount {
  readonly target: string;
  readonly sharing?: 'locked';
}

interface PackageManager {
  readonly name: string;
  /** Whether a command (its words) runs this manager in a way that downloads. */
  readonly runs: (words: readonly string[]) => boolean;
  readonly mounts: readonly CacheMount[];
  /** The base image the directories belong to (its ENV sets them), where they are not the manager's own default. */
  readonly base?: RegExp;
  /** A RUN to insert before, once per FROM chain: apt's images delete what it downloads unless told not to. */
  readonly setup?: string;
}

const official = (name: string) => new RegExp(`^(docker\\.io/)?(library/)?${name}([:@]|$)`);

export const PACKAGE_MANAGERS: readonly PackageManager[] = [
  { name: 'Go', runs: ([tool, sub]) => tool === 'go' && ['build', 'install', 'test', 'mod', 'get', 'generate', 'run'].includes(sub), mounts: [{ target: '/go/pkg/mod' }, { target: '/root/.cache/go-build' }], base: official('golang') },
  { name: 'npm', runs: ([tool, sub]) => tool === 'npm' && ['ci', 'install', 'i'].includes(sub), mounts: [{ target: '/root/.npm' }] },
  { name: 'pip', runs: (words) => /^pip(3(\.\d+)?)?$/.test(pipWords(words)[0] ?? '') && pipWords(words)[1] === 'install' && !words.includes('--no-cache-dir'), mounts: [{ target: '/root/.cache/pip' }] },
  { name: 'Cargo', runs: ([tool, sub]) => tool === 'cargo' && ['build', 'fetch', 'install', 'test'].includes(sub), mounts: [{ target: '/usr/local/cargo/registry' }], base: official('rust') },
  { name: 'Maven', runs: ([tool]) => /^(\.\/)?mvnw?$/.test(tool), mounts: [{ target: '/root/.m2' }] },
  { name: 'Gradle', runs: ([tool]) => /^(\.\/)?gradlew?$/.test(tool), mounts: [{ target: '/root/.gradle' }] },
  {
    name: 'apt', runs: ([tool, sub]) => (tool === 'apt-get' || tool === 'apt') && ['install', 'update'].includes(sub),
    mounts: [{ target: '/var/cache/apt', sharing: 'locked' }, { target: '/var/lib/apt', sharing: 'locked' }],
    setup: `RUN rm -f /etc/apt/apt.conf.d/docker-clean; echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' > /etc/apt/apt.conf.d/keep-cache`,
  },
];

function pipWords(words: readonly string[]): readonly string[] {
  return /^python(3(\.\d+)?)?$/.test(words[0] ?? '') && words[1] === '-m' ? words.slice(2) : words;
}

/** The cache mount quick fix on the RUN at the start of `range`; none elsewhere. */
export function cacheMountActions(context: FeatureContext, uri: string, range: Range): CodeAction[] {
  const { model } = context;
  const stage = stageAtLine(model, range.start.line);
  const run = stage?.instructions.find((i) => i.keyword === 'RUN' && i.range.start.line <= range.start.line && range.start.line <= i.range.end.line);
  if (!stage || !run || setsUser(context, stage, run)) return [];
  const commands = runCommands(run) ?? [];
  const mounted = new Set((run.mounts ?? []).map((mount) => mount.target?.replace(/\/+$/, '')));
  const base = fromChain(model, stage).pop()?.expandedBase ?? '';
  const managers = PACKAGE_MANAGERS.filter((manager) => commands.some(manager.runs) && (!manager.base || manager.base.test(base))
    && manager.mounts.some((mount) => !mounted.has(mount.target)));
  return managers.map((manager) => ({
    title: `Add cache mounts for ${manager.name} (${manager.mounts.map((mount) => mount.target).join(', ')})`,
    kind: CodeActionKind.QuickFix,
    edit: { changes: { [uri]: mountEdits(context, stage, run, manager, mounted) } },
  }));
}

function mountEdits(context: FeatureContext, stage: Stage, run: InstructionInfo, manager: PackageManager, mounted: ReadonlySet<string | undefined>): TextEdit[] {
  const flags = manager.mounts.filter((mount) => !mounted.has(mount.target))
    .map((mount) => ` --mount=type=cache,target=${mount.target}${mount.sharing ? `,sharing=${mount.sharing}` : ''}`).join('');
  const edits: TextEdit[] = [{ range: { start: run.keywordRange.end, end: run.keywordRange.end }, newText: flags }];
  const setUp = manager.setup && !fromChain(context.model, stage).some((s) => s.instructions.some((i) => i.keyword === 'RUN' && i.summary.includes('docker-clean')));
  if (setUp) {
    const line = { line: run.range.start.line, character: 0 };
    const eol = /\r\n/.test(context.text) ? '\r\n' : '\n';
    edits.push({ range: { start: line, end: line }, newText: `${manager.setup}${eol}` });
  }
  return edits;
}

/**
 * A USER before the RUN in its stage, its FROM chain, or a stage a FROM built from ARGs may build it on: the
 * manager's directory is then (or may be) that user's.
 */
function setsUser({ model }: FeatureContext, stage: Stage, run: InstructionInfo): boolean {
  const user = (s: Stage) => s.instructions.some((i) => i.keyword === 'USER' && (s !== stage || i.range.start.line < run.range.start.line));
  return user(stage) || [...possibleAncestors(model, stage)].some((index) => user(model.stages[index]));
}

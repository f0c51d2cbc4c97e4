// Hover on what an instruction reads of the build context (a COPY/ADD source, a RUN bind mount of the context):
// what a change there re-runs, stage by stage, and how much of each target's build that is.
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import type { Range } from '../../analysis/model';
import { stageLabel } from '../../analysis/names';
import { rangeContains } from '../../analysis/positions';
import type { FeatureContext } from '../featureContext';
import { contextRead, type ContextRead } from './contextReads';
import { rerunsFrom, type StageRerun } from './reruns';

export function hoverCacheImpact(context: FeatureContext, position: Position): Hover | undefined {
  const found = readAt(context, position);
  return found && { contents: { kind: MarkupKind.Markdown, value: cacheImpactMarkdown(context, found.read) }, range: found.range };
}

/** The context read whose source path (or bind mount flag) holds the position. */
function readAt({ model }: FeatureContext, position: Position): { read: ContextRead; range: Range } | undefined {
  for (const stage of model.stages) {
    if (position.line < stage.range.start.line || position.line > stage.range.end.line) continue;
    for (const instruction of stage.instructions) {
      if (!rangeContains(instruction.range, position)) continue;
      const ranges = instruction.keyword === 'RUN'
        ? (instruction.mounts ?? []).filter((mount) => mount.type === 'bind' && mount.from === undefined).map((mount) => mount.range)
        : (instruction.copyPaths?.sources ?? []).map((source) => source.range);
      const range = ranges.find((candidate) => rangeContains(candidate, position));
      const read = range && contextRead(model, stage, instruction);
      return read && range ? { read, range } : undefined;
    }
  }
  return undefined;
}

/** What a change to what `read` reads re-runs, as Markdown. */
export function cacheImpactMarkdown({ model, reachability, dockerignore }: FeatureContext, read: ContextRead): string {
  const reruns = rerunsFrom(model, read.stage.index, read.instruction.range.start.line);
  const paths = [...read.paths.map((path) => `\`${path === '.' ? './' : path}\``), ...read.unknown ? ['paths the build decides'] : []];
  const ignored = dockerignore && dockerignore.length > 0 ? ' (less what .dockerignore excludes)' : '';
  const lines = [`**Cache**: a change to ${paths.join(', ')} in the build context${ignored} re-runs:`, ''];
  for (const rerun of reruns) lines.push(`- ${rerunText(model, rerun)}`);
  const perTarget = reachability.targets.flatMap((target) => {
    const built = reachability.builtBy.filter((targets) => targets.includes(target)).length;
    const rerunning = reruns.filter((rerun) => reachability.builtBy[rerun.stage]?.includes(target)).length;
    return rerunning > 0 ? [`target \`${target.name}\` (${target.origin}): ${rerunning} of its ${built} stage${built === 1 ? '' : 's'}`] : [];
  });
  lines.push('', perTarget.length > 0 ? `In the build of ${perTarget.join('; ')}.` : 'No target builds these stages.');
  lines.push('', 'BuildKit still reuses a later step whose input comes out unchanged.');
  return lines.join('\n');
}

function rerunText({ stages }: FeatureContext['model'], rerun: StageRerun): string {
  const stage = stages[rerun.stage];
  const last = stage.range.end.line + 1;
  const first = rerun.fromLine + 1;
  const what = rerun.whole ? 'the whole stage' : first === last ? `line ${first}` : `lines ${first}–${last}`;
  return `\`${stageLabel(stage)}\`: ${what}${rerun.possible ? ', possibly (a name built from ARGs may take it)' : ''}`;
}

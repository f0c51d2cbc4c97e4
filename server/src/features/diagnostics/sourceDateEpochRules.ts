// InvalidSourceDateEpochStage: the stage `ARG SOURCE_DATE_EPOCH=<stage>` names must hold exactly one remote
// source, or BuildKit fails every build that does not set SOURCE_DATE_EPOCH itself. The checks and messages are
// sourceDateEpochStageSource and sourceDateEpochAddSource in dockerfile2llb/epoch.go, in their order: the base
// (global ARGs expanded) must be `scratch`; only ARG and ADD instructions; exactly one ADD, of one source, not a
// heredoc, that is an HTTP(S) URL or a Git reference. What variables decide is left alone.
import type { Range, Stage, StageModel } from '../../analysis/model';
import { hasVariable } from '../../analysis/args';
import type { Finding } from './rules';

const PREFIX = 'SOURCE_DATE_EPOCH stage';

export function checkSourceDateEpochStage(model: StageModel): Finding[] {
  const reference = model.references.find((r) => r.kind === 'source-date-epoch');
  if (reference?.resolution.kind !== 'stage') return [];
  const stage = model.stages[reference.resolution.stage];
  const problem = sourceOnlyProblem(stage);
  if (!problem) return [];
  return [{
    code: 'InvalidSourceDateEpochStage',
    range: problem.range,
    instructionLine: problem.range.start.line,
    message: `${problem.message} (ARG SOURCE_DATE_EPOCH on line ${reference.instructionLine + 1} names this stage).`,
    data: { stage: stage.index },
  }];
}

interface Problem {
  readonly message: string;
  readonly range: Range;
}

function sourceOnlyProblem(stage: Stage): Problem | undefined {
  const base = stage.expandedBase;
  if (base === undefined || hasVariable(base)) return undefined;
  if (base !== 'scratch') return { message: `${PREFIX} must use FROM scratch`, range: stage.base!.range };
  let add: Range | undefined;
  for (const instruction of stage.instructions) {
    if (instruction.keyword === 'ARG') continue;
    if (instruction.keyword !== 'ADD') {
      return { message: `${PREFIX} does not meet source-only requirements: unsupported ${instruction.keyword} instruction`, range: instruction.keywordRange };
    }
    if (add) return { message: `${PREFIX} must contain exactly one remote ADD`, range: instruction.keywordRange };
    add = instruction.keywordRange;
    const sources = instruction.addSources ?? [];
    if (sources.length !== 1 || sources[0].startsWith('<<')) return { message: `${PREFIX} must contain exactly one remote ADD source`, range: instruction.range };
    if (hasVariable(sources[0])) return undefined;
    if (!isRemote(sources[0])) return { message: `${PREFIX} source must be a single HTTP(S) or Git ADD`, range: instruction.range };
  }
  return add ? undefined : { message: `${PREFIX} must contain exactly one remote ADD`, range: stage.name?.range ?? stage.fromKeyword.range };
}

/**
 * An HTTP(S) URL, or what may be a Git reference (dfgitutil.ParseGitRef: `git@host:repo`, a scheme, a `.git`
 * path): only a plainly local path counts as not remote.
 */
function isRemote(source: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(source) || /^[\w.-]+@[\w.-]+:/.test(source) || /\.git(#|$|\/)/.test(source) || /^github\.com\//.test(source);
}

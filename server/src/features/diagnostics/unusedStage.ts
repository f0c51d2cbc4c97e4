// UnusedStage: stages that no build target reaches (BuildKit never builds them).
import { DiagnosticTag } from 'vscode-languageserver-types';
import type { FeatureContext } from '../context';
import type { Finding } from './rules';
import { stageLabel } from '../../analysis/names';

export function checkUnusedStages({ model, reachability }: FeatureContext): Finding[] {
  const considered = reachability.targets.map((t) => `'${t.name}' (${t.origin})`).join(', ');
  return model.stages
    .filter((stage) => reachability.builtBy[stage.index].length === 0)
    .map((stage) => ({
      code: 'UnusedStage' as const,
      range: stage.range,
      instructionLine: stage.fromRange.start.line,
      message: `Stage '${stageLabel(stage)}' is not built by any target (targets considered: ${considered}).`,
      tags: [DiagnosticTag.Unnecessary],
      data: { stage: stage.index },
    }));
}

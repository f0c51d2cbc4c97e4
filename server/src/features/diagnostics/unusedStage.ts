// UnusedStage: stages that no build target reaches (BuildKit never builds them). The message says what was
// considered: the targets (each once, with every place that names it) and the builds seen whose target could
// not be resolved; a stage such a build may name is never reported (its target is a pattern that matches it).
import { DiagnosticTag } from 'vscode-languageserver-types';
import type { BuildTarget, Reachability } from '../../analysis/graph';
import type { FeatureContext } from '../featureContext';
import type { Finding } from './rules';
import { stageLabel } from '../../analysis/names';

export function checkUnusedStages({ model, reachability }: FeatureContext): Finding[] {
  const considered = consideredTargets(reachability, (name) => `'${name}'`);
  return model.stages
    .filter((stage) => reachability.builtBy[stage.index].length === 0)
    .map((stage) => ({
      code: 'UnusedStage' as const,
      range: stage.range,
      instructionLine: stage.fromRange.start.line,
      message: `Stage '${stageLabel(stage)}' is not built by any target (${considered}).`,
      tags: [DiagnosticTag.Unnecessary],
      data: { stage: stage.index },
    }));
}

/**
 * `targets considered: 'release' (default target), 'dev' (compose.yaml:5, Makefile:12)`, then `builds not
 * resolved: build.sh:7 ($EXTRA_FLAGS may give --target)` when there are such builds.
 */
export function consideredTargets(reachability: Reachability, quote: (name: string) => string): string {
  const resolved = reachability.targets.filter((target) => !target.unresolved);
  const unresolved = reachability.targets.filter((target) => target.unresolved);
  const text = `targets considered: ${byName(resolved).map(([name, origins]) => `${quote(name)} (${origins.join(', ')})`).join(', ')}`;
  if (unresolved.length === 0) return text;
  const notResolved = [...new Set(unresolved.map((target) => `${target.origin} (${target.unresolved})`))];
  return `${text}; builds not resolved: ${notResolved.join(', ')}`;
}

/** Targets of the same name once, with each place that names them (in order). */
export function byName(targets: readonly BuildTarget[]): [string, string[]][] {
  const names = new Map<string, string[]>();
  for (const target of targets) {
    const origins = names.get(target.name) ?? [];
    if (!origins.includes(target.origin)) origins.push(target.origin);
    names.set(target.name, origins);
  }
  return [...names];
}

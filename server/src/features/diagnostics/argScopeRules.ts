// ArgNotInScope (ours): an ARG used in a stage that does not declare it. Global ARGs (and BuildKit's automatic
// ones such as TARGETARCH) are visible in FROM lines only; a stage sees its own ARG/ENV declarations and what it
// inherits through `FROM <stage>`, nothing else (docs/variables.md). So `$X` there does not get the ARG's value:
// it is empty, unless the base image's ENV sets X. Shell-form RUN included, where BuildKit's UndefinedVar does not
// look; text the shell leaves literal (`'$X'`, `\$X`), a name the script sets itself, or CMD, ENTRYPOINT and
// HEALTHCHECK text (the container's shell reads it, with `docker run -e`'s values) are not reported, nor
// `${X:-word}` / `${X:+word}`, which say what they want when X is empty; except for BuildKit's automatic ARGs,
// which are never empty where they are in scope: `${TARGETARCH:-amd64}` in a stage that does not declare
// TARGETARCH takes its default for every platform (shell/lex.go counts it unmatched, and BuildKit's UndefinedVar
// reports it outside RUN: "Usage of undefined variable '$TARGETARCH'").
// Where BuildKit's UndefinedVar reports the name in the instruction, it speaks for that `$X` (undefinedVarRules.ts):
// one finding per `$X`.

import type { Stage, StageModel } from '../../analysis/model';
import { AUTOMATIC_ARGS, fromChain, lookupInStage, PROXY_ARGS } from '../../analysis/scope';
import type { VariableUse } from '../../analysis/model';
import type { Finding } from './rules';
import { stageLabel } from '../../analysis/names';
import { RUNTIME_KEYWORDS } from '../../analysis/dispatchSteps';

export function checkArgScope(model: StageModel, undefinedVars: readonly Finding[] = []): Finding[] {
  const byUndefinedVar = new Set(undefinedVars.map((finding) => `${finding.instructionLine}:${finding.data?.variable}`));
  const findings: Finding[] = [];
  const globalLines = new Map(model.globalArgs.map((arg) => [arg.name, arg.range.start.line]));
  const declaredIn = stagesDeclaringArgs(model);
  for (const stage of model.stages) {
    const reported = new Set<string>();
    for (const use of stage.uses) {
      if (!mayReport(use) || reported.has(use.name) || byUndefinedVar.has(`${use.instructionLine}:${use.name}`)) continue;
      const origin = unboundArg(model, stage, use, globalLines, declaredIn);
      if (!origin) continue;
      const lookup = lookupInStage(model, stage.index, use.instructionLine, use.name);
      // A stage a FROM built from ARGs may build this one on sets it: whether it reaches here depends on `--build-arg`.
      if (lookup.chain.length > 0 || lookup.possibleOrigins.length > 0) continue;
      // Once per name and stage: one `ARG` line mends them all.
      reported.add(use.name);
      findings.push({
        code: 'ArgNotInScope',
        range: use.nameRange,
        instructionLine: use.instructionLine,
        message: `${origin}, so ${consequence(use, lookup.fromBaseImage === true)}: declare \`ARG ${use.name}\` in this stage.`,
        data: { stage: stage.index, variable: use.name },
      });
    }
  }
  return findings;
}

function mayReport(use: VariableUse): boolean {
  return use.keyword !== 'FROM' && !RUNTIME_KEYWORDS.has(use.keyword) && !use.shellLiteral && !use.shellAssigned && (use.operator === undefined || AUTOMATIC_ARGS.has(use.name)) && !PROXY_ARGS.has(use.name);
}

/** What the use gets here: nothing (or the base image's ENV); for `${X:-word}` and the like, the same on every build. */
function consequence(use: VariableUse, fromBaseImage: boolean): string {
  const unless = fromBaseImage ? `unless the base image sets ${use.name}` : '';
  if (use.operator === undefined) return `$${use.name} is empty here${unless && ` ${unless}`}`;
  const every = use.name === 'TARGETSTAGE' ? 'for every target' : 'on every platform';
  const reads = /^:?-$/.test(use.operator) ? 'takes its default' : `reads an empty ${use.name}`;
  return `\${${use.name}${use.operator}…} ${reads} here ${every}${unless && `, ${unless}`}`;
}

/** Why the name is an ARG this stage could have meant, or undefined when it is no ARG at all (an ENV, a shell variable). */
function unboundArg(model: StageModel, stage: Stage, use: VariableUse, globalLines: ReadonlyMap<string, number>, declaredIn: ReadonlyMap<string, Stage[]>): string | undefined {
  const globalLine = globalLines.get(use.name);
  if (globalLine !== undefined) return `ARG ${use.name} is declared before the first FROM (line ${globalLine + 1}), which makes it visible in FROM lines only`;
  if (AUTOMATIC_ARGS.has(use.name)) return `BuildKit sets ${use.name} in the global scope, visible in FROM lines only`;
  const chain = new Set(fromChain(model, stage).map((s) => s.index));
  const elsewhere = (declaredIn.get(use.name) ?? []).find((other) => !chain.has(other.index));
  if (!elsewhere) return undefined;
  return `ARG ${use.name} is declared in stage '${stageLabel(elsewhere)}' (line ${elsewhere.fromRange.start.line + 1}), which this stage is not built FROM`;
}

function stagesDeclaringArgs(model: StageModel): Map<string, Stage[]> {
  const byName = new Map<string, Stage[]>();
  for (const stage of model.stages) {
    for (const declaration of stage.declarations) {
      if (declaration.kind !== 'arg') continue;
      const list = byName.get(declaration.name) ?? [];
      if (!list.includes(stage)) list.push(stage);
      byName.set(declaration.name, list);
    }
  }
  return byName;
}

/**
 * ArgAfterFrom (ours): `ARG X` inside a stage that the stage does not use, where a later FROM uses `$X` and no
 * global ARG declares X: FROM lines see global ARGs only, so the ARG was meant above the first FROM.
 */
export function checkArgAfterFrom(model: StageModel): Finding[] {
  const global = new Set(model.globalArgs.map((arg) => arg.name));
  const findings: Finding[] = [];
  for (const stage of model.stages) {
    for (const declaration of stage.declarations) {
      const { name } = declaration;
      // BuildKit's automatic ARGs are in every FROM's scope already.
      if (declaration.kind !== 'arg' || global.has(name) || AUTOMATIC_ARGS.has(name) || stage.uses.some((use) => use.name === name && use.keyword !== 'FROM')) continue;
      const later = model.stages.slice(stage.index + 1).find((s) => s.uses.some((use) => use.keyword === 'FROM' && use.name === name));
      if (!later) continue;
      findings.push({
        code: 'ArgAfterFrom',
        range: declaration.nameRange,
        instructionLine: declaration.instructionLine,
        message: `ARG ${name} is declared inside stage '${stageLabel(stage)}', but only the FROM on line ${later.fromRange.start.line + 1} uses it, and FROM lines see only ARGs declared before the first FROM: move it there.`,
        data: { stage: stage.index, variable: name },
      });
    }
  }
  return findings;
}

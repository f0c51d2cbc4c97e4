// Platform ARGs that do not do what they seem to (ours; docs/variables.md, "Automatic and predefined ARGs").
// PlatformArgDefault: a default on an automatic platform ARG replaces BuildKit's value for every build that does
// not pass it with --build-arg (buildMetaArgs, dispatchArg): `--platform linux/arm64` then still sees the default.
// CrossCompileWithoutTarget: a stage built on `$BUILDPLATFORM` that runs a native compiler (go build, cargo build,
// gcc, ...) and is copied into a stage built for the target platform, but never reads TARGETOS/TARGETARCH/
// TARGETPLATFORM/TARGETVARIANT: what it compiles is for the build platform. Stages that run other commands
// (web assets, downloads: the corpus's 12 `$BUILDPLATFORM` stages copied into target stages) are left alone.
import type { Stage, StageEdge, StageModel } from '../../analysis/model';
import { AUTOMATIC_ARGS, effectivePlatform, fromChain } from '../../analysis/scope';
import type { Finding } from './rules';
import { stageLabel } from '../../analysis/names';

const TARGET_ARGS = ['TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT'];

export function checkPlatformArgs(model: StageModel): Finding[] {
  const findings: Finding[] = [];
  const platformArg = (name: string) => AUTOMATIC_ARGS.has(name) && name !== 'TARGETSTAGE';
  const message = (name: string, value: string) =>
    `The default '${value}' replaces the ${name} BuildKit sets: every build without --build-arg ${name} gets '${value}', whatever --platform says.`;
  for (const arg of model.globalArgs) {
    if (platformArg(arg.name) && arg.defaultValue !== undefined) {
      findings.push({ code: 'PlatformArgDefault', range: arg.nameRange, instructionLine: arg.range.start.line, message: message(arg.name, arg.defaultValue) });
    }
  }
  for (const stage of model.stages) {
    for (const declaration of stage.declarations) {
      if (declaration.kind !== 'arg' || !platformArg(declaration.name) || declaration.value === undefined) continue;
      findings.push({ code: 'PlatformArgDefault', range: declaration.nameRange, instructionLine: declaration.instructionLine, message: message(declaration.name, declaration.value), data: { stage: stage.index } });
    }
  }
  return [...findings, ...crossCompiles(model)];
}

function crossCompiles(model: StageModel): Finding[] {
  const findings: Finding[] = [];
  for (const stage of model.stages) {
    const compiler = compilerOnBuildPlatform(stage);
    // Built on a stage a FROM built from ARGs names, it takes that stage's platform and ENV (GOARCH...): unknown.
    if (!compiler || readsTarget(model, stage) || platformDepends(model, stage)) continue;
    const user = edgesTo(model.edges, model.stages.length)[stage.index].find((edge) => edge.reference.kind !== 'from' && !edge.possible && onTargetPlatform(model, model.stages[edge.from]));
    if (!user) continue;
    const into = model.stages[user.from];
    findings.push({
      code: 'CrossCompileWithoutTarget',
      range: stage.platform!.range,
      instructionLine: stage.fromRange.start.line,
      message: `Stage '${stageLabel(stage)}' runs \`${compiler}\` on the build platform and is copied into '${stageLabel(into)}' (line ${user.reference.range.start.line + 1}), built for the target platform, but reads none of ${TARGET_ARGS.join(', ')}: what it compiles is for the build platform.`,
      data: { stage: stage.index },
    });
  }
  return findings;
}

/** The edges into each stage, in the edges' order: indexed once per set of edges (an edit that keeps the references keeps them). */
const EDGES_TO = new WeakMap<readonly StageEdge[], StageEdge[][]>();

function edgesTo(edges: readonly StageEdge[], stageCount: number): readonly (readonly StageEdge[])[] {
  let index = EDGES_TO.get(edges);
  if (!index) {
    index = Array.from({ length: stageCount }, (): StageEdge[] => []);
    for (const edge of edges) index[edge.to]?.push(edge);
    EDGES_TO.set(edges, index);
  }
  return index;
}

const COMPILERS = new WeakMap<Stage, string | undefined>();

/** The native compiler a stage built on `$BUILDPLATFORM` runs, if any: looked at once per stage, as every version asks again. */
function compilerOnBuildPlatform(stage: Stage): string | undefined {
  if (!COMPILERS.has(stage)) {
    const onBuildPlatform = stage.platform !== undefined && /\$\{?BUILDPLATFORM\b/.test(stage.platform.text);
    COMPILERS.set(stage, onBuildPlatform ? stage.instructions.find((i) => i.compiler !== undefined)?.compiler : undefined);
  }
  return COMPILERS.get(stage);
}

/** Built for the target platform: no --platform anywhere on its FROM chain (or the target's own); not where a build arg picks the stage it is built on. */
function onTargetPlatform(model: StageModel, stage: Stage): boolean {
  if (platformDepends(model, stage)) return false;
  const withPlatform = fromChain(model, stage).find((current) => current.platform);
  return !withPlatform || /\$\{?TARGETPLATFORM\b/.test(withPlatform.platform!.text);
}

function platformDepends(model: StageModel, stage: Stage): boolean {
  return effectivePlatform(model, stage)?.kind === 'depends';
}

/** Whether the stage, or one it is built FROM, declares or uses a target platform ARG. */
function readsTarget(model: StageModel, stage: Stage): boolean {
  return fromChain(model, stage).some((current) =>
    current.uses.some((use) => TARGET_ARGS.includes(use.name)) || current.declarations.some((d) => TARGET_ARGS.includes(d.name)));
}

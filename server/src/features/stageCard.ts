// The Markdown summary of a stage, shown by hover and as completion documentation.
import { BEFORE_FIRST_STAGE, type Stage, type StageModel, type StageReference } from '../analysis/model';
import type { BuildTarget, Reachability } from '../analysis/graph';
import { effectivePlatform, fromChain, parentStage, patternBase } from '../analysis/scope';
import { instructionOf, producedPaths } from '../analysis/fileSketch';
import { stageLabel } from '../analysis/names';
import type { FeatureContext } from './featureContext';
import { code, valueText } from './valueText';
import { evaluateInFrom } from '../analysis/bindings';
import { definiteValue } from '../analysis/evaluate';
import { byName, consideredTargets } from './diagnostics/unusedStage';
import { shipsLine } from './ships/shipsCard';
import { roleLine } from './ships/roleLine';

const KIND_LABEL: Record<StageReference['kind'], string> = {
  'from': 'FROM',
  'copy-from': 'COPY --from',
  'mount-from': 'RUN --mount from',
  'source-date-epoch': 'ARG SOURCE_DATE_EPOCH',
};

/** Who a reference serves: the stage it is written in, or the whole build for `ARG SOURCE_DATE_EPOCH`. */
export function userLabel(model: StageModel, reference: StageReference): string {
  return reference.inStage === BEFORE_FIRST_STAGE ? 'every build' : stageLabel(model.stages[reference.inStage]);
}

export function referenceKindLabel(reference: StageReference): string {
  return (reference.onbuild ? 'ONBUILD ' : '') + KIND_LABEL[reference.kind];
}

export function stageCard({ model, reachability }: FeatureContext, stage: Stage): string {
  const lines = [stage.name ? `**${stage.name.text}** · stage #${stage.index}` : `**${stageLabel(stage)}**`];
  const description = stage.docComment && withoutBanners(stage.docComment);
  if (description) lines.push('', description);
  lines.push('', `- Base: ${baseDescription(stage)}`);
  const chain = chainLabels(model, stage);
  if (chain.length > 2) lines.push(`- Chain: ${chain.join(' ← ')}`);
  lines.push(`- Platform: ${platformDescription(model, stage)}`);
  const args = stage.declarations.filter((d) => d.kind === 'arg').map((d) => `\`${d.name}${d.value === undefined ? '' : `=${d.value}`}\``);
  if (args.length > 0) lines.push(`- ARGs: ${[...new Set(args)].join(', ')}`);
  const first = stage.fromRange.start.line + 1;
  const last = stage.range.end.line + 1;
  lines.push(`- ${stage.instructions.length} instruction${stage.instructions.length === 1 ? '' : 's'}, lines ${first}–${last}`);
  const dependsOn = dependencies(model, stage);
  if (dependsOn.length > 0) lines.push(`- Depends on: ${dependsOn.join(', ')}`);
  const usedBy = users(model, stage);
  if (usedBy.length > 0) lines.push(`- Used by: ${usedBy.join(', ')}`);
  const made = [...producedPaths(model, stage)].filter(([, by]) => by.stage === stage).map(([path, by]) => `\`${path}\` (line ${by.instruction.range.start.line + 1})`);
  if (made.length > 0) lines.push(`- Makes: ${made.slice(0, MAX_LISTED).join(', ')}${made.length > MAX_LISTED ? `, and ${made.length - MAX_LISTED} more` : ''}`);
  const copied = copiedBy(model, stage);
  if (copied.length > 0) lines.push(`- Copied by: ${copied.join(', ')}`);
  lines.push(`- ${buildStatus(reachability, stage)}`);
  const role = roleLine(model, reachability, stage);
  if (role) lines.push(`- ${role}`);
  const ships = shipsLine(model, stage);
  if (ships) lines.push(`- ${ships}`);
  return lines.join('\n');
}

function platformDescription(model: StageModel, stage: Stage): string {
  const platform = effectivePlatform(model, stage);
  if (!platform || platform.kind === 'target') return 'the target platform';
  if (platform.kind === 'depends') {
    // Built on a stage, a stage takes that stage's platform (its own flag ignored): which one, a build arg decides.
    const { base, root } = platform;
    const own = root.platform ? platformValue(model, root.platform.text) : 'the target platform';
    return `depends on what \`${base.text}\` names (line ${base.range.start.line + 1}): built on a stage, that stage's platform; on an image, ${own}`;
  }
  const ignored = stage.platform && platform.stage !== stage ? ` (its own \`--platform=${stage.platform.text}\` is ignored)` : '';
  return `${platformValue(model, platform.text)}${platform.stage === stage ? '' : `, from stage ${stageLabel(platform.stage)}`}${ignored}`;
}

/**
 * A `--platform` as written, and its value where the file decides it: a global `ARG BUILDPLATFORM=linux/amd64`
 * replaces BuildKit's own value (buildMetaArgs: `AddOrReplace`), so `$BUILDPLATFORM` is `linux/amd64` there.
 */
function platformValue(model: StageModel, text: string): string {
  const value = text.includes('$') ? definiteValue(evaluateInFrom(model, text)) : undefined;
  return value !== undefined && value !== text ? `\`${text}\` → ${code(value)}` : `\`${text}\``;
}

function baseDescription(stage: Stage): string {
  if (!stage.base) return '(none yet)';
  const written = `\`${stage.base.text}\``;
  const text = stage.baseEvaluation && valueText(stage.baseEvaluation);
  if (text?.kind === 'value') return text.value !== stage.base.text ? `${written} → ${code(text.value)}` : written;
  return text?.kind === 'depends' ? `${written} → ${text.text}` : written;
}

/** `release ← build ← base ← golang:1.22-alpine`: the FROM parents up to the external image. */
function chainLabels(model: StageModel, stage: Stage): string[] {
  const chain = fromChain(model, stage);
  const root = chain[chain.length - 1];
  // A FROM cycle ends on the stage it comes back to; a chain on an image, on the image; a chain on a FROM built
  // from ARGs that may name a stage, on what it names (not the default's value, which a build arg may change).
  const parent = parentStage(model, root);
  if (parent) return [...chain.map(stageLabel), stageLabel(parent)];
  const pattern = patternBase(model, stage);
  const end = pattern ? `what \`${pattern.text}\` names` : root.expandedBase ?? root.base?.text ?? '?';
  return [...chain.map(stageLabel), end];
}

function dependencies(model: StageModel, stage: Stage): string[] {
  const seen = new Set<string>();
  for (const edge of model.edges) {
    if (edge.from !== stage.index) continue;
    const how = referenceKindLabel(edge.reference) + (edge.possible ? ', may use' : '');
    seen.add(`${stageLabel(model.stages[edge.to])} (${how})`);
  }
  return [...seen];
}

/** How many paths the card lists before it says how many more. */
const MAX_LISTED = 5;

/** `release (/out/app)`: the stages that COPY --from this one, with what they take. */
function copiedBy(model: StageModel, stage: Stage): string[] {
  return model.referencesTo[stage.index].filter((reference) => reference.kind === 'copy-from' && !reference.onbuild).map((reference) => {
    const user = model.stages[reference.inStage];
    const paths = instructionOf(model, reference)?.copyPaths?.sources.map((source) => source.text) ?? [];
    return `${stageLabel(user)}${paths.length > 0 ? ` (${paths.join(', ')})` : ''}`;
  });
}

function users(model: StageModel, stage: Stage): string[] {
  const seen = new Set<string>();
  for (const reference of model.referencesTo[stage.index]) {
    const how = referenceKindLabel(reference) + (reference.resolution.kind === 'pattern' ? ', may use' : '');
    seen.add(`${userLabel(model, reference)} (${how})`);
  }
  return [...seen];
}

export function buildStatus(reachability: Reachability, stage: Stage): string {
  const builtBy = reachability.builtBy[stage.index] ?? [];
  if (builtBy.length === 0) return `Unused: no build target reaches it (${consideredTargets(reachability, (name) => `\`${name}\``)})`;
  const maybe = reachability.mayBuild[stage.index];
  const listed = (targets: readonly BuildTarget[]) => byName(targets).map(([name, origins]) => `target \`${name}\` (${origins.join(', ')})`).join(', ');
  const resolved = builtBy.filter((target) => !target.unresolved && !maybe?.has(target));
  const possibly = builtBy.filter((target) => !target.unresolved && maybe?.has(target));
  const unresolved = builtBy.filter((target) => target.unresolved);
  const parts = resolved.length > 0 ? [`Built by ${listed(resolved)}`] : [];
  // Reached only where a name built from ARGs names it: `binaries-$TARGETOS` builds it for one platform only.
  for (const [reference, targets] of groupBy(possibly, (target) => maybe!.get(target)!)) {
    parts.push(`${parts.length > 0 ? 'may also be built' : 'May be built'} by ${listed(targets)}, where \`${reference.text}\` (line ${reference.range.start.line + 1}) names it`);
  }
  if (unresolved.length > 0) {
    parts.push(`${parts.length > 0 ? 'may also be built' : 'May be built'} by builds not resolved: ${[...new Set(unresolved.map((target) => `${target.origin} (${target.unresolved})`))].join(', ')}`);
  }
  return parts.join('; ');
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) groups.set(key(item), [...groups.get(key(item)) ?? [], item]);
  return groups;
}

/** The description without the banner lines made only of `#` (`#######` above and below it), nor the blank lines they leave at its ends. */
function withoutBanners(comment: string): string {
  return comment.split('\n').filter((line) => !/^#+$/.test(line)).join('\n').replace(/^\n+|\n+$/g, '');
}

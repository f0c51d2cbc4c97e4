// The stage graph: stages, the external images and `scratch` they start from or copy out of, and the edges
// between them by kind, with build targets, unused stages and broken references marked. Computed from the
// model only; the CLI prints it (cli/graphFormats.ts) and the server answers `dockerfileStages/graph` with it.
// A stage that a change to the build context re-runs (cacheImpact/reruns.ts, from every instruction that reads
// the context) is marked, for the view to colour; so are, for one target (the default one unless asked), the stages
// whose files reach its image and the edges they come along (analysis/ships/roles.ts), with every target the
// workspace builds listed for a view to pick from.
import type { StageReference } from '../analysis/model';
import type { GraphEdge, GraphEdgeKind, GraphNode, GraphTarget, StageGraph } from '../protocol';
import { BEFORE_FIRST_STAGE } from '../analysis/model';
import { dependentStages, stagesMatchingTarget, stagesNamedBy } from '../analysis/graph';
import type { FeatureContext } from './featureContext';
import { stageLabel } from '../analysis/names';
import { contextReads } from './cacheImpact/contextReads';
import { rerunsFromSteps } from './cacheImpact/reruns';
import { stageRoles, type StageRoles, type TargetOfRoles } from '../analysis/ships/roles';

/** `shipsTarget`: the target whose image the marks are for, a stage name as `--target` takes it; the default target when absent. */
export function stageGraph({ model, reachability }: FeatureContext, shipsTarget?: string): StageGraph {
  const contextSteps = contextReads(model).map((read) => ({ stage: read.stage.index, line: read.instruction.range.start.line }));
  const rerunOnContextChange = new Set(rerunsFromSteps(model, contextSteps).filter((rerun) => !rerun.possible).map((rerun) => rerun.stage));
  const roles = stageRoles(model, reachability);
  const marked = markedTarget(model, roles, shipsTarget);
  const shipped = marked?.role.kind === 'image' ? marked : undefined;
  const nodes: GraphNode[] = model.stages.map((stage) => ({
    id: `stage:${stage.index}`,
    kind: 'stage',
    label: stageLabel(stage),
    stage: stage.index,
    base: stage.expandedBase ?? stage.base?.text,
    instructions: stage.instructions.length,
    range: stage.fromRange,
    targets: reachability.builtBy[stage.index]
      .filter((target) => target.origin === 'default target' ? stage.index === model.stages.length - 1 : target.name.toLowerCase() === stage.normalizedName)
      .map((target) => `${target.name} (${target.origin})`),
    unused: reachability.builtBy[stage.index].length === 0 || undefined,
    contextChange: rerunOnContextChange.has(stage.index) || undefined,
    shipped: (shipped && roles.shippedIn[stage.index].includes(shipped.target)) || undefined,
  }));
  const external = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  for (const reference of model.references) {
    const { resolution } = reference;
    const sources = resolution.kind === 'image'
      ? (reference.text !== '' ? [externalNode(imageName(model, reference), external)] : [])
      : stagesNamedBy(reference).map((stage) => `stage:${stage}`);
    const error = problem(model.circular.has(reference), reference);
    const carries = shipped?.shipping.has(reference) ? { shipped: true } : {};
    for (const to of consumers(model, reference)) {
      for (const from of sources) {
        edges.push({ from, to, kind: edgeKind(reference), range: reference.range, ...(resolution.kind === 'pattern' ? { possible: true } : {}), ...(error ? { error } : {}), ...carries });
      }
    }
  }
  return {
    nodes: [...nodes, ...[...external.values()].sort((a, b) => a.id.localeCompare(b.id))],
    edges,
    buildTargets: buildTargets(model, roles),
    ...(marked ? { shippedFor: `stage:${marked.stage}` } : {}),
  };
}

/** The target the marks are for: the default one, or the first the workspace builds of the stage `name` names. */
function markedTarget(model: FeatureContext['model'], roles: StageRoles, name: string | undefined): TargetOfRoles | undefined {
  const stage = name === undefined ? model.stages.length - 1 : stagesMatchingTarget(model.stages, name)[0];
  return roles.targets.find((target) => target.stage === stage);
}

/** The stages the workspace builds as targets, in the order of the roles' targets (the default first), each once. */
function buildTargets(model: FeatureContext['model'], roles: StageRoles): GraphTarget[] {
  const byStage = new Map<number, { role: TargetOfRoles['role']; origins: string[] }>();
  for (const { stage, role, target } of roles.targets) {
    const entry = byStage.get(stage) ?? byStage.set(stage, { role, origins: [] }).get(stage)!;
    if (!entry.origins.includes(target.origin)) entry.origins.push(target.origin);
  }
  const last = model.stages.length - 1;
  return [...byStage].map(([stage, { role, origins }]) => {
    const name = stage === last ? undefined : model.stages[stage].name?.text;
    return { node: `stage:${stage}`, label: stageLabel(model.stages[stage]), ...(name === undefined ? {} : { name }), origins, role: role.kind };
  });
}

/** An image as a build without build args pulls it: a FROM's with the global ARG defaults expanded. */
function imageName(model: FeatureContext['model'], reference: StageReference): string {
  return (reference.kind === 'from' && model.stages[reference.inStage].expandedBase) || reference.text;
}

/** The node of an image (or `scratch`), added once; its id. */
function externalNode(text: string, nodes: Map<string, GraphNode>): string {
  const node: GraphNode = text.toLowerCase() === 'scratch' ? { id: 'scratch', kind: 'scratch', label: 'scratch' } : { id: `image:${text}`, kind: 'image', label: text };
  nodes.set(node.id, node);
  return node.id;
}

function edgeKind(reference: StageReference): GraphEdgeKind {
  if (reference.kind === 'source-date-epoch') return 'epoch';
  if (reference.onbuild) return 'onbuild';
  return reference.kind === 'from' ? 'from' : reference.kind === 'copy-from' ? 'copy' : 'mount';
}

/**
 * The stages that take what a reference names (the model's `dependentStages`); SOURCE_DATE_EPOCH, which every
 * build reads, goes to the last stage (the default target), one edge rather than one per stage.
 */
function consumers(model: FeatureContext['model'], reference: StageReference): string[] {
  if (reference.inStage === BEFORE_FIRST_STAGE) return model.stages.length > 0 ? [`stage:${model.stages.length - 1}`] : [];
  return dependentStages(reference, model.builtFrom).map((stage) => `stage:${stage}`);
}

function problem(circular: boolean, reference: StageReference): string | undefined {
  if (circular || reference.order === 'self') return `circular dependency through '${reference.text}'`;
  if (reference.order === 'forward') return `'${reference.text}' is defined after the stage that uses it`;
  return undefined;
}

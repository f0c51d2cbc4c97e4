// The tree Show What Ships draws, as plain data (no VS Code): the image's paths first, each leading to the
// lines that put it there, and through a `COPY --from` to the lines of the source stage that made the path
// there. Every node that stands for an instruction carries its line, which a click selects.
import type { BaseReport, ShipsReport, SourcePathReport, SourceReport, StepReport } from '../../../server/src/protocol';

export interface ShipsNode {
  readonly label: string;
  readonly description?: string;
  readonly tooltip?: string;
  /** The 0-based line a click selects. */
  readonly line?: number;
  readonly children: readonly ShipsNode[];
}

const RELATION = { made: 'made it', inside: 'made something inside it', holds: 'may hold it' } as const;

/** The top level: the base, then every path an instruction of the target's chain adds (or the instruction, where its paths are not known). */
export function shipsTree(report: ShipsReport): ShipsNode[] {
  return [baseNode(report.base), ...report.steps.flatMap(imagePathNodes)];
}

function baseNode(base: BaseReport, prefix = 'base'): ShipsNode {
  const [image, holds] = base.kind === 'scratch' ? ['scratch', 'empty']
    : base.kind === 'unknown' ? ['not known here', undefined]
      : [base.image, 'its files are unknown here'];
  const node = { label: `${prefix}: ${image}`, ...at(base.line, base.stage && `FROM, stage ${base.stage}`), children: [] };
  return holds ? { ...node, description: [node.description, holds].filter(Boolean).join(' · ') } : node;
}

function imagePathNodes(step: StepReport): ShipsNode[] {
  const children = sourceNodes(step.source);
  const line = `line ${step.line} · ${step.instruction}`;
  const tooltip = `Line ${step.line} (stage ${step.stage}): ${step.instruction}`;
  if (step.paths.length === 0) return [{ label: '(paths not known here)', description: line, tooltip, line: step.line - 1, children }];
  const maybeMore = step.pathsComplete ? '' : ', and maybe more';
  return deepest(step.paths).map((path) => ({ label: path, description: line, tooltip: tooltip + maybeMore, line: step.line - 1, children }));
}

/** A step's paths less the directories it makes to hold the others (`COPY a /etc/app/` makes `/etc/app` and `/etc/app/a`). */
function deepest(paths: readonly string[]): string[] {
  return paths.filter((path) => !paths.some((other) => other !== path && other.startsWith(path.endsWith('/') ? path : `${path}/`)));
}

function sourceNodes(source: SourceReport): ShipsNode[] {
  switch (source.kind) {
    case 'context': return source.paths.map((path) => leaf(`build context: ${path}`));
    case 'image': return source.paths.map((path) => leaf(`image ${source.image}: ${path}`, 'what it holds is unknown here'));
    case 'url': return source.urls.map((url) => leaf(`fetched: ${url}`));
    case 'heredoc': return [leaf('written in the Dockerfile (heredoc)')];
    case 'depends': return [leaf(`stage ${source.written}`, `depends on the build${source.stages.length > 0 ? ` (${source.stages.join(', ')})` : ''}`)];
    case 'unknown': return [leaf('unknown', source.reason)];
    case 'stage': return source.paths.map((path) => sourcePathNode(source.stage, path));
    case 'run':
    case 'workdir': return [];
  }
}

function sourcePathNode(stage: string, path: SourcePathReport): ShipsNode {
  const children: ShipsNode[] = path.from.map((from) => ({
    label: `line ${from.line} · ${from.instruction}`,
    description: RELATION[from.relation],
    tooltip: `Line ${from.line} (stage ${from.stage}) ${RELATION[from.relation]}`,
    line: from.line - 1,
    children: sourceNodes(from.source),
  }));
  const made = path.from.some((from) => from.relation === 'made');
  if (!made && path.base.kind !== 'scratch') children.push(baseNode(path.base, `or ${stage}'s base`));
  if (path.from.length === 0 && path.base.kind === 'scratch') children.push(leaf(`no instruction of ${stage} is known to make it`));
  return { label: `stage ${stage}: ${path.path}`, children };
}

function leaf(label: string, description?: string): ShipsNode {
  return { label, ...(description === undefined ? {} : { description }), children: [] };
}

function at(line: number | undefined, description: string | undefined): Partial<ShipsNode> {
  if (line === undefined) return {};
  return { line: line - 1, description: `line ${line}${description ? ` · ${description}` : ''}` };
}

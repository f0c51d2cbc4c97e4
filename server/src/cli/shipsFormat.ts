// `dockerfile-stages ships --format text`: the report of features/ships/shipsReport.ts as an indented tree, from
// the image's base and each instruction that adds files to the lines that made what it copies.
import type { BaseReport, ShipsReport, SourcePathReport, SourceReport, StepReport } from '../features/ships/shipsReport';

const INDENT = '    ';

export function formatShipsText(file: string, report: ShipsReport): string {
  const lines = [`${file}: what target ${report.target} ships`, `  base: ${baseText(report.base)}`];
  for (const step of report.steps) lines.push(...stepLines(step, '  '));
  if (report.steps.length === 0) lines.push('  (no instruction adds files)');
  return `${lines.join('\n')}\n`;
}

function baseText(base: BaseReport): string {
  const at = base.line === undefined ? '' : ` (line ${base.line}, stage ${base.stage})`;
  switch (base.kind) {
    case 'scratch': return `scratch${at}: empty`;
    case 'image':
    case 'depends': return `image ${base.image}${at}: what it holds is unknown here, and ships`;
    default: return `unknown${at}`;
  }
}

function stepLines(step: StepReport, indent: string): string[] {
  const made = step.paths.length === 0 ? 'paths unknown' : `${step.paths.join(', ')}${step.pathsComplete ? '' : ', and maybe more'}`;
  return [`${indent}line ${step.line} [${step.stage}] ${step.instruction}  →  ${made}`, ...sourceLines(step.source, indent + INDENT)];
}

function sourceLines(source: SourceReport, indent: string): string[] {
  switch (source.kind) {
    case 'context': return [`${indent}from the build context: ${source.paths.join(', ')}`];
    case 'image': return [`${indent}from image ${source.image}: ${source.paths.join(', ')} (what it holds is unknown here)`];
    case 'url': return [`${indent}fetched: ${source.urls.join(', ')}`];
    case 'heredoc': return [`${indent}written in the Dockerfile (heredoc)`];
    case 'run':
    case 'workdir': return [];
    case 'depends': return [`${indent}from stage ${source.written}: depends on the build${source.stages.length > 0 ? ` (${source.stages.join(', ')})` : ''}`];
    case 'unknown': return [`${indent}unknown: ${source.reason}`];
    case 'stage': return source.paths.flatMap((path) => sourcePathLines(source.stage, path, indent));
  }
}

const RELATION = { made: 'made it', inside: 'made something inside it', holds: 'may hold it' } as const;

function sourcePathLines(stage: string, path: SourcePathReport, indent: string): string[] {
  const lines = [`${indent}from stage ${stage}: ${path.path}`];
  for (const from of path.from) {
    const [first, ...rest] = stepLines(from, indent + INDENT);
    lines.push(`${first}  (${RELATION[from.relation]})`, ...rest);
  }
  const made = path.from.some((from) => from.relation === 'made');
  if (!made && (path.base.kind === 'image' || path.base.kind === 'depends')) lines.push(`${indent + INDENT}or from ${stage}'s base, ${baseText(path.base).replace(', and ships', '')}`);
  else if (path.from.length === 0 && path.base.kind === 'scratch') lines.push(`${indent + INDENT}no instruction of ${stage} is known to make it`);
  return lines;
}

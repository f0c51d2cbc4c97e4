// The stage card's short "Ships" line for the default target's stage (the image a plain `docker build` makes):
// its base's files and the lines that add files, with where they come from; the whole tree is
// `dockerfile-stages ships` and `dockerfileStages/ships` (shipsReport.ts).
import type { Stage, StageModel } from '../../analysis/model';
import { stageLabel } from '../../analysis/names';
import { imageProvenance, type ChainBase, type StepSource } from '../../analysis/ships/provenance';

/** At most this many lines are listed. */
const MAX_LINES = 6;

/** `Ships: the files of \`alpine:3.20\` (unknown here), and what lines 37, 38 add (from stage build)`; undefined but for the last stage. */
export function shipsLine(model: StageModel, stage: Stage): string | undefined {
  if (stage.index !== model.stages.length - 1) return undefined;
  const { base, steps } = imageProvenance(model, stage);
  const lines = steps.map((step) => step.instruction.range.start.line + 1);
  const listed = `${lines.slice(0, MAX_LINES).join(', ')}${lines.length > MAX_LINES ? ` and ${lines.length - MAX_LINES} more` : ''}`;
  const origins = [...new Set(steps.map((step) => originLabel(model, step.source)))];
  const added = lines.length === 0 ? '' : `, and what line${lines.length === 1 ? '' : 's'} ${listed} add${lines.length === 1 ? 's' : ''} (${origins.join(', ')})`;
  return `Ships (default target): ${baseLabel(base)}${added}`;
}

function baseLabel(base: ChainBase): string {
  switch (base.kind) {
    case 'scratch': return 'nothing from its base (`scratch`)';
    case 'image': return `the files of \`${base.image}\` (unknown here)`;
    case 'depends': return `the files of its base \`${base.written}\` (depends on the build)`;
    default: return 'the files of a base not known here';
  }
}

function originLabel(model: StageModel, source: StepSource): string {
  switch (source.kind) {
    case 'stage': return `stage ${stageLabel(model.stages[source.stage])}`;
    case 'context': return 'the build context';
    case 'image': return `image \`${source.image}\``;
    case 'url': return 'URLs';
    case 'run': return 'RUN';
    case 'heredoc': return 'heredocs';
    case 'workdir': return 'WORKDIR';
    default: return 'unknown';
  }
}

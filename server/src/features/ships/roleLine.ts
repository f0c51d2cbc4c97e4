// The stage card's "Role" line: what the stage is for, from the stage roles of analysis/ships/roles.ts, and what
// the target it is (if it is one) makes.
import type { Stage, StageModel } from '../../analysis/model';
import type { Reachability } from '../../analysis/graph';
import { stageRoles, type TargetRole, type Undetermined } from '../../analysis/ships/roles';

/** `Role: shipped, in the image of target release (the default target)`; undefined for an unused stage (the card says it). */
export function roleLine(model: StageModel, reachability: Reachability, stage: Stage): string | undefined {
  const roles = stageRoles(model, reachability);
  const role = roles.stages[stage.index];
  const asTarget = roles.targets.filter((target) => target.stage === stage.index);
  const target = asTarget.length > 0 ? `; as a target, ${targetText(asTarget[0].role)}` : '';
  const names = (list: readonly { readonly name: string }[]) => [...new Set(list.map((t) => t.name))].join(', ');
  switch (role) {
    case 'unused': return undefined;
    case 'shipped': return `Role: shipped, in the image of ${names(roles.shippedIn[stage.index])}${target}`;
    case 'build-only': return `Role: build-only, nothing of it is known to reach an image${target}`;
    case 'check-only': return `Role: check-only, only checks build it${target}`;
    case 'undetermined': return `Role: depends on the build: ${undeterminedText(roles.undetermined[stage.index])}${target}`;
  }
}

function undeterminedText(why: Undetermined | undefined): string {
  switch (why?.kind) {
    case 'target-pattern': return `target \`${why.target.name}\` (${why.target.origin}) may be a stage that ships it`;
    case 'base-pattern': return `\`${why.reference.text}\` (line ${why.reference.range.start.line + 1}) may name a stage that ships it`;
    default: return 'a target that may be an image or exported files (`--output`) builds it';
  }
}

function targetText(role: TargetRole): string {
  switch (role.kind) {
    case 'image':
      if (role.because === 'start-command') return `an image (its start command, line ${role.line + 1})`;
      return role.because === 'default-target' ? 'an image (the default target)' : 'an image (built on one)';
    case 'check': return 'a check (named like one)';
    case 'exported-files': return `exported files (\`--output\` at ${role.origin}), no image`;
    case 'undetermined': return 'an image or exported files, as `--output` decides';
  }
}

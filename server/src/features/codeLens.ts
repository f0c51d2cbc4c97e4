// Code lenses above each FROM: how often the stage is referenced, who uses it (or that nothing builds it),
// what it is for (its role, analysis/ships/roles.ts) and a command to build it.
import type { CodeLens } from 'vscode-languageserver-types';
import { BEFORE_FIRST_STAGE, type StageReference } from '../analysis/model';
import { stageRoles, type StageRoles } from '../analysis/ships/roles';
import type { FeatureContext } from './featureContext';
import { declarationRange } from './definition';
import { userLabel } from './stageCard';

export const LENS_COMMANDS = {
  showReferences: 'dockerfileStages.showReferences',
  buildStage: 'dockerfileStages.buildStage',
  debugStage: 'dockerfileStages.debugStage',
} as const;

export interface LensOptions {
  /** A debugger for `type: "dockerfile"` is installed (the Docker extension's buildx debugger). */
  readonly debugger?: boolean;
  /** False where nothing can run docker (a browser): no *Build this stage* nor *Debug this stage*. */
  readonly dockerCommands?: boolean;
}

export function codeLenses({ model, reachability }: FeatureContext, uri: string, options: LensOptions = {}): CodeLens[] {
  const lenses: CodeLens[] = [];
  const roles = stageRoles(model, reachability);
  for (const stage of model.stages) {
    const range = stage.fromKeyword.range;
    const references = model.referencesTo[stage.index];
    const locations = references.map((reference) => ({ uri, range: reference.range }));
    lenses.push({
      range,
      command: {
        title: `${references.length} reference${references.length === 1 ? '' : 's'}`,
        command: LENS_COMMANDS.showReferences,
        arguments: [uri, declarationRange(stage).start, locations],
      },
    });
    const users = [...new Set(references.map((r) => userLabel(model, r)))];
    const builtBy = reachability.builtBy[stage.index];
    // Where this stage itself is named as a build target (compose, bake, workflows, the settings).
    const asTarget = builtBy.filter((t) => t.origin !== 'default target' && t.name.toLowerCase() === stage.normalizedName);
    if (asTarget.length > 0) {
      // Opens the places as references: a click shows the compose or bake line that builds the stage.
      const places = asTarget.flatMap((t) => (t.location ? [t.location] : []));
      const targetTitle = `target in ${namesOrCount(asTarget.map((t) => t.origin), 'places')}`;
      lenses.push({
        range,
        command: places.length > 0
          ? { title: targetTitle, command: LENS_COMMANDS.showReferences, arguments: [uri, declarationRange(stage).start, places] }
          : { title: targetTitle, command: '' },
      });
    }
    const title = users.length > MAX_NAMES ? `used by ${usersCounted(references)}`
      : users.length > 0 ? `used by: ${users.join(', ')}`
      : builtBy.length === 0 ? 'unused: no target builds it'
      // Only builds whose target is not known may build it: a name like `${TARGET}` would read as a target.
      : builtBy.every((t) => t.unresolved) ? 'may be built by builds not resolved'
      : `built as target ${namesOrCount(builtBy.map((t) => t.name), 'targets')}`;
    lenses.push({ range, command: { title, command: '' } });
    const role = roleTitle(roles, stage.index);
    if (role) lenses.push({ range, command: { title: role, command: '' } });
    if (stage.name && options.dockerCommands !== false) {
      lenses.push({ range, command: { title: 'Build this stage', command: LENS_COMMANDS.buildStage, arguments: [uri, stage.normalizedName] } });
      // Without a target the debugger builds the last stage: this one says which.
      if (options.debugger) lenses.push({ range, command: { title: 'Debug this stage', command: LENS_COMMANDS.debugStage, arguments: [uri, stage.normalizedName] } });
    }
  }
  return lenses;
}

/**
 * `shipped in release`, `build-only` (`exported files` for a target built with `--output` files), `check-only`; nothing where the role is undetermined (the stage card says on
 * what it depends) or the stage unused (the lens before says so).
 */
function roleTitle(roles: StageRoles, stage: number): string | undefined {
  switch (roles.stages[stage]) {
    case 'shipped': return `shipped in ${namesOrCount([...new Set(roles.shippedIn[stage].map((t) => t.name))], 'targets')}`;
    case 'build-only': return roles.targets.some((target) => target.stage === stage && target.role.kind === 'exported-files') ? 'exported files' : 'build-only';
    case 'check-only': return 'check-only';
    case 'undetermined': case 'unused': return undefined;
  }
}

/** How many names a lens lists: past them it counts, so that the lenses after it (Build this stage) stay in view. */
const MAX_NAMES = 3;

/** `46 stages`, and `every build` first where the global `ARG SOURCE_DATE_EPOCH` names the stage. */
function usersCounted(references: readonly StageReference[]): string {
  const stages = new Set(references.filter((r) => r.inStage !== BEFORE_FIRST_STAGE).map((r) => r.inStage)).size;
  return `${references.some((r) => r.inStage === BEFORE_FIRST_STAGE) ? 'every build and ' : ''}${stages} stage${stages === 1 ? '' : 's'}`;
}

/** `a, b, c`, or `5 places` past MAX_NAMES. */
function namesOrCount(names: readonly string[], noun: string): string {
  return names.length > MAX_NAMES ? `${names.length} ${noun}` : names.join(', ');
}

// Code lenses above each FROM: how often the stage is referenced, who uses it (or that nothing builds it),
// what it is for (its role, analysis/ships/roles.ts) and a command to build it. The lenses whose command carries
// arguments (the references' locations, the stage to build) are sent as ranges with the stage they are for, and
// resolved when the editor shows them (`resolveCodeLens`): on a 300-stage file the lenses took 0.8 ms to compute
// and 0.3 MB to send, most of it those arguments, and sending cost far more than computing. The document is
// named in a lens by a number the server gives it (`LensData`), not by its URI, which would be half of what is sent.
import type { CodeLens } from 'vscode-languageserver-types';
import { BEFORE_FIRST_STAGE, type StageReference } from '../analysis/model';
import { targetsNamingStage } from '../analysis/graph';
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

/** `document`: the number the resolve of an unresolved lens finds the document by. */
export function codeLenses({ model, reachability }: FeatureContext, document: number, options: LensOptions = {}): CodeLens[] {
  const lenses: CodeLens[] = [];
  const roles = stageRoles(model, reachability);
  for (const stage of model.stages) {
    const range = stage.fromKeyword.range;
    const references = model.referencesTo[stage.index];
    lenses.push(unresolved(range, [document, stage.index, 'references']));
    const users = [...new Set(references.map((r) => userLabel(model, r)))];
    const builtBy = reachability.builtBy[stage.index];
    const asTarget = targetsNamingStage(stage, builtBy);
    if (asTarget.length > 0) lenses.push(unresolved(range, [document, stage.index, 'target']));
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
      lenses.push(unresolved(range, [document, stage.index, 'build']));
      // Without a target the debugger builds the last stage: this one says which.
      if (options.debugger) lenses.push(unresolved(range, [document, stage.index, 'debug']));
    }
  }
  return lenses;
}

/** What an unresolved lens carries to its resolve: the document's number, the stage and which lens. */
export type LensData = readonly [document: number, stage: number, lens: 'references' | 'target' | 'build' | 'debug'];

function unresolved(range: CodeLens['range'], data: LensData): CodeLens {
  return { range, data };
}

/** Whether a lens's data is one `codeLenses` sent (a client sends back what it got, or anything). */
export function isLensData(data: unknown): data is LensData {
  return Array.isArray(data) && data.length === 3 && Number.isInteger(data[0]) && Number.isInteger(data[1]) && ['references', 'target', 'build', 'debug'].includes(data[2]);
}

/**
 * The command of a lens `codeLenses` sent unresolved, from the document as it is now; the lens as it came when
 * its stage is gone (an edit since: the editor asks for the lenses again).
 */
export function resolveCodeLens({ model, reachability }: FeatureContext, uri: string, lens: CodeLens & { data: LensData }): CodeLens {
  const [, index, kind] = lens.data;
  const stage = model.stages[index];
  if (!stage) return lens;
  if (kind === 'target') {
    const asTarget = targetsNamingStage(stage, reachability.builtBy[stage.index]);
    if (asTarget.length === 0) return lens;
    // Opens the places as references: a click shows the compose or bake line that builds the stage.
    const places = asTarget.flatMap((t) => (t.location ? [t.location] : []));
    const title = `target in ${namesOrCount(asTarget.map((t) => t.origin), 'places')}`;
    return { ...lens, command: places.length > 0 ? { title, command: LENS_COMMANDS.showReferences, arguments: [uri, declarationRange(stage).start, places] } : { title, command: '' } };
  }
  if (kind === 'references') {
    const references = model.referencesTo[stage.index];
    const locations = references.map((reference) => ({ uri, range: reference.range }));
    const title = `${references.length} reference${references.length === 1 ? '' : 's'}`;
    return { ...lens, command: { title, command: LENS_COMMANDS.showReferences, arguments: [uri, declarationRange(stage).start, locations] } };
  }
  if (!stage.name) return lens;
  return kind === 'build'
    ? { ...lens, command: { title: 'Build this stage', command: LENS_COMMANDS.buildStage, arguments: [uri, stage.normalizedName] } }
    : { ...lens, command: { title: 'Debug this stage', command: LENS_COMMANDS.debugStage, arguments: [uri, stage.normalizedName] } };
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

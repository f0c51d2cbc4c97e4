// Code lenses above each FROM: who uses the stage (or that nothing builds it) and what it is for (its role,
// analysis/ships/roles.ts), in one lens that opens the references; where the workspace builds it as a target; a
// command to build it. Every lens is sent as a range with the stage it is for, and gets its title and command
// through `codeLens/resolve` when the editor shows it: computing the lenses of a 300-stage file takes under a
// millisecond, sending them is what costs (0.3 MB with their commands' arguments; 144 KB with the titles alone
// and the references and users apart), and the editor resolves only the few in view. The document is named in a
// lens by a number the server gives it and its version (`LensData`), not by its URI, which would be half of what
// is sent.
import type { CodeLens } from 'vscode-languageserver-types';
import { BEFORE_FIRST_STAGE, type StageModel, type StageReference } from '../analysis/model';
import { targetsNamingStage, type BuildTarget } from '../analysis/graph';
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

/** `document`: the number the resolve of a lens finds the document by; `version`: the document's version now. */
export function codeLenses({ model, reachability }: FeatureContext, document: number, version: number, options: LensOptions = {}): CodeLens[] {
  const lenses: CodeLens[] = [];
  for (const stage of model.stages) {
    const lens = (kind: LensKind) => lenses.push({ range: stage.fromKeyword.range, data: [document, version, stage.index, kind] satisfies LensData });
    lens('use');
    if (targetsNamingStage(stage, reachability.builtBy[stage.index]).length > 0) lens('target');
    if (stage.name && options.dockerCommands !== false) {
      lens('build');
      // Without a target the debugger builds the last stage: this one says which.
      if (options.debugger) lens('debug');
    }
  }
  return lenses;
}

/**
 * What a lens carries to its resolve: the document's number, the version it was sent for (the server resolves a
 * lens of an earlier version to nothing: a line added above since would make it name another stage, and *Build
 * this stage* build it), the stage and which lens.
 */
export type LensData = readonly [document: number, version: number, stage: number, lens: LensKind];
const LENS_KINDS = ['use', 'target', 'build', 'debug'] as const;
type LensKind = typeof LENS_KINDS[number];

/** Whether a lens's data is one `codeLenses` sent (a client sends back what it got, or anything). */
export function isLensData(data: unknown): data is LensData {
  return Array.isArray(data) && data.length === 4 && Number.isInteger(data[0]) && Number.isInteger(data[1]) && Number.isInteger(data[2]) && LENS_KINDS.includes(data[3]);
}

/**
 * The title and command of a lens `codeLenses` sent for the document's current version (the server checks the
 * version); the lens as it came when its stage is gone.
 */
export function resolveCodeLens({ model, reachability }: FeatureContext, uri: string, lens: CodeLens & { data: LensData }): CodeLens {
  const [, , index, kind] = lens.data;
  const stage = model.stages[index];
  if (!stage) return lens;
  if (kind === 'use') {
    const references = model.referencesTo[stage.index];
    const role = roleTitle(stageRoles(model, reachability), stage.index);
    const title = [useTitle(model, references, reachability.builtBy[stage.index]), ...(role ? [role] : [])].join(' · ');
    if (references.length === 0) return { ...lens, command: { title, command: '' } };
    const locations = references.map((reference) => ({ uri, range: reference.range }));
    return { ...lens, command: { title, command: LENS_COMMANDS.showReferences, arguments: [uri, declarationRange(stage).start, locations] } };
  }
  if (kind === 'target') {
    const asTarget = targetsNamingStage(stage, reachability.builtBy[stage.index]);
    if (asTarget.length === 0) return lens;
    // Opens the places as references: a click shows the compose or bake line that builds the stage.
    const places = asTarget.flatMap((t) => (t.location ? [t.location] : []));
    const title = `target in ${namesOrCount(asTarget.map((t) => t.origin), 'places')}`;
    return { ...lens, command: places.length > 0 ? { title, command: LENS_COMMANDS.showReferences, arguments: [uri, declarationRange(stage).start, places] } : { title, command: '' } };
  }
  if (!stage.name) return lens;
  return kind === 'build'
    ? { ...lens, command: { title: 'Build this stage', command: LENS_COMMANDS.buildStage, arguments: [uri, stage.normalizedName] } }
    : { ...lens, command: { title: 'Debug this stage', command: LENS_COMMANDS.debugStage, arguments: [uri, stage.normalizedName] } };
}

/** Who uses the stage (past three, how many), or what builds it where nothing refers to it. */
function useTitle(model: StageModel, references: readonly StageReference[], builtBy: readonly BuildTarget[]): string {
  // A name built from ARGs (`FROM $debug_image`) may name the stage or not: said apart, as the card says "may use".
  const certain = references.filter((r) => r.resolution.kind !== 'pattern');
  const possible = references.filter((r) => r.resolution.kind === 'pattern' && !certain.some((c) => c.inStage === r.inStage));
  const users = (list: readonly StageReference[]) => [...new Set(list.map((r) => userLabel(model, r)))];
  const listed = (list: readonly StageReference[]) => {
    const names = users(list);
    return names.length > MAX_NAMES ? ` ${usersCounted(list)}` : `: ${names.join(', ')}`;
  };
  if (references.length > 0) return [certain.length > 0 ? `used by${listed(certain)}` : '', possible.length > 0 ? `may be used by${listed(possible)}` : ''].filter((part) => part !== '').join('; ');
  if (builtBy.length === 0) return 'unused: no known target builds it';
  // Only builds whose target is not known may build it: a name like `${TARGET}` would read as a target.
  if (builtBy.every((t) => t.unresolved)) return 'may be built by builds not resolved';
  return `built as target ${namesOrCount([...new Set(builtBy.map((t) => t.name))], 'targets')}`;
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

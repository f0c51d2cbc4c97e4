// Code lenses above each FROM: how often the stage is referenced, who uses it (or that nothing builds it),
// and a command to build it.
import type { CodeLens } from 'vscode-languageserver-types';
import type { FeatureContext } from './context';
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
}

export function codeLenses({ model, reachability }: FeatureContext, uri: string, options: LensOptions = {}): CodeLens[] {
  const lenses: CodeLens[] = [];
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
      const targetTitle = `target in ${asTarget.map((t) => t.origin).join(', ')}`;
      lenses.push({
        range,
        command: places.length > 0
          ? { title: targetTitle, command: LENS_COMMANDS.showReferences, arguments: [uri, declarationRange(stage).start, places] }
          : { title: targetTitle, command: '' },
      });
    }
    const title = users.length > 0 ? `used by: ${users.join(', ')}`
      : builtBy.length === 0 ? 'unused: no target builds it'
      : `built as target ${builtBy.map((t) => t.name).join(', ')}`;
    lenses.push({ range, command: { title, command: '' } });
    if (stage.name) {
      lenses.push({ range, command: { title: 'Build this stage', command: LENS_COMMANDS.buildStage, arguments: [uri, stage.normalizedName] } });
      // Without a target the debugger builds the last stage: this one says which.
      if (options.debugger) lenses.push({ range, command: { title: 'Debug this stage', command: LENS_COMMANDS.debugStage, arguments: [uri, stage.normalizedName] } });
    }
  }
  return lenses;
}

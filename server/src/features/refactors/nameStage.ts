// Name this stage: an unnamed stage gets `AS <name>`, and every `--from=N` that points to it uses the name.
import type { TextEdit } from 'vscode-languageserver-types';
import type { Stage } from '../../analysis/model';
import type { FeatureContext } from '../featureContext';
import { freshStageName } from '../rename';
import { asKeyword, malformedFrom, type RefactorResult } from './refactor';

export type NamePlan = { readonly stage: Stage } | { readonly disabled: string };

export function planName(stage: Stage): NamePlan | undefined {
  if (stage.name) return undefined;
  const malformed = malformedFrom(stage);
  return malformed ? { disabled: malformed } : { stage };
}

export function nameStage(context: FeatureContext, plan: { stage: Stage }): RefactorResult {
  const { model } = context;
  const { stage } = plan;
  const name = freshStageName(model, `stage-${stage.index}`);
  const suffix = ` ${asKeyword(stage)} ${name}`;
  const edits: TextEdit[] = [{ range: { start: stage.base!.range.end, end: stage.base!.range.end }, newText: suffix }];
  for (const reference of model.referencesTo[stage.index]) {
    if (reference.resolution.kind === 'stage' && reference.resolution.by === 'index') edits.push({ range: reference.range, newText: name });
  }
  const at = stage.base!.range.end;
  return { edits, renamePosition: { line: at.line, character: at.character + suffix.length - name.length } };
}

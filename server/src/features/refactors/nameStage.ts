// Name this stage: an unnamed stage gets `AS <name>`, and every `--from=N` that points to it uses the name.
import type { TextEdit } from 'vscode-languageserver-types';
import type { Stage } from '../../analysis/model';
import type { FeatureContext } from '../context';
import { freshStageName } from '../rename';
import { asKeyword, type RefactorResult } from './refactor';

export type NamePlan = { readonly stage: Stage } | { readonly disabled: string };

export function planName(stage: Stage): NamePlan | undefined {
  if (stage.name) return undefined;
  if (!stage.base) return { disabled: 'The FROM has no image yet.' };
  const end = stage.fromRange.end;
  if (stage.base.range.end.line !== end.line || stage.base.range.end.character !== end.character) {
    return { disabled: 'The FROM line has more than an image: fix it first.' };
  }
  return { stage };
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

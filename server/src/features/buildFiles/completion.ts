// Completion of stage names at `target` in compose, bake and devcontainer files: the named stages of the
// Dockerfile that build entry uses (`--target` takes names only).
import { CompletionItemKind, type CompletionItem, type Position } from 'vscode-languageserver-types';
import type { StageCompletionData } from '../completion';
import { targetAt, type BuildFileContext } from './buildFileContext';

export function completeTargets(context: BuildFileContext, position: Position): CompletionItem[] | undefined {
  const target = targetAt(context.targets, position);
  if (!target) return undefined;
  const dockerfile = context.dockerfile(target.dockerfile);
  if (!dockerfile) return undefined;
  const named = dockerfile.context.model.stages.filter((stage) => stage.name !== undefined);
  // An empty `target:` is completed where the cursor is.
  const range = target.target === '' ? { start: position, end: position } : target.range;
  const last = named.length - 1;
  return named.map((stage, i) => {
    const data: StageCompletionData = { uri: dockerfile.uri, stage: stage.index };
    return {
      label: stage.name!.text,
      kind: CompletionItemKind.Reference,
      detail: stage.expandedBase ?? stage.base?.text,
      // Later stages first: targets are usually the final stages.
      sortText: String(last - i).padStart(6, '0'),
      textEdit: { range, newText: stage.name!.text },
      data,
    };
  });
}

// What the stage refactors share: their result, and writing a FROM line in the stage's own style.
import type { TextEdit } from 'vscode-languageserver-types';
import type { Position, Stage } from '../../analysis/model';
import type { DocumentText } from '../documentText';

export interface RefactorResult {
  readonly edits: TextEdit[];
  /** Where the name the user will want to choose stands after the edit: the client starts a rename there. */
  readonly renamePosition?: Position;
}

/** The `AS` keyword as the stage writes it, or in the casing of its FROM keyword. */
export function asKeyword(stage: Stage): string {
  if (stage.asKeyword) return stage.asKeyword.text;
  return stage.fromKeyword.text === stage.fromKeyword.text.toLowerCase() ? 'as' : 'AS';
}

/** `FROM [--platform=P] <base> AS <name>`, with the stage's keyword, platform and base as written. */
export function fromLine(document: DocumentText, stage: Stage, name: string): string {
  const platform = stage.platform ? `--platform=${document.slice(stage.platform.range)} ` : '';
  const base = stage.base ? document.slice(stage.base.range) : '';
  return `${stage.fromKeyword.text} ${platform}${base} ${asKeyword(stage)} ${name}`;
}

/** Why the stage's FROM cannot be rewritten (no image yet, or words BuildKit rejects), if so. */
export function malformedFrom(stage: Stage): string | undefined {
  if (!stage.base) return 'The FROM has no image yet.';
  const lastWord = stage.name?.range ?? stage.base.range;
  const end = stage.fromRange.end;
  if (lastWord.end.line !== end.line || lastWord.end.character !== end.character) return 'The FROM line has more than an image and a name: fix it first.';
  return undefined;
}

// What the stage refactors share: their result, and writing a FROM line in the stage's own style.
import type { TextEdit } from 'vscode-languageserver-types';
import type { Position, Stage } from '../../analysis/model';
import type { DocumentText } from './documentText';

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

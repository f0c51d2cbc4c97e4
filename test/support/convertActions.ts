// The convert action as a test drives it on a marked fixture (`|` is the cursor, on the FROM line): listed,
// resolved and applied; each result checked for the properties of convertProperties.ts.
import assert from 'node:assert/strict';
import type { CodeAction } from 'vscode-languageserver-types';
import { AnalyzedDocument } from '../../server/src/analysis/document';
import { featureContext, type BuildContextKnowledge } from '../../server/src/features/featureContext';
import { listRefactors, REFACTOR_KINDS, resolveRefactor } from '../../server/src/features/refactors/refactorActions';
import { applyEdits, fixture, textAt } from './fixture';
import { checkConversion } from './convertProperties';

export const URI = 'file:///convert/Dockerfile';

/** `kind`: the action asked for (the option to download the dependencies first is its own); `knowledge`: the build context's. */
export function listed(marked: string, kind: string = REFACTOR_KINDS.convert, knowledge: BuildContextKnowledge = {}): { action?: CodeAction; text: string } {
  const fx = fixture(marked);
  const context = featureContext(AnalyzedDocument.fromText(fx.text), [], knowledge);
  const [action] = listRefactors(context, URI, { start: fx.cursor, end: fx.cursor }, [kind]);
  return { action: action && (action.disabled ? action : resolveRefactor(context, action)), text: fx.text };
}

export function converts(marked: string, expected: string, title?: string): void {
  const { action, text } = listed(marked);
  assert.ok(action && !action.disabled, `not offered: ${action?.disabled?.reason}`);
  if (title) assert.equal(action.title, title);
  const after = applyEdits(text, action.edit!.changes![URI]);
  assert.equal(after, expected);
  checkConversion(text, after);
  const position = action.command!.arguments![1];
  assert.equal(textAt(after, { start: position, end: { line: position.line, character: position.character + 5 } }), 'build');
}

export function declines(marked: string, reason: RegExp): void {
  const { action } = listed(marked);
  assert.ok(action?.disabled, `not declined: ${action?.title}`);
  assert.match(action.disabled.reason, reason);
}

export const NOTE = (kept: string, toolchain: string) => `# Runtime: only ${kept} from the build; the sources, the ${toolchain} toolchain and its environment, and all else the build made are not in this image.`;

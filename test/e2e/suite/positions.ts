// Positions in a document by its text, as the suites name places: "after `--from=`", "on the second `build`".
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';

/** The position of the `index`-th occurrence of `text` in `document`, `offset` characters into it. */
export function positionIn(document: vscode.TextDocument, text: string, offset = 0, index = 0): vscode.Position {
  let at = -1;
  for (let i = 0; i <= index; i++) at = document.getText().indexOf(text, at + 1);
  assert.ok(at >= 0, `'${text}' not in the document`);
  return document.positionAt(at + offset);
}

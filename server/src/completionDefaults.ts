// LSP 3.17's completion list defaults: where the client reads `itemDefaults.editRange` (VS Code's does), the range
// every item replaces goes once with the list instead of with each item. The stages offered at `COPY --from=` in
// the middle of the 1,000-stage file of `npm run bench` were 137 KB of JSON, 58 KB of it the items' text edits.
import type { ClientCapabilities, CompletionItem, CompletionList, Range } from 'vscode-languageserver';

export function takesDefaultEditRange(capabilities: ClientCapabilities | undefined): boolean {
  return capabilities?.textDocument?.completion?.completionList?.itemDefaults?.includes('editRange') === true;
}

/**
 * The items as a list whose default edit range is the one they all replace with their label (what the client
 * then inserts); the items as they are where one differs.
 */
export function withDefaultEditRange(items: CompletionItem[]): CompletionItem[] | CompletionList {
  const first = items[0]?.textEdit;
  if (!first || !('range' in first)) return items;
  const range = first.range;
  const replacesRange = ({ textEdit, label }: CompletionItem) => textEdit !== undefined && 'range' in textEdit && sameRange(textEdit.range, range) && textEdit.newText === label;
  if (!items.every(replacesRange)) return items;
  return { isIncomplete: false, itemDefaults: { editRange: range }, items: items.map(({ textEdit, ...item }) => item) };
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

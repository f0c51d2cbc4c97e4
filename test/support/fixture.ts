// Test fixtures written as Dockerfile text with markers instead of hand-counted positions:
// `|` is the cursor, `[[...]]` marks ranges (in order). Use `fixture` only where the text has no other `|`.
import type { Position, Range } from '../../server/src/analysis/model';

export interface Fixture {
  readonly text: string;
  readonly cursor: Position;
  readonly ranges: Range[];
}

export function fixture(marked: string): Fixture {
  let text = '';
  let cursor: Position | undefined;
  const ranges: Range[] = [];
  const open: Position[] = [];
  for (let i = 0; i < marked.length; i++) {
    if (marked[i] === '|') {
      cursor = positionAt(text, text.length);
    } else if (marked.startsWith('[[', i)) {
      open.push(positionAt(text, text.length));
      i++;
    } else if (marked.startsWith(']]', i) && open.length > 0) {
      ranges.push({ start: open.pop()!, end: positionAt(text, text.length) });
      i++;
    } else {
      text += marked[i];
    }
  }
  ranges.sort((a, b) => a.start.line - b.start.line || a.start.character - b.start.character);
  return { text, cursor: cursor ?? { line: 0, character: 0 }, ranges };
}

/** The LSP position of a UTF-16 offset; `\r\n`, `\n` and `\r` all end a line. */
export function positionAt(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}

export function offsetAt(text: string, position: Position): number {
  let line = 0;
  let i = 0;
  while (line < position.line && i < text.length) {
    const c = text[i++];
    if (c === '\n' || (c === '\r' && text[i] !== '\n')) line++;
  }
  return i + position.character;
}

/** The text a range covers. */
export function textAt(text: string, range: Range): string {
  return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
}

/** Applies non-overlapping edits, as an editor does. */
export function applyEdits(text: string, edits: readonly { range: Range; newText: string }[]): string {
  const sorted = [...edits].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start));
  let result = text;
  for (const edit of sorted) {
    result = result.slice(0, offsetAt(result, edit.range.start)) + edit.newText + result.slice(offsetAt(result, edit.range.end));
  }
  return result;
}

/** Joins lines with `\n`: keeps multi-line fixtures readable without template-literal indentation. */
export function lines(...content: string[]): string {
  return content.join('\n') + '\n';
}

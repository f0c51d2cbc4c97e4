// LSP positions and ranges (0-based lines, UTF-16 columns), and comparing them. A leaf: every part of the
// model imports it, and it imports nothing.
export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** A piece of source text and where it stands. */
export interface Located {
  readonly text: string;
  readonly range: Range;
}

export function comparePositions(a: Position, b: Position): number {
  return a.line !== b.line ? a.line - b.line : a.character - b.character;
}

/** Whether the position lies in the range, both ends included (a cursor right after a name is on it). */
export function rangeContains(range: Range, position: Position): boolean {
  return comparePositions(range.start, position) <= 0 && comparePositions(position, range.end) <= 0;
}

export function rangesOverlap(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) <= 0 && comparePositions(b.start, a.end) <= 0;
}

/**
 * A selection as the editor shows it: one that ends at column 0 of a later line (whole lines selected with
 * Shift+Down) does not include that line, as VS Code shows and treats it (Move Line, Toggle Line Comment).
 */
export function shownSelection(range: Range, lineLength: (line: number) => number): Range {
  const { start, end } = range;
  if (end.character !== 0 || end.line <= start.line) return range;
  return { start, end: { line: end.line - 1, character: lineLength(end.line - 1) } };
}

/**
 * The last of `items` (in order of `lineOf`) whose line is at or before `line`: the stage holding a line, the
 * instruction a line belongs to. A binary search: the one way every feature finds "the one this line is in".
 */
export function lastAtOrBefore<T>(items: readonly T[], lineOf: (item: T) => number, line: number): T | undefined {
  const count = countAtOrBefore(items, lineOf, line);
  return count > 0 ? items[count - 1] : undefined;
}

/** How many of `items` (in order of `lineOf`) lie at or before `line`; a binary search. */
export function countAtOrBefore<T>(items: readonly T[], lineOf: (item: T) => number, line: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (lineOf(items[middle]) <= line) low = middle + 1;
    else high = middle;
  }
  return low;
}

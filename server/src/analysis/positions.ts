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

/**
 * `value` with every position (and `instructionLine`) moved by `delta` lines: new objects only on the way to a
 * position, the rest shared (plain data, never changed).
 */
export function moveLines<T>(value: T, delta: number): T {
  if (delta === 0 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const moved = moveLines(value[i], delta);
      if (moved !== value[i]) (copy ??= value.slice())[i] = moved;
    }
    return (copy ?? value) as T;
  }
  const record = value as Record<string, unknown>;
  if (typeof record.line === 'number' && typeof record.character === 'number') {
    return { line: record.line + delta, character: record.character } as T;
  }
  let copy: Record<string, unknown> | undefined;
  // `for in`, not Object.keys: an array of keys for each of the tens of thousands of objects an edit that adds a
  // line walks at 1,000 stages was 7 MB (the skeletons are plain objects: no inherited enumerable keys).
  for (const key in record) {
    const field = record[key];
    const moved = key === 'instructionLine' ? (field as number) + delta : moveLines(field, delta);
    if (moved !== field && !copy) {
      copy = {};
      for (const earlier in record) {
        if (earlier === key) break;
        copy[earlier] = record[earlier];
      }
    }
    if (copy) copy[key] = moved;
  }
  return (copy ?? value) as T;
}

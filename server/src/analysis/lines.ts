// Where each line of a document starts, and how an edit changed the lines: read once per version, and after an
// edit only around the change (a 19,000-line file is not split again on every keystroke). Lines end at `\r\n`,
// `\r` or `\n`, as dockerfile-ast counts them. The tables are typed arrays: the lines an edit left alone are
// copied as a block (and shifted by a loop over plain integers), where pushing them one by one into arrays
// took 2-3 ms an edit on the 1,000-stage file of `npm run bench`.

export interface LineTable {
  /** The offset where each line starts; a text ending with a line end has an empty last line. */
  readonly starts: Readonly<Int32Array>;
  /** Each line's length in UTF-16 code units, its line end excluded. */
  readonly lengths: Readonly<Int32Array>;
}

/**
 * The lines of two versions, as an editor lists them: `[prefix, oldEnd)` of the old became `[prefix, newEnd)` of
 * the new, the rest is equal.
 */
export interface LineChange {
  readonly prefix: number;
  readonly oldEnd: number;
  readonly newEnd: number;
  /** The new text's table. */
  readonly table: LineTable;
}

const LF = 10;
const CR = 13;

export function lineTable(text: string): LineTable {
  const starts = [0];
  const lengths: number[] = [];
  readLines(text, 0, text.length, starts, lengths);
  lengths.push(text.length - starts[starts.length - 1]);
  return { starts: Int32Array.from(starts), lengths: Int32Array.from(lengths) };
}

/**
 * Reads the lines starting at `from` (a line start, the last entry of `starts`) up to `to`: pushes the length of
 * each line that ends before `to` and the start of the line after it.
 */
function readLines(text: string, from: number, to: number, starts: number[], lengths: number[]): void {
  let lineStart = from;
  for (let at = from; at < to; at++) {
    const code = text.charCodeAt(at);
    if (code !== LF && code !== CR) continue;
    lengths.push(at - lineStart);
    if (code === CR && text.charCodeAt(at + 1) === LF) at++;
    lineStart = at + 1;
    starts.push(lineStart);
  }
}

/** The number of lines with their line ends, as an editor lists them: no empty line after a final line end. */
export function lineCount(table: LineTable, text: string): number {
  const lastLength = table.lengths[table.lengths.length - 1];
  return lastLength === 0 && (table.starts.length > 1 || text.length === 0) ? table.starts.length - 1 : table.starts.length;
}

/** The lines `previous` (of `previousText`) and `text` share at their start and end, and the new table. */
export function changeLines(previous: LineTable, previousText: string, text: string): LineChange {
  if (previousText === text) {
    const count = lineCount(previous, text);
    return { prefix: count, oldEnd: count, newEnd: count, table: previous };
  }
  const shorter = Math.min(previousText.length, text.length);
  const same = sharedLength(previousText, text, shorter, (a, b, from, size) => a.slice(from, from + size) === b.slice(from, from + size), (a, b, at) => a.charCodeAt(at) === b.charCodeAt(at));
  const sameEnd = sharedLength(previousText, text, shorter,
    (a, b, from, size) => a.slice(a.length - from - size, a.length - from) === b.slice(b.length - from - size, b.length - from),
    (a, b, at) => a.charCodeAt(a.length - 1 - at) === b.charCodeAt(b.length - 1 - at));
  // A line is the same at the start when it and its line end lie in the shared text (a `\r` at the edge may
  // have become `\r\n`).
  let prefix = linesEndingBy(previous.starts, same);
  if (prefix > 0 && previous.starts[prefix] === same && previousText.charCodeAt(same - 1) === CR && text.charCodeAt(same) === LF) prefix--;
  // A line is the same at the end when it lies in the shared end and starts a line in the new text too, after
  // the lines that are the same at the start in both texts.
  const shift = text.length - previousText.length;
  // Starts increase: every line starting after the shared end's start qualifies, found by binary search; of
  // the lines before them only one starting right at it may.
  const afterPrefix = previous.starts[prefix];
  const sharedStart = previousText.length - sameEnd;
  let oldEnd = firstStartFrom(previous.starts, prefix, Math.max(sharedStart + 1, afterPrefix - shift));
  if (oldEnd > prefix && previous.starts[oldEnd - 1] + shift >= afterPrefix
    && startsSharedLine(previous.starts[oldEnd - 1], sharedStart, text, shift)) oldEnd--;
  // The changed lines, read anew: from the first one's start up to the first line that is the same at the end.
  const changedStarts = [previous.starts[prefix]];
  const changedLengths: number[] = [];
  const sharedFrom = oldEnd < previous.starts.length ? previous.starts[oldEnd] + shift : text.length;
  readLines(text, changedStarts[0], sharedFrom, changedStarts, changedLengths);
  if (oldEnd === previous.starts.length) changedLengths.push(text.length - changedStarts[changedStarts.length - 1]);
  const tail = previous.starts.length - oldEnd;
  const starts = new Int32Array(prefix + changedStarts.length + Math.max(tail - 1, 0));
  starts.set(previous.starts.subarray(0, prefix));
  starts.set(changedStarts, prefix);
  const shifted = starts.subarray(prefix + changedStarts.length);
  shifted.set(previous.starts.subarray(oldEnd + 1));
  if (shift !== 0) for (let i = 0; i < shifted.length; i++) shifted[i] += shift;
  const lengths = new Int32Array(prefix + changedLengths.length + tail);
  lengths.set(previous.lengths.subarray(0, prefix));
  lengths.set(changedLengths, prefix);
  lengths.set(previous.lengths.subarray(oldEnd), prefix + changedLengths.length);
  const table = { starts, lengths };
  // In the lines an editor lists (no empty line after a final line end).
  const newEnd = Math.min(oldEnd + starts.length - previous.starts.length, lineCount(table, text));
  return { prefix, oldEnd: Math.min(oldEnd, lineCount(previous, previousText)), newEnd, table };
}

/**
 * How many code units the texts share (at their start or, with the comparisons made so, at their end), up to
 * `limit`: by whole chunks first, which the engine compares natively, then one unit at a time; a character loop
 * all the way was measurably slower on the 1,000-stage file of `npm run bench` (600,000 units).
 */
function sharedLength(a: string, b: string, limit: number, sameChunk: (a: string, b: string, from: number, size: number) => boolean, sameUnit: (a: string, b: string, at: number) => boolean): number {
  let shared = 0;
  for (const size of [65536, 4096, 256, 16]) {
    while (shared + size <= limit && sameChunk(a, b, shared, size)) shared += size;
  }
  while (shared < limit && sameUnit(a, b, shared)) shared++;
  return shared;
}

/** How many lines end (line end included) at or before `offset`. */
function linesEndingBy(starts: Readonly<Int32Array>, offset: number): number {
  let low = 1;
  let high = starts.length - 1;
  let count = 0;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (starts[middle] <= offset) {
      count = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return count;
}

/** The first line from `from` on that starts at `offset` or after; the table's length when none does. */
function firstStartFrom(starts: Readonly<Int32Array>, from: number, offset: number): number {
  let low = from;
  let high = starts.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (starts[middle] >= offset) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** Whether the old line starting at `start` lies in the shared end (from `sharedStart`) and starts a line in the new text. */
function startsSharedLine(start: number, sharedStart: number, text: string, shift: number): boolean {
  if (start > sharedStart) return true;
  if (start < sharedStart) return false;
  const at = start + shift;
  const before = text.charCodeAt(at - 1);
  return at === 0 || before === LF || (before === CR && text.charCodeAt(at) !== LF);
}

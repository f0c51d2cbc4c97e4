// What a shell word may be when the script runs, as far as the script itself says: its possible values, each a
// sequence of pieces that are known text (with where the script writes it, when it does) or unknown (an
// environment variable, a command's output). Word splitting follows the shell: only what an unquoted expansion
// produces is split, at blanks.

/** Known text, with its offset in the script when it is written there character for character. */
export interface TextPiece {
  readonly text: string;
  readonly at?: number;
}
/** Text the script does not determine; `source` is how it is written (`$TARGET`, `$(git describe)`). */
export interface UnknownPiece {
  readonly unknown: string;
}
export type Piece = TextPiece | UnknownPiece;
/** One possible value: its pieces in order. */
export type Value = readonly Piece[];

/** One argument of a command after word splitting. */
export interface Field {
  readonly value: Value;
  /** An unquoted unknown expansion standing alone (`$EXTRA_ARGS`, `"$@"`): any number of arguments. */
  readonly spread?: boolean;
  /** The word of the script it comes from (offsets). */
  readonly start: number;
  readonly end: number;
}

/** A word's evaluation before splitting: segments, each splittable or not (quoted, or written literally). */
export interface Segment {
  readonly value: Value;
  readonly split: boolean;
  /** `"${array[@]}"`, `"$@"`: each element is its own field. */
  readonly fields?: readonly Field[];
}

/** More alternatives than this make a value unknown: the script computes it in ways not followed here. */
export const MAX_ALTERNATIVES = 32;

export function isUnknown(piece: Piece): piece is UnknownPiece {
  return 'unknown' in piece;
}

/** The value's text when every piece is known. */
export function knownText(value: Value): string | undefined {
  let text = '';
  for (const piece of value) {
    if (isUnknown(piece)) return undefined;
    text += piece.text;
  }
  return text;
}

/** The value as the script would show it: known text, unknown pieces as they are written. */
export function displayText(value: Value): string {
  return value.map((piece) => (isUnknown(piece) ? piece.unknown : piece.text)).join('');
}

/** Where the whole value is written in the script, character for character, when it is. */
export function writtenRange(value: Value): { start: number; end: number } | undefined {
  const text = knownText(value);
  if (text === undefined || text === '') return undefined;
  const first = value.find((piece) => (piece as TextPiece).text !== '') as TextPiece;
  if (first.at === undefined) return undefined;
  // Contiguous pieces (a word split in several nodes) are one place.
  let end = first.at;
  for (const piece of value as TextPiece[]) {
    if (piece.text === '') continue;
    if (piece.at !== end) return undefined;
    end += piece.text.length;
  }
  return { start: first.at, end };
}

/** Known text as a value (`at`: where it is written). */
export function textValue(text: string, at?: number): Value {
  return [at === undefined ? { text } : { text, at }];
}

export function unknownValue(source: string): Value {
  return [{ unknown: source }];
}

/** Part of a text piece, keeping its place. */
function slicePiece(piece: TextPiece, start: number, end = piece.text.length): TextPiece {
  const text = piece.text.slice(start, end);
  return piece.at === undefined ? { text } : { text, at: piece.at + start };
}

/** Splits a word's segments into fields, as the shell does after expansion (blanks: space, tab, newline). */
export function splitFields(segments: readonly Segment[], start: number, end: number): Field[] {
  const fields: Field[] = [];
  let current: Piece[] = [];
  let quotedEmpty = false;
  const flush = () => {
    if (current.length > 0 || quotedEmpty) fields.push({ value: current, start, end });
    current = [];
    quotedEmpty = false;
  };
  for (const segment of segments) {
    if (segment.fields) {
      flush();
      fields.push(...segment.fields);
      continue;
    }
    if (!segment.split) {
      current.push(...segment.value);
      if (segment.value.length === 0 || knownText(segment.value) === '') quotedEmpty = true;
      continue;
    }
    for (const piece of segment.value) {
      if (isUnknown(piece)) {
        // Alone in its word it may be any number of words; glued to text it is part of one.
        if (segments.length === 1 && segment.value.length === 1) {
          fields.push({ value: [piece], spread: true, start, end });
        } else current.push(piece);
        continue;
      }
      let from = 0;
      for (const blank of piece.text.matchAll(/[ \t\n]+/g)) {
        if (blank.index! > from) current.push(slicePiece(piece, from, blank.index));
        flush();
        from = blank.index! + blank[0].length;
      }
      if (from < piece.text.length) current.push(slicePiece(piece, from));
    }
  }
  flush();
  return fields;
}

/** The shell pattern (`*`, `?`, `[...]`) as a regular expression source. */
export function globSource(pattern: string): string {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') source += '[\\s\\S]*';
    else if (c === '?') source += '[\\s\\S]';
    else if (c === '\\' && i + 1 < pattern.length) source += escapeRegExp(pattern[++i]);
    else if (c === '[' && pattern.indexOf(']', i + 2) !== -1) {
      const close = pattern.indexOf(']', i + 2);
      source += `[${pattern.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
      i = close;
    } else source += escapeRegExp(c);
  }
  return source;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Alternatives without repeats (by what they show); undefined past MAX_ALTERNATIVES. */
export function distinct<T>(alternatives: readonly T[], key: (alternative: T) => string): T[] | undefined {
  const seen = new Map<string, T>();
  for (const alternative of alternatives) if (!seen.has(key(alternative))) seen.set(key(alternative), alternative);
  return seen.size > MAX_ALTERNATIVES ? undefined : [...seen.values()];
}

// Values in a GitHub workflow: a YAML scalar's text with where each part is in the file (block scalars
// included), a job's matrix as its combinations (`include` extending or adding them, `exclude` removing
// them, as GitHub builds them), and `${{ matrix.x }}` replaced by each combination's value. Other
// expressions (`${{ inputs.target }}`, `${{ steps.x.outputs.y }}`) are known only when the workflow runs:
// they stay unknown, written as they are.
import { isMap, isScalar, isSeq, type Scalar, type YAMLMap } from 'yaml';
import { evaluateExpression } from './workflowExpressions';
import { distinct, displayText, isUnknown, MAX_ALTERNATIVES, textValue, unknownValue, type Piece, type Value } from '../shell/values';

/** One combination of the matrix: key → value (as written in the file). */
export type MatrixRow = ReadonlyMap<string, Value>;

/** The job's matrix combinations; one empty row without a matrix; undefined when the matrix is computed (`${{ fromJSON(...) }}`). */
export function matrixRows(job: YAMLMap, text: string): MatrixRow[] | undefined {
  const strategy = job.get('strategy', true);
  const matrix = isMap(strategy) ? (strategy as YAMLMap).get('matrix', true) : undefined;
  if (matrix === undefined) return [new Map()];
  if (!isMap(matrix)) return undefined;
  let rows: Map<string, Value>[] = [new Map()];
  const includes: Map<string, Value>[] = [];
  const excludes: Map<string, Value>[] = [];
  for (const pair of (matrix as YAMLMap).items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (key === 'include' || key === 'exclude') {
      if (!isSeq(pair.value)) return undefined;
      for (const item of pair.value.items) {
        const row = isMap(item) ? rowOf(item as YAMLMap, text) : undefined;
        if (!row) return undefined;
        (key === 'include' ? includes : excludes).push(row);
      }
      continue;
    }
    if (!isSeq(pair.value)) return undefined;
    const values = pair.value.items.map((item) => (isScalar(item) ? scalarValue(item as Scalar, text) : undefined));
    if (values.some((value) => value === undefined) || rows.length * values.length > MAX_ALTERNATIVES) return undefined;
    rows = rows.flatMap((row) => values.map((value) => new Map([...row, [key, value!]])));
  }
  if (rows.length === 1 && rows[0].size === 0 && includes.length > 0) rows = [];
  rows = rows.filter((row) => !excludes.some((exclude) => matches(row, exclude)));
  const baseKeys = new Set(rows.flatMap((row) => [...row.keys()]));
  for (const include of includes) {
    const extended = rows.filter((row) => [...include].every(([key, value]) => !baseKeys.has(key) || !row.has(key) || same(row.get(key)!, value)));
    if (extended.length > 0 && [...include.keys()].some((key) => baseKeys.has(key))) {
      for (const row of extended) for (const [key, value] of include) if (!baseKeys.has(key) || !row.has(key)) row.set(key, value);
    } else rows.push(new Map(include));
  }
  return rows.length > MAX_ALTERNATIVES ? undefined : rows;
}

function rowOf(map: YAMLMap, text: string): Map<string, Value> | undefined {
  const row = new Map<string, Value>();
  for (const pair of map.items) {
    if (!isScalar(pair.key) || !isScalar(pair.value)) return undefined;
    row.set(String(pair.key.value), scalarValue(pair.value as Scalar, text));
  }
  return row;
}

const same = (a: Value, b: Value) => displayText(a) === displayText(b);
const matches = (row: MatrixRow, partial: MatrixRow) => [...partial].every(([key, value]) => row.has(key) && same(row.get(key)!, value));

/** A scalar's value, each line's text with its offset in the file when the file has it as it is. */
export function scalarValue(scalar: Scalar, text: string): Value {
  const value = String(scalar.value ?? '');
  const [start, valueEnd] = scalar.range ?? [0, 0];
  const source = text.slice(start, valueEnd);
  if (scalar.type === 'PLAIN') return textValue(value, source === value ? start : undefined);
  if (scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE') return textValue(value, source.slice(1, -1) === value ? start + 1 : undefined);
  if (scalar.type !== 'BLOCK_LITERAL') return textValue(value);
  // `|`: the lines after the header, less their common indentation.
  const body = source.indexOf('\n') + 1;
  const lines = source.slice(body).split('\n');
  const indent = Math.min(...lines.filter((line) => line.trim() !== '').map((line) => line.length - line.trimStart().length));
  const pieces: Piece[] = [];
  let at = start + body;
  const cut = Number.isFinite(indent) ? indent : 0;
  for (const line of lines) {
    const content = line.replace(/\r$/, '').slice(cut);
    if (pieces.length > 0) pieces.push({ text: '\n' });
    if (content !== '') pieces.push({ text: content, at: at + cut });
    at += line.length + 1;
  }
  const joined = pieces.map((piece) => (piece as { text: string }).text).join('');
  return joined.replace(/\n+$/, '') === value.replace(/\n+$/, '') ? pieces : textValue(value);
}

/** The value with `${{ matrix.x }}` replaced by the row's value; other expressions unknown. */
export function withExpressions(value: Value, row: MatrixRow | undefined): Value {
  return value.flatMap((piece): Piece[] => {
    if (isUnknown(piece)) return [piece];
    const pieces: Piece[] = [];
    let last = 0;
    for (const match of piece.text.matchAll(/\$\{\{\s*([^}]*?)\s*\}\}/g)) {
      if (match.index! > last) pieces.push(slice(piece, last, match.index!));
      const key = /^matrix\.([\w-]+)$/.exec(match[1])?.[1];
      const evaluated = key === undefined ? evaluateExpression(match[1], row) : undefined;
      // A key this combination has not is empty, as GitHub makes it; without known combinations it is unknown.
      const replacement = key !== undefined ? row?.get(key) ?? (row ? [] : undefined) : evaluated !== undefined ? textValue(evaluated) : undefined;
      pieces.push(...(replacement ?? unknownValue(match[0])));
      last = match.index! + match[0].length;
    }
    if (last < piece.text.length) pieces.push(slice(piece, last, piece.text.length));
    return pieces;
  });
}

function slice(piece: { text: string; at?: number }, start: number, end: number): Piece {
  const text = piece.text.slice(start, end);
  return piece.at === undefined ? { text } : { text, at: piece.at + start };
}

/** The values a scalar takes over the rows (each once). */
export function valuesOver(value: Value, rows: readonly MatrixRow[]): Value[] {
  return distinct(rows.map((row) => withExpressions(value, row)), displayText) ?? [withExpressions(value, undefined)];
}

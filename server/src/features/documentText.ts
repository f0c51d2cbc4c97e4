// Line-level access to a document's text for refactors that move whole lines.
import type { Position, Range, StageModel } from '../analysis/model';

export class DocumentText {
  private readonly lineStarts: Readonly<ArrayLike<number>>;
  /** A byte order mark belongs to the file, not to its first line: moving that line leaves it in place. */
  private readonly bom: number;

  /**
   * `lineStarts`: the text's line starts where the caller has them (the model's, `StageModel.lineStarts`), so
   * that a request reading one line does not go over the whole text (7 ms on the 1,000-stage file of the bench).
   */
  constructor(readonly text: string, lineStarts?: Readonly<ArrayLike<number>>) {
    this.bom = text.startsWith('\uFEFF') ? 1 : 0;
    this.lineStarts = lineStarts ?? readLineStarts(text);
  }

  private lineEnd?: string;

  /** The line end new lines are written with: the document's own (looked for on first use). */
  get eol(): string {
    return this.lineEnd ??= this.text.includes('\r\n') ? '\r\n' : '\n';
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  offset(position: Position): number {
    return this.lineStarts[position.line] + position.character;
  }

  slice(range: Range): string {
    return this.text.slice(this.offset(range.start), this.offset(range.end));
  }

  /** Where line `line`'s text starts (after a byte order mark on the first line). */
  lineStart(line: number): Position {
    return { line, character: line === 0 ? this.bom : 0 };
  }

  /** Line `line`'s text as the client counts its columns (a byte order mark included), without its line end. */
  lineText(line: number): string {
    const end = line + 1 < this.lineCount ? this.lineStarts[line + 1] : this.text.length;
    return this.text.slice(this.lineStarts[line], end).replace(/(?:\r\n|\r|\n)$/, '');
  }

  /** Lines `first` to `last` with their line ends (the last line of the text may have none). */
  lines(first: number, last: number): string {
    const end = last + 1 < this.lineCount ? this.lineStarts[last + 1] : this.text.length;
    return this.text.slice(this.offset(this.lineStart(first)), end);
  }

  /** Where to insert whole lines after `line`; `prefix` is what must precede them there. */
  afterLine(line: number): { position: Position; prefix: string } {
    if (line + 1 < this.lineCount) return { position: { line: line + 1, character: 0 }, prefix: '' };
    return { position: { line, character: this.text.length - this.lineStarts[line] }, prefix: this.eol };
  }
}

function readLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) starts.push(i + 1);
  }
  return starts;
}

/** The first line of the block of comment lines directly above `line` (`line` itself when there is none). */
export function commentBlockAbove(model: StageModel, line: number, floor = 0): number {
  const commentLines = new Set(model.comments.map((c) => c.range.start.line));
  let first = line;
  while (first - 1 >= floor && commentLines.has(first - 1)) first--;
  return first;
}

// The line table after an edit equals the table of the new text read whole, and the changed lines are exactly
// those that differ (compared as an editor lists lines, each with its line end).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { changeLines, lineCount, lineTable } from '../../server/src/analysis/lines';
import { randomGenerator, type Random } from '../support/random';

const PIECES = ['a', 'b', '\n', '\r', '\r\n', 'é', '😀'];

function randomText(random: Random, length: number): string {
  return Array.from({ length }, () => random.pick(PIECES)).join('');
}

function randomEdit(text: string, random: Random): string {
  const at = random.int(text.length + 1);
  const end = Math.min(text.length, at + random.int(4));
  return text.slice(0, at) + randomText(random, random.int(3)) + text.slice(end);
}

/** The lines with their line ends, and how many are equal at the start and at the end. */
function expectedChange(before: string, after: string): { prefix: number; oldEnd: number; newEnd: number } {
  const split = (text: string) => text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
  const oldLines = split(before);
  const newLines = split(after);
  const shorter = Math.min(oldLines.length, newLines.length);
  let prefix = 0;
  while (prefix < shorter && oldLines[prefix] === newLines[prefix]) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && oldLines[oldLines.length - 1 - suffix] === newLines[newLines.length - 1 - suffix]) suffix++;
  return { prefix, oldEnd: oldLines.length - suffix, newEnd: newLines.length - suffix };
}

describe('line table', () => {
  it('reads every line end as dockerfile-ast does', () => {
    assert.deepEqual(lineTable('a\r\nbb\rc\n'), { starts: Int32Array.of(0, 3, 6, 8), lengths: Int32Array.of(1, 2, 1, 0) });
    assert.deepEqual(lineTable(''), { starts: Int32Array.of(0), lengths: Int32Array.of(0) });
    assert.equal(lineCount(lineTable('a\n'), 'a\n'), 1);
    assert.equal(lineCount(lineTable('a\nb'), 'a\nb'), 2);
  });

  it('after random edits equals the new text read whole, with the lines that changed', () => {
    const random = randomGenerator(20261206);
    for (let round = 0; round < 3000; round++) {
      const before = randomText(random, random.int(12));
      const after = randomEdit(before, random);
      const change = changeLines(lineTable(before), before, after);
      assert.deepEqual(change.table, lineTable(after), JSON.stringify([before, after]));
      assert.deepEqual({ prefix: change.prefix, oldEnd: change.oldEnd, newEnd: change.newEnd }, expectedChange(before, after), JSON.stringify([before, after]));
    }
  });
});

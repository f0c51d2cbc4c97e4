// The one classifier of what stands at a position (features/locate.ts) and its precedence, which every request
// follows: the stage symbol, then the variable, then the copied path; a request answers on the first symbol it
// has an answer for, rename on the first symbol.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AnalyzedDocument } from '../../server/src/analysis/document';
import { countAtOrBefore, lastAtOrBefore } from '../../server/src/analysis/positions';
import { featureContext } from '../../server/src/features/featureContext';
import { referenceAt, symbolsAt } from '../../server/src/features/locate';
import { hover } from '../../server/src/features/hover';
import { definition } from '../../server/src/features/definition';
import { prepareRename } from '../../server/src/features/rename';
import { fixture, lines } from '../support/fixture';
import { generateDockerfile } from '../support/generate';

function at(marked: string) {
  const fx = fixture(marked);
  const context = featureContext(AnalyzedDocument.fromText(fx.text));
  const kinds = [...symbolsAt(context.model, fx.cursor)].map((symbol) => symbol.kind);
  const hovered = (hover(context, fx.cursor)?.contents as { value: string } | undefined)?.value;
  const defined = definition(context, fx.cursor, 'file:///Dockerfile')?.map((link) => link.targetSelectionRange.start.line + 1);
  return { kinds, hovered, defined, context, position: fx.cursor };
}

describe('what stands at a position', () => {
  it('one symbol where one kind stands', () => {
    assert.deepEqual(at(lines('FROM alpine AS bu|ild')).kinds, ['stage-declaration']);
    assert.deepEqual(at(lines('FROM alpine AS build', 'FROM scratch', 'COPY --from=bu|ild /a /a')).kinds, ['stage-reference']);
    assert.deepEqual(at(lines('ARG V|ERSION=1', 'FROM alpine')).kinds, ['global-arg']);
    assert.deepEqual(at(lines('FROM alpine', 'ARG V|ERSION=1')).kinds, ['variable-declaration']);
    assert.deepEqual(at(lines('FROM alpine', 'ARG VERSION=1', 'RUN echo $VER|SION')).kinds, ['variable-use']);
    assert.deepEqual(at(lines('FROM alpine AS build', 'RUN mkdir /out', 'FROM scratch', 'COPY --from=build /o|ut /out')).kinds, ['copied-path']);
    assert.deepEqual(at(lines('FROM alpine', 'RUN ec|ho hi')).kinds, []);
  });

  it('a stage named through a variable: the stage first, then the variable', () => {
    const named = at(lines('ARG BASE=build', 'FROM alpine AS build', 'FROM ${BA|SE}'));
    assert.deepEqual(named.kinds, ['stage-reference', 'variable-use']);
    // It names a stage: the stage answers.
    assert.match(named.hovered!, /build/);
    assert.deepEqual(named.defined, [2]);
  });

  it('an image named through a variable: the stage symbol has no answer, the variable answers', () => {
    const image = at(lines('ARG BASE=alpine', 'FROM ${BA|SE}'));
    assert.deepEqual(image.kinds, ['stage-reference', 'variable-use']);
    assert.match(image.hovered!, /\*\*\$BASE\*\*/);
    assert.deepEqual(image.defined, [1]);
  });

  it('rename takes the first symbol: a stage reference built from ARGs is refused, not renamed as the variable', () => {
    const { context, position } = at(lines('ARG BASE=build', 'FROM alpine AS build', 'FROM ${BA|SE}'));
    assert.throws(() => prepareRename(context, position), /built from ARGs|named through ARGs/);
  });
});

describe('referenceAt', () => {
  it('reads the stage of the position only, and finds what a scan of every reference finds', () => {
    const text = `ARG SOURCE_DATE_EPOCH=stage3\n${generateDockerfile(12)}\nFROM stage2\nONBUILD COPY --from=stage1 / /\nRUN --mount=from=stage0,target=/x true`;
    const model = AnalyzedDocument.fromText(text).model;
    const textLines = text.split('\n');
    let found = 0;
    for (let line = 0; line < textLines.length; line++) {
      for (let character = 0; character <= textLines[line].length; character++) {
        const position = { line, character };
        const scanned = model.references.find((r) => r.range.start.line <= line && line <= r.range.end.line
          && (line > r.range.start.line || character >= r.range.start.character) && (line < r.range.end.line || character <= r.range.end.character));
        assert.equal(referenceAt(model, position), scanned, JSON.stringify(position));
        if (scanned) found++;
      }
    }
    assert.ok(found > 100 && model.references.some((r) => r.kind === 'source-date-epoch' && r === referenceAt(model, r.range.start)));
  });
});

describe('lastAtOrBefore', () => {
  it('finds the last item at or before the line, none before the first', () => {
    const starts = [2, 5, 5, 9];
    assert.equal(lastAtOrBefore(starts, (line) => line, 1), undefined);
    assert.equal(lastAtOrBefore(starts.map((line, index) => ({ line, index })), (item) => item.line, 5)?.index, 2);
    assert.equal(lastAtOrBefore(starts, (line) => line, 8), 5);
    assert.equal(lastAtOrBefore(starts, (line) => line, 100), 9);
    assert.equal(lastAtOrBefore([], (line: number) => line, 0), undefined);
  });

  it('counts the items at or before the line (countAtOrBefore), equal lines included', () => {
    const starts = [2, 5, 5, 9];
    assert.deepEqual([1, 2, 5, 8, 9, 100].map((line) => countAtOrBefore(starts, (start) => start, line)), [0, 1, 3, 3, 4, 4]);
    assert.equal(countAtOrBefore([], (line: number) => line, 0), 0);
  });
});

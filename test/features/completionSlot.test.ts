// What completion fills in at a position (features/completionSlot.ts), decided once: a `$` slot, a stage slot, a
// path slot, in that precedence, and `complete` answering with the items of the slot's kind.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AnalyzedDocument } from '../../server/src/analysis/document';
import { featureContext } from '../../server/src/features/featureContext';
import { completionSlotAt } from '../../server/src/features/completionSlot';
import { complete } from '../../server/src/features/completion';
import { fixture, lines, textAt } from '../support/fixture';

/** The slot's kind and the text an accepted item replaces; and the labels completion offers there. */
function at(marked: string) {
  const fx = fixture(marked);
  const context = featureContext(AnalyzedDocument.fromText(fx.text));
  const slot = completionSlotAt(context, fx.cursor);
  const labels = complete(context, fx.cursor, 'file:///Dockerfile')?.map((item) => item.label);
  return { kind: slot?.kind, replaces: slot && textAt(fx.text, slot.range), labels };
}

const BUILD = ['FROM golang AS build', 'ARG GOOS=linux', 'RUN go build -o /out/app .'];

describe('the completion slot at a position', () => {
  it('a `$` slot after `$` or `${`, the whole name replaced', () => {
    const goos = at(lines(...BUILD, 'RUN echo $GO|OS'));
    assert.deepEqual([goos.kind, goos.replaces], ['variable', 'GOOS']);
    assert.ok(goos.labels!.includes('GOOS'));
    assert.equal(at(lines('ARG BASE=alpine', 'FROM ${BA|}')).kind, 'variable');
  });

  it('a stage slot in a stage reference, and after `FROM ` with no base yet', () => {
    assert.deepEqual(at(lines(...BUILD, 'FROM alpine', 'COPY --from=bu|ild /a /a')), { kind: 'stage', replaces: 'build', labels: ['build'] });
    assert.deepEqual(at(lines(...BUILD, 'RUN --mount=type=cache,from=|,target=/x true')), { kind: 'stage', replaces: '', labels: [] });
    assert.deepEqual(at(lines(...BUILD, 'FROM |')), { kind: 'stage', replaces: '', labels: ['build'] });
  });

  it('a path slot after `COPY --from=x ` and at a mount\'s source=', () => {
    assert.deepEqual(at(lines(...BUILD, 'FROM alpine', 'COPY --from=build |')), { kind: 'path', replaces: '', labels: ['/out/app'] });
    assert.deepEqual(at(lines(...BUILD, 'FROM alpine', 'RUN --mount=from=build,source=/o| true')), { kind: 'path', replaces: '/o', labels: ['/out/app'] });
  });

  it('`$` first where BuildKit expands the word, the stage where it never does (`--from=`, a mount\'s `from=`)', () => {
    assert.equal(at(lines(...BUILD, 'FROM alpine', 'COPY --from=build $|')).kind, 'variable');
    assert.equal(at(lines('ARG BASE=alpine', 'FROM $|')).kind, 'variable');
    assert.equal(at(lines(...BUILD, 'FROM alpine', 'COPY --from=$|')).kind, 'stage');
    assert.equal(at(lines(...BUILD, 'FROM alpine', 'RUN --mount=from=$| true')).kind, 'stage');
  });

  it('no slot elsewhere, where the general features answer', () => {
    assert.deepEqual(at(lines(...BUILD, 'RUN ec|ho')), { kind: undefined, replaces: undefined, labels: undefined });
    assert.equal(at(lines(...BUILD, 'FROM alpine', 'COPY --from=build /out/app |/usr/bin/')).kind, undefined);
  });
});

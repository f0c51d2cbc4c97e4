// Hover and definition on a `COPY --from` source path, in-process: the latest, most specific maker wins; a copy
// of a whole root (`COPY --from=xx / /`) is only where the path may come from, when nothing else makes it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AnalyzedDocument } from '../../server/src/analysis/document';
import { featureContext } from '../../server/src/features/featureContext';
import { findCopySourceDefinition, hoverCopySource } from '../../server/src/features/copySources';
import { completeSourcePaths } from '../../server/src/features/pathCompletion';
import { completionSlotAt } from '../../server/src/features/completionSlot';
import { fixture, lines, textAt } from '../support/fixture';
import { onCopiedPath } from '../support/symbols';

function at(marked: string): { hover?: string; lines: number[] } {
  const fx = fixture(marked);
  const context = featureContext(AnalyzedDocument.fromText(fx.text));
  const hover = onCopiedPath(context, fx.cursor, (symbol) => hoverCopySource(context.model, symbol));
  const links = onCopiedPath(context, fx.cursor, (symbol) => findCopySourceDefinition(context.model, symbol, 'file:///Dockerfile')) ?? [];
  return { hover: (hover?.contents as { value: string } | undefined)?.value, lines: links.map((link) => link.targetRange.start.line + 1) };
}

describe('COPY --from source paths and whole-root copies', () => {
  it('a later instruction that makes the path, or a folder above it, wins over a whole-root copy', () => {
    const made = at(lines('FROM golang AS build', 'COPY --from=xx / /', 'RUN go build -o /out/app', 'FROM alpine', 'COPY --from=build /out/a|pp /app'));
    assert.deepEqual(made, { hover: '`/out/app` in stage **build**: made by line 3 (`RUN go build -o /out/app`)', lines: [3] });
    const above = at(lines('FROM golang AS build', 'COPY --from=xx / /', 'RUN mkdir -p /out', 'FROM alpine', 'COPY --from=build /out/a|pp /app'));
    assert.deepEqual(above.lines, [3]);
  });

  it('so does an earlier, more specific one', () => {
    const made = at(lines('FROM golang AS build', 'RUN go build -o /out/app', 'COPY --from=xx / /', 'FROM alpine', 'COPY --from=build /out/a|pp /app'));
    assert.deepEqual(made.lines, [2]);
  });

  it('a whole-root copy is where the path may come from when nothing else makes it, through the FROM chain too', () => {
    const only = at(lines('FROM xx AS tools', 'FROM golang AS build', 'COPY --from=tools / /', 'RUN make build DESTDIR=/out', 'FROM build AS more',
      'FROM alpine', 'COPY --from=more /out/a|pp /app'));
    assert.deepEqual(only, {
      hover: '`/out/app` in stage **more**: no instruction of more is known to make it; it may come from tools\'s root (line 3, stage build), or from its base image `golang`',
      lines: [3],
    });
    const two = at(lines('FROM scratch AS s', 'COPY --from=a / /', 'COPY . /', 'FROM alpine', 'COPY --from=s /etc/x.co|nf /x'));
    assert.deepEqual(two, { hover: '`/etc/x.conf` in stage **s**: no instruction of s is known to make it; it may come from what line 3 copies (`COPY . /`), or from a\'s root (line 2)', lines: [3, 2] });
  });
});

describe('completion of the paths a stage makes', () => {
  const build = ['FROM golang AS build', 'WORKDIR /src', 'RUN go build -o /out/app .'];
  /** The labels offered, and the text each would replace. */
  function complete(marked: string): { labels: string[]; replaces?: string } | undefined {
    const fx = fixture(marked);
    const context = featureContext(AnalyzedDocument.fromText(fx.text));
    const slot = completionSlotAt(context, fx.cursor);
    if (slot?.kind !== 'path') return undefined;
    const items = completeSourcePaths(context, slot);
    const edit = items[0]?.textEdit as { range: Parameters<typeof textAt>[1] } | undefined;
    return { labels: items.map((item) => item.label), replaces: edit && textAt(fx.text, edit.range) };
  }

  it('right after `COPY --from=x ` (the space typed), and at the start of a path already written', () => {
    assert.deepEqual(complete(lines(...build, 'FROM alpine', 'COPY --from=build |')), { labels: ['/out/app', '/src'], replaces: '' });
    assert.deepEqual(complete(lines(...build, 'FROM alpine', 'COPY --link --from=build |/out/x /usr/bin/')), { labels: ['/out/app', '/src'], replaces: '/out/x' });
    assert.deepEqual(complete(lines(...build, 'FROM alpine', 'COPY --from=build /out/app | /usr/bin/'))?.replaces, '');
  });

  it('not on the name, a flag, or the destination', () => {
    assert.equal(complete(lines(...build, 'FROM alpine', 'COPY --from=buil|d /x /y')), undefined);
    assert.equal(complete(lines(...build, 'FROM alpine', 'COPY --from=build |--chown=1 /x /y')), undefined);
    assert.equal(complete(lines(...build, 'FROM alpine', 'COPY --from=build /out/app |/usr/bin/')), undefined);
  });

  it('at a mount\'s source= (or src=) whose from= names a stage', () => {
    assert.deepEqual(complete(lines(...build, 'FROM alpine', 'RUN --mount=type=bind,from=build,source=| cp /x /y')), { labels: ['/out/app', '/src'], replaces: '' });
    assert.deepEqual(complete(lines(...build, 'FROM alpine', 'RUN --mount=from=build,SRC=/o|ut,target=/b true')), { labels: ['/out/app', '/src'], replaces: '/out' });
    assert.deepEqual(complete(lines(...build, 'FROM alpine', 'RUN --mount=source=|,from=build true'))?.labels, ['/out/app', '/src']);
    // Not the target (a path of this stage), nor a mount without a stage.
    assert.equal(complete(lines(...build, 'FROM alpine', 'RUN --mount=type=bind,from=build,target=| true')), undefined);
    assert.equal(complete(lines(...build, 'FROM alpine', 'RUN --mount=type=bind,from=alpine,source=| true')), undefined);
  });
});

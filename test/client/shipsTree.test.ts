// Show What Ships' tree (client/src/ships/shipsTree.ts): from the image's paths to the lines that put them there,
// through a COPY --from to the lines of the source stage; every instruction node selects its line.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AnalyzedDocument } from '../../server/src/analysis/document';
import { featureContext } from '../../server/src/features/featureContext';
import { whatShips } from '../../server/src/features/ships/shipsReport';
import { shipsTree, type ShipsNode } from '../../client/src/ships/shipsTree';
import { lines } from '../support/fixture';

function treeOf(text: string, target?: string): ShipsNode[] {
  const report = whatShips(featureContext(AnalyzedDocument.fromText(text), []), target);
  assert.ok(report);
  return shipsTree(report);
}

/** A node as one line: its label, the line it selects (1-based) and its description; children indented. */
function outline(nodes: readonly ShipsNode[], indent = ''): string[] {
  return nodes.flatMap((node) => [
    `${indent}${node.label}${node.line === undefined ? '' : ` @${node.line + 1}`}${node.description ? ` — ${node.description}` : ''}`,
    ...outline(node.children, `${indent}  `),
  ]);
}

describe('Show What Ships tree', () => {
  it('leads from each path of the image to its line, and through COPY --from to the line that made the source', () => {
    const tree = treeOf(lines(
      'FROM golang:1.22 AS build',              // 1
      'WORKDIR /src',                            // 2
      'COPY go.mod main.go ./',                  // 3
      'RUN go build -o /out/app .',              // 4
      'FROM alpine:3.20',                        // 5
      'COPY --from=build /out/app /usr/bin/app', // 6
      'COPY config.yaml /etc/app/',              // 7
      'RUN apk add --no-cache ca-certificates',  // 8
    ));
    assert.deepEqual(outline(tree), [
      'base: alpine:3.20 @5 — line 5 · FROM, stage #1 (unnamed) · its files are unknown here',
      '/usr/bin/app @6 — line 6 · COPY --from=build /out/app /usr/bin/app',
      '  stage build: /out/app',
      '    line 4 · RUN go build -o /out/app . @4 — made it',
      '/etc/app @7 — line 7 · COPY config.yaml /etc/app/', // the folder it fills: config.yaml may be one
      '  build context: config.yaml',
      '(paths not known here) @8 — line 8 · RUN apk add --no-cache ca-certificates',
    ]);
  });

  it('says where a source stage may hold a path its base brings, and what a scratch stage does not make', () => {
    const tree = treeOf(lines(
      'FROM scratch AS empty',                 // 1
      'FROM debian:12 AS tools',               // 2
      'FROM scratch',                          // 3
      'COPY --from=tools /usr/bin/curl /bin/', // 4
      'COPY --from=empty /nothing /n',         // 5
    ));
    assert.deepEqual(outline(tree), [
      'base: scratch @3 — line 3 · FROM, stage #2 (unnamed) · empty',
      '/bin @4 — line 4 · COPY --from=tools /usr/bin/curl /bin/', // the folder it fills: /usr/bin/curl may be one
      '  stage tools: /usr/bin/curl',
      "    or tools's base: debian:12 @2 — line 2 · FROM, stage tools · its files are unknown here",
      '/n @5 — line 5 · COPY --from=empty /nothing /n',
      '  stage empty: /nothing',
      '    no instruction of empty is known to make it',
    ]);
  });

  it('shows the target asked for', () => {
    const tree = treeOf(lines('FROM alpine AS a', 'COPY a.txt /a', 'FROM busybox AS b'), 'a');
    assert.deepEqual(outline(tree), ['base: alpine @1 — line 1 · FROM, stage a · its files are unknown here', '/a @2 — line 2 · COPY a.txt /a', '  build context: a.txt']);
  });
});

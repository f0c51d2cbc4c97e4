// Hover and definition on the source paths of COPY --from, over stdio: the instruction that makes the path
// (through the FROM chain, quoted and JSON-form paths too), or what may hold it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Hover, LocationLink } from 'vscode-languageserver-types';
import { LspClient } from '../support/lspClient';
import { lines } from '../support/fixture';

let client: LspClient;
before(async () => { client = await LspClient.start(); });
after(async () => { await client.stop(); });

const build = ['FROM golang:1.22 AS build', 'WORKDIR /src', 'RUN go build -o /out/app ./cmd/app', 'FROM build AS more', 'COPY "conf dir" /etc/app/'];

async function at(marked: string) {
  const fx = await client.openFixture(marked);
  const params = { textDocument: { uri: fx.uri }, position: fx.cursor };
  const hover = await client.request<Hover | null>('textDocument/hover', params);
  const links = await client.request<LocationLink[] | null>('textDocument/definition', params);
  return { hover: hover && (hover.contents as { value: string }).value, links: links ?? [], fx };
}

describe('COPY --from source paths over LSP', () => {
  it('go from the path to the RUN that makes it, and say so on hover', async () => {
    const { hover, links } = await at(lines(...build, 'FROM alpine', 'COPY --from=build /out/a|pp /usr/local/bin/app'));
    assert.equal(hover, '`/out/app` in stage **build**: made by line 3 (`RUN go build -o /out/app ./cmd/app`)');
    assert.deepEqual(links.map((l) => l.targetRange.start.line), [2]);
  });

  it('follow the FROM chain, and read JSON and quoted paths', async () => {
    const { hover, links } = await at(lines(...build, 'FROM alpine', 'COPY --link --from=more ["/etc/app/conf d|ir/x", "/x"]'));
    // Inside the folder the COPY fills, not `/etc/app/conf dir`: a folder `conf dir` would put its contents there.
    assert.equal(hover, '`/etc/app/conf dir/x` in stage **more**: inside `/etc/app`, which line 5 (`COPY "conf dir" /etc/app/`) fills: it may come from there');
    assert.deepEqual(links.map((l) => l.targetRange.start.line), [4]);
  });

  it('say of a path inside a folder a WORKDIR makes that no line is known to make it, and which RUNs may', async () => {
    // Before, "inside `/src`, made by line 2 (`WORKDIR /src`)", as if the WORKDIR had made the binary.
    const { hover } = await at(lines('FROM golang AS build', 'WORKDIR /src', 'RUN make alloy', 'FROM alpine', 'COPY --from=build /src/build/al|loy /bin/alloy'));
    assert.equal(hover, '`/src/build/alloy` in stage **build**: inside `/src`, made by line 2 (`WORKDIR /src`); no instruction is known to make the path itself; RUN line 3 may write it');
    // A folder something is made in (moby's PreserveOwnership test): before, "not made by any instruction".
    const folder = await at(lines('FROM alpine AS base', 'RUN mkdir -p /dir/subdir', 'FROM scratch', 'COPY --from=base /d|ir /'));
    assert.equal(folder.hover, '`/dir` in stage **base**: line 2 (`RUN mkdir -p /dir/subdir`) makes `/dir/subdir` inside it');
  });

  it('say where else the path may come from', async () => {
    assert.equal((await at(lines(...build, 'FROM alpine', 'COPY --from=build /usr/lo|cal/go /go'))).hover,
      // Before, "not made by any instruction of build", though what its RUN writes is not known.
      '`/usr/local/go` in stage **build**: no instruction of build is known to make it; RUN line 3 may write it (it may come from its base image `golang:1.22`)');
    const { hover, links } = await at(lines('FROM scratch AS empty', 'FROM alpine', 'COPY --from=empty /no|thing /x'));
    assert.equal(hover, '`/nothing` in stage **empty**: not made by any instruction of empty');
    assert.deepEqual(links, []);
  });

  it('complete a source path after COPY --from=x with what x makes, the latest first, each with its instruction', async () => {
    const fx = await client.openFixture(lines(...build, 'FROM alpine', 'COPY --from=more /out/a| /usr/local/bin/'));
    const items = await client.request<{ label: string; detail: string; textEdit: { range: unknown } }[]>('textDocument/completion', { textDocument: { uri: fx.uri }, position: fx.cursor });
    // Not `/etc/app/conf dir`: whether the COPY makes it (a file) or fills /etc/app with its contents is not known.
    assert.deepEqual(items.map((i) => i.label), ['/etc/app', '/out/app', '/src']);
    assert.equal(items[1].detail, 'line 3: RUN go build -o /out/app ./cmd/app (stage build)');
    assert.deepEqual(items[0].textEdit.range, { start: { line: 6, character: 17 }, end: { line: 6, character: 23 } });
    // Right after the space that follows the flag: the paths, not the library's flags.
    const space = await client.openFixture(lines(...build, 'FROM alpine', 'COPY --from=more |'));
    const afterSpace = await client.request<{ label: string }[]>('textDocument/completion', { textDocument: { uri: space.uri }, position: space.cursor, context: { triggerKind: 2, triggerCharacter: ' ' } });
    assert.deepEqual(afterSpace.map((i) => i.label), ['/etc/app', '/out/app', '/src']);
    const dest = await client.openFixture(lines(...build, 'FROM alpine', 'COPY --from=more /out/app /usr/lo|cal'));
    assert.equal((await client.request<unknown[] | null>('textDocument/completion', { textDocument: { uri: dest.uri }, position: dest.cursor }))?.length ?? 0, 0);
  });

  it('list what a stage makes and who copies what from it on the stage card', async () => {
    const fx = await client.openFixture(lines(...build, 'FROM alpine', 'COPY --from=build /out/app /usr/local/bin/').replace('AS build', 'AS bu|ild'));
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: fx.uri }, position: fx.cursor });
    const card = (hover.contents as { value: string }).value;
    assert.match(card, /- Makes: `\/src` \(line 2\), `\/out\/app` \(line 3\)/);
    assert.match(card, /- Copied by: #2 \(unnamed\) \(\/out\/app\)/);
  });

  it('count columns in UTF-16 in CRLF files, and leave --parents copies alone', async () => {
    const fx = await client.openFixture(['FROM golang AS build', 'RUN go build -o "/out/😀 app"', 'FROM alpine', 'COPY --chown=1:1 --from=build "/out/😀 a|pp" /x'].join('\r\n'));
    const links = await client.request<LocationLink[]>('textDocument/definition', { textDocument: { uri: fx.uri }, position: fx.cursor });
    assert.deepEqual([links[0].targetRange.start.line, links[0].originSelectionRange], [1, { start: { line: 3, character: 31 }, end: { line: 3, character: 42 } }]);
    const parents = await at(lines('FROM scratch AS s', 'COPY --parents a/b /x/', 'FROM alpine', 'COPY --from=s /x/a/|b /y'));
    assert.equal(parents.hover, '`/x/a/b` in stage **s**: not made by any instruction of s');
  });
});


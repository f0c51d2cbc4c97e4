// Stage completion, definition, references, highlight, rename and hover, over stdio against dist/server.js.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, CompletionList, DocumentHighlight, Range, Hover, Location, LocationLink, WorkspaceEdit } from 'vscode-languageserver-types';
import type { ResponseError } from 'vscode-jsonrpc';
import { LspClient, VS_CODE_ITEM_DEFAULTS } from '../support/lspClient';
import { applyEdits, lines, textAt, type Fixture } from '../support/fixture';
import { generateDockerfile } from '../support/generate';

let client: LspClient;

before(async () => { client = await LspClient.start(); });
after(async () => { await client.stop(); });

const open = (marked: string) => client.openFixture(marked);

async function complete(marked: string): Promise<{ items: CompletionItem[]; fx: Fixture }> {
  const fx = await open(marked);
  const items = await client.request<CompletionItem[] | null>('textDocument/completion', { textDocument: { uri: fx.uri }, position: fx.cursor });
  return { items: items ?? [], fx };
}

function labels(items: CompletionItem[]): string[] {
  return [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)).map((i) => i.label);
}

describe('completion', () => {
  const stages = lines('FROM golang:1.22 AS build', 'FROM alpine', 'FROM build AS test');
  /** The same stages, and the cursor's own stage after them. */
  const inFourthStage = stages + lines('FROM alpine AS here');

  it('offers earlier stages after COPY --from=, nearest first, with indices of unnamed stages', async () => {
    const { items } = await complete(inFourthStage + lines('COPY --from=| /a /b', 'FROM alpine AS later'));
    assert.deepEqual(labels(items), ['test', '1', 'build']);
  });

  it('never offers the current stage or a later one', async () => {
    const { items } = await complete(lines('FROM a AS first', 'FROM b AS current', 'COPY --from=| / /', 'FROM c AS later'));
    assert.deepEqual(labels(items), ['first']);
  });

  it('replaces the whole value being typed, quotes excluded', async () => {
    const { items, fx } = await complete(inFourthStage + lines('COPY --from=bu|idler /a /b'));
    const item = items.find((i) => i.label === 'build')!;
    assert.equal(applyEdits(fx.text, [item.textEdit as { range: any; newText: string }]).split('\n')[4], 'COPY --from=build /a /b');
    const quoted = await complete(inFourthStage + lines('COPY --from="bu|" /a /b'));
    const edit = quoted.items.find((i) => i.label === 'build')!.textEdit as { range: any; newText: string };
    assert.equal(applyEdits(quoted.fx.text, [edit]).split('\n')[4], 'COPY --from="build" /a /b');
  });

  it('sends the range the stages replace once, as the default of the list, to a client that reads it (VS Code)', async () => {
    const reader = await LspClient.start({ completionItemDefaults: VS_CODE_ITEM_DEFAULTS });
    try {
      const fx = await reader.openFixture(inFourthStage + lines('COPY --from=bu|idler /a /b'));
      const list = await reader.request<CompletionList>('textDocument/completion', { textDocument: { uri: fx.uri }, position: fx.cursor });
      assert.deepEqual(list.itemDefaults, { editRange: { start: { line: 4, character: 12 }, end: { line: 4, character: 19 } } });
      assert.equal(list.isIncomplete, false);
      assert.deepEqual(labels(list.items), ['test', '1', 'build']);
      assert.ok(list.items.every((item) => item.textEdit === undefined));
      // What the client inserts without a text edit: the label, over the default range.
      assert.equal(applyEdits(fx.text, [{ range: list.itemDefaults!.editRange as Range, newText: 'build' }]).split('\n')[4], 'COPY --from=build /a /b');
      const resolved = await reader.request<CompletionItem>('completionItem/resolve', list.items.find((i) => i.label === 'build')!);
      assert.match((resolved.documentation as { value: string }).value, /\*\*build\*\* · stage #0/);
    } finally {
      await reader.stop();
    }
  });

  it('gives kind Reference, the expanded base as detail, and the stage card on resolve', async () => {
    const { items } = await complete(lines('ARG GO=1.22', '# build compiles', 'FROM golang:${GO} AS build', 'FROM alpine', 'COPY --from=| / /'));
    const build = items.find((i) => i.label === 'build')!;
    assert.equal(build.kind, 18);
    assert.equal(build.detail, 'golang:1.22');
    const resolved = await client.request<CompletionItem>('completionItem/resolve', build);
    assert.match((resolved.documentation as { value: string }).value, /\*\*build\*\* · stage #0[\s\S]*build compiles/);
  });

  it('offers names only in RUN --mount from=, in any position of the key list', async () => {
    for (const mount of ['--mount=from=|', '--mount=type=cache,target=/c,from=|', '--mount=type=bind,from=|,target=/x']) {
      const { items } = await complete(inFourthStage + lines(`RUN ${mount} true`));
      assert.deepEqual(labels(items), ['test', 'build'], mount);
    }
  });

  it('offers earlier stages after FROM and FROM --platform=...', async () => {
    assert.deepEqual(labels((await complete(stages + 'FROM |')).items), ['test', 'build']);
    assert.deepEqual(labels((await complete(stages + 'FROM --platform=$BUILDPLATFORM |')).items), ['test', 'build']);
    assert.deepEqual(labels((await complete(stages + 'FROM te|')).items), ['test', 'build']);
  });

  it('offers stages in ONBUILD COPY --from=, the current one first: the trigger runs in a stage built FROM it', async () => {
    assert.deepEqual(labels((await complete(inFourthStage + lines('ONBUILD COPY --from=| / /'))).items), ['here', 'test', '1', 'build']);
    // An unnamed stage cannot be a FROM parent, so its own index is never a source of its triggers.
    assert.deepEqual(labels((await complete(stages + lines('FROM alpine', 'ONBUILD COPY --from=| / /'))).items), ['test', '1', 'build']);
  });

  it('offers a duplicated name only where it binds to an earlier stage', async () => {
    const twice = lines('FROM a AS source', 'FROM b AS source');
    // --from binds to the last definition: here the current stage, a cycle.
    assert.deepEqual(labels((await complete(twice + lines('COPY --from=| / /'))).items), []);
    assert.deepEqual(labels((await complete(twice + lines('FROM c', 'COPY --from=| / /'))).items), ['source']);
    // FROM binds to the latest earlier one; a later definition makes --from bind after the current stage.
    assert.deepEqual(labels((await complete(lines('FROM a AS x', 'FROM b', 'COPY --from=| / /', 'FROM c AS x'))).items), []);
    assert.deepEqual(labels((await complete(lines('FROM a AS x', 'FROM |', 'FROM c AS x'))).items), ['x']);
  });

  it('offers names lower-cased, as BuildKit stores them', async () => {
    assert.deepEqual(labels((await complete(lines('FROM a AS Builder', 'FROM |'))).items), ['builder']);
  });

  it('sorts numerically: the tenth-nearest after the ninth', async () => {
    const many = Array.from({ length: 12 }, (_, i) => `FROM a AS s${i}`);
    const { items } = await complete(lines(...many, 'FROM b', 'COPY --from=| / /'));
    assert.deepEqual(labels(items).slice(0, 12), ['s11', 's10', 's9', 's8', 's7', 's6', 's5', 's4', 's3', 's2', 's1', 's0']);
  });

  it('offers a duplicated name once', async () => {
    const { items } = await complete(lines('FROM a AS x', 'FROM b AS x', 'FROM c', 'COPY --from=| / /'));
    assert.deepEqual(labels(items), ['x']);
  });

  it('works on CRLF files and after non-ASCII text on the line', async () => {
    const { items, fx } = await complete(lines('FROM a AS build', 'FROM b', 'COPY --chown=ü:😀 --from=bu| / /').replace(/\n/g, '\r\n'));
    const edit = items.find((i) => i.label === 'build')!.textEdit as { range: any; newText: string };
    assert.equal(textAt(fx.text, edit.range), 'bu');
  });

  it('answers past the end of a FROM line at the line\'s end (found by the fuzzer)', async () => {
    const fx = await open(lines('FROM golang AS a', 'FROM'));
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: fx.uri }, position: { line: 1, character: 9 } });
    assert.deepEqual((items[0].textEdit as { range: unknown }).range, { start: { line: 1, character: 4 }, end: { line: 1, character: 4 } });
  });

  it('answers in a 300-stage file', async () => {
    const text = generateDockerfile(300) + 'FROM alpine\nCOPY --from=|';
    const { items } = await complete(text);
    assert.equal(items.length, 300);
    assert.equal(labels(items)[0], 'stage299');
  });
});

describe('definition', () => {
  async function definition(marked: string): Promise<{ targets: string[]; fx: Fixture & { uri: string }; links: LocationLink[] }> {
    const fx = await open(marked);
    const links = await client.request<LocationLink[] | null>('textDocument/definition', { textDocument: { uri: fx.uri }, position: fx.cursor }) ?? [];
    return { targets: links.map((l) => `${l.targetSelectionRange.start.line}:${textAt(fx.text, l.targetSelectionRange)}`), fx, links };
  }

  it('goes from every reference kind to the stage name', async () => {
    const base = lines('FROM golang AS build', 'ONBUILD RUN true', 'FROM alpine AS tmpl');
    for (const reference of ['FROM bui|ld', 'COPY --from=bui|ld / /', 'COPY --from=|0 / /', 'RUN --mount=type=bind,from=bu|ild true', 'ONBUILD COPY --from=build| / /', 'COPY --from=BUILD| / /']) {
      const { targets } = await definition(base + reference + '\n');
      assert.deepEqual(targets, ['0:build'], reference);
    }
  });

  it('goes from ARG SOURCE_DATE_EPOCH=<stage> before the first FROM to the stage', async () => {
    const { targets } = await definition(lines('ARG SOURCE_DATE_EPOCH=s|rc', 'FROM scratch AS src', 'ADD https://e.com/a /', 'FROM alpine'));
    assert.deepEqual(targets, ['1:src']);
  });

  it('answers a LocationLink whose origin is the reference', async () => {
    const { links, fx } = await definition(lines('FROM golang AS build', 'FROM alpine', 'COPY --from=[[bu|ild]] / /'));
    assert.deepEqual(links[0].originSelectionRange, fx.ranges[0]);
    assert.equal(links[0].targetRange.start.line, 0);
  });

  it('goes to the FROM line of an unnamed stage', async () => {
    const { targets } = await definition(lines('FROM golang', 'FROM alpine', 'COPY --from=|0 / /'));
    assert.deepEqual(targets, ['0:FROM']);
  });

  it('has no definition for an image', async () => {
    assert.deepEqual((await definition(lines('FROM golang AS build', 'FROM alpine', 'COPY --from=busybox|:1.36 / /'))).targets, []);
  });

  it('resolves duplicated names as BuildKit does', async () => {
    const text = ['FROM a AS x', 'FROM b AS x', 'FROM c', ''];
    assert.deepEqual((await definition(lines(...text, 'COPY --from=x| / /'))).targets, ['1:x']);
    assert.deepEqual((await definition(lines('FROM a AS x', 'FROM x| AS y', 'FROM b AS x'))).targets, ['0:x']);
  });

  it('lists every stage an ARG-built name may mean', async () => {
    const { targets } = await definition(lines('FROM a AS bin-linux', 'FROM a AS bin-darwin', 'ARG TARGETOS', 'FROM bin-${TARGETOS}|'));
    assert.deepEqual(targets, ['0:bin-linux', '1:bin-darwin']);
  });
});

describe('references and highlight', () => {
  const marked = lines(
    'FROM golang AS [[bu|ild]]',
    'FROM [[build]] AS test',
    'FROM alpine AS tmpl',
    'ONBUILD COPY --from=[[build]] / /',
    'FROM alpine',
    'COPY --from=[[BUILD]] /a /b',
    'COPY --from=[[0]] /a /b',
    'RUN --mount=type=cache,from=[[build]],target=/x true',
    'COPY --from=test / /');

  it('finds every reference of every kind, with the declaration when asked', async () => {
    const fx = await open(marked);
    const withDeclaration = await client.request<Location[]>('textDocument/references', { textDocument: { uri: fx.uri }, position: fx.cursor, context: { includeDeclaration: true } });
    assert.deepEqual(withDeclaration.map((l) => l.range), fx.ranges);
    const without = await client.request<Location[]>('textDocument/references', { textDocument: { uri: fx.uri }, position: fx.ranges[3].start, context: { includeDeclaration: false } });
    assert.deepEqual(without.map((l) => l.range), fx.ranges.slice(1));
  });

  it('highlights the declaration as Write and references as Read', async () => {
    const fx = await open(marked);
    const highlights = await client.request<DocumentHighlight[]>('textDocument/documentHighlight', { textDocument: { uri: fx.uri }, position: fx.ranges[4].start });
    assert.deepEqual(highlights.map((h) => [h.range, h.kind]), fx.ranges.map((range, i) => [range, i === 0 ? 3 : 2]));
  });
});

describe('rename', () => {
  async function rename(marked: string, newName: string): Promise<string> {
    const fx = await open(marked);
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: fx.uri }, position: fx.cursor, newName });
    return applyEdits(fx.text, edit.changes![fx.uri]);
  }

  async function refusal(marked: string, method: 'textDocument/prepareRename' | 'textDocument/rename', newName = 'ok'): Promise<string> {
    const fx = await open(marked);
    await assert.rejects(client.request(method, { textDocument: { uri: fx.uri }, position: fx.cursor, newName }), (error: ResponseError<unknown>) => {
      // LSP 3.17: RequestFailed (-32803) for a valid request that cannot be served.
      assert.equal(error.code, -32803);
      refused = error.message;
      return true;
    });
    return refused;
  }
  let refused = '';

  it('rewrites the declaration and every named reference of every kind, in any case', async () => {
    const before = lines('FROM golang AS bu|ild', 'FROM build AS test', 'ONBUILD COPY --from=Build / /', 'FROM alpine',
      'COPY --from=BUILD /a /b', 'COPY --from=0 /c /d', 'RUN --mount=type=cache,from=build,target=/x true');
    const after = lines('FROM golang AS compile', 'FROM compile AS test', 'ONBUILD COPY --from=compile / /', 'FROM alpine',
      'COPY --from=compile /a /b', 'COPY --from=0 /c /d', 'RUN --mount=type=cache,from=compile,target=/x true');
    assert.equal(await rename(before, 'compile'), after);
  });

  it('renames the stage ARG SOURCE_DATE_EPOCH names, from either side', async () => {
    const before = ['ARG SOURCE_DATE_EPOCH=src', 'FROM scratch AS src', 'ADD https://e.com/a /', 'FROM alpine'];
    const after = lines('ARG SOURCE_DATE_EPOCH=epoch', 'FROM scratch AS epoch', 'ADD https://e.com/a /', 'FROM alpine');
    assert.equal(await rename(lines(before[0], 'FROM scratch AS s|rc', ...before.slice(2)), 'epoch'), after);
    assert.equal(await rename(lines('ARG SOURCE_DATE_EPOCH=s|rc', ...before.slice(1)), 'epoch'), after);
  });

  it('works from a reference too, and writes FROM references in lower case', async () => {
    assert.equal(await rename(lines('FROM a AS b', 'FROM b AS c', 'COPY --from=b| / /'), 'Base'),
      lines('FROM a AS Base', 'FROM base AS c', 'COPY --from=Base / /'));
  });

  it('prepares with the name range and placeholder', async () => {
    const fx = await open(lines('FROM a AS build', 'FROM b', 'COPY --from=[[bu|ild]] / /'));
    const prepared = await client.request('textDocument/prepareRename', { textDocument: { uri: fx.uri }, position: fx.cursor });
    assert.deepEqual(prepared, { range: fx.ranges[0], placeholder: 'build' });
  });

  it('refuses numeric references, images and keywords with a message', async () => {
    assert.match(await refusal(lines('FROM a AS build', 'FROM b', 'COPY --from=|0 / /'), 'textDocument/prepareRename'), /index/);
    assert.match(await refusal(lines('FROM a AS build', 'FROM b', 'COPY --from=busy|box / /'), 'textDocument/prepareRename'), /image/);
    assert.match(await refusal(lines('FROM a AS build', 'FR|OM b'), 'textDocument/prepareRename'), /can be renamed/);
  });

  it('rejects invalid, reserved and taken names', async () => {
    const text = lines('FROM a AS bu|ild', 'FROM b AS test', 'COPY --from=build / /');
    assert.match(await refusal(text, 'textDocument/rename', '1st'), /not a valid stage name/);
    assert.match(await refusal(text, 'textDocument/rename', 'my stage'), /not a valid stage name/);
    assert.match(await refusal(text, 'textDocument/rename', 'scratch'), /reserved/);
    assert.match(await refusal(text, 'textDocument/rename', 'TEST'), /already used/);
  });

  it('refuses a stage named through ARGs rather than break the build', async () => {
    assert.match(await refusal(lines('FROM a AS bin-li|nux', 'ARG TARGETOS', 'FROM bin-${TARGETOS}'), 'textDocument/prepareRename'), /ARGs/);
  });
});

describe('hover', () => {
  async function hover(marked: string): Promise<string | undefined> {
    const fx = await open(marked);
    const result = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: fx.uri }, position: fx.cursor });
    return result ? (result.contents as { value: string }).value : undefined;
  }

  it('shows the stage card on a reference', async () => {
    const card = await hover(lines(
      'ARG GO=1.22', '# base has the toolchain', 'FROM --platform=$BUILDPLATFORM golang:${GO}-alpine AS base',
      'FROM base AS build', 'RUN go build', 'FROM build AS release', 'COPY --from=ba|se / /', 'FROM alpine AS unused'));
    assert.ok(card);
    assert.match(card, /\*\*base\*\* · stage #0/);
    assert.match(card, /base has the toolchain/);
    assert.match(card, /Base: `golang:\$\{GO\}-alpine` → `golang:1.22-alpine`/);
    assert.match(card, /Platform: `\$BUILDPLATFORM`/);
    assert.match(card, /Used by: build \(FROM\), release \(COPY --from\)/);
    assert.match(card, /Unused: no build target reaches it/);
  });

  it('shows the FROM chain, dependencies and the target that builds it', async () => {
    const card = await hover(lines('FROM golang:1.22-alpine AS base', 'FROM base AS build', 'FROM build AS rel|ease', 'RUN --mount=from=base true'));
    assert.ok(card);
    assert.match(card, /Chain: release ← build ← base ← golang:1.22-alpine/);
    assert.match(card, /Depends on: build \(FROM\), base \(RUN --mount from\)/);
    assert.match(card, /1 instruction, lines 3–4/);
    assert.match(card, /Built by target `release` \(default target\)/);
  });

  it('says that an image reference is no stage', async () => {
    assert.match((await hover(lines('FROM a AS build', 'FROM b', 'COPY --from=busy|box:1.36 / /')))!, /image or a named build context/);
    assert.match((await hover(lines('FROM a AS build', 'FROM b', 'RUN --mount=from=|0 true')))!, /mounts take stage names only/);
    // Past the last stage, BuildKit's index counts the images and mounts that name no stage.
    assert.equal((await hover(lines('FROM a AS build', 'COPY --from=busybox / /', 'FROM b', 'COPY --from=|2 / /')))!, 'There is no stage #2: BuildKit\'s state 2 is the image `busybox` that COPY --from on line 2 adds.');
    assert.equal((await hover(lines('FROM a AS build', 'FROM b', 'COPY --from=|2 / /')))!, 'There is no stage #2.');
  });
});

// dockerfile-language-service's own stage tests (../shared/peer/rcjsuen-cases.json), asked of dist/server.js over
// stdio as that library's tests ask it: completion after `--from=`, definition, highlight, prepareRename,
// rename, links. Where that library disagrees with BuildKit (`intentional`), BuildKit's answer is the one to match.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ResponseError } from 'vscode-jsonrpc';
import type { CompletionItem, DocumentHighlight, DocumentLink, Location, LocationLink, Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { LspClient } from '../support/lspClient';
import { applyEdits } from '../support/fixture';
import { describeWithShared, PEER_DIR } from '../support/paths';

interface RcjsuenCase {
  id: string;
  source: string;
  request: 'completion' | 'definition' | 'highlight' | 'prepareRename' | 'rename' | 'links';
  dockerfile: string;
  position?: Position;
  newName?: string;
  expected: unknown;
  buildkitExpected?: unknown;
}

let client: LspClient;
let counter = 0;

/** A refusal (an error answer) means the same to the user as no answer. */
async function orNull<R>(request: Promise<R>): Promise<R | null> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof ResponseError) return null;
    throw error;
  }
}

/** The labels the editor shows: items whose filter text starts with what is typed in their range. */
function shownLabels(items: CompletionItem[], text: string, position: Position): string[] {
  const line = text.split('\n')[position.line];
  return items.filter((item) => {
    const edit = item.textEdit as TextEdit | undefined;
    const typed = edit ? line.slice(edit.range.start.character, position.character) : '';
    return (item.filterText ?? item.label).toLowerCase().startsWith(typed.toLowerCase());
  }).map((item) => item.label).sort();
}

function targetRange(found: Location | LocationLink | (Location | LocationLink)[] | null): Range | null {
  const first = Array.isArray(found) ? found[0] : found;
  if (!first) return null;
  return 'targetSelectionRange' in first ? first.targetSelectionRange : first.range;
}

async function answer(testCase: RcjsuenCase, uri: string): Promise<unknown> {
  const params = { textDocument: { uri }, position: testCase.position };
  switch (testCase.request) {
    case 'completion': {
      const items = (await client.request<CompletionItem[] | null>('textDocument/completion', params)) ?? [];
      return shownLabels(items, testCase.dockerfile, testCase.position!);
    }
    case 'definition':
      return targetRange(await client.request('textDocument/definition', params));
    case 'highlight': {
      const highlights = (await client.request<DocumentHighlight[] | null>('textDocument/documentHighlight', params)) ?? [];
      return [...highlights].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    }
    case 'prepareRename': {
      const prepared = await orNull(client.request<Range | { range: Range } | null>('textDocument/prepareRename', params));
      return prepared && 'range' in prepared ? prepared.range : prepared;
    }
    case 'rename': {
      const edit = await orNull(client.request<WorkspaceEdit | null>('textDocument/rename', { ...params, newName: testCase.newName }));
      const edits = edit?.changes?.[uri] ?? [];
      return { text: applyEdits(testCase.dockerfile, edits) };
    }
    case 'links': {
      const links = (await client.request<DocumentLink[] | null>('textDocument/documentLink', { textDocument: { uri } })) ?? [];
      return Promise.all(links.map(async (link) => {
        const resolved = link.target ? link : await client.request<DocumentLink>('documentLink/resolve', link);
        return { range: resolved.range, target: resolved.target };
      }));
    }
  }
}

/** What the case expects, in the shape `answer` gives. */
function expectation(testCase: RcjsuenCase): unknown {
  const expected = testCase.buildkitExpected !== undefined ? testCase.buildkitExpected : testCase.expected;
  if (testCase.request === 'completion') return [...(expected as string[])].sort();
  if (testCase.request === 'rename') return { text: (expected as { text: string }).text };
  return expected;
}

describeWithShared('peer', 'dockerfile-language-service\'s stage tests (peer/rcjsuen-cases.json)', () => {
  const cases = JSON.parse(readFileSync(join(PEER_DIR, 'rcjsuen-cases.json'), 'utf8')) as RcjsuenCase[];
  before(async () => { client = await LspClient.start(); });
  after(async () => { await client.stop(); });

  it('has the 144 cases', () => assert.equal(cases.length, 144));
  for (const testCase of cases) {
    it(`${testCase.id} ${testCase.request}${testCase.buildkitExpected !== undefined ? ' (BuildKit\'s answer)' : ''}`, async () => {
      const uri = `file:///peer/${++counter}/Dockerfile`;
      await client.open(uri, testCase.dockerfile);
      assert.deepEqual(await answer(testCase, uri), expectation(testCase));
    });
  }
});

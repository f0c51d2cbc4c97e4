// Outline, folding, code lenses and inlay hints.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AnalyzedDocument } from '../../server/src/analysis/document';
import { documentSymbols } from '../../server/src/features/symbols';
import { featureContext } from '../../server/src/features/featureContext';
import { foldingRanges } from '../../server/src/features/folding';
import { shownLenses } from '../support/lenses';
import { inlayHints } from '../../server/src/features/inlayHints';
import { lines, textAt } from '../support/fixture';

const TEXT = lines(
  'ARG GO=1.22',
  '# one',
  '# two',
  'FROM golang:${GO} AS build',
  'RUN --mount=type=cache,target=/root/.cache go build \\',
  '    -o /out ./...',
  'FROM alpine',
  'COPY --from=0 /out /out',
  'FROM scratch AS unused',
);

function context(text = TEXT) {
  return featureContext(AnalyzedDocument.fromText(text));
}

describe('editor features', () => {
  it('outlines global ARGs, then stages with their instructions', () => {
    const symbols = documentSymbols(context().model);
    assert.deepEqual(symbols.map((s) => [s.name, s.detail]), [['GO', 'ARG = 1.22'], ['build', 'golang:1.22'], ['#1 (unnamed)', 'alpine'], ['unused', 'scratch']]);
    assert.deepEqual(symbols[1].children!.map((c) => [c.name, c.detail]), [['RUN', '--mount=type=cache,target=/root/.cache go build \\']]);
    assert.equal(textAt(TEXT, symbols[1].selectionRange), 'build');
  });

  it('folds stages, multi-line instructions and comment blocks', () => {
    assert.deepEqual(foldingRanges(context().model).map((r) => [r.startLine, r.endLine, r.kind]),
      [[3, 5, 'region'], [4, 5, undefined], [6, 7, 'region'], [1, 2, 'comment']]);
  });

  it('puts the users and the role (opening the references), and a build command above each FROM', () => {
    const lenses = shownLenses(context(), 'file:///x');
    assert.deepEqual(lenses.map((l) => `${l.range.start.line}:${l.command!.title}`), [
      '3:used by: #1 (unnamed)', '3:Build this stage',
      '6:unused: no known target builds it',
      '8:built as target unused · shipped in unused', '8:Build this stage',
    ]);
  });

  it('adds Debug this stage, with the stage as target, when the buildx debugger is installed', () => {
    const debug = shownLenses(context(), 'file:///x', { debugger: true }).filter((l) => l.command!.title === 'Debug this stage');
    assert.deepEqual(debug.map((l) => [l.range.start.line, l.command!.command, l.command!.arguments]), [
      [3, 'dockerfileStages.debugStage', ['file:///x', 'build']], [8, 'dockerfileStages.debugStage', ['file:///x', 'unused']],
    ]);
  });

  it('says where a stage is built as a target', () => {
    const context = featureContext(AnalyzedDocument.fromText(TEXT), [{ name: 'build', origin: 'compose.yaml:5' }]);
    const titles = shownLenses(context, 'file:///x').filter((l) => l.range.start.line === 3).map((l) => l.command!.title);
    assert.deepEqual(titles, ['used by: #1 (unnamed) · shipped in build', 'target in compose.yaml:5', 'Build this stage']);
  });

  it('says a FROM built from ARGs may use the stage, and names a target once', () => {
    // Before, "used by: debug" (jaeger's `FROM $debug_image`, which its builds set to an image).
    const possible = shownLenses(featureContext(AnalyzedDocument.fromText(lines('ARG debug_image', 'FROM alpine AS release', 'FROM golang AS build', 'FROM $debug_image AS debug', 'COPY --from=build /a /a'))), 'file:///x');
    assert.equal(possible.find((l) => l.range.start.line === 1)!.command!.title, 'may be used by: debug');
    assert.equal(possible.find((l) => l.range.start.line === 2)!.command!.title, 'used by: debug · shipped in debug');
    // Before, "built as target final, final" where two build files build it.
    const twice = featureContext(AnalyzedDocument.fromText(lines('FROM alpine AS base', 'FROM base AS final', 'FROM alpine AS other')), [{ name: 'final', origin: 'compose.yaml:3' }, { name: 'final', origin: 'docker-bake.hcl:2' }]);
    assert.equal(shownLenses(twice, 'file:///x').find((l) => l.range.start.line === 1)!.command!.title, 'built as target final · shipped in final');
  });

  it('names up to three users; past them it counts, and Build this stage stays on the line', () => {
    const users = (n: number) => lines('FROM golang AS base', ...Array.from({ length: n }, (_, i) => `FROM base AS s${i}`));
    const titles = (n: number, targets: { name: string; origin: string }[] = []) =>
      shownLenses(featureContext(AnalyzedDocument.fromText(users(n)), targets), 'file:///x').filter((l) => l.range.start.line === 0).map((l) => l.command!.title);
    assert.deepEqual(titles(3), ['used by: s0, s1, s2 · shipped in s2', 'Build this stage']);
    assert.deepEqual(titles(46), ['used by 46 stages · shipped in s45', 'Build this stage']);
    const places = ['compose.yaml:5', 'docker-bake.hcl:3', 'Makefile:9', '.github/workflows/ci.yml:40'].map((origin) => ({ name: 'base', origin }));
    assert.deepEqual(titles(1, places), ['used by: s0 · shipped in s0, base', 'target in 4 places', 'Build this stage']);
  });

  it('says each stage\'s role: shipped in which images, build-only, check-only; nothing where the build decides', () => {
    const text = lines(
      'FROM golang AS deps',
      'RUN go mod download',
      'FROM deps AS build',
      'RUN go build -o /out/app',
      'FROM golang AS lint',
      'RUN golangci-lint run',
      'FROM scratch AS export',
      'COPY --from=build /out/app /app',
      'FROM alpine AS release',
      'COPY --from=build /out/app /app',
      'CMD ["/app"]',
    );
    const targets = ['lint', 'export'].map((name) => ({ name, origin: 'compose.yaml:5' }));
    const lenses = shownLenses(featureContext(AnalyzedDocument.fromText(text), targets), 'file:///x');
    assert.deepEqual(lenses.filter((l) => l.command!.title.includes(' · ')).map((l) => `${l.range.start.line}:${l.command!.title}`),
      ['0:used by: build · build-only', '2:used by: export, release · shipped in release', '4:built as target lint · check-only', '8:built as target release · shipped in release']);
    assert.deepEqual(lenses.filter((l) => l.range.start.line === 6).map((l) => l.command!.title), ['built as target export', 'target in compose.yaml:5', 'Build this stage']);
  });

  it('says that builds not resolved may build a stage, rather than name their pattern as its target', () => {
    const text = lines('FROM alpine AS debug', 'FROM scratch AS release');
    const context = featureContext(AnalyzedDocument.fromText(text), [{ name: '${TARGET}', origin: 'Makefile', unresolved: 'not read: larger than 1024 KB, or unreadable' }]);
    assert.deepEqual(shownLenses(context, 'file:///x').filter((l) => l.range.start.line === 0).map((l) => l.command!.title), ['may be built by builds not resolved', 'Build this stage']);
  });

  it('opens the places that build a stage from its target lens', () => {
    const place = { uri: 'file:///w/compose.yaml', range: { start: { line: 4, character: 14 }, end: { line: 4, character: 19 } } };
    const context = featureContext(AnalyzedDocument.fromText(TEXT), [{ name: 'build', origin: 'compose.yaml:5', location: place }]);
    const lens = shownLenses(context, 'file:///x').find((l) => l.command!.title === 'target in compose.yaml:5')!;
    assert.equal(lens.command!.command, 'dockerfileStages.showReferences');
    assert.deepEqual(lens.command!.arguments![2], [place]);
  });

  it('hints the index of unnamed stages and the stage a numeric --from names', () => {
    const hints = inlayHints(context().model, { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } });
    assert.deepEqual(hints.map((h) => [h.position, h.label]), [[{ line: 3, character: 17 }, '= golang:1.22'], [{ line: 6, character: 4 }, '#1'], [{ line: 7, character: 13 }, 'build']]);
  });

  it('hints the image a FROM names once its ARG defaults are expanded, where they say it all', () => {
    const text = lines('ARG GO=1.22', 'ARG REGISTRY', 'FROM golang:${GO}-alpine AS a', 'FROM ${REGISTRY}/app', 'FROM a');
    const hints = inlayHints(AnalyzedDocument.fromText(text).model, { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } });
    assert.deepEqual(hints.map((h) => [h.position, h.label]), [[{ line: 2, character: 24 }, '= golang:1.22-alpine'], [{ line: 3, character: 4 }, '#1'], [{ line: 4, character: 4 }, '#2']]);
  });
});

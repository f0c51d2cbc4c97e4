// The stage card (hover and completion documentation), and the label every view gives a stage.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AnalyzedDocument } from '../../server/src/analysis/document';
import { featureContext } from '../../server/src/features/featureContext';
import { stageCard } from '../../server/src/features/stageCard';
import { stageList } from '../../server/src/features/stageList';
import { shownLenses } from '../support/lenses';
import { stageGraph } from '../../server/src/features/stageGraph';
import { inlayHints } from '../../server/src/features/inlayHints';
import { lines } from '../support/fixture';

function card(text: string, index: number): string {
  const context = featureContext(AnalyzedDocument.fromText(text));
  return stageCard(context, context.model.stages[index]);
}

describe('the stage card', () => {
  it('drops the banner lines of the description, made only of #', () => {
    const text = lines('############################', '# build compiles the service', '#', '# for every platform', '#########', 'FROM golang AS build');
    assert.match(card(text, 0), /^\*\*build\*\* · stage #0\n\nbuild compiles the service\n\nfor every platform\n\n- Base/);
  });

  it('says a target may build a stage only a name built from ARGs reaches, and which name', () => {
    // Before, "Built by target `release` (default target)" on every binaries-* stage (docker/buildx's binaries-$TARGETOS).
    const text = lines('FROM alpine AS binaries-linux', 'FROM alpine AS binaries-freebsd', 'FROM binaries-freebsd AS freebsd-extra', 'FROM binaries-$TARGETOS AS binaries', 'FROM binaries AS release');
    const status = (index: number) => card(text, index).split('\n').find((line) => /^- (Built|May be built|Unused)/.test(line));
    assert.equal(status(1), '- May be built by target `release` (default target), where `binaries-$TARGETOS` (line 4) names it');
    assert.equal(status(3), '- Built by target `release` (default target)');
    assert.equal(status(2), '- Unused: no build target reaches it (targets considered: `release` (default target))');
    const list = stageList(featureContext(AnalyzedDocument.fromText(text)));
    assert.deepEqual(list.stages.map((stage) => stage.builtBy), [['release (default target, if binaries-$TARGETOS names it)'], ['release (default target, if binaries-$TARGETOS names it)'], [], ['release (default target)'], ['release (default target)']]);
  });

  it('gives the platform\'s value where a global ARG sets a platform ARG: its default replaces BuildKit\'s value', () => {
    // Before, "`$BUILDPLATFORM`" alone (linkerd's `ARG BUILDPLATFORM=linux/amd64`).
    const text = lines('ARG BUILDPLATFORM=linux/amd64', 'FROM --platform=$BUILDPLATFORM golang AS build', 'FROM --platform=$TARGETPLATFORM alpine AS run');
    assert.match(card(text, 0), /\n- Platform: `\$BUILDPLATFORM` → `linux\/amd64`\n/);
    assert.match(card(text, 1), /\n- Platform: `\$TARGETPLATFORM`\n/);
  });

  it('offers no empty base: BuildKit refuses it', () => {
    // Before, "(empty) or `${base_image}`" (jaeger's `FROM $base_image`).
    assert.match(card(lines('ARG base_image', 'FROM $base_image AS release'), 0), /\n- Base: `\$base_image` → depends on base_image \(no default\): `\$\{base_image\}`, or BuildKit refuses it\n/);
  });

  it('ends the chain of a stage built on a FROM built from ARGs on what that FROM names, not on its default', () => {
    // Before, `child ← builder ← a-base`: the default's value, as if the image or the stage were certain.
    const text = lines('ARG BASE=a-base', 'FROM alpine AS a-base', 'FROM alpine AS b-base', 'FROM ${BASE} AS builder', 'FROM builder AS child');
    assert.match(card(text, 3), /\n- Chain: child ← builder ← what `\$\{BASE\}` names\n/);
  });
});

describe('the stage card\'s role line (analysis/ships/roles.ts)', () => {
  const text = lines('FROM golang AS build', 'RUN go build -o /out/app .', 'FROM golang AS lint', 'FROM build AS test', 'FROM alpine', 'COPY --from=build /out/app /app', 'CMD ["/app"]');
  const roleOf = (index: number, targets: string[] = []) => {
    const context = featureContext(AnalyzedDocument.fromText(text), targets.map((name) => ({ name, origin: 'test' })));
    return stageCard(context, context.model.stages[index]).split('\n').find((line) => line.startsWith('- Role'));
  };

  it('says shipped, build-only or check-only, and what the stage makes as a target; nothing for an unused stage', () => {
    assert.equal(roleOf(0), '- Role: shipped, in the image of #3 (unnamed)');
    assert.equal(roleOf(3), '- Role: shipped, in the image of #3 (unnamed); as a target, an image (its start command, line 7)');
    assert.equal(roleOf(1), undefined);
    assert.equal(roleOf(2, ['test']), '- Role: check-only, only checks build it; as a target, a check (named like one)');
  });

  it('says why a role depends on the build: the FROM built from ARGs that may name the stage', () => {
    // Before, "a target that may be an image or exported files (`--output`) builds it", though the only target is an image.
    const text = lines('FROM alpine AS qdrant-cpu', 'FROM alpine AS qdrant-gpu', 'ARG GPU', 'FROM qdrant-${GPU:-cpu} AS qdrant', 'CMD ["qdrant"]');
    const context = featureContext(AnalyzedDocument.fromText(text));
    const role = stageCard(context, context.model.stages[0]).split('\n').find((line) => line.startsWith('- Role'));
    assert.equal(role, '- Role: depends on the build: `qdrant-${GPU:-cpu}` (line 4) may name a stage that ships it');
  });

  it('says exported files, in the card and the code lens, for a scratch target a build exports with --output', () => {
    const exported = lines('FROM golang AS build', 'RUN go build -o /out/app .', 'FROM scratch AS binaries', 'COPY --from=build /out/app /', 'FROM alpine', 'COPY --from=build /out/app /app', 'CMD ["/app"]');
    const context = featureContext(AnalyzedDocument.fromText(exported), [{ name: 'binaries', origin: 'Makefile:3', exportsFiles: true }]);
    assert.equal(stageCard(context, context.model.stages[1]).split('\n').find((line) => line.startsWith('- Role')),
      '- Role: build-only, nothing of it is known to reach an image; as a target, exported files (`--output` at Makefile:3), no image');
    assert.deepEqual(shownLenses(context, 'file:///x').filter((lens) => lens.range.start.line === 2).map((lens) => lens.command!.title)[0], 'built as target binaries · exported files');
  });
});

describe('an unnamed stage, everywhere it is shown', () => {
  const text = lines('FROM golang', 'RUN make', 'FROM alpine', 'COPY --from=0 /a /a');
  const context = featureContext(AnalyzedDocument.fromText(text));

  it('is `#N (unnamed)`, as its inlay hint says, in the card, the stage list (status bar, Go to Stage), lenses and the graph', () => {
    assert.match(card(text, 0), /^\*\*#0 \(unnamed\)\*\*\n/);
    assert.deepEqual(stageList(context).stages.map((s) => s.label), ['#0 (unnamed)', '#1 (unnamed)']);
    assert.equal(stageList(context).defaultTarget, '#1 (unnamed)');
    assert.ok(shownLenses(context, 'file:///x').some((lens) => lens.command!.title === 'used by: #1 (unnamed) · shipped in #1 (unnamed)'));
    assert.deepEqual(stageGraph(context).nodes.filter((n) => n.kind === 'stage').map((n) => n.label), ['#0 (unnamed)', '#1 (unnamed)']);
    const hints = inlayHints(context.model, { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } });
    assert.deepEqual(hints.map((h) => h.label), ['#0', '#1', '#0 (unnamed)']);
  });
});

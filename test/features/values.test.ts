// Values as BuildKit expands them wherever the product shows one (inlay hints, hovers, the stage card, the stage
// list behind Go to Stage, the graph's image nodes, the file sketch): every form of lex.go, quotes removed, and
// "depends on ..." where the build decides, never one of the values as if it were the value.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AnalyzedDocument } from '../../server/src/analysis/document';
import { featureContext, type FeatureContext } from '../../server/src/features/featureContext';
import { inlayHints } from '../../server/src/features/inlayHints';
import { hoverStage } from '../../server/src/features/hover';
import { hoverVariable } from '../../server/src/features/variableHover';
import { stageList } from '../../server/src/features/stageList';
import { stageGraph } from '../../server/src/features/stageGraph';
import { producedPaths } from '../../server/src/analysis/fileSketch';
import { fixture, lines } from '../support/fixture';
import { onStage, onVariable } from '../support/symbols';
import type { Position } from '../../server/src/analysis/model';
import type { Hover } from 'vscode-languageserver-types';

function contextOf(text: string): FeatureContext {
  return featureContext(AnalyzedDocument.fromText(text));
}

/** The inlay hints' labels, by 1-based line. */
function hintLabels(context: FeatureContext): string[] {
  return inlayHints(context.model, { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } }).map((hint) => `${hint.position.line + 1}: ${hint.label}`);
}

/** Hover of one kind of symbol: the stage's or the variable's. */
type KindHover = (context: FeatureContext, position: Position) => Hover | undefined;
const stageHover: KindHover = (context, position) => onStage(context, position, (symbol) => hoverStage(context, symbol));
const variableHover: KindHover = (context, position) => onVariable(context, position, (symbol) => hoverVariable(context, symbol));

function hoverAt(marked: string, hover: KindHover): string {
  const fx = fixture(marked);
  const found = hover(contextOf(fx.text), fx.cursor);
  return (found?.contents as { value: string } | undefined)?.value ?? '';
}

describe('values as BuildKit expands them', () => {
  const digest = 'debian@sha256:0123abcd';
  const substituted = lines('ARG BASE=debian:bullseye-slim', `FROM \${BASE/debian:bullseye-slim/${digest}} AS runtime`, 'FROM runtime AS final');

  it('shows a pattern substitution ${X/p/r} by its result: inlay hint, stage card, stage list, graph', () => {
    const context = contextOf(substituted);
    assert.ok(hintLabels(context).includes(`2: = ${digest}`), hintLabels(context).join('\n'));
    assert.match(hoverAt(lines('ARG BASE=debian:bullseye-slim', `FROM \${BASE/debian:bullseye-slim/${digest}} AS run|time`), stageHover), new RegExp(`→ \`${digest}\``));
    assert.equal(stageList(context).stages[0].base, digest);
    assert.ok(stageGraph(context).nodes.some((node) => node.kind === 'image' && node.label === digest));
    assert.match(hoverAt(lines('ARG BASE=debian:bullseye-slim', `FROM \${BASE/debian:bullseye-slim/${digest}} AS runtime`, 'FROM runtime AS fin|al'), stageHover), new RegExp(`Chain: final ← runtime ← ${digest}`));
  });

  it('removes the quotes of ${X:+"word"} as BuildKit does', () => {
    const text = ['ARG DEBUG=1', 'ARG SUFFIX=delve-${DEBUG:+"unsupported"}', 'FROM scratch', 'ARG SUFFIX', 'RUN echo $SUF|FIX'];
    assert.match(hoverAt(lines(...text), variableHover), /^\*\*\$SUFFIX\*\* = `delve-unsupported`/);
    assert.ok(hintLabels(contextOf(lines('ARG DEBUG=1', 'FROM img-${DEBUG:+"debug"}'))).includes('2: = img-debug'));
    assert.match(hoverAt(lines('ARG DEBUG=1', 'ARG SUF|FIX=delve-${DEBUG:+"unsupported"}', 'FROM scratch'), variableHover), /= `delve-\$\{DEBUG:\+"unsupported"\}` → `delve-unsupported`/);
  });

  it('says a value depends on the platform where a pattern cuts TARGETPLATFORM, and lists the few it may take', () => {
    const text = lines(
      'ARG BUILD_LOONG64=${TARGETPLATFORM#linux/amd64}',
      'ARG BUILD_LOONG64=${BUILD_LOONG64:+"unsupported"}',
      'ARG BUILD_LOONG64=${BUILD_LOONG64:-"supported"}',
      'FROM ${TARGETPLATFORM#linux/amd64} AS cut',
      'FROM scratch AS exit-loong64-unsupported',
      'FROM scratch AS exit-loong64-supported',
      'FROM exit-loong64-${BUILD_LOONG64} AS exit-loong64',
    );
    const context = contextOf(text);
    assert.deepEqual(hintLabels(context).filter((label) => /^[47]:/.test(label)), [
      '4: depends on TARGETPLATFORM',
      '7: depends on TARGETPLATFORM: exit-loong64-supported or exit-loong64-unsupported',
    ]);
    assert.equal(context.model.stages[0].expandedBase, undefined);
    assert.match(hoverAt(text.replace('AS cut', 'AS c|ut'), stageHover), /→ depends on TARGETPLATFORM\n/);
    assert.deepEqual(context.model.baseReferences[3]!.resolution, { kind: 'pattern', stages: [1, 2] });
  });

  it('says what a value depends on where a build argument has no default, with the few values it may take', () => {
    const context = contextOf(lines('ARG REGISTRY', 'ARG VARIANT', 'FROM ${REGISTRY}/app AS a', 'FROM node:20${VARIANT:+-alpine}'));
    assert.deepEqual(hintLabels(context).filter((label) => !label.includes('#')), ['4: depends on VARIANT (no default): node:20 or node:20-alpine']);
    assert.match(hoverAt(lines('ARG REGISTRY', 'FROM ${REGISTRY}/app AS |a'), stageHover), /→ depends on REGISTRY \(no default\): `\/app` or `\$\{REGISTRY\}\/app`/);
    assert.equal(stageList(context).stages[0].base, '${REGISTRY}/app');
  });

  it('shows no value where BuildKit refuses the word', () => {
    const context = contextOf(lines('ARG V', 'FROM img:${V:?set V}', 'FROM img:${V:=x}'));
    assert.deepEqual(hintLabels(context).filter((label) => !label.includes('#')), []);
    assert.equal(context.model.stages[0].expandedBase, undefined);
  });

  it('expands the file sketch\'s paths: WORKDIR $DIR and COPY to ${DIR}', () => {
    const { model } = contextOf(lines('FROM scratch AS build', 'ENV APP=/srv/app', 'WORKDIR $APP', 'COPY a ./bin/', 'ARG OUT=${APP}/out', 'COPY b ${OUT}/'));
    const paths = [...producedPaths(model, model.stages[0]).keys()].sort();
    // The folders; not a and b in them, which may be folders whose contents the COPY puts there.
    assert.deepEqual(paths, ['/srv/app', '/srv/app/bin', '/srv/app/out']);
  });
});

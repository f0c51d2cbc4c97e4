// Each quick fix applied to its diagnostic, the result compared with the expected text and analysed again.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { AnalyzedDocument } from '../../server/src/analysis/document';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { featureContext } from '../../server/src/features/featureContext';
import { quickFixes } from '../../server/src/features/codeActions/quickFixes';
import { applyEdits, lines } from '../support/fixture';

const URI = 'file:///fix/Dockerfile';

function diagnose(text: string): { diagnostics: Diagnostic[]; actions: CodeAction[] } {
  const context = featureContext(AnalyzedDocument.fromText(text));
  const diagnostics = computeDiagnostics(context, {});
  return { diagnostics, actions: quickFixes(context, URI, diagnostics) };
}

/** Applies the fix titled `title` for `code`, and checks the text it makes and that the problem is gone. */
function applyFix(before: string, code: string, title: string | RegExp, after: string): CodeAction {
  const { actions } = diagnose(before);
  const action = actions.find((a) => a.diagnostics?.[0].code === code && (typeof title === 'string' ? a.title === title : title.test(a.title)));
  assert.ok(action, `no fix '${title}' for ${code}; offered: ${actions.map((a) => a.title).join(' | ')}`);
  const fixed = applyEdits(before, action.edit?.changes?.[URI] ?? []);
  assert.equal(fixed, after);
  if (!/^Ignore/.test(action.title)) assert.ok(!diagnose(fixed).diagnostics.some((d) => d.code === code), `${code} still reported`);
  return action;
}

describe('quick fixes', () => {
  it('UndefinedStage: replace with each close name, the best one preferred', () => {
    const text = lines('FROM a AS builder', 'FROM a AS builds', 'FROM b', 'COPY --from=buildr / /', 'COPY --from=builder / /', 'COPY --from=builds / /');
    const action = applyFix(text, 'UndefinedStage', "Change to 'builder'", text.replace('--from=buildr', '--from=builder'));
    assert.equal(action.isPreferred, true);
    const other = diagnose(text).actions.find((a) => a.title === "Change to 'builds'");
    assert.equal(other?.isPreferred, false);
  });

  it('UnusedStage: remove the stage with its description and the blank line after, renumbering indices', () => {
    const before = lines('FROM a AS base', '', '# old is not used any more', 'FROM a AS old', 'RUN true', '', 'FROM base AS final', 'COPY --from=0 / /', 'COPY --from=3 / /', 'FROM c', 'COPY --from=2 / /');
    const after = lines('FROM a AS base', '', 'FROM base AS final', 'COPY --from=0 / /', 'COPY --from=2 / /', 'FROM c', 'COPY --from=1 / /');
    applyFix(before, 'UnusedStage', "Remove unused stage 'old'", after);
  });

  it('UnusedStage: what keeps the stage comes first (treat as a target, ignore), removing it last and never preferred', () => {
    const { actions } = diagnose(lines('FROM a AS test', 'FROM b'));
    assert.deepEqual(actions.map((a) => a.title),
      ["Treat 'test' as a build target", 'Ignore UnusedStage in this file', "Remove unused stage 'test'"]);
    assert.ok(!actions.some((a) => a.isPreferred));
  });

  it('UnusedStage: offers to treat a named stage as a build target', () => {
    const action = diagnose(lines('FROM a AS test', 'FROM b')).actions.find((a) => a.title === "Treat 'test' as a build target");
    assert.deepEqual(action?.command, { title: 'Add build target', command: 'dockerfileStages.addTarget', arguments: ['test'] });
  });

  it('StageNameCasing: lower-cases the name and every reference to it', () => {
    applyFix(lines('FROM a AS Build', 'FROM build', 'COPY --from=BUILD / /', 'RUN --mount=from=Build true'), 'StageNameCasing', /^Rename 'Build' to 'build'/,
      lines('FROM a AS build', 'FROM build', 'COPY --from=build / /', 'RUN --mount=from=build true'));
    // `FROM Builder` names the stage but for case (FromStageCasing): lower-cased with it.
    applyFix(lines('FROM golang AS Builder', 'FROM Builder AS checker', 'FROM scratch', 'COPY --from=Builder / /'), 'StageNameCasing', /^Rename 'Builder' to 'builder'/,
      lines('FROM golang AS builder', 'FROM builder AS checker', 'FROM scratch', 'COPY --from=builder / /'));
  });

  it('ArgNotInScope: declares the ARG after the stage\'s FROM and its ARG lines', () => {
    applyFix(lines('ARG GO=1', 'FROM golang:$GO', 'ARG X', 'RUN go build', 'RUN echo $GO'), 'ArgNotInScope', "Declare 'ARG GO' in this stage",
      lines('ARG GO=1', 'FROM golang:$GO', 'ARG X', 'ARG GO', 'RUN go build', 'RUN echo $GO'));
    applyFix('FROM a\nFROM b\nCOPY --from=0 /$TARGETARCH /', 'ArgNotInScope', "Declare 'ARG TARGETARCH' in this stage",
      'FROM a\nFROM b\nARG TARGETARCH\nCOPY --from=0 /$TARGETARCH /');
    applyFix(lines('FROM golang', 'RUN GOARCH=${TARGETARCH:-amd64} go build'), 'ArgNotInScope', "Declare 'ARG TARGETARCH' in this stage",
      lines('FROM golang', 'ARG TARGETARCH', 'RUN GOARCH=${TARGETARCH:-amd64} go build'));
  });

  it('ArgAfterFrom: moves the ARG, as written, above the first FROM and its comments', () => {
    applyFix(lines('# syntax=docker/dockerfile:1', '# the builder', 'FROM golang AS build', 'ARG BASE="alpine:3.20"', 'RUN go build', 'FROM ${BASE}'), 'ArgAfterFrom', "Move 'ARG BASE' above the first FROM",
      lines('# syntax=docker/dockerfile:1', 'ARG BASE="alpine:3.20"', '# the builder', 'FROM golang AS build', 'RUN go build', 'FROM ${BASE}'));
  });

  it('PlatformOnStageReference: removes the flag, or moves it to the stage it starts from', () => {
    const text = lines('FROM golang AS build', 'FROM --platform=$BUILDPLATFORM build AS test');
    applyFix(text, 'PlatformOnStageReference', 'Remove the ignored --platform=$BUILDPLATFORM', lines('FROM golang AS build', 'FROM build AS test'));
    applyFix(text, 'PlatformOnStageReference', "Move --platform=$BUILDPLATFORM to stage 'build'", lines('FROM --platform=$BUILDPLATFORM golang AS build', 'FROM build AS test'));
  });

  it('CopyFromRelativePath: the absolute path under the source stage\'s WORKDIR', () => {
    applyFix(lines('FROM golang AS build', 'WORKDIR /src', 'RUN go build -o out/app .', 'FROM alpine', 'COPY --from=build out/app /app'), 'CopyFromRelativePath', "Change to '/src/out/app'",
      lines('FROM golang AS build', 'WORKDIR /src', 'RUN go build -o out/app .', 'FROM alpine', 'COPY --from=build /src/out/app /app'));
  });

  it('CopyFromAncestor: removes the COPY, continuation lines included, never as the preferred fix', () => {
    const action = applyFix(lines('FROM golang AS build', 'RUN go build -o /out/app', 'FROM build AS test', 'COPY --from=build \\', '  /out/app /out/app', 'RUN go test'),
      'CopyFromAncestor', 'Remove this COPY', lines('FROM golang AS build', 'RUN go build -o /out/app', 'FROM build AS test', 'RUN go test'));
    assert.notEqual(action.isPreferred, true);
  });

  it('FromAsCasing and FromStageCasing', () => {
    applyFix(lines('FROM a as b'), 'FromAsCasing', "Write 'AS' to match 'FROM'", lines('FROM a AS b'));
    applyFix(lines('from a AS b'), 'FromAsCasing', "Write 'as' to match 'from'", lines('from a as b'));
    applyFix(lines('FROM a AS builder', 'FROM Builder'), 'FromStageCasing', "Change to 'builder'", lines('FROM a AS builder', 'FROM builder'));
  });

  it('DuplicateStageName: renames this definition and its users to a fresh name, then starts a rename', () => {
    const action = applyFix(lines('FROM a AS x', 'FROM x AS y', 'FROM b AS x', 'FROM c', 'COPY --from=x / /'), 'DuplicateStageName', "Rename this definition to 'x-2'",
      lines('FROM a AS x', 'FROM x AS y', 'FROM b AS x-2', 'FROM c', 'COPY --from=x-2 / /'));
    assert.deepEqual(action.command?.arguments, [URI, { line: 2, character: 10 }]);
  });

  it('DuplicateStageName: the same fix on the Docker extensions\' server\'s own diagnostic, without our Ignore', () => {
    const text = lines('FROM a AS x', 'FROM x AS y', 'FROM b AS x', 'FROM c', 'COPY --from=x / /');
    const theirs: Diagnostic = { source: 'dockerfile-utils', message: 'duplicate name x', severity: 1, range: { start: { line: 2, character: 10 }, end: { line: 2, character: 11 } } };
    const actions = quickFixes(featureContext(AnalyzedDocument.fromText(text)), URI, [theirs]);
    assert.deepEqual(actions.map((action) => action.title), ["Rename this definition to 'x-2'"]);
    assert.deepEqual(actions[0].diagnostics, [theirs]);
    assert.equal(applyEdits(text, actions[0].edit?.changes?.[URI] ?? []), lines('FROM a AS x', 'FROM x AS y', 'FROM b AS x-2', 'FROM c', 'COPY --from=x-2 / /'));
    const other: Diagnostic = { ...theirs, message: 'Unknown instruction: FORM' };
    assert.deepEqual(quickFixes(featureContext(AnalyzedDocument.fromText(text)), URI, [other]), []);
  });

  it('StageForwardReference: moves the stage above its user when every other reference keeps its meaning', () => {
    applyFix(lines('FROM a AS first', '', 'FROM b AS app', 'COPY --from=tools / /', 'COPY --from=0 / /', '', '# tools has the CLIs', 'FROM alpine AS tools', 'RUN apk add curl', '', 'FROM app', 'COPY --from=2 / /'),
      'StageForwardReference', "Move stage 'tools' above 'app'",
      lines('FROM a AS first', '', '# tools has the CLIs', 'FROM alpine AS tools', 'RUN apk add curl', '', 'FROM b AS app', 'COPY --from=tools / /', 'COPY --from=0 / /', '', 'FROM app', 'COPY --from=1 / /'));
    // tools needs app-base, defined after app: moving tools above app would make that a forward reference.
    const blocked = diagnose(lines('FROM a AS app', 'COPY --from=tools / /', 'FROM b AS app-base', 'FROM app-base AS tools'));
    assert.ok(!blocked.actions.some((a) => a.title.startsWith('Move')));
    // A FROM between them names an image 'tools' today: it would find the moved stage instead.
    const lastStage = diagnose(lines('FROM a AS app', 'COPY --from=tools / /', 'FROM b AS tools'));
    assert.ok(!lastStage.actions.some((a) => a.title.startsWith('Move')), 'the default target would change');
    const shadowing = diagnose(lines('FROM a AS app', 'COPY --from=tools / /', 'FROM tools AS other', 'FROM b AS tools'));
    assert.ok(!shadowing.actions.some((a) => a.title.startsWith('Move')));
  });

  it('no Ignore for what makes BuildKit fail: # check=skip cannot hide it', () => {
    const { actions } = diagnose(lines('FROM a', 'COPY --from=7 / /'));
    assert.deepEqual(actions.filter((a) => a.title.startsWith('Ignore')).map((a) => a.title), []);
  });

  it('every rule BuildKit does not fail on: ignore it in this file, creating or extending the one check directive', () => {
    applyFix(lines('# syntax=docker/dockerfile:1', 'FROM a AS Build'), 'StageNameCasing', 'Ignore StageNameCasing in this file',
      lines('# syntax=docker/dockerfile:1', '# check=skip=StageNameCasing', 'FROM a AS Build'));
    applyFix(lines('# check=error=true;skip=FromAsCasing', 'FROM a AS Build'), 'StageNameCasing', 'Ignore StageNameCasing in this file',
      lines('# check=skip=FromAsCasing,StageNameCasing;error=true', 'FROM a AS Build'));
    applyFix('\uFEFF' + lines('FROM a AS Build'), 'StageNameCasing', 'Ignore StageNameCasing in this file', '\uFEFF' + lines('# check=skip=StageNameCasing', 'FROM a AS Build'));
    const ignored = applyFix(lines('FROM a AS b', 'FROM c'), 'UnusedStage', 'Ignore UnusedStage in this file', lines('# check=skip=UnusedStage', 'FROM a AS b', 'FROM c'));
    assert.equal(ignored.kind, 'quickfix');
    assert.deepEqual(diagnose(lines('# check=skip=UnusedStage', 'FROM a AS b', 'FROM c')).diagnostics, []);
  });
});

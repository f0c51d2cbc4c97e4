// Variables over stdio: hover with value and origin, definition to the binding declarations, completion after
// `$` and `${` (with the ARG line for a global that is not in scope), in CRLF files, after UTF-16 pairs, in heredocs.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem, Hover, LocationLink } from 'vscode-languageserver-types';
import { LspClient } from '../support/lspClient';
import { AnalyzedDocument } from '../../server/src/analysis/document';
import { featureContext } from '../../server/src/features/featureContext';
import type { BuildTarget } from '../../server/src/analysis/graph';
import { hoverVariable } from '../../server/src/features/variableHover';
import { hoverStage } from '../../server/src/features/hover';
import { asBuildTargets } from '../../server/src/workspace/workspaceTargets';
import { workflowTargets } from '../../server/src/workspace/workflows';
import { bakeTargets } from '../../server/src/workspace/bake';
import { fileIndex } from '../support/files';
import { applyEdits, fixture, lines, textAt, type Fixture } from '../support/fixture';
import { onStage, onVariable } from '../support/symbols';

let client: LspClient;
before(async () => { client = await LspClient.start(); });
after(async () => { await client.stop(); });

const open = (marked: string) => client.openFixture(marked);

async function hover(marked: string): Promise<{ value: string; fx: Fixture; hover: Hover }> {
  const fx = await open(marked);
  const found = await client.request<Hover>('textDocument/hover', { textDocument: { uri: fx.uri }, position: fx.cursor });
  return { value: (found.contents as { value: string }).value, fx, hover: found };
}

const goFile = ['# 😀 base', 'ARG GO=1.22', 'FROM golang:${GO}-alpine AS build', 'ARG GO', 'ARG OUT=/out', 'ENV CGO_ENABLED=0'];

describe('variables over LSP', () => {
  it('hovers a use with its value and where it comes from, in CRLF files and heredocs', async () => {
    const marked = [...goFile, 'RUN <<EOF', 'go build -o $[[O|UT]]/app', 'EOF'].join('\r\n');
    const { value, fx, hover: found } = await hover(marked);
    assert.deepEqual(found.range, { start: { line: 7, character: 12 }, end: { line: 7, character: 16 } });
    assert.equal(textAt(fx.text, found.range!), '$OUT');
    assert.match(value, /^\*\*\$OUT\*\* = `\/out`/);
    assert.match(value, /ARG in stage build, line 5 = `\/out`/);
    const global = await hover(lines(...goFile, 'RUN echo ${G|O:-1}'));
    assert.match(global.value, /\*\*\$GO\*\* = `1\.22`/);
    assert.match(global.value, /ARG in stage build, line 4, no default/);
    assert.match(global.value, /global ARG line 2 = `1\.22`/);
    assert.equal(textAt(global.fx.text, global.hover.range!), '${GO:-1}');
  });

  it('counts columns in UTF-16 and reads backtick-escaped continuations', async () => {
    const utf16 = await hover(lines('ARG V=1', 'FROM a', 'ARG V', 'RUN echo "😀 ü" [[$|V]]'));
    assert.deepEqual(utf16.hover.range, { start: { line: 3, character: 16 }, end: { line: 3, character: 18 } });
    assert.deepEqual(utf16.hover.range, utf16.fx.ranges[0]);
    const escaped = await hover(lines('# escape=`', 'ARG V=1', 'FROM a', 'ARG V', 'RUN echo `', '    $|V'));
    assert.match(escaped.value, /\*\*\$V\*\* = `1`/);
  });

  it('says why a variable is not in scope, and what BuildKit sets', async () => {
    assert.match((await hover(lines('ARG V=1', 'FROM a', 'RUN echo $|V'))).value, /not in scope here: the global ARG is visible in FROM lines only; declare `ARG V`/);
    assert.match((await hover(lines('FROM --platform=$BUILD|PLATFORM a'))).value, /set by BuildKit: the platform of the machine running the build/);
    // Not "not in scope here": the base image's ENV may set it (GOPATH on golang), BuildKit sets PATH where it has none.
    assert.equal((await hover(lines('FROM golang', 'RUN echo $GO|PATH'))).value, '**$GOPATH** is not set by this Dockerfile: no ARG or ENV of this stage or the stages it is built FROM sets it; the base image\'s ENV may.');
    assert.match((await hover(lines('FROM golang', 'RUN echo $PA|TH'))).value, /^\*\*\$PATH\*\* is the base image's PATH \(BuildKit sets a default where the image has none\)/);
    assert.equal((await hover(lines('FROM scratch', 'COPY a $PA|TH/'))).value, '**$PATH** = `/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`: set by BuildKit, as the stage\'s image has no PATH.');
  });

  it('says what a variable depends on where a FROM built from ARGs may build the stage on one that sets it', async () => {
    // Before, "not in scope here: no ARG or ENV of this stage or the stages it is built FROM sets it", untrue for BASE=a-base.
    const { value } = await hover(lines('ARG BASE', 'FROM alpine AS a-base', 'ARG X=1', 'FROM alpine AS b-base', 'ENV X=2', 'FROM $BASE AS builder', 'RUN echo "$|X"'));
    assert.equal(value, '**$X** depends on the stage this one is built on, which a FROM built from ARGs chooses: stage a-base sets it (line 3), '
      + 'stage b-base sets it (line 5); built on another, nothing in this file sets it.');
  });

  it('completes, in a stage a FROM built from ARGs may build on another, what those stages set, saying it depends on them', async () => {
    const fx = await open(lines('ARG BASE', 'FROM alpine AS a-base', 'ENV X=2', 'ARG VERSION=1', 'FROM $BASE AS builder', 'RUN echo ${|'));
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: fx.uri }, position: fx.cursor });
    const byLabel = new Map(items.map((item) => [item.label, item]));
    // Before, neither was offered: only the global BASE, as an ARG to add.
    assert.deepEqual([byLabel.get('X')?.detail, byLabel.get('X')?.documentation], ['depends on the X of the stage `$BASE` names: (empty) or `${X}`', 'ENV in stage a-base, line 3 = `2`']);
    assert.equal(byLabel.get('VERSION')?.detail, 'depends on the VERSION of the stage `$BASE` names: (empty) or `${VERSION}`');
    assert.match(byLabel.get('BASE')!.detail!, /not in scope here/);
  });

  it('says a RUN\'s own script sets a variable only after it assigns it as a command', async () => {
    const value = async (text: string) => (await hover(text)).value.split('\n')[0];
    // Before, "set by this RUN's own script" for each: an argument, quoted text, the assignment's own value, a prefix.
    assert.equal(await value(lines('ARG PACKAGE=x', 'FROM a', 'ARG PACKAGE', 'RUN make PACKAGE=$PACK|AGE')), '**$PACKAGE** = `x`');
    assert.equal(await value(lines('ARG SKIP=false', 'FROM a', 'ARG SKIP', 'RUN echo "(SKIP=true)" && echo $SK|IP')), '**$SKIP** = `false`');
    assert.equal(await value(lines('ARG X=a@b', 'FROM a', 'ARG X', 'RUN X=${X|%%@*} && echo $X')), '**$X** = `a@b`');
    assert.equal(await value(lines('ARG X=1', 'FROM a', 'ARG X', 'RUN X=2 make && echo $|X')), '**$X** = `1`');
    // After an assignment that is a command, a loop variable, `read`: the script's.
    assert.equal(await value(lines('ARG X=1', 'FROM a', 'ARG X', 'RUN X=2 && echo $|X')), '**$X** is set by this RUN\'s own script.');
    assert.equal(await value(lines('ARG X=1', 'FROM a', 'ARG X', 'RUN export X=2; echo $|X')), '**$X** is set by this RUN\'s own script.');
    assert.equal(await value(lines('ARG X=1', 'FROM a', 'ARG X', 'RUN for X in a b; do echo $|X; done')), '**$X** is set by this RUN\'s own script.');
  });

  it('says CMD, ENTRYPOINT and HEALTHCHECK text is read by the container\'s shell, from its environment', async () => {
    // Before, "= (empty)" (DependencyTrack's `${EXTRA_JAVA_OPTIONS}`, passed with docker run -e) and "not in scope".
    assert.equal((await hover(lines('FROM eclipse-temurin', 'ENV EXTRA=', 'CMD java ${EX|TRA} -jar app.jar'))).value,
      '**$EXTRA** is read by the container\'s shell when the container starts, not by the build: the image\'s ENV sets it = (empty) (line 2), which `docker run -e EXTRA=…` may change.');
    assert.equal((await hover(lines('ARG PORT=80', 'FROM node', 'ARG PORT', 'CMD serve -l ${PO|RT:-3000}'))).value,
      '**$PORT** is read by the container\'s shell when the container starts, not by the build: an ARG is not in the container\'s environment: it is what the base image\'s ENV or `docker run -e PORT=…` sets.');
    assert.equal((await hover(lines('FROM node', 'ENTRYPOINT ["serve", "$P|ORT"]'))).value, '**$PORT** stays as written: the exec form (`ENTRYPOINT [...]`) runs no shell.');
  });

  it('gives no value to `$X` the RUN\'s shell reads as written: quoted, or under a PowerShell SHELL; none on SHELL', async () => {
    // Before, "$url is not in scope here" (PowerShell-Docker's `$url = ...`) and an ARG's value for `'$X'`.
    const literal = /^\*\*\$url\*\* is read as written by the shell of this RUN/;
    assert.match((await hover(lines('FROM mcr.microsoft.com/powershell', 'SHELL ["pwsh", "-Command"]', 'RUN $u|rl = "https://x"; Invoke-WebRequest $url'))).value, literal);
    assert.match((await hover(lines('ARG url=1', 'FROM a', 'ARG url', "RUN echo '$u|rl'"))).value, literal);
    assert.match((await hover(lines('ARG url=1', 'FROM a', 'ARG url', 'SHELL ["/bin/bash", "-c"]', 'RUN echo $u|rl'))).value, /^\*\*\$url\*\* = `1`/);
    const shell = await open(lines('FROM a', 'SHELL ["powershell", "-Command", "$Error|ActionPreference = \'Stop\';"]'));
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: shell.uri }, position: shell.cursor }), null);
  });

  it('reads `${A:-${B:-1}}` on B as B, and no variable in a COPY heredoc with a quoted delimiter', async () => {
    assert.match((await hover(lines('FROM a', 'ENV B=2', 'EXPOSE ${A:-${|B:-1}}'))).value, /^\*\*\$B\*\* = `2`/);
    // BuildKit writes `<<"EOF"` bodies as they are: before, "$coverdir is not in scope" (docker/buildx's Dockerfile).
    const fx = await open(lines('FROM a', 'COPY --chmod=755 <<"EOF" /usr/bin/run', 'coverdir=/cover', 'echo $cover|dir', 'EOF'));
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: fx.uri }, position: fx.cursor }), null);
  });

  it('hovers a declaration with its uses', async () => {
    const { value } = await hover(lines('ARG G|O=1.22', 'FROM golang:$GO AS a', 'ARG GO', 'RUN echo $GO', 'FROM b', 'RUN echo $GO'));
    assert.match(value, /\*\*ARG GO\*\* = `1\.22`, before the first FROM/);
    assert.match(value, /Used on lines 2 \(a\), 4 \(a\)$/);
  });

  it('shows the stage\'s platform (inherited through FROM <stage>) and its ARGs on the stage card', async () => {
    const text = lines('ARG GO=1.22', 'FROM --platform=$BUILDPLATFORM golang:$GO AS build', 'ARG GO', 'ARG OUT=/out', 'FROM --platform=linux/arm64 build AS test', 'FROM alpine AS release');
    const at = (name: string) => hover(text.replace(`AS ${name}`, `AS ${name.slice(0, 2)}|${name.slice(2)}`));
    assert.match((await at('test')).value, /- Platform: `\$BUILDPLATFORM`, from stage build \(its own `--platform=linux\/arm64` is ignored\)/);
    assert.match((await at('build')).value, /- Platform: `\$BUILDPLATFORM`\n- ARGs: `GO`, `OUT=\/out`/);
    assert.match((await at('release')).value, /- Platform: the target platform/);
    // A FROM built from ARGs may build it on a stage, whose platform it then takes (before: `$BUILDPLATFORM`).
    const { value } = await hover(lines('ARG BASE', 'FROM --platform=linux/arm64 alpine AS a-base', 'FROM --platform=$BUILDPLATFORM $BASE AS bu|ilder', 'FROM builder'));
    assert.match(value, /- Platform: depends on what `\$BASE` names \(line 3\): built on a stage, that stage's platform; on an image, `\$BUILDPLATFORM`/);
  });

  it('goes from a use to the stage\'s ARG and the global default', async () => {
    const fx = await open(lines(...goFile, 'RUN echo $G|O'));
    const links = await client.request<LocationLink[]>('textDocument/definition', { textDocument: { uri: fx.uri }, position: fx.cursor });
    assert.deepEqual(links.map((l) => [l.targetSelectionRange.start.line, textAt(fx.text, l.targetSelectionRange)]), [[3, 'GO'], [1, 'GO']]);
  });

  it('completes after $ and ${ with what is in scope, and offers a global that is not, adding its ARG line', async () => {
    const fx = await open(lines('ARG GO=1.22', 'ARG REGISTRY=docker.io', 'FROM golang:$GO AS build', 'ARG GO', 'ENV DIR=/src', 'RUN echo ${|'));
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: fx.uri }, position: fx.cursor });
    const byLabel = new Map(items.map((item) => [item.label, item]));
    assert.deepEqual([byLabel.get('GO')!.detail, byLabel.get('DIR')!.detail], ['= 1.22', '= /src']);
    const registry = byLabel.get('REGISTRY')!;
    assert.match(registry.detail!, /not in scope here/);
    assert.ok(byLabel.has('TARGETARCH'));
    assert.deepEqual(applyEdits(fx.text, [registry.textEdit as { range: never; newText: string }, ...registry.additionalTextEdits!]),
      lines('ARG GO=1.22', 'ARG REGISTRY=docker.io', 'FROM golang:$GO AS build', 'ARG GO', 'ARG REGISTRY', 'ENV DIR=/src', 'RUN echo ${REGISTRY'));
    const global = await open(lines('ARG GO=1.22', 'ARG IMAGE=golang:$|', 'ARG LATER=1', 'FROM $IMAGE'));
    const globalItems = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: global.uri }, position: global.cursor });
    assert.deepEqual(globalItems.map((item) => item.label).filter((label) => !/^(TARGET|BUILD)/.test(label)), ['GO']);
    const inFrom = await open(lines('ARG GO=1.22', 'FROM golang:$|'));
    const fromItems = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: inFrom.uri }, position: inFrom.cursor });
    assert.ok(fromItems.some((item) => item.label === 'GO' && item.detail === '= 1.22' && !item.additionalTextEdits));
  });

  const multiStage = ['ARG GO=1.22', 'FROM golang:${GO} AS build', 'ARG GO', 'RUN echo $GO "${GO}"', 'FROM build AS test', 'RUN echo $GO',
    'FROM alpine', 'ARG GO=1.23', 'RUN echo $GO'];

  it('finds one binding\'s declarations and uses across the stages it flows into, not a same-named other one', async () => {
    const fx = await open(lines(...multiStage).replace('ARG GO=1.22', 'ARG G|O=1.22'));
    const found = await client.request<{ range: { start: { line: number; character: number } } }[]>('textDocument/references', { textDocument: { uri: fx.uri }, position: fx.cursor, context: { includeDeclaration: true } });
    assert.deepEqual(found.map((l) => `${l.range.start.line}:${l.range.start.character}`).sort(), ['0:4', '1:14', '2:4', '3:10', '3:16', '5:10'].sort());
    const highlights = await client.request<{ kind: number }[]>('textDocument/documentHighlight', { textDocument: { uri: fx.uri }, position: fx.cursor });
    assert.deepEqual(highlights.map((h) => h.kind).sort(), [2, 2, 2, 2, 3, 3]);
  });

  it('renames a binding everywhere it flows, RUN text included, and leaves a same-named other binding alone', async () => {
    const fx = await open(lines(...multiStage).replace('RUN echo $GO "${GO}"', 'RUN echo $G|O "${GO}"'));
    const edit = await client.request<{ changes: Record<string, never[]> }>('textDocument/rename', { textDocument: { uri: fx.uri }, position: fx.cursor, newName: 'GO_VERSION' });
    assert.equal(applyEdits(fx.text, edit.changes[fx.uri]), lines('ARG GO_VERSION=1.22', 'FROM golang:${GO_VERSION} AS build', 'ARG GO_VERSION', 'RUN echo $GO_VERSION "${GO_VERSION}"',
      'FROM build AS test', 'RUN echo $GO_VERSION', 'FROM alpine', 'ARG GO=1.23', 'RUN echo $GO'));
  });

  it('refuses names that would mix two variables, BuildKit\'s own ARGs, and bindings a script sets itself', async () => {
    const refusal = async (marked: string, newName: string) => {
      const fx = await open(marked);
      return client.request('textDocument/rename', { textDocument: { uri: fx.uri }, position: fx.cursor, newName }).then(() => 'renamed', (error: Error) => error.message);
    };
    assert.match(await refusal(lines('ARG G|O=1', 'ARG OTHER=2', 'FROM a:$GO$OTHER'), 'OTHER'), /already declared on line 2/);
    assert.match(await refusal(lines('ARG G|O=1', 'FROM a:$GO'), 'TARGETARCH'), /an ARG BuildKit sets/);
    assert.match(await refusal(lines('FROM a', 'RUN echo $TARGET|ARCH'), 'ARCH'), /BuildKit sets TARGETARCH/);
    assert.match(await refusal(lines('ARG V=1', 'FROM a', 'ARG V', 'RUN echo $|V; V=2'), 'W'), /also sets V itself/);
    assert.match(await refusal(lines('ARG G|O=1', 'FROM a:$GO'), '1GO'), /not a variable name/);
  });

  it('says what the workspace\'s build files pass for an ARG, per target that builds the stage', () => {
    const fx = fixture(lines('ARG GO=1.22', 'FROM golang:$GO AS build', 'ARG GO', 'RUN echo $G|O', 'ENV E=1', 'FROM build AS app', 'RUN echo $E'));
    const targets: BuildTarget[] = [{ name: 'app', origin: 'compose.yaml:5', args: { GO: '1.23', E: '2' } }, { name: 'build', origin: 'docker-bake.hcl:9', args: { OTHER: 'x' } }];
    const context = featureContext(AnalyzedDocument.fromText(fx.text), targets);
    const value = (onVariable(context, fx.cursor, (symbol) => hoverVariable(context, symbol))!.contents as { value: string }).value;
    assert.match(value, /- compose\.yaml:5 sets `1\.23` for target `app`$/);
    assert.doesNotMatch(value, /docker-bake/);
    // An ENV keeps its own value: a build arg of that name changes nothing.
    const env = (onVariable(context, { line: 6, character: 11 }, (symbol) => hoverVariable(context, symbol))!.contents as { value: string }).value;
    assert.doesNotMatch(env, /compose/);
  });

  it('lists the build args of a build of the default target (a workflow step without target:), read from its file', () => {
    const workflow = 'jobs:\n  b:\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          build-args: |\n            GO=1.23\n';
    const targets = asBuildTargets(workflowTargets(workflow, '/w/.github/workflows/ci.yml', 'ci.yml', '/w', fileIndex(['/w/Dockerfile'])));
    const fx = fixture(lines('ARG GO=1.22', 'FROM golang:$GO AS build', 'ARG GO', 'RUN echo $G|O'));
    const context = featureContext(AnalyzedDocument.fromText(fx.text), targets);
    const value = (onVariable(context, fx.cursor, (symbol) => hoverVariable(context, symbol))!.contents as { value: string }).value;
    assert.match(value, /- ci\.yml:\d+ sets `1\.23` for target `build`$/);
  });

  it('says what a bake named context is, and where it is set, on FROM and --from', () => {
    const bake = 'target "app" {\n  contexts = {\n    php-base = "docker-image://php:8.3"\n  }\n  target = "app"\n}\n';
    const targets = asBuildTargets(bakeTargets(bake, '/w/docker-bake.hcl', 'docker-bake.hcl', '/w', fileIndex(['/w/Dockerfile'])));
    const fx = fixture(lines('FROM php-b|ase AS app', 'RUN true'));
    const context = featureContext(AnalyzedDocument.fromText(fx.text), targets);
    const hover = onStage(context, fx.cursor, (symbol) => hoverStage(context, symbol));
    assert.match((hover!.contents as { value: string }).value, /`php-base` is a named build context[\s\S]*docker-bake\.hcl:3: `docker-image:\/\/php:8\.3` for target `app`/);
  });
});


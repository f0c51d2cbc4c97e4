// The properties every multi-stage conversion must have (issue 27), checked on its fixtures and on every corpus
// file it converts: the result parses into the build stage and the runtime stage; the build stage's
// instructions are the original's up to the last build step; the runtime base is one of the table's; every
// artifact is copied from the build stage, which makes it, to the same path (scratch's CA certificates, from the
// builder image); the runtime settings of the final stage are the original's; and no rule reports anything new.
import assert from 'node:assert/strict';
import type { InstructionInfo, Stage, StageModel } from '../../server/src/analysis/model';
import { AnalyzedDocument } from '../../server/src/analysis/document';
import { producedPaths, workdirAt } from '../../server/src/analysis/fileSketch';
import { featureContext } from '../../server/src/features/featureContext';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { CA_CERTIFICATES } from '../../server/src/features/refactors/runtimeBases';
import { builderOf } from '../../server/src/features/refactors/managedBuilds';

const RUNTIME_BASES = [/^gcr\.io\/distroless\/(?:static|base|cc)-debian12$/, /^alpine:3\.\d+$/, /^debian:(?:buster|bullseye|bookworm|trixie)-slim$/, /^scratch$/,
  /^eclipse-temurin:\d+[\w.+]*-jre(?:-[\w.-]+)?$/, /^mcr\.microsoft\.com\/dotnet\/aspnet:\d+\.\d+(?:-[\w.-]+)?$/];
/** The build commands a build stage ends with. */
const BUILD = /(?:go|cargo)\s+build|(?:mvn|mvnw|gradle|gradlew)\s|dotnet\s+publish/;
/** Where Maven and Gradle write the jars (named by the project file, so any name there). */
const JAR_FOLDER = /\/(?:target|build\/libs)\/[^/]+\.jar$/;
const CONFIG = new Set(['ENV', 'ARG', 'LABEL', 'EXPOSE', 'HEALTHCHECK', 'ENTRYPOINT', 'CMD', 'SHELL', 'STOPSIGNAL', 'VOLUME', 'ONBUILD', 'USER', 'MAINTAINER']);

/**
 * `downloadFirst`: the lines the option to download the dependencies first (goDependenciesFirst.ts) adds, which
 * must stand just before the build stage's `COPY . .`; the build stage is otherwise the original's.
 */
export function checkConversion(before: string, after: string, downloadFirst: readonly string[] = []): void {
  const original = AnalyzedDocument.fromText(before).model;
  const converted = AnalyzedDocument.fromText(after).model;
  assert.equal(converted.stages.length, 2, 'two stages');
  const [source] = original.stages;
  const [build, runtime] = converted.stages;
  assert.ok(RUNTIME_BASES.some((base) => base.test(runtime.base!.text)), `runtime base ${runtime.base!.text} is in the table`);
  assert.equal(build.base!.text, source.base!.text, 'the build stage keeps the base');
  const buildTexts = build.instructions.map((i) => slice(after, i));
  if (downloadFirst.length > 0) {
    const at = buildTexts.findIndex((_text, index) => downloadFirst.every((line, offset) => buildTexts[index + offset] === line));
    assert.ok(at >= 0, 'the build stage downloads the dependencies');
    assert.match(buildTexts[at + downloadFirst.length], /^copy(?:\s+--\S+)*\s+\.\/?\s+(?:\.\/?|\/\S*)$/i, 'just before the whole context\'s copy');
    buildTexts.splice(at, downloadFirst.length);
  }
  assert.deepEqual(buildTexts, source.instructions.slice(0, buildTexts.length).map((i) => slice(before, i)), 'the build stage is the original up to the build');
  assert.ok(BUILD.test(buildTexts[buildTexts.length - 1]), 'the build stage ends with the build');
  const builder = builderOf(source.expandedBase ?? source.base!.text)!;
  if (builder.runtimeImage) assert.equal(runtime.base!.text, builder.runtimeImage, 'a Java or .NET build runs on the image its builder is built on');

  const made = [...producedPaths(converted, build).keys()];
  for (const copy of runtime.instructions.filter((i) => i.keyword === 'COPY' && /--from=/.test(i.buildkit?.flags.join(' ') ?? ''))) {
    const { sources, destination } = copy.copyPaths!;
    assert.equal(sources.length, 1);
    assert.equal(sources[0].text, destination.text, 'an artifact lands at its own path');
    // scratch's CA certificates come from the builder image (runtimeBases.ts says why they are there).
    if (runtime.base!.text === 'scratch' && destination.text === CA_CERTIFICATES) continue;
    const jar = builder.ecosystem === 'java' && JAR_FOLDER.test(destination.text);
    assert.ok(jar || made.some((path) => destination.text === path || destination.text.startsWith(`${path}/`)), `${destination.text} is made by the build stage`);
  }
  assert.deepEqual(config(runtime, after), config(source, before), 'the runtime settings are the original\'s');
  const workdir = (model: StageModel, stage: Stage) => (stage.instructions.some((i) => i.keyword === 'WORKDIR') ? workdirAt(model, stage, Infinity) : undefined);
  assert.equal(workdir(converted, runtime) ?? '/', workdir(original, source) ?? builder.workdir, 'the image runs in the same WORKDIR');

  const codes = (text: string) => computeDiagnostics(featureContext(AnalyzedDocument.fromText(text)), {}).map((d) => String(d.code));
  const unmatched = codes(before);
  const added = codes(after).filter((code) => {
    const index = unmatched.indexOf(code);
    if (index >= 0) unmatched.splice(index, 1);
    return index < 0;
  });
  assert.deepEqual(added, [], 'no rule reports anything new');
}

function slice(text: string, instruction: InstructionInfo): string {
  const lines = text.split(/\r?\n/);
  const { start, end } = instruction.range;
  return lines.slice(start.line, end.line + 1).join('\n').slice(start.character);
}

/** The image configuration a stage's instructions write: each setting's words, a shell-form start command as the words `sh -c` runs. */
function config(stage: Stage, source: string): string[] {
  return stage.instructions.filter((i) => CONFIG.has(i.keyword)).map((i) => {
    const reading = i.buildkit!;
    if ((i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT') && !reading.json) return `${i.keyword} ${JSON.stringify(reading.rest.split(/\s+/))}`;
    if (i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT') return `${i.keyword} ${JSON.stringify(reading.args)}`;
    return `${i.keyword} ${slice(source, i).slice(i.keyword.length).trim()}`;
  });
}

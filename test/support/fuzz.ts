// Fuzzing: random Dockerfiles from a grammar and random mutations of the corpus, and a check that runs every
// feature on one of them at given positions: nothing throws, nothing takes over a second, every range returned
// lies inside the document, and every extract refactor offered keeps every build target the same.
import fc from 'fast-check';
import assert from 'node:assert/strict';
import { AnalyzedDocument } from '../../server/src/analysis/document';
import type { Position, Range } from '../../server/src/analysis/model';
import { featureContext } from '../../server/src/features/featureContext';
import { complete, resolveStageCompletion } from '../../server/src/features/completion';
import { findDefinition } from '../../server/src/features/definition';
import { highlight, references } from '../../server/src/features/references';
import { hoverStage } from '../../server/src/features/hover';
import { hoverVariable } from '../../server/src/features/variableHover';
import { findVariableDefinition } from '../../server/src/features/variableDefinition';
import { findCopySourceDefinition, hoverCopySource } from '../../server/src/features/copySources';
import { prepareStageRename, prepareVariableRename, renameVariable, renameWithTargets, RenameRefused } from '../../server/src/features/rename';
import { NO_BUILD_FILES, onCopiedPath, onStage, onVariable } from './symbols';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { quickFixes } from '../../server/src/features/codeActions/quickFixes';
import { listRefactors, resolveRefactor } from '../../server/src/features/refactors/refactorActions';
import { documentSymbols } from '../../server/src/features/symbols';
import { foldingRanges } from '../../server/src/features/folding';
import { shownLenses } from './lenses';
import { inlayHints } from '../../server/src/features/inlayHints';
import { analyze } from '../../server/src/analysis/parseFile';
import { applyEdits } from './fixture';
import { differingTargets } from './equivalence';

const NAMES = ['a', 'b', 'build', 'Build', 'base', 'deps', 'x-y', 'scratch', '1st', 'é', 's.1', 'bin-linux'];
const REFERENCES = [...NAMES, '0', '1', '7', '$X', '${X}', '"build"', "'a'", '', 'busybox:1.36', 'bin-${TARGETOS}', 'buidl'];

const name = fc.constantFrom(...NAMES);
const reference = fc.constantFrom(...REFERENCES);
const words = fc.constantFrom('echo hi', 'go build ./...', 'apk add curl', 'true', 'npm ci', 'é ü 😀', '\t', 'x'.repeat(300));

const line: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.boolean(), fc.constantFrom('golang:1.22', 'alpine', 'scratch', '${BASE}', 'bin-${TARGETOS}'), name, fc.option(name))
    .map(([platform, image, own, base]) => `FROM ${platform ? '--platform=$BUILDPLATFORM ' : ''}${base ?? image}${own.length % 2 ? ` AS ${own}` : ` as ${own}`}`),
  fc.constantFrom('FROM', 'FROM ', 'from a AS', 'FROM a b c'),
  reference.map((r) => `COPY --from=${r} /src /dst`),
  fc.tuple(reference, fc.boolean()).map(([r, link]) => `COPY ${link ? '--link ' : ''}--chown=ü:1 --from=${r} / /`),
  reference.map((r) => `RUN --mount=type=cache,target=/c,from=${r} true`),
  reference.map((r) => `ONBUILD COPY --from=${r} / /`),
  words.map((w) => `RUN ${w}`),
  words.map((w) => `RUN ${w} \\`),
  words.map((w) => `RUN ${w} \``),
  fc.constantFrom('RUN <<EOF', 'EOF', 'COPY <<-END /x', 'END', 'FROM x AS inside-heredoc'),
  fc.constantFrom('# a comment', '# check=skip=UnusedStage', '# check=skip=all;error=true', '# escape=`', '# syntax=docker/dockerfile:1'),
  fc.constantFrom('ARG X=1', 'ARG BASE=build', 'ARG TARGETOS', 'ENV A=b', 'WORKDIR /src', ''),
  fc.string({ maxLength: 20 }),
);

/** A Dockerfile from the grammar: lines joined with LF or CRLF, sometimes behind a byte order mark. */
export const dockerfile: fc.Arbitrary<string> = fc.tuple(fc.array(line, { maxLength: 40 }), fc.boolean(), fc.boolean())
  .map(([lines, crlf, bom]) => (bom ? '\uFEFF' : '') + lines.join(crlf ? '\r\n' : '\n'));

/** A corpus file with random characters and lines deleted, inserted or duplicated. */
export function mutated(texts: readonly string[]): fc.Arbitrary<string> {
  const operation = fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('delete-char', 'insert-char', 'delete-line', 'duplicate-line', 'insert-line'), line);
  return fc.tuple(fc.constantFrom(...texts), fc.array(operation, { minLength: 1, maxLength: 6 })).map(([text, operations]) => {
    let result = text;
    for (const [at, size, kind, inserted] of operations) {
      const lines = result.split('\n');
      const index = at % Math.max(1, lines.length);
      const offset = at % Math.max(1, result.length);
      if (kind === 'delete-char') result = result.slice(0, offset) + result.slice(offset + 1 + (size % 3));
      else if (kind === 'insert-char') result = result.slice(0, offset) + inserted.slice(0, 1 + (size % 4)) + result.slice(offset);
      else if (kind === 'delete-line') { lines.splice(index, 1); result = lines.join('\n'); }
      else if (kind === 'duplicate-line') { lines.splice(index, 0, lines[index] ?? ''); result = lines.join('\n'); }
      else { lines.splice(index, 0, inserted); result = lines.join('\n'); }
    }
    return result;
  });
}

/** Positions and ranges to ask about, spread over the text (a few may fall past its end, as clients send). */
export const probes = fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat()), { minLength: 1, maxLength: 6 });

function rangesIn(value: unknown, found: Range[] = []): Range[] {
  if (Array.isArray(value)) value.forEach((item) => rangesIn(item, found));
  else if (value instanceof Set) [...value].forEach((item) => rangesIn(item, found));
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (record.start && record.end && typeof (record.start as Position).line === 'number') found.push(record as unknown as Range);
    for (const [key, field] of Object.entries(record)) if (key !== 'start' && key !== 'end') rangesIn(field, found);
  }
  return found;
}

/** Runs every feature at the probes; throws (with the reason) on the first broken promise. */
export function checkEveryFeature(text: string, probePoints: ReadonlyArray<readonly [number, number, number, number]>): void {
  const started = Date.now();
  const document = AnalyzedDocument.fromText(text);
  const context = featureContext(document, [{ name: 'b', origin: 'fuzz' }]);
  const lineLengths = document.model.lineLengths;
  const uri = 'file:///fuzz/Dockerfile';
  const at = (line: number, character: number): Position => ({ line: line % (lineLengths.length + 1), character: character % 40 });
  const results: unknown[] = [document.model, documentSymbols(document.model), foldingRanges(document.model), shownLenses(context, uri)];
  const diagnostics = computeDiagnostics(context, {});
  results.push(diagnostics, quickFixes(context, uri, diagnostics));
  for (const [l1, c1, l2, c2] of probePoints) {
    const position = at(l1, c1);
    const other = at(l2, c2);
    const range = l1 % (lineLengths.length + 1) <= other.line ? { start: position, end: other } : { start: other, end: position };
    // Only stage items carry the data their resolve reads.
    const items = complete(context, position, uri) ?? [];
    results.push(items, items.filter((item) => item.data).slice(0, 2).map((item) => resolveStageCompletion(context, item)));
    const { model } = context;
    results.push(references(context, position, uri, true, NO_BUILD_FILES), highlight(context, position));
    results.push(onStage(context, position, (s) => [findDefinition(model, s, uri), hoverStage(context, s)]));
    results.push(onVariable(context, position, (s) => [hoverVariable(context, s), s.kind === 'variable-use' && findVariableDefinition(model, s, uri)]),
      onCopiedPath(context, position, (s) => [hoverCopySource(model, s), findCopySourceDefinition(model, s, uri)]));
    try {
      results.push(onVariable(context, position, (s) => [prepareVariableRename(model, s), renameVariable(model, s, c2 % 2 ? 'RENAMED' : '1bad')]));
    } catch (error) {
      if (!(error instanceof RenameRefused)) throw error;
    }
    results.push(inlayHints(document.model, range));
    try {
      results.push(onStage(context, position, (s) => [prepareStageRename(model, s), renameWithTargets(context, s, c2 % 2 ? 'renamed' : 'Bad Name', NO_BUILD_FILES)]));
    } catch (error) {
      if (!(error instanceof RenameRefused)) throw error;
    }
    for (const action of listRefactors(context, uri, range)) {
      if (action.disabled) continue;
      const resolved = resolveRefactor(context, action);
      const edits = resolved.edit!.changes![uri];
      results.push(edits);
      const after = applyEdits(text, edits);
      // Every result analyzes; an extract's keeps every target too (the check analyzes it, once).
      if (action.kind === 'refactor.extract.stage') {
        assert.deepEqual(differingTargets(text, after), [], `extract changed the build:\n${text}\n--- after ---\n${after}`);
      } else analyze(after);
    }
  }
  for (const range of rangesIn(results)) {
    for (const position of [range.start, range.end]) {
      assert.ok(position.line >= 0 && position.line < lineLengths.length, `line ${position.line} outside ${lineLengths.length} lines`);
      assert.ok(position.character >= 0 && position.character <= lineLengths[position.line], `column ${position.character} outside line ${position.line}`);
    }
  }
  const elapsed = Date.now() - started;
  assert.ok(elapsed < 1000, `took ${elapsed} ms`);
}

/** Runs a property; on failure the error names the shrunk case and why it failed. */
export function runProperty<T>(property: fc.IProperty<T>, seed: number, numRuns: number): void {
  const details = fc.check(property, { seed, numRuns });
  if (details.failed) {
    const reason = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(`${fc.defaultReportMessage(details)}\nReason: ${reason.slice(0, 2000)}`);
  }
}

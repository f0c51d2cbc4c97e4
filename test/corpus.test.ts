// Every feature over every real Dockerfile of ../shared/corpus: no exception, no hang, every range inside the
// document.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { AnalyzedDocument } from '../server/src/analysis/document';
import type { Position, Range } from '../server/src/analysis/model';
import { featureContext } from '../server/src/features/featureContext';
import { computeDiagnostics } from '../server/src/features/diagnostics';
import { complete } from '../server/src/features/completion';
import { findDefinition } from '../server/src/features/definition';
import { highlight, references } from '../server/src/features/references';
import { hoverStage } from '../server/src/features/hover';
import { hoverVariable } from '../server/src/features/variableHover';
import { findVariableDefinition } from '../server/src/features/variableDefinition';
import { findCopySourceDefinition, hoverCopySource } from '../server/src/features/copySources';
import { prepareStageRename, RenameRefused } from '../server/src/features/rename';
import { NO_BUILD_FILES, onCopiedPath, onStage, onVariable } from './support/symbols';
import { corpusFiles, describeWithShared } from './support/paths';

/** Every range a feature returns must lie inside the document's lines and columns. */
function assertInside(range: Range, lineLengths: number[], what: string): void {
  for (const position of [range.start, range.end]) {
    assert.ok(position.line >= 0 && position.line < lineLengths.length, `${what}: line ${position.line} outside`);
    assert.ok(position.character >= 0 && position.character <= lineLengths[position.line], `${what}: column ${position.character} outside line ${position.line}`);
  }
}

function rangesIn(value: unknown, found: Range[] = []): Range[] {
  if (Array.isArray(value)) value.forEach((v) => rangesIn(v, found));
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (record.start && record.end && typeof (record.start as Position).line === 'number') found.push(record as unknown as Range);
    else Object.values(record).forEach((v) => rangesIn(v, found));
  }
  return found;
}

describeWithShared('corpus', 'corpus', () => {
  const files = corpusFiles();

  it('has the 115 files', () => assert.equal(files.length, 115));

  for (const file of files) {
    it(basename(file), () => {
      const text = readFileSync(file, 'utf8');
      const lineLengths = text.split(/\r\n|\r|\n/).map((line) => line.length);
      const started = Date.now();
      const document = AnalyzedDocument.fromText(text);
      const context = featureContext(document);
      const uri = 'file:///corpus';
      const results: unknown[] = [document.model.stages, document.model.references, computeDiagnostics(context, {})];
      // Every reference and stage name, plus one position on each line.
      const positions: Position[] = [
        ...document.model.references.flatMap((r) => [r.range.start, r.range.end]),
        ...document.model.stages.flatMap((s) => (s.name ? [s.name.range.start] : [])),
        ...lineLengths.map((length, line) => ({ line, character: Math.floor(length / 2) })),
        // Every variable use and declaration.
        ...document.model.stages.flatMap((s) => [...s.uses.map((u) => u.range.end), ...s.declarations.map((d) => d.nameRange.start)]),
      ];
      for (const position of positions) {
        const { model } = context;
        results.push(complete(context, position, uri), references(context, position, uri, true, NO_BUILD_FILES), highlight(context, position));
        results.push(onStage(context, position, (s) => [findDefinition(model, s, uri), hoverStage(context, s)]));
        results.push(onVariable(context, position, (s) => [hoverVariable(context, s), s.kind === 'variable-use' && findVariableDefinition(model, s, uri)]),
          onCopiedPath(context, position, (s) => [hoverCopySource(model, s), findCopySourceDefinition(model, s, uri)]));
        try {
          results.push(onStage(context, position, (s) => prepareStageRename(model, s)));
        } catch (error) {
          assert.ok(error instanceof RenameRefused, String(error));
        }
      }
      for (const range of rangesIn(results)) assertInside(range, lineLengths, basename(file));
      assert.ok(Date.now() - started < 5000, 'took over 5 s');
    });
  }
});

// The diagnostics of a Dockerfile as the server computes them, and the marker fixtures that say where they must be.
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { AnalyzedDocument } from '../../server/src/analysis/document';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { featureContext } from '../../server/src/features/featureContext';
import type { RuleLevel } from '../../server/src/settings';
import { fixture } from './fixture';

export function diagnose(text: string, options: { targets?: string[]; targetOrigin?: string; rules?: Record<string, RuleLevel> } = {}): Diagnostic[] {
  const context = featureContext(AnalyzedDocument.fromText(text), (options.targets ?? []).map((name) => ({ name, origin: options.targetOrigin ?? 'test' })));
  return computeDiagnostics(context, options.rules ?? {});
}

/** Asserts that `code` is reported exactly at the marked ranges. */
export function expectAt(code: string, marked: string, options?: Parameters<typeof diagnose>[1]): Diagnostic[] {
  const fx = fixture(marked);
  const found = diagnose(fx.text, options).filter((d) => d.code === code);
  assert.deepEqual(found.map((d) => d.range), fx.ranges, `${code} in:\n${fx.text}`);
  return found;
}

// The grammar against the analysis on every corpus file: each stage declaration and each FROM keyword is
// scoped as the stage model sees it, and every named `--from` / mount `from=` reference as a stage reference.
// A rule that ran away (an unclosed quote or heredoc swallowing the lines after it) fails here.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { INITIAL, Registry, parseRawGrammar, type IGrammar } from 'vscode-textmate';
import { createOnigScanner, createOnigString, loadWASM } from 'vscode-oniguruma';
import { AnalyzedDocument } from '../server/src/analysis/document';
import type { Range } from '../server/src/analysis/model';
import { corpusFiles, describeWithShared, REPO_ROOT } from './support/paths';

const GRAMMARS: Record<string, string> = {
  'source.dockerfile': join(REPO_ROOT, 'syntaxes', 'dockerfile.tmLanguage.json'),
  'source.shell': join(REPO_ROOT, 'node_modules', 'tm-grammars', 'grammars', 'shellscript.json'),
};

async function loadGrammar(): Promise<IGrammar> {
  await loadWASM(readFileSync(join(REPO_ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm')).buffer);
  const registry = new Registry({
    onigLib: Promise.resolve({ createOnigScanner, createOnigString }),
    loadGrammar: async (scope) => (GRAMMARS[scope] ? parseRawGrammar(readFileSync(GRAMMARS[scope], 'utf8'), GRAMMARS[scope]) : null),
  });
  return (await registry.loadGrammar('source.dockerfile'))!;
}

/** Per line, the scopes of each character. */
function scopesOf(grammar: IGrammar, text: string): string[][][] {
  let stack = INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line.replace(/\r$/, ''), stack);
    stack = result.ruleStack;
    const perCharacter: string[][] = [];
    for (const token of result.tokens) for (let i = token.startIndex; i < token.endIndex; i++) perCharacter[i] = token.scopes;
    return perCharacter;
  });
}

describeWithShared('corpus', 'grammar on the corpus', () => {
  it('scopes every stage declaration, FROM and named stage reference as the analysis finds them', async () => {
    const grammar = await loadGrammar();
    let checked = 0;
    const misses: string[] = [];
    for (const file of corpusFiles()) {
      const text = readFileSync(file, 'utf8');
      const scopes = scopesOf(grammar, text);
      const { model } = AnalyzedDocument.fromText(text);
      const expect = (range: Range, scope: string, what: string) => {
        checked++;
        const found = scopes[range.start.line]?.[range.start.character] ?? [];
        if (!found.includes(scope)) misses.push(`${basename(file)}:${range.start.line + 1} ${what}: ${found.join(' ')}`);
      };
      for (const stage of model.stages) {
        // A FROM continued from the previous line or after a BOM starts mid-line; the grammar reads line starts.
        if (stage.fromKeyword.range.start.character > 0 && text.split('\n')[stage.fromRange.start.line].slice(0, stage.fromKeyword.range.start.character).trim() !== '') continue;
        expect(stage.fromKeyword.range, 'keyword.other.special-method.dockerfile', 'FROM');
        if (stage.name) expect(stage.name.range, 'entity.name.type.stage.dockerfile', `stage ${stage.name.text}`);
      }
      for (const reference of model.references) {
        if (reference.kind !== 'from') expect(reference.range, 'entity.name.type.stage.reference.dockerfile', `reference ${reference.text}`);
      }
    }
    assert.deepEqual(misses, []);
    assert.ok(checked > 2000, `${checked} places checked`);
  });
});

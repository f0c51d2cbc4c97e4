// Every Mermaid graph the CLI prints parses with Mermaid's own parser (the one GitHub renders with): the
// example, the e2e workspace, and every corpus file where the corpus is there. Graphviz's `dot` checks the
// DOT output (test/e2e/graphviz.sh).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AnalyzedDocument } from '../../server/src/analysis/document';
import { featureContext } from '../../server/src/features/featureContext';
import { stageGraph } from '../../server/src/features/stageGraph';
import { formatMermaid } from '../../server/src/features/graphFormats';
import { corpusFiles, itWithShared, REPO_ROOT } from '../support/paths';

/** Mermaid's parser, which needs a DOM for its text sanitizer: jsdom's. */
async function mermaidParser(): Promise<(text: string) => Promise<unknown>> {
  const { JSDOM } = await import('jsdom');
  (globalThis as { window?: unknown }).window = new JSDOM('').window;
  const { default: mermaid } = await import('mermaid');
  return (text) => mermaid.parse(text);
}

function mermaidOf(file: string): string {
  return formatMermaid(stageGraph(featureContext(AnalyzedDocument.fromText(readFileSync(file, 'utf8')), [])));
}

describe('Mermaid output', () => {
  it('parses with Mermaid, and Mermaid rejects a broken one (the check can fail)', async () => {
    const parse = await mermaidParser();
    for (const file of [join(REPO_ROOT, 'examples', 'Dockerfile'), join(REPO_ROOT, 'test', 'e2e', 'workspace', 'Dockerfile')]) {
      await parse(mermaidOf(file));
    }
    await assert.rejects(parse('flowchart LR\n  s0["a"] --> --> s1\n'));
  });

  itWithShared('corpus', 'parses with Mermaid on every corpus file', async () => {
    const parse = await mermaidParser();
    for (const file of corpusFiles()) {
      await parse(mermaidOf(file)).catch((error: Error) => assert.fail(`${file}: ${error.message}`));
    }
  });
});

// The quick fixes of BuildKit's instruction checks: each applied to its diagnostic, the text compared, the
// problem gone; and where the edit would not be certain, no fix.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction } from 'vscode-languageserver-types';
import { AnalyzedDocument } from '../../server/src/analysis/document';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { featureContext } from '../../server/src/features/featureContext';
import { quickFixes } from '../../server/src/features/codeActions/quickFixes';
import { applyEdits, lines } from '../support/fixture';

const URI = 'file:///fix/Dockerfile';

function fixesFor(text: string, code: string): CodeAction[] {
  const context = featureContext(AnalyzedDocument.fromText(text));
  const diagnostics = computeDiagnostics(context, {}).filter((d) => d.code === code);
  return quickFixes(context, URI, diagnostics).filter((action) => !action.title.startsWith('Ignore '));
}

/** The first diagnostic's fix titled so, applied: the text it makes, with the problem gone. */
function applyFix(before: string, code: string, title: string, after: string): CodeAction {
  const action = fixesFor(before, code).find((a) => a.title === title);
  assert.ok(action, `no fix '${title}' for ${code}; offered: ${fixesFor(before, code).map((a) => a.title).join(' | ')}`);
  const fixed = applyEdits(before, action.edit?.changes?.[URI] ?? []);
  assert.equal(fixed, after);
  return action;
}

describe('quick fixes of BuildKit\'s instruction checks', () => {
  it('ConsistentInstructionCasing: the keyword as most are written', () => {
    applyFix(lines('FROM a', 'RUN x', 'run y'), 'ConsistentInstructionCasing', "Write 'RUN' as most instructions are", lines('FROM a', 'RUN x', 'RUN y'));
  });

  it('NoEmptyContinuation: the empty lines deleted, the instruction unchanged for BuildKit', () => {
    applyFix(lines('FROM a', 'RUN a \\', '', '  \\', '  ', '  b'), 'NoEmptyContinuation', 'Remove the empty continuation lines', lines('FROM a', 'RUN a \\', '  \\', '  b'));
  });

  it('LegacyKeyValueFormat: `=` between key and value, the value quoted when it is several words', () => {
    applyFix(lines('FROM a', 'ENV PATH /x:$PATH'), 'LegacyKeyValueFormat', "Write 'PATH=/x:$PATH'", lines('FROM a', 'ENV PATH=/x:$PATH'));
    applyFix(lines('FROM a', 'LABEL desc a  $B c'), 'LegacyKeyValueFormat', `Write 'desc="a  $B c"'`, lines('FROM a', 'LABEL desc="a  $B c"'));
    assert.deepEqual(fixesFor(lines('FROM a', 'ENV A "b" c'), 'LegacyKeyValueFormat'), []);
    assert.deepEqual(fixesFor(lines('FROM a', 'ENV A b \\', '  c'), 'LegacyKeyValueFormat'), []);
  });

  it('MaintainerDeprecated: the authors label, its value escaped (it changes the image)', () => {
    applyFix(lines('FROM a', 'MAINTAINER Jane "J" <j@x> $y'), 'MaintainerDeprecated', 'Write it as the org.opencontainers.image.authors label', lines('FROM a', 'LABEL org.opencontainers.image.authors="Jane \\"J\\" <j@x> \\$y"'));
  });

  it('JSONArgsRecommended: the exec form, only for plain words', () => {
    applyFix(lines('FROM a', 'CMD app --port 80'), 'JSONArgsRecommended', 'Write it in exec form: ["app", "--port", "80"]', lines('FROM a', 'CMD ["app", "--port", "80"]'));
    assert.deepEqual(fixesFor(lines('FROM a', 'CMD app $PORT', 'FROM b', 'CMD a && b', 'FROM c', 'CMD cd /x', 'FROM d', 'CMD A=1 app'), 'JSONArgsRecommended'), []);
  });

  it('JSONArgsRecommended: no exec form for an ENTRYPOINT whose CMD it would then take as arguments', () => {
    assert.deepEqual(fixesFor(lines('FROM a', 'ENTRYPOINT app', 'CMD ["x"]'), 'JSONArgsRecommended'), []);
    assert.deepEqual(fixesFor(lines('FROM a AS base', 'ENTRYPOINT app', 'FROM base'), 'JSONArgsRecommended'), []);
  });

  it('ExposeProtoCasing and ExposeInvalidFormat: what the image exposes anyway', () => {
    const text = lines('FROM a', 'EXPOSE 8080:80/TCP 53/udp 127.0.0.1:443:443');
    applyFix(text, 'ExposeProtoCasing', 'Write the protocols in lower case', lines('FROM a', 'EXPOSE 8080:80/tcp 53/udp 127.0.0.1:443:443'));
    applyFix(text, 'ExposeInvalidFormat', 'Expose the container ports only', lines('FROM a', 'EXPOSE 80/TCP 53/udp 443'));
  });

  it('MultipleInstructionsDisallowed: remove the ignored instruction, never preferred', () => {
    const action = applyFix(lines('FROM a', 'CMD ["a"]', 'CMD ["b"]'), 'MultipleInstructionsDisallowed', 'Remove this CMD: only the last one is used', lines('FROM a', 'CMD ["b"]'));
    assert.notEqual(action.isPreferred, true);
  });

  it('are offered on Docker DX\'s diagnostic of the same check, without our Ignore (it offers its own)', () => {
    const text = lines('FROM a', 'ENV A b');
    const context = featureContext(AnalyzedDocument.fromText(text));
    const theirs = { source: 'docker-language-server', code: 'LegacyKeyValueFormat', message: 'Legacy key/value format with whitespace separator should not be used', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 7 } } };
    const actions = quickFixes(context, URI, [theirs]);
    assert.deepEqual(actions.map((action) => action.title), ["Write 'A=b'"]);
    assert.deepEqual(actions[0].diagnostics, [theirs]);
  });
});

// BuildKit's instruction checks (linter/ruleset.go at 73ed682), rule by rule: BuildKit's message, the lines it
// reports (here the whole instruction, `[[ ]]`), where it says nothing, and what a `# check=` comment skips.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { AnalyzedDocument } from '../../server/src/analysis/document';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { featureContext } from '../../server/src/features/featureContext';
import { fixture, lines } from '../support/fixture';

function diagnose(text: string, dockerignore?: readonly string[]): Diagnostic[] {
  return computeDiagnostics(featureContext(AnalyzedDocument.fromText(text), [], { dockerignore }), {});
}

/** Asserts that `code` is reported exactly at the marked ranges, and returns the messages. */
function expectAt(code: string, marked: string, dockerignore?: readonly string[]): string[] {
  const fx = fixture(marked);
  const found = diagnose(fx.text, dockerignore).filter((d) => d.code === code);
  assert.deepEqual(found.map((d) => d.range), fx.ranges, `${code} in:\n${fx.text}`);
  return found.map((d) => d.message);
}

describe('NoEmptyContinuation', () => {
  it('reports the line where the continuation ends, once per instruction', () => {
    const [message] = expectAt('NoEmptyContinuation', lines('FROM a', 'RUN echo a \\', '', '  \\', '', '[[  && echo b]]', 'RUN echo c'));
    assert.equal(message, 'Empty continuation line');
    expectAt('NoEmptyContinuation', lines('ARG A=1 \\', '', '[[  B=2]]', 'FROM a'));
  });

  it('counts neither comment lines nor heredoc bodies', () => {
    expectAt('NoEmptyContinuation', lines('FROM a', 'RUN echo a \\', '# note', '  && b', 'RUN <<EOF', 'x \\', '', 'EOF'));
  });

  it('is skipped by the file directive only: BuildKit warns before it reads the comments above instructions', () => {
    expectAt('NoEmptyContinuation', lines('FROM a', '# check=skip=NoEmptyContinuation', 'RUN a \\', '', '[[  b]]'));
    expectAt('NoEmptyContinuation', lines('# check=skip=NoEmptyContinuation', 'FROM a', 'RUN a \\', '', '  b'));
  });
});

describe('ConsistentInstructionCasing', () => {
  it('reports the instructions whose keyword is not cased as the majority', () => {
    const messages = expectAt('ConsistentInstructionCasing', lines('FROM a', 'RUN x', '[[run y]]', '[[Copy a b]]'));
    assert.deepEqual(messages, ["Command 'run' should match the case of the command majority (uppercase)", "Command 'Copy' should match the case of the command majority (uppercase)"]);
    expectAt('ConsistentInstructionCasing', lines('[[FROM a]]', 'run x', 'copy a b'));
  });

  it('takes upper case on a tie, and leaves global ARGs out of the count', () => {
    expectAt('ConsistentInstructionCasing', lines('arg A', 'arg B', 'FROM a', '[[run x]]'));
  });

  it('says nothing when an instruction is not read (the majority would be unknown)', () => {
    expectAt('ConsistentInstructionCasing', 'FROM a\nrun x\nRUN y \\\rz\n');
  });
});

describe('MaintainerDeprecated', () => {
  it('reports MAINTAINER, in any casing', () => {
    const [message] = expectAt('MaintainerDeprecated', lines('FROM a', '[[MAINTAINER Jane <jane@example.com>]]', 'FROM b', '[[maintainer x]]'));
    assert.equal(message, 'Maintainer instruction is deprecated in favor of using label');
  });

  it('is skipped by the comment right above it', () => {
    expectAt('MaintainerDeprecated', lines('FROM a', '# check=skip=MaintainerDeprecated', 'MAINTAINER x'));
  });
});

describe('LegacyKeyValueFormat', () => {
  it('reports ENV and LABEL written `key value`, with the keyword as written', () => {
    const messages = expectAt('LegacyKeyValueFormat', lines('FROM a', '[[ENV A b c]]', 'ENV B=1 C=2', '[[label x "y z"]]'));
    assert.deepEqual(messages, ['"ENV key=value" should be used instead of legacy "ENV key value" format', '"label key=value" should be used instead of legacy "label key value" format']);
  });

  it('leaves alone what BuildKit rejects (one word, pairs mixed)', () => {
    expectAt('LegacyKeyValueFormat', lines('FROM a', 'ENV ONLY', 'ENV A=1 B 2'));
  });
});

describe('SecretsUsedInArgOrEnv', () => {
  it('reports each key whose first or last part (or whole) is a secret word', () => {
    const messages = expectAt('SecretsUsedInArgOrEnv', lines('FROM a', '[[ARG GITHUB_TOKEN]]', '[[[[ENV password=1 secret=2]]]]', 'ARG PUBLIC_KEY', 'ARG SECRET_PASSPHRASE_FILE', 'ENV KEYBOARD=1'));
    assert.deepEqual(messages, [
      'Do not use ARG or ENV instructions for sensitive data (ARG "GITHUB_TOKEN")',
      'Do not use ARG or ENV instructions for sensitive data (ENV "password")',
      'Do not use ARG or ENV instructions for sensitive data (ENV "secret")',
    ]);
  });

  it('reads ENV keys expanded (quotes removed; unknown with variables) and ARG keys as written; global ARGs are not checked', () => {
    const messages = expectAt('SecretsUsedInArgOrEnv', lines('ARG API_KEY', 'FROM a', '[[ENV "DB_PASSWORD"=1]]', 'ENV ${X}_TOKEN=1', 'ARG "A_TOKEN"'));
    assert.deepEqual(messages, ['Do not use ARG or ENV instructions for sensitive data (ENV "DB_PASSWORD")']);
  });
});

describe('JSONArgsRecommended', () => {
  it('reports a shell-form CMD or ENTRYPOINT while no SHELL is set', () => {
    const [message] = expectAt('JSONArgsRecommended', lines('FROM a', '[[CMD run me]]', 'ENTRYPOINT ["a"]', '[[cmd]]'));
    assert.equal(message, 'JSON arguments recommended for CMD to prevent unintended behavior related to OS signals');
  });

  it('takes the SHELL of the stage and of the stages it is built FROM', () => {
    expectAt('JSONArgsRecommended', lines('FROM a AS base', 'SHELL ["bash", "-c"]', 'FROM base', 'CMD run me', 'FROM a', '[[CMD run me]]', 'SHELL ["sh", "-c"]', 'CMD x'));
  });

  it('says nothing where the base is unknown: ONBUILD triggers, a name built from ARGs whose stages disagree', () => {
    expectAt('JSONArgsRecommended', lines('FROM a AS base', 'ONBUILD SHELL ["bash", "-c"]', 'FROM base', 'CMD run me'));
    expectAt('JSONArgsRecommended', lines('ARG V', 'FROM a AS b-one', 'SHELL ["bash", "-c"]', 'FROM a AS b-two', 'FROM b-${V}', 'CMD run me'));
    expectAt('JSONArgsRecommended', lines('FROM a AS linux', 'SHELL ["bash", "-c"]', 'FROM ${TARGETOS}', 'CMD run me'));
  });

  it('is certain where every stage the base may name agrees', () => {
    expectAt('JSONArgsRecommended', lines('ARG V', 'FROM a AS b-one', 'FROM a AS b-two', 'FROM b-${V}', '[[CMD run me]]'));
  });
});

describe('MultipleInstructionsDisallowed', () => {
  it('reports the earlier CMD, ENTRYPOINT or HEALTHCHECK of a stage, named as the later one is written', () => {
    const messages = expectAt('MultipleInstructionsDisallowed', lines('FROM a', '[[CMD a]]', '[[HEALTHCHECK NONE]]', 'cmd ["b"]', 'HEALTHCHECK CMD true', 'FROM a', 'CMD ["c"]'));
    assert.deepEqual(messages, [
      'Multiple cmd instructions should not be used in the same stage because only the last one will be used',
      'Multiple HEALTHCHECK instructions should not be used in the same stage because only the last one will be used',
    ]);
  });

  it('is skipped by a comment above the later instruction, the one BuildKit reads it at', () => {
    expectAt('MultipleInstructionsDisallowed', lines('FROM a', 'CMD ["a"]', '# check=skip=MultipleInstructionsDisallowed', 'CMD ["b"]'));
  });
});

describe('WorkdirRelativePath', () => {
  it('reports the first WORKDIR of a FROM chain when it is relative', () => {
    const [message] = expectAt('WorkdirRelativePath', lines('FROM a AS base', '[[WORKDIR app]]', 'WORKDIR rel', 'FROM base', 'WORKDIR rel2', 'FROM a', 'WORKDIR "/abs"', 'WORKDIR rel3'));
    assert.equal(message, 'Relative workdir "app" can have unexpected results if the base image changes');
  });

  it('leaves alone paths with variables and Windows paths, whose meaning depends on the build', () => {
    expectAt('WorkdirRelativePath', lines('FROM a', 'WORKDIR $HOME/x', 'FROM b', 'WORKDIR C:/app'));
  });
});

describe('ExposeProtoCasing and ExposeInvalidFormat', () => {
  it('reports each port as BuildKit reads it, in sorted order', () => {
    const text = lines('FROM a', '[[EXPOSE 8080:80/TCP 53/udp 127.0.0.1:443:443]]');
    assert.deepEqual(expectAt('ExposeProtoCasing', text), ["Defined protocol '8080:80/TCP' in EXPOSE instruction should be lowercase"]);
    assert.deepEqual(expectAt('ExposeInvalidFormat', lines('FROM a', '[[[[EXPOSE 8080:80/TCP 53/udp 127.0.0.1:443:443]]]]')), [
      "EXPOSE instruction should not define an IP address or host-port mapping, found '127.0.0.1:443:443'",
      "EXPOSE instruction should not define an IP address or host-port mapping, found '8080:80/TCP'",
    ]);
  });

  it('stops at a port BuildKit rejects, and skips ports with variables', () => {
    expectAt('ExposeProtoCasing', lines('FROM a', 'EXPOSE 1/http 2/TCP', 'EXPOSE $P/TCP'));
  });
});

describe('CopyIgnoredFile', () => {
  it('reports a COPY or ADD source the .dockerignore excludes (BuildKit\'s own test)', () => {
    const messages = expectAt('CopyIgnoredFile', lines('FROM scratch', '[[COPY Dockerfile .]]', '[[ADD Dockerfile /windy]]', 'COPY --from=x Dockerfile .'), ['Dockerfile']);
    assert.deepEqual(messages, ['Attempting to Copy file "Dockerfile" that is excluded by .dockerignore', 'Attempting to Add file "Dockerfile" that is excluded by .dockerignore']);
  });

  it('matches directories the source is in, and `.` only when every root entry is excluded', () => {
    expectAt('CopyIgnoredFile', lines('FROM scratch', '[[COPY ./build/out/app /app]]', 'COPY . .'), ['build']);
    expectAt('CopyIgnoredFile', lines('FROM scratch', '[[COPY . .]]'), ['*']);
    expectAt('CopyIgnoredFile', lines('FROM scratch', 'COPY . .'), ['.*']);
  });

  it('says nothing when a pattern re-includes, or without a .dockerignore', () => {
    expectAt('CopyIgnoredFile', lines('FROM scratch', 'COPY ./Dockerfile .'), ['**', '!Dockerfile']);
    expectAt('CopyIgnoredFile', lines('FROM scratch', 'COPY Dockerfile .'));
  });

  it('skips heredocs, URLs and sources with variables', () => {
    expectAt('CopyIgnoredFile', lines('FROM scratch', 'ADD https://example.com/x /x', 'COPY $X /x', 'COPY <<x /x', 'hi', 'x'), ['x', 'https:']);
  });
});

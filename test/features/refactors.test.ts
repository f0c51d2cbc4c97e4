// Extract, inline and name stage as before/after text: `[[ ]]` is the selection, `|` the cursor. Every result
// must build every target exactly as before (test/support/equivalence.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction } from 'vscode-languageserver-types';
import { AnalyzedDocument } from '../../server/src/analysis/document';
import { featureContext } from '../../server/src/features/featureContext';
import { listRefactors, REFACTOR_KINDS, resolveRefactor } from '../../server/src/features/refactors/refactorActions';
import { applyEdits, fixture, lines, textAt } from '../support/fixture';
import { differingTargets } from '../support/equivalence';

const URI = 'file:///refactor/Dockerfile';
type Kind = keyof typeof REFACTOR_KINDS;

function listed(kind: Kind, marked: string, targets: string[] = []): { action?: CodeAction; text: string } {
  const fx = fixture(marked);
  const context = featureContext(AnalyzedDocument.fromText(fx.text), targets.map((name) => ({ name, origin: 'test' })));
  const range = fx.ranges[0] ?? { start: fx.cursor, end: fx.cursor };
  const [action] = listRefactors(context, URI, range, [REFACTOR_KINDS[kind]]);
  return { action: action && (action.disabled ? action : resolveRefactor(context, action)), text: fx.text };
}

/** Applies the refactor, checks the text, the equivalence of every target, and what the rename starts on. */
function check(kind: Kind, marked: string, expected: string, renamed?: string, removedTargets: string[] = []): void {
  const { action, text } = listed(kind, marked);
  assert.ok(action && !action.disabled, `not offered: ${action?.disabled?.reason}`);
  const after = applyEdits(text, action.edit!.changes![URI]);
  assert.equal(after, expected);
  assert.deepEqual(differingTargets(text, after, removedTargets), []);
  if (renamed) {
    const position = action.command!.arguments![1];
    assert.equal(textAt(after, { start: position, end: { line: position.line, character: position.character + renamed.length } }), renamed);
  }
}

function refused(kind: Kind, marked: string, reason: RegExp): void {
  const { action } = listed(kind, marked);
  assert.ok(action?.disabled, 'offered, but should be refused');
  assert.match(action.disabled.reason, reason);
}

describe('extract to new stage', () => {
  it('at the start of the body: the new stage takes the base and the platform, the rest keeps the name', () => {
    check('extract', lines(
      '# build compiles the service',
      'FROM --platform=$BUILDPLATFORM golang:1.22 AS build',
      '[[RUN go mod download]]',
      'RUN go build -o /out',
      'FROM alpine',
      'COPY --from=build /out /out',
      'COPY --from=0 /x /y',
    ), lines(
      'FROM --platform=$BUILDPLATFORM golang:1.22 AS deps',
      'RUN go mod download',
      '# build compiles the service',
      'FROM deps AS build',
      'RUN go build -o /out',
      'FROM alpine',
      'COPY --from=build /out /out',
      'COPY --from=1 /x /y',
    ), 'deps');
  });

  it('in the middle: the part above becomes <s>-base, comments above the selection move with it', () => {
    check('extract', lines(
      'FROM golang AS app',
      'WORKDIR /src',
      '# compile',
      'RUN go bu[[ild -o /out]]',
      'RUN strip /out',
      'FROM app',
    ), lines(
      'FROM golang AS app-base',
      'WORKDIR /src',
      'FROM app-base AS build',
      '# compile',
      'RUN go build -o /out',
      'FROM build AS app',
      'RUN strip /out',
      'FROM app',
    ), 'build');
  });

  it('at the end of the stage, from the cursor\'s instruction, with continuations and heredocs', () => {
    check('extract', lines(
      'FROM alpine AS tools',
      'RUN apk add \\',
      '    curl',
      'RUN <<EOF',
      'echo te|sting',
      'EOF',
      'FROM tools',
    ), lines(
      'FROM alpine AS tools-base',
      'RUN apk add \\',
      '    curl',
      'FROM tools-base AS tools-part',
      'RUN <<EOF',
      'echo testing',
      'EOF',
      'FROM tools-part AS tools',
      'FROM tools',
    ), 'tools-part');
  });

  it('in an unnamed stage: indices that point past the insertion are renumbered', () => {
    check('extract', lines(
      'FROM golang',
      '[[RUN make]]',
      'FROM alpine',
      'RUN true',
      'FROM scratch',
      'COPY --from=0 /a /a',
      'COPY --from=1 /b /b',
    ), lines(
      'FROM golang AS build',
      'RUN make',
      'FROM build',
      'FROM alpine',
      'RUN true',
      'FROM scratch',
      'COPY --from=1 /a /a',
      'COPY --from=2 /b /b',
    ), 'build');
  });

  it('keeps CRLF line ends and avoids names that FROM lines pull as images', () => {
    const marked = lines('FROM node AS web', '[[RUN npm ci]]', 'RUN npm run build', 'FROM deps', 'COPY --from=web / /').replace(/\n/g, '\r\n');
    check('extract', marked, lines('FROM node AS deps-2', 'RUN npm ci', 'FROM deps-2 AS web', 'RUN npm run build', 'FROM deps', 'COPY --from=web / /').replace(/\n/g, '\r\n'));
  });

  it('is refused with a reason for ONBUILD, two stages, a FROM, or an empty stage', () => {
    refused('extract', lines('FROM a AS t', 'ONBUILD RUN x', '[[RUN y]]', 'FROM t'), /ONBUILD/);
    refused('extract', lines('FROM a AS t', '[[RUN x', 'FROM b', 'RUN y]]'), /two stages/);
    refused('extract', lines('FROM a AS t', 'RUN x', '[[FROM b', 'RUN y]]'), /FROM/);
    refused('extract', lines('FROM a AS t', '', '|', 'FROM b'), /no instructions/);
  });

  // Cases the fuzzer found (test/fuzz.test.ts), kept.
  it('is refused when the file ends in an open heredoc or continuation, which would take the new FROM', () => {
    refused('extract', lines('FROM golang AS a', '[[RUN <<EOF]]'), /not closed/);
    refused('extract', 'FROM a AS b\n[[RUN echo hi \\]]\n# a comment', /not closed/);
  });

  it('is refused on a FROM BuildKit would reject, and names new stages in lower case', () => {
    refused('extract', lines('FROM a b c', '[[RUN x]]'), /more than an image/);
    check('extract', lines('FROM a AS Fbuild', 'RUN x', '[[RUN y]]', 'FROM Fbuild'),
      lines('FROM a AS fbuild-base', 'RUN x', 'FROM fbuild-base AS fbuild-part', 'RUN y', 'FROM fbuild-part AS Fbuild', 'FROM Fbuild'));
  });

  it('leaves a byte order mark at the start of the file when the first lines move', () => {
    check('extract', '\uFEFF' + lines('# a comment', 'FROM golang AS a', '[[RUN echo hi]]'), '\uFEFF' + lines('FROM golang AS a-part', 'RUN echo hi', '# a comment', 'FROM a-part AS a'));
  });

  it('moves an index past the last stage too, so that it still names none', () => {
    check('extract', lines('FROM golang AS a', '[[COPY --from=1 / /]]'), lines('FROM golang AS a-part', 'COPY --from=2 / /', 'FROM a-part AS a'));
  });

  // Whole lines selected with Shift+Down end at column 0 of the next line, which VS Code shows as not selected.
  it('leaves out the line a selection ends on at column 0, as VS Code shows it', () => {
    check('extract', 'FROM golang AS app\n[[RUN go mod download\n]]RUN go build -o /out\nFROM app\n',
      lines('FROM golang AS deps', 'RUN go mod download', 'FROM deps AS app', 'RUN go build -o /out', 'FROM app'), 'deps');
    // Up to the next stage's FROM: the last instruction alone, not "two stages".
    check('extract', 'FROM golang AS app\nRUN go mod download\n[[RUN go build -o /out\n]]FROM app\n',
      lines('FROM golang AS app-base', 'RUN go mod download', 'FROM app-base AS build', 'RUN go build -o /out', 'FROM build AS app', 'FROM app'), 'build');
    // A FROM line selected whole with Shift+Down is a FROM, not the instruction below it.
    refused('extract', 'FROM a AS t\nRUN x\n[[FROM b\n]]RUN y\n', /FROM/);
  });

  it('lists the action without computing the edit', () => {
    const fx = fixture(lines('FROM a AS t', '[[RUN x]]', 'FROM t'));
    const [action] = listRefactors(featureContext(AnalyzedDocument.fromText(fx.text)), URI, fx.ranges[0]);
    assert.equal(action.title, 'Extract to new stage');
    assert.equal(action.edit, undefined);
  });
});

describe('inline stage', () => {
  it('merges a stage used only as one FROM base into it, renumbering indices', () => {
    check('inline', lines(
      'FROM alpine AS a',
      'FROM golang:1.22 AS ba|se',
      'RUN go mod download',
      'COPY --from=0 / /',
      '',
      'FROM base AS build',
      'RUN go build',
      'FROM alpine',
      'COPY --from=build / /',
      'COPY --from=2 / /',
    ), lines(
      'FROM alpine AS a',
      'FROM golang:1.22 AS build',
      'RUN go mod download',
      'COPY --from=0 / /',
      'RUN go build',
      'FROM alpine',
      'COPY --from=build / /',
      'COPY --from=1 / /',
    ), undefined, ['base']);
  });

  it('is not offered for a stage used twice, and refused for ONBUILD or a target of its own', () => {
    assert.equal(listed('inline', lines('FROM a AS b|ase', 'FROM base AS x', 'FROM base AS y')).action, undefined);
    refused('inline', lines('FROM a AS b|ase', 'ONBUILD RUN x', 'FROM base AS x'), /ONBUILD/);
    const { action } = listed('inline', lines('FROM a AS b|ase', 'FROM base AS x'), ['base']);
    assert.match(action!.disabled!.reason, /build target/);
  });
});

describe('name this stage', () => {
  it('adds AS <name> and rewrites the numeric references to it', () => {
    check('name', lines('FROM golang|', 'RUN make', 'FROM alpine', 'COPY --from=0 / /', 'COPY --from=1 / /'),
      lines('FROM golang AS stage-0', 'RUN make', 'FROM alpine', 'COPY --from=stage-0 / /', 'COPY --from=1 / /'), 'stage-0');
    check('name', lines('FROM golang', 'FROM alpine', 'COPY --from=|0 / /'),
      lines('FROM golang AS stage-0', 'FROM alpine', 'COPY --from=stage-0 / /'), 'stage-0');
  });
});

describe('move dependencies into their own stage', () => {
  const go = ['FROM golang:1.22 AS build', 'WORKDIR /src', 'COPY go.mod go.sum ./', 'RUN go mod |download', 'COPY . .', 'RUN go build -o /app ./cmd', 'FROM alpine', 'COPY --from=build /app /app'];

  it('makes the manifests copy and the install a `deps` stage the build starts FROM', () => {
    check('dependencies', lines(...go), lines('FROM golang:1.22 AS deps', 'WORKDIR /src', 'COPY go.mod go.sum ./', 'RUN go mod download', 'FROM deps AS build',
      'COPY . .', 'RUN go build -o /app ./cmd', 'FROM alpine', 'COPY --from=build /app /app'), 'deps');
  });

  const none: [string, string][] = [
    ['an install after the whole context (DependenciesAfterSource)', lines('FROM golang', 'COPY . .', 'RUN go mod |download', 'RUN go build')],
    ['an install without a manifests copy before it', lines('FROM golang', 'RUN go mod |download', 'COPY . .')],
    ['an install nothing is copied after', lines('FROM golang', 'COPY go.mod ./', 'RUN go mod |download', 'RUN go build')],
    ['a RUN that installs nothing', lines('FROM golang', 'COPY go.mod ./', 'RUN go |build', 'COPY . .')],
  ];
  for (const [name, marked] of none) {
    it(`is not offered on ${name}`, () => assert.equal(listed('dependencies', marked).action, undefined));
  }
});

// Convert to a multi-stage build, downloading the dependencies first (issue 27): the option is a second action,
// listed only where go.mod is known in the build context; go.sum is copied only where it is there. Every result
// has the properties of test/support/convertProperties.ts, the two added lines aside.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, lines } from '../support/fixture';
import { checkConversion } from '../support/convertProperties';
import { listed, NOTE, URI } from '../support/convertActions';
import { REFACTOR_KINDS } from '../../server/src/features/refactors/refactorActions';
import type { BuildContextKnowledge } from '../../server/src/features/featureContext';

const SERVICE = lines('FROM| golang:1.22', 'WORKDIR /app', 'COPY . .', 'RUN CGO_ENABLED=0 go build -o /server .', 'EXPOSE 8080', 'CMD ["/server"]', '');
const FIRST = REFACTOR_KINDS.convertDependenciesFirst;

function context(files: Record<string, string>, dockerignore?: string[]): BuildContextKnowledge {
  return { contextFile: (path) => files[path], dockerignore };
}

function convertsFirst(marked: string, knowledge: BuildContextKnowledge, expected: string, added: readonly string[]): void {
  const { action, text } = listed(marked, FIRST, knowledge);
  assert.ok(action && !action.disabled, 'offered');
  assert.equal(action.title, 'Convert to a multi-stage build (download dependencies first): runtime gcr.io/distroless/static-debian12 with only /server');
  const after = applyEdits(text, action.edit!.changes![URI]);
  assert.equal(after, expected);
  checkConversion(text, after, added);
}

/** The plain conversion is offered, the option is not listed. */
function notOffered(marked: string, knowledge: BuildContextKnowledge): void {
  const plain = listed(marked, REFACTOR_KINDS.convert, knowledge).action;
  assert.ok(plain && !plain.disabled, `the plain conversion is not offered: ${plain?.disabled?.reason}`);
  assert.equal(listed(marked, FIRST, knowledge).action, undefined);
}

describe('convert to a multi-stage build, downloading the dependencies first', () => {
  it('copies go.mod and go.sum and downloads before COPY . . where both are in the build context', () => {
    convertsFirst(SERVICE, context({ 'go.mod': 'module example.com/server\n', 'go.sum': '' }), lines(
      'FROM golang:1.22 AS build',
      'WORKDIR /app',
      'COPY go.mod go.sum ./',
      'RUN go mod download',
      'COPY . .',
      'RUN CGO_ENABLED=0 go build -o /server .',
      '',
      NOTE('/server', 'golang'),
      'FROM gcr.io/distroless/static-debian12',
      'WORKDIR /app',
      'COPY --from=build /server /server',
      'EXPOSE 8080',
      'CMD ["/server"]',
      '',
    ), ['COPY go.mod go.sum ./', 'RUN go mod download']);
  });

  it('copies go.mod alone where there is no go.sum, with the copy\'s flags, in the file\'s keyword case', () => {
    const marked = lines('from| golang:1.22', 'workdir /app', 'copy --chown=1000:1000 . .', 'run CGO_ENABLED=0 go build -o /server .', 'cmd ["/server"]', '');
    const { action, text } = listed(marked, FIRST, context({ 'go.mod': 'module example.com/server\n' }));
    const after = applyEdits(text, action!.edit!.changes![URI]);
    assert.match(after, /^from golang:1\.22 as build\nworkdir \/app\ncopy --chown=1000:1000 go\.mod \.\/\nrun go mod download\ncopy --chown=1000:1000 \. \.\n/);
    checkConversion(text, after, ['copy --chown=1000:1000 go.mod ./', 'run go mod download']);
  });

  it('takes a copy to the WORKDIR\'s own path as the copy into it', () => {
    const marked = lines('FROM| golang:1.22', 'WORKDIR /app/', 'COPY . /app', 'RUN CGO_ENABLED=0 go build -o /server .', 'CMD ["/server"]', '');
    const { action, text } = listed(marked, FIRST, context({ 'go.mod': 'module m\n' }));
    const after = applyEdits(text, action!.edit!.changes![URI]);
    assert.match(after, /^FROM golang:1\.22 AS build\nWORKDIR \/app\/\nCOPY go\.mod \.\/\nRUN go mod download\nCOPY \. \/app\n/);
    checkConversion(text, after, ['COPY go.mod ./', 'RUN go mod download']);
  });

  it('the plain conversion is listed first and stays as it was', () => {
    const { action } = listed(SERVICE, REFACTOR_KINDS.convert, context({ 'go.mod': 'module m\n' }));
    assert.equal(action?.title, 'Convert to a multi-stage build: runtime gcr.io/distroless/static-debian12 with only /server');
    assert.doesNotMatch(JSON.stringify(action?.edit), /go mod download/);
  });

  it('is not offered where go.mod is not known or the download may read more or differ', () => {
    notOffered(SERVICE, {});
    notOffered(SERVICE, context({}));
    notOffered(SERVICE, context({ 'go.mod': 'module m\n' }, ['go.mod']));
    notOffered(SERVICE, context({ 'go.mod': 'module m\n', 'go.work': 'go 1.22\n' }));
    notOffered(SERVICE, context({ 'go.mod': 'module m\n', 'vendor/modules.txt': '' }));
    notOffered(SERVICE, context({ 'go.mod': 'module m\n\nreplace example.com/lib => ../lib\n' }));
    const known = context({ 'go.mod': 'module m\n' });
    notOffered(lines('FROM| golang:1.22', 'WORKDIR /app', 'COPY . /src', 'RUN CGO_ENABLED=0 go build -o /server .', 'CMD ["/server"]'), known);
    notOffered(lines('FROM| golang:1.22', 'COPY . /go', 'RUN CGO_ENABLED=0 go build -o /server .', 'CMD ["/server"]'), known);
    notOffered(lines('FROM| golang:1.22', 'WORKDIR /app', 'COPY --exclude=docs . .', 'RUN CGO_ENABLED=0 go build -o /server .', 'CMD ["/server"]'), known);
    notOffered(lines('FROM| golang:1.22', 'WORKDIR /app', 'COPY . .', 'RUN go generate ./...', 'RUN CGO_ENABLED=0 go build -o /server .', 'CMD ["/server"]'), known);
    notOffered(lines('FROM| golang:1.22', 'WORKDIR /app', 'COPY . .', 'ENV GOFLAGS=-mod=mod', 'RUN CGO_ENABLED=0 go build -o /server .', 'CMD ["/server"]'), known);
    notOffered(lines('FROM| golang:1.22', 'WORKDIR /app', 'COPY . .', 'RUN --mount=type=secret,id=netrc CGO_ENABLED=0 go build -o /server .', 'CMD ["/server"]'), known);
    notOffered(lines('FROM| golang:1.22', 'WORKDIR /app', 'COPY . .', 'RUN CGO_ENABLED=0 GOPROXY=direct go build -o /server .', 'CMD ["/server"]'), known);
    notOffered(lines('FROM| golang:1.22', 'WORKDIR /app', 'COPY go.mod go.sum ./', 'RUN go mod download', 'COPY . .', 'RUN CGO_ENABLED=0 go build -o /server .', 'CMD ["/server"]'), known);
    notOffered(lines('FROM| rust:1.79-slim-bookworm', 'WORKDIR /app', 'COPY . .', 'RUN cargo build --release', 'CMD ["/app/target/release/app"]'), known);
  });
});

// What a stage's image holds and where it comes from (analysis/ships/provenance.ts), one case a row.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/analysis/parseFile';
import { imageProvenance, relationTo, type ShipStep } from '../../server/src/analysis/ships/provenance';
import { lines } from '../support/fixture';

function provenanceOf(text: string, stage = -1) {
  const model = analyze(text);
  return imageProvenance(model, model.stages.at(stage)!);
}

/** A step as `line: KEYWORD paths <- source kind`, for compact assertions. */
function brief(step: ShipStep): string {
  return `${step.instruction.range.start.line + 1}: ${step.instruction.keyword} ${step.paths.join(' ')}${step.pathsIncomplete ? ' …' : ''} <- ${step.source.kind}`;
}

describe('the base of a chain', () => {
  it('an image (its contents unknown), scratch (empty), through FROM stages to the root', () => {
    assert.deepEqual(provenanceOf(lines('FROM alpine:3.20 AS a', 'FROM a')).base, { kind: 'image', stage: 0, image: 'alpine:3.20' });
    assert.deepEqual(provenanceOf(lines('FROM scratch AS a', 'FROM a')).base, { kind: 'scratch', stage: 0 });
  });
  it('a base the build decides depends on it; global ARG defaults give one value', () => {
    const base = provenanceOf(lines('ARG V', 'FROM alpine:$V')).base;
    assert.equal(base.kind, 'depends');
    assert.deepEqual(provenanceOf(lines('ARG V=1', 'FROM alpine:$V')).base, { kind: 'image', stage: 0, image: 'alpine:1' });
  });
  it('FROM compares with earlier stages only: `FROM b` before stage b is an image; a half-typed FROM is unknown', () => {
    assert.deepEqual(provenanceOf(lines('FROM b AS a', 'FROM a AS b')).base, { kind: 'image', stage: 0, image: 'b' });
    assert.equal(provenanceOf(lines('FROM alpine AS a', 'FROM ')).base.kind, 'unknown');
  });
});

describe('the steps that add files', () => {
  it('a relative path on a chain that starts on an image: its WORKDIR is the image\'s, unknown, until an absolute one', () => {
    // `FROM golang` runs in /go: `COPY . .` and `go build -o app` write under /go, not under /.
    const { steps } = provenanceOf(lines('FROM golang:1.22', 'COPY . .', 'RUN go build -o app', 'WORKDIR /src', 'COPY go.mod ./'));
    assert.deepEqual(steps.map(brief), ['2: COPY  … <- context', '3: RUN  … <- run', '4: WORKDIR /src <- workdir', '5: COPY /src <- context']);
    assert.deepEqual(steps.map((step) => step.placeUnknown === true), [true, true, false, false]);
    // An ADD of a Git repository clones it into the folder (before: a file named `bats-core.git#v1.13.0` in it).
    assert.deepEqual(provenanceOf(lines('FROM scratch', 'ADD https://github.com/bats-core/bats-core.git#v1.13.0 /opt/bats/')).steps.map((step) => step.paths), [['/opt/bats']]);
    // A directory's contents are copied, not the directory (before: `/src/src` and `/usr/bin/out`); whether `app.conf`
    // or `ui` is a file or a directory is not known here, so only the folder copied into is certain (before:
    // `/usr/bin/app.conf`, and prefect's `COPY ./ui .` made `/opt/ui/ui`).
    assert.deepEqual(provenanceOf(lines('FROM scratch', 'COPY src/ /src/', 'COPY out/ app.conf /usr/bin/', 'WORKDIR /opt/ui', 'COPY ./ui .')).steps.map((step) => step.paths), [['/src'], ['/usr/bin'], ['/opt/ui'], ['/opt/ui']]);
    // On scratch the WORKDIR starts at /.
    assert.deepEqual(provenanceOf(lines('FROM scratch', 'COPY app .')).steps.map(brief), ['2: COPY / <- context']);
  });

  it('COPY from the context, ADD of a URL, a heredoc, WORKDIR, a RUN with known outputs (never complete)', () => {
    const { steps } = provenanceOf(lines(
      'FROM alpine',
      'WORKDIR /app',
      'COPY app.conf ./',
      'ADD https://example.com/x.tgz /opt/',
      'COPY <<EOF /etc/motd',
      'hi',
      'EOF',
      'RUN mkdir -p /data && apk add curl',
      'ENV A=1',
    ));
    assert.deepEqual(steps.map(brief), [
      '2: WORKDIR /app <- workdir',
      '3: COPY /app <- context',
      '4: ADD /opt /opt/x.tgz <- url',
      '5: COPY /etc/motd <- heredoc',
      '8: RUN /data … <- run',
    ]);
  });
  it('what a RUN writes under its own mounts stays there; a download is named as its URL\'s path ends', () => {
    // Before, `/src/go.sum` and `/tmp/work` (docker-credential-helpers' `--mount=target=.,type=tmpfs`).
    const { steps } = provenanceOf(lines('FROM alpine', 'WORKDIR /src', 'RUN --mount=target=.,type=tmpfs touch go.sum && mkdir -p /out', 'RUN --mount=type=cache,target=/tmp mkdir -p /tmp/work /data',
      'ADD https://example.com/dl/tool.tgz?version=2#sha /opt/'));
    assert.deepEqual(steps.map((step) => step.paths), [['/src'], ['/out'], ['/data'], ['/opt', '/opt/tool.tgz']]);
  });
  it('ADD of a local file may extract an archive: only the destination is certain', () => {
    assert.deepEqual(provenanceOf(lines('FROM alpine', 'ADD rootfs.tar.gz /')).steps.map(brief), ['2: ADD / … <- context']);
  });
  it('a destination with a build arg is unknown; one with a default is expanded', () => {
    assert.deepEqual(provenanceOf(lines('FROM alpine', 'ARG D', 'COPY a $D/', 'ARG E=/e', 'COPY b $E/')).steps.map(brief), ['3: COPY  … <- context', '5: COPY /e <- context']);
  });
  it('the chain, first stage first; an ONBUILD trigger of a parent runs in the child, the target\'s own does not', () => {
    const { steps } = provenanceOf(lines('FROM alpine AS a', 'COPY x /x', 'ONBUILD COPY y /y', 'FROM a', 'COPY z /z', 'ONBUILD RUN true'));
    assert.deepEqual(steps.map(brief), ['2: COPY /x <- context', '3: ONBUILD  … <- unknown', '5: COPY /z <- context']);
  });
});

describe('COPY --from, followed into the stage copied from', () => {
  it('the lines of the source stage that made the path, inside it, or may hold it', () => {
    const { steps } = provenanceOf(lines(
      'FROM golang AS build',
      'WORKDIR /src',
      'COPY . .',
      'RUN go build -o /out/app ./cmd/app',
      'FROM scratch',
      'COPY --from=build /out/app /app',
      'COPY --from=build /src/cmd /cmd',
      'COPY --from=build /out /out',
    ));
    const sources = steps.map((step) => step.source.kind === 'stage' ? step.source.paths.map((p) => `${p.path}: ${p.steps.map((s) => `${s.step.instruction.range.start.line + 1} ${s.relation}`).join(', ')}`) : []);
    assert.deepEqual(sources, [['/out/app: 4 made'], ['/src/cmd: 2 holds, 3 holds'], ['/out: 4 inside']]);
  });
  it('transitively: a stage that copies from another', () => {
    const { steps } = provenanceOf(lines('FROM scratch AS a', 'COPY bin /bin/', 'FROM alpine AS b', 'COPY --from=a /bin/tool /usr/bin/tool', 'FROM scratch', 'COPY --from=b /usr/bin/tool /tool'));
    const first = steps[0].source;
    assert.equal(first.kind, 'stage');
    const inner = first.kind === 'stage' ? first.paths[0].steps[0].step.source : undefined;
    assert.equal(inner?.kind, 'stage');
    assert.deepEqual(inner?.kind === 'stage' && inner.paths.map((p) => [p.path, p.steps.map((s) => s.relation), p.base.kind]), [['/bin/tool', ['holds'], 'scratch']]);
  });
  it('an image, an ARG-built name and a variable say what they are; a cycle does not loop', () => {
    const steps = provenanceOf(lines('ARG V=a', 'FROM alpine AS a', 'FROM alpine AS b', 'COPY --from=nginx /etc/nginx /etc/nginx', 'COPY --from=${V} /x /x', 'COPY --from=$V /y /y')).steps;
    assert.deepEqual(steps.map((step) => step.source.kind), ['image', 'depends', 'depends']);
    // A later stage (a forward reference, which fails the build) is not followed: the structure has no cycle.
    const cycle = provenanceOf(lines('FROM alpine AS a', 'COPY --from=b /x /x', 'FROM alpine AS b', 'COPY --from=a /y /y'), 0);
    assert.deepEqual(cycle.steps.map((step) => step.source), [{ kind: 'depends', written: 'b', stages: [] }]);
  });
});

describe('relationTo', () => {
  it('made, inside, holds, or none', () => {
    assert.equal(relationTo('/a/b', ['/a/b']), 'made');
    assert.equal(relationTo('/a', ['/a/b']), 'inside');
    assert.equal(relationTo('/a/b', ['/a']), 'holds');
    assert.equal(relationTo('/a/b', ['/']), 'holds');
    assert.equal(relationTo('/ab', ['/a']), undefined);
  });
});

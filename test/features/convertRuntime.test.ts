// Convert to a multi-stage build on the runtime base asked for (`dockerfile-stages convert --runtime`): each
// kind per ecosystem and C library, scratch with the builder's CA certificates, and the declines where that base
// would not run the binary. Every result must have the properties of test/support/convertProperties.ts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AnalyzedDocument } from '../../server/src/analysis/document';
import { planConvert } from '../../server/src/features/refactors/convertPlan';
import { convertStage } from '../../server/src/features/refactors/convertStage';
import type { RuntimeKind } from '../../server/src/features/refactors/runtimeBases';
import { applyEdits, lines } from '../support/fixture';
import { checkConversion } from '../support/convertProperties';

type Outcome = { text: string } | { disabled: string };

function convert(text: string, kind: RuntimeKind): Outcome {
  const { model } = AnalyzedDocument.fromText(text);
  const plan = planConvert(model, model.stages[0], kind);
  if ('disabled' in plan) return plan;
  const after = applyEdits(text, convertStage(model, text, plan).edits);
  checkConversion(text, after);
  return { text: after };
}

/** The runtime stage's lines of a conversion (from its FROM), or the reason it was declined. */
function runtimeStage(text: string, kind: RuntimeKind): string[] | string {
  const outcome = convert(text, kind);
  if ('disabled' in outcome) return outcome.disabled;
  const all = outcome.text.replace(/\n$/, '').split('\n');
  return all.slice(all.findIndex((line, index) => index > 0 && line.startsWith('FROM')));
}

function declined(text: string, kind: RuntimeKind, reason: RegExp): void {
  const outcome = runtimeStage(text, kind);
  assert.equal(typeof outcome, 'string', `not declined: ${JSON.stringify(outcome)}`);
  assert.match(outcome as string, reason);
}

const STATIC_GO = lines('FROM golang:1.22-bookworm', 'WORKDIR /app', 'COPY . .', 'RUN CGO_ENABLED=0 go build -o /usr/local/bin/server .', 'USER 65532', 'CMD ["server"]');
const CGO_GO = STATIC_GO.replace('CGO_ENABLED=0 ', '');
const ALPINE_GO = lines('FROM golang:1.22-alpine3.20', 'WORKDIR /app', 'COPY . .', 'RUN go build -o /app/server .', 'CMD ["/app/server"]');
const SLIM_RUST = lines('FROM rust:1.80-slim-bookworm', 'WORKDIR /src', 'COPY . .', 'RUN cargo build --release', 'CMD ["/src/target/release/web"]');
const ALPINE_RUST = SLIM_RUST.replace('rust:1.80-slim-bookworm', 'rust:1.80-alpine3.20');

describe('convert --runtime', () => {
  it('auto is the table\'s choice, the editor\'s', () => {
    assert.equal(runtimeStage(STATIC_GO, 'auto')[0], 'FROM gcr.io/distroless/static-debian12');
    assert.equal(runtimeStage(CGO_GO, 'auto')[0], 'FROM gcr.io/distroless/base-debian12');
    assert.equal(runtimeStage(SLIM_RUST, 'auto')[0], 'FROM debian:bookworm-slim');
  });

  it('scratch: a static Go binary with the builder\'s CA certificates at their path, and the note says what else is gone', () => {
    assert.deepEqual(runtimeStage(STATIC_GO, 'scratch'), [
      'FROM scratch',
      'WORKDIR /app',
      'COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt',
      'COPY --from=build /usr/local/bin/server /usr/local/bin/server',
      'USER 65532',
      'CMD ["server"]',
    ]);
    const { text } = convert(STATIC_GO, 'scratch') as { text: string };
    assert.match(text, /# Runtime: only \/usr\/local\/bin\/server \(and \/etc\/ssl\/certs\/ca-certificates\.crt\) from the build; .* not in this image, nor time zone data \(\/usr\/share\/zoneinfo\) and a user database \(\/etc\/passwd\)\.\n/);
  });

  it('scratch is declined where the binary may link a C library, a user name or TZ needs the system files, or the certificates\' path is not known', () => {
    declined(CGO_GO, 'scratch', /cgo may be on .* glibc, which scratch lacks/);
    declined(STATIC_GO.replace('USER 65532', 'USER root'), 'scratch', /USER on line 5 names a user that scratch has no \/etc\/passwd to resolve/);
    declined(STATIC_GO.replace('USER 65532', 'ENV TZ=Europe/Paris'), 'scratch', /ENV TZ on line 5 names a time zone .* scratch lacks/);
    declined(ALPINE_GO.replace('RUN go', 'RUN CGO_ENABLED=0 go'), 'scratch', /CA certificates are not known to be at/);
    declined(SLIM_RUST, 'scratch', /links glibc and libgcc, which scratch lacks/);
    declined(ALPINE_RUST, 'scratch', /crt-static/);
  });

  it('distroless: static, base (glibc) or cc (glibc and libgcc, for Rust); musl builds are declined', () => {
    assert.equal(runtimeStage(STATIC_GO, 'distroless')[0], 'FROM gcr.io/distroless/static-debian12');
    assert.equal(runtimeStage(CGO_GO, 'distroless')[0], 'FROM gcr.io/distroless/base-debian12');
    assert.deepEqual(runtimeStage(SLIM_RUST, 'distroless'), [
      'FROM gcr.io/distroless/cc-debian12',
      'WORKDIR /src',
      'COPY --from=build /src/target/release/web /src/target/release/web',
      'CMD ["/src/target/release/web"]',
    ]);
    declined(ALPINE_GO, 'distroless', /may link musl, and distroless images carry glibc/);
    declined(ALPINE_RUST, 'distroless', /builds for musl/);
    declined(SLIM_RUST.replace('bookworm', 'trixie'), 'distroless', /trixie's glibc is newer than distroless\/cc-debian12's/);
  });

  it('alpine and slim: the builder\'s own Alpine version or Debian release, declined across C libraries or where it is not named', () => {
    assert.equal(runtimeStage(ALPINE_GO, 'alpine')[0], 'FROM alpine:3.20');
    assert.equal(runtimeStage(ALPINE_RUST, 'alpine')[0], 'FROM alpine:3.20');
    assert.equal(runtimeStage(STATIC_GO, 'slim')[0], 'FROM debian:bookworm-slim');
    assert.equal(runtimeStage(CGO_GO, 'slim')[0], 'FROM debian:bookworm-slim');
    assert.equal(runtimeStage(SLIM_RUST, 'slim')[0], 'FROM debian:bookworm-slim');
    declined(STATIC_GO, 'alpine', /is not an Alpine image: the Alpine version for a static binary would be a guess/);
    declined(ALPINE_GO, 'slim', /is an Alpine image \(musl\)/);
    declined(STATIC_GO.replace('golang:1.22-bookworm', 'golang:1.22'), 'slim', /does not name its Debian release: name it \(-bookworm\)/);
    declined(SLIM_RUST.replace('rust:1.80-slim-bookworm', 'rust:1.80-bookworm'), 'slim', /full image/);
  });
});

// Convert to a multi-stage build as before/after text (`|` is the cursor, on the FROM line), per ecosystem and
// C library; every result must have the properties of test/support/convertProperties.ts. Declines say why.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, lines } from '../support/fixture';
import { checkConversion } from '../support/convertProperties';
import { converts, declines, listed, NOTE, URI } from '../support/convertActions';

describe('convert to a multi-stage build', () => {
  it('the Docker Go guide\'s service: a static binary on distroless/static, at its own path', () => {
    converts(lines(
      'FROM| golang:1.22',
      'WORKDIR /app',
      'COPY go.mod go.sum ./',
      'RUN go mod download',
      'COPY *.go ./',
      'RUN CGO_ENABLED=0 GOOS=linux go build -o /docker-gs-ping',
      'EXPOSE 8080',
      'CMD ["/docker-gs-ping"]',
      '',
    ), lines(
      'FROM golang:1.22 AS build',
      'WORKDIR /app',
      'COPY go.mod go.sum ./',
      'RUN go mod download',
      'COPY *.go ./',
      'RUN CGO_ENABLED=0 GOOS=linux go build -o /docker-gs-ping',
      '',
      NOTE('/docker-gs-ping', 'golang'),
      'FROM gcr.io/distroless/static-debian12',
      'WORKDIR /app',
      'COPY --from=build /docker-gs-ping /docker-gs-ping',
      'EXPOSE 8080',
      'CMD ["/docker-gs-ping"]',
      '',
    ), 'Convert to a multi-stage build: runtime gcr.io/distroless/static-debian12 with only /docker-gs-ping');
  });

  it('settings before the build are kept in order, a shell-form CMD becomes exec form, the stage name stays the target, --platform=$TARGETPLATFORM (the default) is not repeated', () => {
    const settings = ['ENV CGO_ENABLED=0', 'ARG VERSION', 'LABEL version=$VERSION', 'WORKDIR /src'];
    const build = 'RUN go build -ldflags "-X main.v=$VERSION" -o bin/server ./cmd/server';
    const after = ['USER 65532:65532', 'COPY config.yaml /etc/server/config.yaml'];
    converts(lines(
      'ARG VERSION=dev',
      'FROM --platform=$TARGETPLATFORM golang:1.22-bookworm AS| app',
      ...settings, 'COPY . .', build, ...after,
      'CMD bin/server --config /etc/server/config.yaml',
    ), lines(
      'ARG VERSION=dev',
      'FROM --platform=$TARGETPLATFORM golang:1.22-bookworm AS build',
      ...settings, 'COPY . .', build,
      '',
      NOTE('/src/bin/server', 'golang'),
      'FROM gcr.io/distroless/static-debian12 AS app',
      ...settings,
      'COPY --from=build /src/bin/server /src/bin/server',
      ...after,
      'CMD ["bin/server", "--config", "/etc/server/config.yaml"]',
    ));
  });

  it('cgo on a named Debian release: distroless/base, whose glibc is not older', () => {
    converts(lines(
      '|FROM golang:1.21-bullseye',
      'RUN go build -o /usr/local/bin/app .',
      'ENTRYPOINT ["app"]',
    ), lines(
      'FROM golang:1.21-bullseye AS build',
      'RUN go build -o /usr/local/bin/app .',
      '',
      NOTE('/usr/local/bin/app', 'golang'),
      'FROM gcr.io/distroless/base-debian12',
      'WORKDIR /go',
      'COPY --from=build /usr/local/bin/app /usr/local/bin/app',
      'ENTRYPOINT ["app"]',
    ));
  });

  it('cgo on a named Alpine version: alpine of that version, shell forms kept', () => {
    converts(lines(
      '|FROM golang:1.22-alpine3.20',
      'WORKDIR /app',
      'COPY . .',
      'RUN go build -o app .',
      'CMD ./app',
    ), lines(
      'FROM golang:1.22-alpine3.20 AS build',
      'WORKDIR /app',
      'COPY . .',
      'RUN go build -o app .',
      '',
      NOTE('/app/app', 'golang'),
      'FROM alpine:3.20',
      'WORKDIR /app',
      'COPY --from=build /app/app /app/app',
      'CMD ./app',
    ));
  });

  it('keeps the file\'s keyword case and line ends', () => {
    const marked = '|from golang:1.22-bookworm\r\nrun go build -o /usr/local/bin/app .\r\ncmd ["app"]\r\n';
    converts(marked, [
      'from golang:1.22-bookworm as build', 'run go build -o /usr/local/bin/app .', '', NOTE('/usr/local/bin/app', 'golang'),
      'from gcr.io/distroless/base-debian12', 'workdir /go', 'copy --from=build /usr/local/bin/app /usr/local/bin/app', 'cmd ["app"]', '',
    ].join('\r\n'));
  });

  it('half-typed files (every prefix of a file it converts): never throws, and what it converts has the properties', () => {
    const whole = lines('FROM golang:1.22-bookworm AS app', 'ARG V=1', 'WORKDIR /src', 'COPY . .', 'RUN CGO_ENABLED=0 go build \\', '  -o bin/app .', 'EXPOSE 80', 'CMD bin/app --port 80');
    let converted = 0;
    for (let end = 0; end <= whole.length; end++) {
      const { action, text } = listed(`|${whole.slice(0, end)}`);
      if (!action || action.disabled) continue;
      checkConversion(text, applyEdits(text, action.edit!.changes![URI]));
      converted++;
    }
    assert.ok(converted > 10, `converted only ${converted} prefixes`);
  });

  it('is offered only on the FROM line of a single stage that builds', () => {
    assert.equal(listed(lines('FROM golang:1.22', 'RUN go build -o /app .', '|CMD ["/app"]')).action, undefined);
    assert.equal(listed(lines('|FROM golang:1.22', 'COPY app /app', 'CMD ["/app"]')).action, undefined);
    assert.equal(listed(lines('|FROM golang:1.22 AS build', 'RUN go build -o /app .', 'FROM scratch', 'COPY --from=build /app /app')).action, undefined);
  });

  const go = (...body: string[]) => lines('|FROM golang:1.22', 'WORKDIR /app', 'COPY . .', ...body);
  it('declines what it cannot be sure of, with the reason', () => {
    declines(go('RUN CGO_ENABLED=0 go build .', 'CMD ["./app"]'), /no -o: the binary's name comes from go.mod/);
    declines(go('RUN go build -o /app .', 'CMD ["/app"]'), /cgo may be on .* does not name its Debian release/);
    declines(lines('|FROM golang:1.22-trixie', 'RUN go build -o /app .', 'CMD ["/app"]'), /trixie's glibc is newer/);
    declines(go('RUN apt-get update && apt-get install -y libsqlite3-dev', 'RUN CGO_ENABLED=0 go build -o /app .', 'CMD ["/app"]'), /installs packages/);
    declines(go('RUN CGO_ENABLED=0 go build -o /app .', 'RUN mkdir /data', 'CMD ["/app"]'), /RUN on line 5 comes after the build/);
    declines(go('ENV PATH=$PATH:/app', 'RUN CGO_ENABLED=0 go build -o /app/server .', 'CMD ["server"]'), /ENV on line 4 reads \$PATH/);
    declines(go('RUN CGO_ENABLED=0 go build -o /app/server .', 'HEALTHCHECK CMD curl -f http://localhost/', 'CMD ["/app/server"]'), /HEALTHCHECK on line 5/);
    declines(go('RUN CGO_ENABLED=0 go build -o /app/server .', 'CMD ["/app/server", "-templates", "./templates"]'), /names \.\/templates, which the runtime image would not have/);
    declines(go('RUN CGO_ENABLED=0 go build -o /app/server .', 'CMD ["./run.sh"]'), /runs \.\/run\.sh, which is not what the build makes/);
    declines(go('RUN CGO_ENABLED=0 go build -o /app/server .', 'CMD /app/server > /var/log/out'), /shell command .* has no shell/);
    declines(go('RUN CGO_ENABLED=0 go build -o /app/server .', 'ENTRYPOINT /app/server', 'CMD ["--help"]'), /ignores CMD/);
    declines(go('RUN cd cmd && CGO_ENABLED=0 go build -o server .', 'CMD ["/app/cmd/server"]'), /changes folder/);
    declines(go('RUN CGO_ENABLED=0 go install ./cmd/server', 'CMD ["server"]'), /go install on line 4/);
    declines(go('RUN CGO_ENABLED=0 go build -o /app/server . && mv /app/server /usr/bin/', 'CMD ["server"]'), /moves or removes files after it builds/);
    declines(go('RUN CGO_ENABLED=0 go build -o /app/server .', 'VOLUME /app', 'CMD ["/app/server"]'), /VOLUME on line 5 holds what the build stage made/);
    declines(go('USER app', 'RUN CGO_ENABLED=0 go build -o /app/server .', 'CMD ["/app/server"]'), /USER on line 4 names a user/);
    declines(go('RUN CGO_ENABLED=0 go build -o /app/server .'), /no ENTRYPOINT or CMD/);
    declines(lines('|FROM ghcr.io/acme/go-builder:1', 'RUN go build -o /app .', 'CMD ["/app"]'), /not a builder image known for this Go build \(golang\)/);
    declines(lines('ARG GO', '|FROM golang:$GO', 'RUN go build -o /app .', 'CMD ["/app"]'), /depends on a build argument/);
    declines(lines('|FROM golang:1.22', 'WORKDIR src', 'RUN go build -o /app .', 'CMD ["/app"]'), /relative to the builder image's \(\/go\)/);
  });

  it('Rust: cargo build --release on a slim Debian builder: the binary the CMD runs, on the same release\'s slim image', () => {
    converts(lines(
      '|FROM rust:1.80-slim-bookworm',
      'WORKDIR /usr/src/app',
      'COPY . .',
      'RUN cargo build --release',
      'EXPOSE 3000',
      'ENTRYPOINT ["/usr/src/app/target/release/web"]',
    ), lines(
      'FROM rust:1.80-slim-bookworm AS build',
      'WORKDIR /usr/src/app',
      'COPY . .',
      'RUN cargo build --release',
      '',
      NOTE('/usr/src/app/target/release/web', 'rust'),
      'FROM debian:bookworm-slim',
      'WORKDIR /usr/src/app',
      'COPY --from=build /usr/src/app/target/release/web /usr/src/app/target/release/web',
      'EXPOSE 3000',
      'ENTRYPOINT ["/usr/src/app/target/release/web"]',
    ));
  });

  it('Rust: declines the full rust image, cross builds, cargo run; Node builds are not converted yet', () => {
    declines(lines('|FROM rust:1.80', 'RUN cargo build --release', 'CMD ["/target/release/x"]'), /full image/);
    declines(lines('|FROM rust:1.80-slim-bookworm', 'RUN cargo build --release --target x86_64-unknown-linux-musl', 'CMD ["/target/release/x"]'), /cross-compiles/);
    declines(lines('|FROM rust:1.80-slim-bookworm', 'WORKDIR /app', 'RUN cargo build --release', 'CMD ["cargo", "run"]'), /runs cargo, which is not what the build makes/);
    declines(lines('|FROM node:22', 'WORKDIR /app', 'COPY . .', 'RUN npm ci && npm run build', 'CMD ["node", "dist/index.js"]'), /Node build is not supported yet/);
  });
});

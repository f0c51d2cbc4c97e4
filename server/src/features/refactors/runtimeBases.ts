// The runtime base a build stage's artifacts move to: one table per ecosystem, keyed by the builder image's
// tag (its C library and release), with its sources. A builder this table does not know is declined, never
// guessed. Sources:
// - Docker's multi-stage guide (docs.docker.com/build/building/multi-stage) and Go guide
//   (docs.docker.com/guides/golang/build-images): a static Go binary on distroless/static or scratch.
// - The distroless README (github.com/GoogleContainerTools/distroless): `static-debian12` has CA certificates,
//   tzdata, /etc/passwd with root, nonroot and nobody, and no shell and no libc; `base-debian12` adds glibc
//   (Debian 12's, 2.36); `cc-debian12` adds libgcc. Their PATH is the Debian default, their WORKDIR `/`, and
//   they set no ENTRYPOINT or CMD.
// - docker-library/golang and rust-lang/docker-rust: the builder's WORKDIR (`/go` for golang, `/` for rust),
//   the Debian release or Alpine version a tag names, and what the slim rust image installs (gcc, libc6-dev:
//   a binary built there links only glibc and libgcc, which Debian's slim image has). golang's Debian images
//   start from buildpack-deps:<release>-scm, whose -curl layer installs ca-certificates
//   (/etc/ssl/certs/ca-certificates.crt, the first file Go's crypto/x509 reads on Linux): copied for scratch.
// - BuildKit gives an image without PATH (scratch) the default one (dockerfile2llb/convert.go, "make sure that
//   PATH is always set"), and resolves a USER name in the image's /etc/passwd, which scratch lacks.

/** Debian releases a tag may name, oldest first; distroless *-debian12 carries bookworm's glibc. */
const DEBIAN_RELEASES = ['stretch', 'buster', 'bullseye', 'bookworm', 'trixie'] as const;
const DISTROLESS_RELEASE = 'bookworm';

/** The default PATH of Debian images and distroless: where a bare command name is looked up at run time. */
export const RUNTIME_PATH = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

export type Ecosystem = 'go' | 'rust' | 'java' | 'dotnet';

/** A builder image this table knows: the official golang or rust image, its tag read. */
export interface Builder {
  readonly ecosystem: Ecosystem;
  readonly image: string;
  readonly tag: string;
  /** The Debian release or `alpine<version>` the tag names; undefined where the tag leaves it to the image's default. */
  readonly release?: string;
  readonly alpine: boolean;
  /** The rust tag is a `-slim` one (only gcc and libc6-dev on top of Debian's slim image). */
  readonly slim: boolean;
  /** The WORKDIR the builder image sets, which the original image runs in unless the Dockerfile sets one. */
  readonly workdir: string;
  /** Java and .NET: the runtime image the builder is built on (managedBuilds.ts). */
  readonly runtimeImage?: string;
  /** The builder image's own ENTRYPOINT script, which the runtime image does not have. */
  readonly entrypoint?: string;
}

export interface RuntimeBase {
  readonly image: string;
  /** It has /bin/sh: shell-form CMD, ENTRYPOINT and HEALTHCHECK still run. */
  readonly hasShell: boolean;
  /** It has /etc/passwd with root: `USER root` resolves (a numeric USER needs none). */
  readonly hasUsers: boolean;
  /** It has /usr/share/zoneinfo: a program that reads TZ finds the zone. */
  readonly hasTimeZones: boolean;
  /** Files of the builder image it lacks and the program may read, copied from the build stage to the same path. */
  readonly fromBuilder: readonly string[];
  /** What else the builder image had that it lacks, said in the note above the runtime stage. */
  readonly lacks?: string;
}

/** The runtime bases `--runtime` chooses among; `auto` is the table's choice (the editor's). */
export const RUNTIME_KINDS = ['auto', 'distroless', 'scratch', 'alpine', 'slim'] as const;
export type RuntimeKind = (typeof RUNTIME_KINDS)[number];

export const CA_CERTIFICATES = '/etc/ssl/certs/ca-certificates.crt';
const distroless = (flavour: string): RuntimeBase => ({ image: `gcr.io/distroless/${flavour}-debian12`, hasShell: false, hasUsers: true, hasTimeZones: true, fromBuilder: [] });
const withShell = (image: string): RuntimeBase => ({ image, hasShell: true, hasUsers: true, hasTimeZones: true, fromBuilder: [] });
const SCRATCH: RuntimeBase = { image: 'scratch', hasShell: false, hasUsers: false, hasTimeZones: false, fromBuilder: [CA_CERTIFICATES], lacks: 'time zone data (/usr/share/zoneinfo) and a user database (/etc/passwd)' };

const OFFICIAL = /^(?:docker\.io\/)?(?:library\/)?(golang|rust)(?::([\w][\w.-]*))?(?:@sha256:[0-9a-f]{64})?$/;

/** The builder an image reference names, if it is the official golang or rust image (a digest pins its tag); Java and .NET builders: managedBuilds.ts. */
export function readBuilder(reference: string): Builder | undefined {
  const match = OFFICIAL.exec(reference);
  if (!match) return undefined;
  const ecosystem: Ecosystem = match[1] === 'golang' ? 'go' : 'rust';
  const tag = match[2] ?? 'latest';
  const parts = tag.split('-');
  const alpine = parts.find((part) => part.startsWith('alpine'));
  const debian = parts.find((part) => (DEBIAN_RELEASES as readonly string[]).includes(part));
  return {
    ecosystem,
    image: match[1],
    tag,
    release: alpine && alpine !== 'alpine' ? alpine : debian,
    alpine: alpine !== undefined,
    slim: parts.includes('slim'),
    workdir: ecosystem === 'go' ? '/go' : '/',
  };
}

export type RuntimeChoice = { readonly base: RuntimeBase } | { readonly disabled: string };

/** The runtime base of `kind` for a Go binary (static where cgo is off), or why that base would not run it. */
export function goRuntime(builder: Builder, cgoDisabled: boolean, kind: RuntimeKind = 'auto'): RuntimeChoice {
  const advice = 'set CGO_ENABLED=0 for a static binary, or';
  const mayLink = `cgo may be on (no CGO_ENABLED=0), so the binary may link ${builder.alpine ? 'musl' : 'glibc'}`;
  switch (kind) {
    case 'scratch':
      if (!cgoDisabled) return { disabled: `${mayLink}, which scratch lacks: set CGO_ENABLED=0.` };
      return builder.alpine ? { disabled: `${builder.image}:${builder.tag}'s CA certificates are not known to be at ${CA_CERTIFICATES}, which scratch would need copied: use distroless.` } : { base: SCRATCH };
    case 'alpine': return alpineRuntime(builder, cgoDisabled ? 'a static binary' : 'a binary that may link musl');
    case 'slim': return slimRuntime(builder);
    case 'distroless':
      if (!cgoDisabled && builder.alpine) return { disabled: `${mayLink}, and distroless images carry glibc: ${advice} use --runtime alpine.` };
  }
  if (cgoDisabled) return { base: distroless('static') };
  if (builder.alpine) {
    return builder.release
      ? { base: withShell(`alpine:${builder.release.slice('alpine'.length)}`) }
      : { disabled: `cgo may be on (no CGO_ENABLED=0) and ${builder.image}:${builder.tag} does not name its Alpine version, so the runtime's musl is unknown: ${advice} name the version (-alpine3.20).` };
  }
  if (!builder.release) return { disabled: `cgo may be on (no CGO_ENABLED=0) and ${builder.image}:${builder.tag} does not name its Debian release, so the binary may link a newer glibc than the runtime's: ${advice} name the release (-bookworm).` };
  if (!notNewerThanDistroless(builder.release)) return { disabled: `cgo may be on (no CGO_ENABLED=0) and ${builder.release}'s glibc is newer than distroless/base-debian12's: ${advice} build on bookworm.` };
  return { base: distroless('base') };
}

/** The runtime base of `kind` for a Rust binary: it links glibc and libgcc (slim builders only), or musl on Alpine. */
export function rustRuntime(builder: Builder, kind: RuntimeKind = 'auto'): RuntimeChoice {
  switch (kind) {
    case 'scratch': return { disabled: `a Rust binary links ${builder.alpine ? 'musl statically unless the project\'s .cargo/config.toml or RUSTFLAGS turn crt-static off, which the Dockerfile does not show' : 'glibc and libgcc, which scratch lacks'}.` };
    case 'alpine': return alpineRuntime(builder, 'a Rust binary');
    case 'slim': return slimRuntime(builder);
    case 'distroless':
      if (builder.alpine) return { disabled: `${builder.image}:${builder.tag} builds for musl, and distroless/cc carries glibc: use --runtime alpine.` };
  }
  if (builder.alpine) return alpineRuntime(builder, 'a Rust binary');
  const slim = slimRuntime(builder);
  if (kind !== 'distroless' || 'disabled' in slim) return slim;
  return notNewerThanDistroless(builder.release!) ? { base: distroless('cc') } : { disabled: `${builder.release}'s glibc is newer than distroless/cc-debian12's: build on bookworm, or use --runtime slim.` };
}

/** Java and .NET: the runtime image the builder image is built on (managedBuilds.ts); `--runtime` is for Go and Rust. */
export function managedRuntime(builder: Builder, kind: RuntimeKind): RuntimeChoice {
  if (kind !== 'auto') return { disabled: `--runtime ${kind} is for Go and Rust builds: this one runs on ${builder.runtimeImage}, the image ${builder.image} is built on.` };
  return { base: withShell(builder.runtimeImage!) };
}

/** Alpine of the builder's version (its musl); a glibc builder's binary, or an unnamed version, is declined. */
function alpineRuntime(builder: Builder, binary: string): RuntimeChoice {
  if (!builder.alpine) return { disabled: `${builder.image}:${builder.tag} is not an Alpine image: the Alpine version for ${binary} would be a guess; build on a -alpineX.Y tag.` };
  if (!builder.release) return { disabled: `${builder.image}:${builder.tag} does not name its Alpine version: name it (-alpine3.20) so that the runtime base can match.` };
  return { base: withShell(`alpine:${builder.release.slice('alpine'.length)}`) };
}

/** Debian's slim image of the builder's release (its glibc); an Alpine builder, or an unnamed release, is declined. */
function slimRuntime(builder: Builder): RuntimeChoice {
  if (builder.alpine) return { disabled: `${builder.image}:${builder.tag} is an Alpine image (musl): Debian's slim image carries glibc.` };
  if (builder.ecosystem === 'rust' && !builder.slim) return { disabled: `${builder.image}:${builder.tag} is the full image, whose libraries (libssl, libpq, ...) a binary may link and a slim runtime lacks: build on a -slim-<release> tag.` };
  if (!builder.release) return { disabled: `${builder.image}:${builder.tag} does not name its Debian release: name it (${builder.ecosystem === 'rust' ? '-slim-bookworm' : '-bookworm'}) so that the runtime base has the same glibc.` };
  return { base: withShell(`debian:${builder.release}-slim`) };
}

function notNewerThanDistroless(release: string): boolean {
  const index = (DEBIAN_RELEASES as readonly string[]).indexOf(release);
  return index >= 0 && index <= DEBIAN_RELEASES.indexOf(DISTROLESS_RELEASE);
}

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
//   a binary built there links only glibc and libgcc, which Debian's slim image has).

/** Debian releases a tag may name, oldest first; distroless *-debian12 carries bookworm's glibc. */
const DEBIAN_RELEASES = ['stretch', 'buster', 'bullseye', 'bookworm', 'trixie'] as const;
const DISTROLESS_RELEASE = 'bookworm';

/** The default PATH of Debian images and distroless: where a bare command name is looked up at run time. */
export const RUNTIME_PATH = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

export type Ecosystem = 'go' | 'rust';

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
}

export interface RuntimeBase {
  readonly image: string;
  /** It has /bin/sh: shell-form CMD, ENTRYPOINT and HEALTHCHECK still run. */
  readonly hasShell: boolean;
}

const OFFICIAL = /^(?:docker\.io\/)?(?:library\/)?(golang|rust)(?::([\w][\w.-]*))?(?:@sha256:[0-9a-f]{64})?$/;

/** The builder an image reference names, if it is the official golang or rust image (a digest pins its tag). */
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

/** A Go binary: static → distroless/static; cgo → the same C library, no older than the builder's. */
export function goRuntime(builder: Builder, cgoDisabled: boolean): RuntimeChoice {
  if (cgoDisabled) return { base: { image: 'gcr.io/distroless/static-debian12', hasShell: false } };
  const advice = 'set CGO_ENABLED=0 for a static binary, or';
  if (builder.alpine) {
    return builder.release
      ? { base: { image: `alpine:${builder.release.slice('alpine'.length)}`, hasShell: true } }
      : { disabled: `cgo may be on (no CGO_ENABLED=0) and ${builder.image}:${builder.tag} does not name its Alpine version, so the runtime's musl is unknown: ${advice} name the version (-alpine3.20).` };
  }
  if (!builder.release) return { disabled: `cgo may be on (no CGO_ENABLED=0) and ${builder.image}:${builder.tag} does not name its Debian release, so the binary may link a newer glibc than the runtime's: ${advice} name the release (-bookworm).` };
  if (!notNewerThanDistroless(builder.release)) return { disabled: `cgo may be on (no CGO_ENABLED=0) and ${builder.release}'s glibc is newer than distroless/base-debian12's: ${advice} build on bookworm.` };
  return { base: { image: 'gcr.io/distroless/base-debian12', hasShell: false } };
}

/** A Rust binary: it links glibc and libgcc (slim builders only), or musl statically on Alpine. */
export function rustRuntime(builder: Builder): RuntimeChoice {
  if (builder.alpine) {
    return builder.release
      ? { base: { image: `alpine:${builder.release.slice('alpine'.length)}`, hasShell: true } }
      : { disabled: `${builder.image}:${builder.tag} does not name its Alpine version: name it (-alpine3.20) so that the runtime base can match.` };
  }
  if (!builder.slim) return { disabled: `${builder.image}:${builder.tag} is the full image, whose libraries (libssl, libpq, ...) a binary may link and a slim runtime lacks: build on a -slim-<release> tag.` };
  if (!builder.release) return { disabled: `${builder.image}:${builder.tag} does not name its Debian release: name it (-slim-bookworm) so that the runtime base has the same glibc.` };
  return { base: { image: `debian:${builder.release}-slim`, hasShell: true } };
}

function notNewerThanDistroless(release: string): boolean {
  const index = (DEBIAN_RELEASES as readonly string[]).indexOf(release);
  return index >= 0 && index <= DEBIAN_RELEASES.indexOf(DISTROLESS_RELEASE);
}

// The variables BuildKit sets itself, and what each may be: the platform ARGs (dockerfile2llb/platform.go,
// defaultArgs), the proxy ARGs every RUN gets, and the PATH every stage without one gets (convert.go, "make sure
// that PATH is always set", system.DefaultPathEnv).
import type { UnknownValue } from './evaluate';

/** BuildKit's automatic ARGs (dockerfile2llb/platform.go, defaultArgs): in the global scope, set for every build. */
export const AUTOMATIC_ARGS: ReadonlyMap<string, string> = new Map([
  ['TARGETPLATFORM', 'the platform being built for, e.g. `linux/arm64`'],
  ['TARGETOS', 'the OS of the platform being built for, e.g. `linux`'],
  ['TARGETOSVERSION', 'the OS version of the platform being built for (Windows), usually empty'],
  ['TARGETARCH', 'the architecture being built for, e.g. `arm64`'],
  ['TARGETVARIANT', 'the architecture variant being built for, e.g. `v7`, often empty'],
  ['BUILDPLATFORM', 'the platform of the machine running the build, e.g. `linux/amd64`'],
  ['BUILDOS', 'the OS of the machine running the build'],
  ['BUILDOSVERSION', 'the OS version of the machine running the build, usually empty'],
  ['BUILDARCH', 'the architecture of the machine running the build'],
  ['BUILDVARIANT', 'the architecture variant of the machine running the build'],
  ['TARGETSTAGE', 'the name of the stage being built (`--target`, else the last stage; `default` for an unnamed one)'],
]);

/**
 * ARGs that BuildKit hands to every RUN as environment variables when they are given as build args, declared
 * or not (dockerfile2llb proxyEnvFromBuildArgs): a `$HTTP_PROXY` in a RUN is never "not in scope".
 */
export const PROXY_ARGS: ReadonlySet<string> = new Set(['HTTP_PROXY', 'HTTPS_PROXY', 'FTP_PROXY', 'NO_PROXY', 'ALL_PROXY']
  .flatMap((name) => [name, name.toLowerCase()]));

/** ARGs BuildKit never puts in the environment (nonEnvArgs): UndefinedVar is silent on them. */
export const NON_ENV_ARGS: ReadonlySet<string> = new Set(['BUILDKIT_SBOM_SCAN_CONTEXT', 'BUILDKIT_SBOM_SCAN_STAGE']);

/** The PATH BuildKit gives a Linux stage whose image sets none (util/system DefaultPathEnv). */
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Go's OS and architecture names, and `v6`-style variants. */
const OS = 'linux|windows|darwin|freebsd|netbsd|openbsd|dragonfly|solaris|illumos|aix|plan9|android|ios|js|wasip1';
const ARCH = 'amd64|arm64|arm|386|ppc64le|ppc64|s390x|riscv64|mips64le|mips64|mipsle|mips|loong64|wasm';
const VARIANT = 'v[0-9]+';
const PLATFORM = `(?:${OS})/(?:${ARCH})(?:/${VARIANT})?`;

/** The values of each automatic ARG; the variants and OS versions may be empty. */
const PLATFORM_VALUES: ReadonlyMap<string, { readonly pattern: string; readonly mayBeEmpty: boolean }> = new Map([
  ['TARGETPLATFORM', { pattern: PLATFORM, mayBeEmpty: false }], ['BUILDPLATFORM', { pattern: PLATFORM, mayBeEmpty: false }],
  ['TARGETOS', { pattern: OS, mayBeEmpty: false }], ['BUILDOS', { pattern: OS, mayBeEmpty: false }],
  ['TARGETARCH', { pattern: ARCH, mayBeEmpty: false }], ['BUILDARCH', { pattern: ARCH, mayBeEmpty: false }],
  ['TARGETVARIANT', { pattern: VARIANT, mayBeEmpty: true }], ['BUILDVARIANT', { pattern: VARIANT, mayBeEmpty: true }],
  ['TARGETOSVERSION', { pattern: '.*', mayBeEmpty: true }], ['BUILDOSVERSION', { pattern: '.*', mayBeEmpty: true }],
  ['TARGETSTAGE', { pattern: '.*', mayBeEmpty: false }],
]);

/** An automatic ARG: set for every build, to a value the build decides. */
export function automaticValue(name: string): UnknownValue {
  const { pattern, mayBeEmpty } = PLATFORM_VALUES.get(name) ?? { pattern: '.*', mayBeEmpty: true };
  return { name, source: 'platform', mayBeUnset: false, mayBeEmpty, pattern };
}

/** A build argument without a default: not set, unless `--build-arg` sets it (to anything, empty included). */
export function buildArgValue(name: string): UnknownValue {
  const platform = PLATFORM_VALUES.get(name);
  return { name, source: 'build-arg', mayBeUnset: true, mayBeEmpty: true, pattern: platform?.pattern ?? '.*' };
}

/** What a base image's ENV may set; BuildKit makes sure PATH is set. */
export function imageValue(name: string): UnknownValue {
  return { name, source: 'image', mayBeUnset: name !== 'PATH', mayBeEmpty: name !== 'PATH', pattern: '.*' };
}

/** What the stage a FROM built from ARGs names (`base`, as written) sets, where some stage it may name sets it. */
export function baseStageValue(name: string, base: string): UnknownValue {
  return { name, source: 'base-stage', base, mayBeUnset: true, mayBeEmpty: true, pattern: '.*' };
}

/** The automatic ARGs' values in a build for the builder's own platform, linux/amd64: one build, for checks that expand words. */
export const LINUX_AMD64_BUILD: ReadonlyMap<string, string> = new Map([
  ['TARGETPLATFORM', 'linux/amd64'], ['BUILDPLATFORM', 'linux/amd64'], ['TARGETOS', 'linux'], ['BUILDOS', 'linux'],
  ['TARGETARCH', 'amd64'], ['BUILDARCH', 'amd64'], ['TARGETVARIANT', ''], ['BUILDVARIANT', ''],
  ['TARGETOSVERSION', ''], ['BUILDOSVERSION', ''], ['TARGETSTAGE', 'default'],
]);

// containerd's platform specifiers, as BuildKit parses `--platform` (platforms.Parse in github.com/containerd/
// platforms, platforms.go and database.go, as BuildKit 73ed682 vendors it): `os[(version)]/arch[/variant]`, names
// normalized (`x86_64` is `amd64`); a lone OS or architecture takes the other half from the machine that builds.
// Errors in containerd's words.

import { goQuote } from './goFormat';

const OS_COMPONENT = /^([A-Za-z0-9_-]+)(?:\(([A-Za-z0-9_.%-]*)((?:\+[A-Za-z0-9_.%-]+)*)\))?$/;
const COMPONENT = /^[A-Za-z0-9_.-]+$/;
const KNOWN_OS = new Set(['aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux', 'nacl', 'netbsd', 'openbsd', 'plan9', 'solaris', 'windows', 'zos']);
const KNOWN_ARCH = new Set(['386', 'amd64', 'amd64p32', 'arm', 'armbe', 'arm64', 'arm64be', 'ppc64', 'ppc64le', 'loong64', 'mips', 'mipsle', 'mips64', 'mips64le', 'mips64p32', 'mips64p32le', 'ppc', 'riscv', 'riscv64', 's390', 's390x', 'sparc', 'sparc64', 'wasm']);
/** normalizeArch's names for the architectures (the variants it also sets do not matter here). */
const ARCH_ALIASES: Readonly<Record<string, string>> = { 'i386': '386', 'x86_64': 'amd64', 'x86-64': 'amd64', 'aarch64': 'arm64', 'armhf': 'arm', 'armel': 'arm' };

export interface Platform {
  /** Undefined for a lone architecture: the building machine's OS. */
  readonly os?: string;
  /** Undefined for a lone OS: the building machine's architecture. */
  readonly architecture?: string;
}

/** The platform a specifier names, or containerd's error for it. */
export function parsePlatform(specifier: string): Platform | string {
  if (specifier.includes('*')) return `${goQuote(specifier)}: wildcards not yet supported: invalid argument`;
  const parts = specifier.split('/');
  if (parts.length > 3) return `${goQuote(specifier)}: cannot parse platform specifier: invalid argument`;
  const os = OS_COMPONENT.exec(parts[0]);
  if (!os) return `${goQuote(parts[0])} is an invalid OS component of ${goQuote(specifier)}: OSAndVersion specifier component must match ${goQuote(OS_COMPONENT.source)}: invalid argument`;
  const invalid = parts.slice(1).find((part) => !COMPONENT.test(part));
  if (invalid !== undefined) return `${goQuote(invalid)} is an invalid component of ${goQuote(specifier)}: platform specifier component must match ${goQuote(COMPONENT.source)}: invalid argument`;
  const osName = os[1].toLowerCase() === 'macos' ? 'darwin' : os[1].toLowerCase();
  if (parts.length > 1) return { os: osName, architecture: architecture(parts[1]) };
  if (KNOWN_OS.has(osName)) return { os: osName };
  if (KNOWN_ARCH.has(architecture(parts[0]))) return { architecture: architecture(parts[0]) };
  return `${goQuote(specifier)}: unknown operating system or architecture: invalid argument`;
}

function architecture(name: string): string {
  const lower = name.toLowerCase();
  return ARCH_ALIASES[lower] ?? lower;
}

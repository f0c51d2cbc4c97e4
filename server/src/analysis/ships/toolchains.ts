// Toolchain images: a base that carries a compiler or SDK, with the runtime image of the same ecosystem that an
// image which only runs the result would start from, and what compiling with it looks like in a RUN. Sources: the
// images' Docker Hub and MCR pages (golang, rust, maven, gradle, eclipse-temurin/openjdk `-jdk` vs `-jre`,
// mcr.microsoft.com/dotnet/sdk vs aspnet/runtime, gcc, buildpack-deps, swift vs `-slim`).
export interface Toolchain {
  /** The ecosystem, for messages: `Go`, `Rust`. */
  readonly ecosystem: string;
  /** What an image that only runs the result starts from. */
  readonly runtime: string;
  /** A RUN that compiles with it. */
  readonly compiles: RegExp;
}

const JAVA_BUILD = /\b(?:mvnw?|gradlew?)\b[^;&|]*\b(?:package|install|build|assemble|bootJar|shadowJar|jar|verify)\b|\bjavac\b/;
const C_BUILD = /(?<![\w-])(?:gcc|g\+\+|cc|make|cmake)(?![\w-])/;

/** By repository (the image name without registry `docker.io/library/`, tag or digest). */
const BY_REPOSITORY: Readonly<Record<string, Toolchain>> = {
  golang: { ecosystem: 'Go', runtime: 'scratch, gcr.io/distroless/static or alpine (with the binary copied in)', compiles: /\bgo\s+(?:build|install)\b/ },
  rust: { ecosystem: 'Rust', runtime: 'debian:bookworm-slim or gcr.io/distroless/cc (with the binary copied in)', compiles: /\bcargo\s+(?:build|install)\b/ },
  maven: { ecosystem: 'Java', runtime: 'a JRE image (eclipse-temurin:<version>-jre)', compiles: JAVA_BUILD },
  gradle: { ecosystem: 'Java', runtime: 'a JRE image (eclipse-temurin:<version>-jre)', compiles: JAVA_BUILD },
  'mcr.microsoft.com/dotnet/sdk': { ecosystem: '.NET', runtime: 'mcr.microsoft.com/dotnet/aspnet or mcr.microsoft.com/dotnet/runtime', compiles: /\bdotnet\s+(?:publish|build)\b/ },
  gcc: { ecosystem: 'C/C++', runtime: 'debian:bookworm-slim (with the binary copied in)', compiles: C_BUILD },
  'buildpack-deps': { ecosystem: 'C/C++', runtime: 'debian:bookworm-slim (with the binary copied in)', compiles: C_BUILD },
};

/** JDK images by repository: a toolchain only where the tag says `jdk` (eclipse-temurin:21-jdk). */
const JDK_REPOSITORIES = new Set(['eclipse-temurin', 'openjdk', 'amazoncorretto', 'ibmjava', 'sapmachine']);

/** The toolchain an image reference is, or undefined. */
export function toolchainOf(image: string): Toolchain | undefined {
  const withoutDigest = image.split('@')[0].toLowerCase();
  const tagAt = withoutDigest.lastIndexOf(':');
  const [repository, tag] = tagAt > withoutDigest.lastIndexOf('/') ? [withoutDigest.slice(0, tagAt), withoutDigest.slice(tagAt + 1)] : [withoutDigest, ''];
  const name = repository.replace(/^(?:docker\.io\/)?(?:library\/)?/, '');
  if (BY_REPOSITORY[name]) return BY_REPOSITORY[name];
  if (name === 'swift' && !tag.includes('slim')) return { ecosystem: 'Swift', runtime: 'swift:<version>-slim', compiles: /\bswift\s+build\b/ };
  if (JDK_REPOSITORIES.has(name) && /(?:^|-)jdk(?:$|-)/.test(tag)) return { ecosystem: 'Java', runtime: `${name}:<version>-jre`, compiles: JAVA_BUILD };
  return undefined;
}

/** A package-manager install of compilers or headers: `apt-get install`, `apk add`, `yum`/`dnf`/`microdnf install`. */
const INSTALL = /\b(?:apt-get|apt|apk|yum|dnf|microdnf)\s+(?:[^;&|]*?\s)?(?:install|add)\s+([^;&|]*)/g;
const BUILD_PACKAGE = /^(?:build-essential|build-base|gcc|g\+\+|musl-dev|[a-z0-9][a-z0-9.+-]*-dev(?:el)?)(?:[=:].*)?$/;
/** A removal in the same RUN: it may take them out again before the layer is written. */
const REMOVAL = /\b(?:apt-get|apt)\s+(?:[^;&|]*?\s)?(?:purge|remove|autoremove)\b|\bapk\s+(?:[^;&|]*?\s)?del\b|\b(?:yum|dnf|microdnf)\s+(?:[^;&|]*?\s)?(?:remove|erase|autoremove)\b/;

/** The compilers and headers a RUN installs and does not remove in the same RUN. */
export function installedBuildPackages(run: string): string[] {
  if (REMOVAL.test(run)) return [];
  return [...run.matchAll(INSTALL)].flatMap((match) => match[1].split(/\s+/).filter((word) => BUILD_PACKAGE.test(word)));
}

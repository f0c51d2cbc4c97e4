// Convert to a multi-stage build for builds whose program runs on a runtime (Java, .NET): the builder images
// known with the runtime image each one is built on, the build steps, and the files the start command runs.
// Sources:
// - adoptium/containers: eclipse-temurin's JDK and JRE images of one version and OS share their base, JAVA_HOME,
//   PATH and ENTRYPOINT (`/__cacert_entrypoint.sh`); only the JDK sets `CMD ["jshell"]`. JREs exist for 8, 11,
//   17, 21, 25 and later on alpine, the Ubuntu releases and UBI minimal.
// - carlossg/docker-maven: `maven:<v>-eclipse-temurin-<N>[-os]` is FROM eclipse-temurin:<N>-jdk[-os], adds
//   MAVEN_HOME and MAVEN_CONFIG, and sets ENTRYPOINT mvn-entrypoint.sh (the JRE's differs: a Dockerfile that
//   sets only CMD is declined). keeganwitt/docker-gradle: `gradle:<v>-jdk<N>[-os]` is FROM eclipse-temurin's
//   JDK, sets WORKDIR /home/gradle and ends as USER root, with the JDK's ENTRYPOINT.
// - dotnet/dotnet-docker: `sdk:<X.Y>[-os]` is FROM `aspnet:<X.Y>[-os]` (which has the .NET and ASP.NET Core
//   runtimes) plus the SDK and its environment; neither sets WORKDIR, USER or ENTRYPOINT. The aspnet image is
//   the runtime chosen: it is what the SDK image runs on; `runtime:<X.Y>` lacks ASP.NET Core, which only the
//   project file tells whether the program needs.
// - Maven writes the jar to `target/`, Gradle to `build/libs/` (of the project, or of a subproject); `dotnet
//   publish -o DIR` writes the program and its dependencies to DIR. The jar's name comes from pom.xml or
//   build.gradle, so it is taken only from the start command (`java -jar PATH`), never guessed.
import { posix } from '../../analysis/posixPath';
import type { InstructionInfo, Stage } from '../../analysis/model';
import { hasVariable } from '../../analysis/args';
import { readBuilder, type Builder } from './runtimeBases';

/** The OS suffixes of these images' tags that the runtime image has too. */
const OS_SUFFIX = '(-(?:alpine(?:-?3\\.\\d+)?|focal|jammy|noble|resolute|ubi9-minimal|ubi10-minimal))?';
const TEMURIN = new RegExp(`^(?:docker\\.io/)?(?:library/)?eclipse-temurin:(\\d+(?:[._+][\\w.+]*)?)(?:-jdk)?${OS_SUFFIX}$`);
const MAVEN = new RegExp(`^(?:docker\\.io/)?(?:library/)?maven:(?:[\\w.]+-)*?eclipse-temurin-(\\d+)${OS_SUFFIX}$`);
const GRADLE = new RegExp(`^(?:docker\\.io/)?(?:library/)?gradle:(?:[\\d.]+-)?jdk(\\d+)${OS_SUFFIX}$`);
const DOTNET_SDK = /^mcr\.microsoft\.com\/dotnet\/sdk:(\d+\.\d+)(-[a-z][\w.-]*)?$/;

/** The builder an image reference names: golang or rust (runtimeBases.ts), or a Java or .NET one. */
export function builderOf(reference: string): Builder | undefined {
  return readBuilder(reference) ?? readManagedBuilder(reference);
}

/** A Java or .NET builder image this table knows, with the runtime image it is built on. */
export function readManagedBuilder(reference: string): Builder | undefined {
  const builder = (ecosystem: 'java' | 'dotnet', image: string, tag: string, runtimeImage: string, extra: Partial<Builder> = {}): Builder =>
    ({ ecosystem, image, tag, alpine: runtimeImage.includes('alpine'), slim: false, workdir: '/', runtimeImage, ...extra });
  const tag = reference.slice(reference.lastIndexOf(':') + 1);
  let match = TEMURIN.exec(reference);
  if (match) return builder('java', 'eclipse-temurin', tag, `eclipse-temurin:${match[1]}-jre${match[2] ?? ''}`);
  if ((match = MAVEN.exec(reference))) return builder('java', 'maven', tag, `eclipse-temurin:${match[1]}-jre${match[2] ?? ''}`, { entrypoint: 'mvn-entrypoint.sh' });
  if ((match = GRADLE.exec(reference))) return builder('java', 'gradle', tag, `eclipse-temurin:${match[1]}-jre${match[2] ?? ''}`, { workdir: '/home/gradle' });
  if ((match = DOTNET_SDK.exec(reference))) return builder('dotnet', 'mcr.microsoft.com/dotnet/sdk', tag, `mcr.microsoft.com/dotnet/aspnet:${match[1]}${match[2] ?? ''}`);
  return undefined;
}

const JAVA_BUILD = /(?<![\w-])(?:\.\/)?(?:mvn|mvnw|gradle|gradlew)\s+(?:\S+\s+)*?(?:package|install|verify|build|assemble|bootJar|jar)(?![\w-])/;
const DOTNET_PUBLISH = /(?<![\w-])dotnet\s+publish(?![\w-])([^;&|\n]*)/g;

export interface ManagedBuild {
  /** The index of the last RUN that builds. */
  readonly last: number;
  /** .NET: the absolute folders `dotnet publish -o` writes. */
  readonly outputs: readonly string[];
}

/** The build steps of a Java or .NET stage; `workdirAt(line)` the absolute WORKDIR a RUN there runs in. */
export function readManagedBuild(stage: Stage, builder: Builder, workdirAt: (line: number) => string | undefined): ManagedBuild | { disabled: string } {
  const text = (instruction: InstructionInfo) => (instruction.keyword === 'RUN' ? instruction.buildkit?.rest ?? '' : '');
  const builds = stage.instructions.map((instruction, index) => ({ instruction, index }))
    .filter(({ instruction }) => (builder.ecosystem === 'java' ? JAVA_BUILD.test(text(instruction)) : new RegExp(DOTNET_PUBLISH.source).test(text(instruction))));
  if (builds.length === 0) return { disabled: builder.ecosystem === 'java' ? 'No RUN builds a jar with mvn or gradle (package, install, build, bootJar, jar).' : 'No RUN publishes with dotnet publish: where dotnet build writes depends on the project file.' };
  const outputs: string[] = [];
  for (const { instruction } of builds) {
    const line = instruction.range.start.line + 1;
    const reading = instruction.buildkit;
    if (!reading || reading.json || reading.rest.includes('<<')) return { disabled: `The build on line ${line} is a heredoc or in exec form: its commands are not read.` };
    if (builder.ecosystem === 'java') continue;
    const dir = workdirAt(instruction.range.start.line);
    for (const match of reading.rest.matchAll(DOTNET_PUBLISH)) {
      const output = /(?:^|\s)(?:-o|--output)(?:=|\s+)("[^"]+"|'[^']+'|\S+)/.exec(match[1])?.[1].replace(/^["']|["']$/g, '');
      if (!output) return { disabled: `dotnet publish on line ${line} has no -o: where it writes depends on the project file.` };
      if (hasVariable(output) || dir === undefined || /(?<![\w-])(?:cd|pushd)\s/.test(reading.rest.slice(0, match.index))) return { disabled: `dotnet publish on line ${line} writes to a folder that depends on a variable or a cd.` };
      outputs.push(posix.resolve(dir, output));
    }
  }
  return { last: builds[builds.length - 1].index, outputs };
}

/**
 * The file the start command runs on the runtime (`java -jar JAR`, `dotnet APP.dll` or the app itself in a publish
 * folder), as the artifact to copy: a jar in `target/` or `build/libs/` or one a build step makes (`made`), a
 * publish folder. Declined where it runs anything else.
 */
export function managedArtifacts(builder: Builder, build: ManagedBuild, words: readonly string[], workdir: string, made: (path: string) => boolean): string[] | { disabled: string } {
  const [program] = words;
  const at = (word: string) => posix.resolve(workdir, word);
  if (builder.ecosystem === 'java') {
    const jar = words[words.indexOf('-jar') + 1];
    if (program !== 'java' || !words.includes('-jar') || jar === undefined) return { disabled: `The image runs ${words.join(' ')}, not java -jar JAR: what it reads (a classpath, a script) is not known.` };
    const path = at(jar);
    if (/[*?[]/.test(jar) || !(/\/(?:target|build\/libs)\/[^/]+\.jar$/.test(path) || made(path))) return { disabled: `The jar ${jar} is not one the build is known to make (target/NAME.jar for Maven, build/libs/NAME.jar for Gradle).` };
    return [path];
  }
  if (program === 'dotnet' && words[1] === 'run') return { disabled: 'The image runs dotnet run, which needs the SDK and the sources: run the published program (dotnet out/app.dll).' };
  const file = program === 'dotnet' ? words[1] : program;
  const folder = file === undefined || !file.includes('/') && program !== 'dotnet' ? undefined : build.outputs.find((output) => at(file).startsWith(`${output}/`));
  if (!folder) return { disabled: `The image runs ${words.slice(0, 2).join(' ')}, which is not in a folder dotnet publish -o writes (${build.outputs.join(', ')}).` };
  return [folder];
}

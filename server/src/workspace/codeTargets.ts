// Code that builds a target: Go build options (`Target: "x"`), testcontainers (`WithTarget("x")`,
// `.withTarget("x")`, `target="x"`), Docker clients (`target="x"` in Python, `target: "x"` for dockerode,
// `.target("x")`, C#'s `Target = "x"`), and argument lists (`"--target", "x"`). Code is not followed as a
// script is: the name is a target of whichever Dockerfile has a stage of that name (the code rarely says
// which), and a build whose target is a variable (`"--target", target`) may build any stage of the
// Dockerfiles the file names in a string (`"docker/dockerfile"`). Read only in files that mention a
// container build, so that `target` of unrelated code is not taken.
import { resolve } from 'node:path';
import { TargetSource, uniqueTargets, type DiscoveredTarget, type FileIndex } from './discovered';
import { ANY_DOCKERFILE } from './shellBuilds';

/** The source files read for targets, by extension. */
export const CODE_FILE = /\.(go|py|js|mjs|cjs|ts|mts|cts|cs|java|kt|kts|rs|rb|groovy|scala)$/;
/**
 * Where code that builds images lives (tests, build and release tooling), by its path from the workspace
 * folder: a repository's thousands of other source files are not read (the first diagnostics wait for the scan).
 * On the corpus workspaces this keeps 81 of the 92 source files that hold a target option, all those naming a
 * stage of the repository.
 */
export const CODE_PATH = /(^|\/)(tests?|e2e|it|integration[^/]*|testing|testdata|build|release|hack|scripts?|tools|ci|docker|dagger|\.dagger|extra|cmd)(\/|$)|test|spec|build|docker|image|container/i;
const BUILDS_CONTAINERS = /docker|buildx|buildkit|testcontainers|dockerode|podman|container|image/i;
const STRING = String.raw`"([\w.-]+)"|'([\w.-]+)'`;
const NAMED_TARGET = new RegExp(String.raw`(?:\bTarget\s*[:=]\s*|\b[Ww]ithTarget\s*\(\s*|\.target\s*\(\s*|\btarget\s*=\s*|\btarget\s*:\s*|["']--target["']\s*,\s*|["']--target=)(?:${STRING})`, 'g');
const VARIABLE_TARGET = /["']--target["']\s*,\s*[A-Za-z_$][\w.$]*\s*[,\])]/;
const DOCKERFILE_STRING = /["']([\w./-]*(?:Dockerfile|dockerfile|Containerfile)[\w.-]*)["']/g;

export function codeTargets(text: string, file: string, origin: string, root: string, files: FileIndex): DiscoveredTarget[] {
  if (!/target/i.test(text) || !BUILDS_CONTAINERS.test(text)) return [];
  const source = new TargetSource(text, file, origin);
  const anyDockerfile = files.matching(ANY_DOCKERFILE);
  const found: DiscoveredTarget[] = [];
  for (const match of text.matchAll(NAMED_TARGET)) {
    const name = match[1] ?? match[2];
    const start = match.index! + match[0].length - name.length - 1;
    for (const dockerfile of anyDockerfile) found.push(source.target(dockerfile, name, start, start + name.length, undefined, { computed: true, ifStageExists: true }));
  }
  const variable = VARIABLE_TARGET.exec(text);
  if (variable) {
    const named = [...text.matchAll(DOCKERFILE_STRING)].map((m) => resolve(root, m[1])).filter((path) => files.has(path));
    for (const dockerfile of new Set(named)) {
      found.push(source.target(dockerfile, '${TARGET}', variable.index, variable.index + variable[0].length - 1, undefined, {
        computed: true, unresolved: 'the code passes its target in a variable',
      }));
    }
  }
  return uniqueTargets(found);
}

// Where a Dockerfile's build context is, as far as the workspace makes it certain. The rules that read the context
// (ContextShipsSecrets, DependenciesAfterSource's Node forms, the conversion's Go download first, and the
// context's .dockerignore for CopyIgnoredFile) read this folder, or stay silent where it is unknown:
// - every build the workspace shows of the Dockerfile (compose, bake, workflows, scripts, Makefiles, tasks, ...)
//   names the same context folder: that folder;
// - a build whose context is not known (a variable, an expression, a Git context), or builds that disagree: unknown;
// - no build seen: the Dockerfile's own folder (`docker build .` where it lives) for a file named as a Dockerfile
//   (`Dockerfile`, `Dockerfile.*`, `*.Dockerfile`, `*.dockerfile`, the Containerfile forms); unknown for any other name.
// A build named without its Dockerfile (code, bake `--set`) counts only for a Dockerfile with a stage of its name.
import { basename, dirname, normalize } from 'node:path';
import { stagesMatchingTarget } from '../analysis/graph';
import type { Stage } from '../analysis/model';
import type { DiscoveredTarget } from './discovered';
import { isDockerfileName } from './dockerfileKinds';

/** The build context folder of the Dockerfile at `dockerfile` (absolute), given the workspace's builds of it; undefined when not certain. */
export function buildContextFolder(dockerfile: string, builds: readonly DiscoveredTarget[], stages: readonly Stage[]): string | undefined {
  const applying = builds.filter((build) => !build.ifStageExists || stagesMatchingTarget(stages, build.target).length > 0);
  if (applying.length === 0) return isDockerfileName(basename(dockerfile)) ? dirname(normalize(dockerfile)) : undefined;
  const folders = new Set(applying.map((build) => build.context));
  const [only] = folders;
  return folders.size === 1 ? only : undefined;
}

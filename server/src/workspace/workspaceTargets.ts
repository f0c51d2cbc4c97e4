// The targets discovered in the workspace, by Dockerfile path; open files' current text overrides what the
// last scan read from disk.
import { normalize } from 'node:path';
import type { BuildTarget } from '../analysis/graph';
import type { DiscoveredTarget } from './discovered';

export class WorkspaceTargets {
  private byDockerfile = new Map<string, DiscoveredTarget[]>();

  replace(discovered: readonly DiscoveredTarget[]): void {
    const byDockerfile = new Map<string, DiscoveredTarget[]>();
    for (const target of discovered) {
      const list = byDockerfile.get(target.dockerfile);
      if (list) list.push(target);
      else byDockerfile.set(target.dockerfile, [target]);
    }
    this.byDockerfile = byDockerfile;
  }

  /** The Dockerfile's targets; `open` has, per open file, the targets of its current text. */
  for(path: string, open: ReadonlyMap<string, readonly DiscoveredTarget[]> = new Map()): DiscoveredTarget[] {
    const dockerfile = normalize(path);
    const scanned = (this.byDockerfile.get(dockerfile) ?? []).filter((target) => !open.has(target.file));
    const live = [...open.values()].flatMap((targets) => targets.filter((target) => target.dockerfile === dockerfile));
    return [...scanned, ...live];
  }
}

/** As the analysis takes them: written targets only, each with where it is written. */
export function asBuildTargets(targets: readonly DiscoveredTarget[]): BuildTarget[] {
  return targets.filter((target) => target.target !== '' || target.defaultTarget)
    .map(({ target, origin, uri, range, args, unresolved, ifStageExists, defaultTarget, contexts, exportsFiles }) => ({
      name: target, origin, location: { uri, range }, ...(args ? { args } : {}), ...(unresolved ? { unresolved } : {}), ...(ifStageExists ? { ifStageExists } : {}),
      ...(defaultTarget ? { isDefault: true } : {}), ...(contexts ? { contexts } : {}), ...(exportsFiles ? { exportsFiles } : {}),
    }));
}

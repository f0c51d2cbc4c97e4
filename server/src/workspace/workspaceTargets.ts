// The targets discovered in the workspace, by Dockerfile path; open files' current text overrides what the
// last scan read from disk. What the scan could not read may build any stage of the Dockerfiles below it: each
// such part is one more target, unresolved, whose name matches every stage (so none is reported unused), said
// with the part and why it was not read.
import { basename, normalize, relative, sep } from 'node:path';
import type { BuildTarget } from '../analysis/graph';
import type { DiscoveredTarget } from './discovered';
import { fileAccess } from './fileAccess';
import type { UnreadPart } from './scanner';

/** A name that every stage matches, as a target computed from a variable does. */
const ANY_STAGE = '${TARGET}';

export class WorkspaceTargets {
  private byDockerfile = new Map<string, DiscoveredTarget[]>();
  private unread: readonly { root: string; part: UnreadPart }[] = [];

  /** The scan's targets, and per workspace folder what it did not read. */
  replace(discovered: readonly DiscoveredTarget[], unread: readonly { root: string; part: UnreadPart }[] = []): void {
    this.unread = unread;
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
    return [...scanned, ...live, ...this.unreadAbove(dockerfile)];
  }

  private unreadAbove(dockerfile: string): DiscoveredTarget[] {
    return this.unread.filter(({ root }) => dockerfile.startsWith(root.endsWith(sep) ? root : root + sep)).map(({ root, part }) => ({
      dockerfile, target: ANY_STAGE, origin: relative(root, part.path) || basename(root), file: part.path, uri: fileAccess().uriOf(part.path),
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, computed: true, unresolved: `not read: ${part.why}`,
    }));
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

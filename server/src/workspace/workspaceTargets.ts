// The targets discovered in the workspace, by Dockerfile path.
import { normalize } from 'node:path';
import type { BuildTarget } from '../analysis/graph';
import type { DiscoveredTarget } from './discovered';

export class WorkspaceTargets {
  private byFile = new Map<string, BuildTarget[]>();

  replace(discovered: readonly DiscoveredTarget[]): void {
    const byFile = new Map<string, BuildTarget[]>();
    for (const { dockerfile, target, origin } of discovered) {
      const list = byFile.get(dockerfile) ?? [];
      list.push({ name: target, origin });
      byFile.set(dockerfile, list);
    }
    this.byFile = byFile;
  }

  for(path: string): BuildTarget[] {
    return this.byFile.get(normalize(path)) ?? [];
  }
}

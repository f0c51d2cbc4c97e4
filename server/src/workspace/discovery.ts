// Keeps the workspace's build targets current: scans the workspace folders once they are known, and again
// (debounced) when a file that can name targets changes. Off the request path: requests use the last result.
import { scanWorkspace } from './scanner';
import { WorkspaceTargets } from './workspaceTargets';

/** The files whose change may change the targets (for the client's file watcher). */
export const TARGET_FILE_GLOB = '**/{*.hcl,docker-bake.json,*compose*.yml,*compose*.yaml,devcontainer.json,.devcontainer.json,*.yml,*.yaml,Makefile,makefile,GNUmakefile,justfile,Justfile,*.mk,*.sh,*.bash,*.ps1}';
/** Dockerfiles: their change on disk changes what open build files' targets name (no rescan needed). */
export const DOCKERFILE_GLOB = '**/{*Dockerfile*,*.dockerfile,*Containerfile*}';
const RESCAN_DELAY_MS = 500;

export class TargetDiscovery {
  readonly targets = new WorkspaceTargets();
  private roots: string[] = [];
  private excluded: string[] = [];
  private timer?: NodeJS.Timeout;
  private scanned = false;

  constructor(private readonly onChange: () => void, private readonly log: (message: string) => void) {}

  /** Scans the workspace folders, skipping what `excluded` (`files.exclude` globs) matches, when either changed. */
  async configure(roots: readonly string[], excluded: readonly string[]): Promise<void> {
    if (JSON.stringify([roots, excluded]) === JSON.stringify([this.roots, this.excluded]) && this.scanned) return;
    this.roots = [...roots];
    this.excluded = [...excluded];
    await this.scan();
  }

  fileChanged(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.scan(), RESCAN_DELAY_MS);
  }

  private async scan(): Promise<void> {
    const started = Date.now();
    const results = await Promise.all(this.roots.map((root) => scanWorkspace(root, this.excluded)));
    this.scanned = true;
    this.targets.replace(results.flatMap((result) => result.targets));
    const count = results.reduce((sum, result) => sum + result.targets.length, 0);
    this.log(`Found ${count} build target${count === 1 ? '' : 's'} in ${this.roots.length} workspace folder(s) in ${Date.now() - started} ms.`);
    for (const result of results) if (result.capped) this.log(`Stopped looking for build targets: ${result.capped}.`);
    this.onChange();
  }
}

// Keeps the workspace's build targets current: scans the workspace folders once they are known, and again
// (debounced) when a file that can name targets changes. Off the request path: requests use the last result.
import { scanWorkspace } from './scanner';
import { WorkspaceTargets } from './workspaceTargets';

/** The files whose change may change the targets (for the client's file watcher). */
export const TARGET_FILE_GLOB = '**/{*.hcl,docker-bake.json,*compose*.yml,*compose*.yaml,devcontainer.json,.devcontainer.json,tasks.json,launch.json,*.yml,*.yaml,Makefile,makefile,GNUmakefile,justfile,Justfile,*.mk,*.sh,*.bash,*.ps1,package.json}';
/** Dockerfiles: their change on disk changes what open build files' targets name (no rescan needed). */
export const DOCKERFILE_GLOB = '**/{*Dockerfile*,*.dockerfile,*Containerfile*}';

/** Whether a changed file is one DOCKERFILE_GLOB watches. */
export function isDockerfileUri(uri: string): boolean {
  return /(Dockerfile|Containerfile)[^/]*$|\.dockerfile$/i.test(uri);
}
const RESCAN_DELAY_MS = 500;

/** A workspace folder to scan and the `files.exclude` globs that apply in it. */
export interface ScannedFolder {
  readonly root: string;
  readonly excluded: readonly string[];
}

export class TargetDiscovery {
  readonly targets = new WorkspaceTargets();
  private folders: readonly ScannedFolder[] = [];
  private timer?: NodeJS.Timeout;
  private scanned = false;
  private configured = false;

  /** Whether the targets have been read at least once (a first publish of UnusedStage waits for it). */
  get firstScanDone(): boolean {
    return this.scanned;
  }

  constructor(private readonly onChange: () => void, private readonly log: (message: string) => void) {}

  /** Scans the workspace folders, when they or their excluded globs changed (a scan under way counts). */
  async configure(folders: readonly ScannedFolder[]): Promise<void> {
    if (this.configured && JSON.stringify(folders) === JSON.stringify(this.folders)) return;
    this.configured = true;
    this.folders = folders;
    await this.scan();
  }

  fileChanged(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.scan(), RESCAN_DELAY_MS);
  }

  private async scan(): Promise<void> {
    const started = Date.now();
    this.log(`Looking for build targets in ${this.folders.length} workspace folder(s).`);
    const results = await Promise.all(this.folders.map(({ root, excluded }) => scanWorkspace(root, excluded)));
    this.scanned = true;
    this.targets.replace(results.flatMap((result) => result.targets), results.flatMap((result, i) => result.unread.map((part) => ({ root: this.folders[i].root, part }))));
    const count = results.reduce((sum, result) => sum + result.targets.length, 0);
    this.log(`Found ${count} build target${count === 1 ? '' : 's'} in ${this.folders.length} workspace folder(s) in ${Date.now() - started} ms.`);
    for (const result of results) if (result.capped) this.log(`Stopped looking for build targets: ${result.capped}.`);
    this.onChange();
  }
}

// Shell and PowerShell scripts and justfiles: the container builds they run (shellBuilds.ts). A script may be
// started from any folder: its relative paths are tried from its own folder and each parent up to the
// workspace folder, unless it `cd`s first.
import { TargetSource, type DiscoveredTarget, type FileIndex } from './discovered';
import { shellTargets } from './shellBuilds';

export function scriptTargets(text: string, file: string, origin: string, root: string, files: FileIndex): DiscoveredTarget[] {
  return shellTargets(text, { scriptPath: file, root }, new TargetSource(text, file, origin), files);
}

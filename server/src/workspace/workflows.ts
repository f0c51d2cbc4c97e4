// GitHub workflows: `target:` of docker/build-push-action steps, and `--target` in `run:` scripts. Paths in a
// workflow are relative to the repository root.
import { LineCounter, parseDocument, isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { dockerfilePath, type DiscoveredTarget } from './discovered';
import { scriptTargets } from './scripts';

export function workflowTargets(text: string, root: string, origin: string): DiscoveredTarget[] {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines });
  const jobs = document.get('jobs');
  if (!isMap(jobs)) return [];
  const found: DiscoveredTarget[] = [];
  const lineAt = (node: Node | null | undefined) => lines.linePos(node?.range?.[0] ?? 0).line;
  for (const job of (jobs as YAMLMap).items) {
    const steps = isMap(job.value) ? (job.value as YAMLMap).get('steps') : undefined;
    if (!isSeq(steps)) continue;
    for (const step of steps.items) {
      if (!isMap(step)) continue;
      const uses = step.get('uses');
      const withInputs = step.get('with');
      if (typeof uses === 'string' && uses.startsWith('docker/build-push-action') && isMap(withInputs)) {
        const target = withInputs.get('target', true);
        if (isScalar(target) && typeof target.value === 'string') {
          const context = withInputs.get('context');
          const file = withInputs.get('file');
          found.push({
            dockerfile: typeof file === 'string' ? dockerfilePath(root, '.', file) : dockerfilePath(root, typeof context === 'string' ? context : '.', undefined),
            target: target.value,
            origin: `${origin}:${lineAt(target)}`,
          });
        }
      }
      const run = step.get('run', true);
      if (isScalar(run) && typeof run.value === 'string') {
        // A block scalar's text starts on the line after `run: |`.
        found.push(...scriptTargets(run.value, root, origin, lineAt(run)));
      }
    }
  }
  return found;
}

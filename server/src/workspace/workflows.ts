// GitHub workflows: `target:` (and `build-args:`) of docker/build-push-action steps, and `--target` in `run:`
// scripts. Paths in a workflow are relative to the repository root.
import { parseDocument, isMap, isScalar, isSeq, type Scalar, type YAMLMap } from 'yaml';
import { dockerfilePath, TargetSource, type DiscoveredTarget } from './discovered';
import { valueSpan } from './compose';
import { scriptBuilds } from './scripts';

export function workflowTargets(text: string, file: string, origin: string, root: string): DiscoveredTarget[] {
  const document = parseDocument(text);
  const jobs = document.get('jobs');
  if (!isMap(jobs)) return [];
  const source = new TargetSource(text, file, origin);
  const found: DiscoveredTarget[] = [];
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
          const dockerfile = withInputs.get('file');
          const path = typeof dockerfile === 'string' ? dockerfilePath(root, '.', dockerfile) : dockerfilePath(root, typeof context === 'string' ? context : '.', undefined);
          found.push(source.target(path, target.value, ...valueSpan(target), buildArgs(withInputs.get('build-args'))));
        }
      }
      const run = step.get('run', true);
      if (isScalar(run) && typeof run.value === 'string') found.push(...runTargets(text, run as Scalar<string>, root, source));
    }
  }
  return found;
}

/** build-push-action's `build-args`: one `NAME=value` a line (a YAML block). */
function buildArgs(value: unknown): Record<string, string> | undefined {
  if (typeof value !== 'string') return undefined;
  const args: Record<string, string> = {};
  for (const line of value.split(/\r?\n/)) {
    const equals = line.indexOf('=');
    if (equals > 0) args[line.slice(0, equals).trim()] = line.slice(equals + 1).trim();
  }
  return args;
}

/**
 * Targets in a `run:` script. The script is the scalar's value (block indentation and quoting removed), so each
 * target is found again in the file's text: the n-th `--target` with that value in the scalar's source.
 */
function runTargets(text: string, run: Scalar<string>, root: string, source: TargetSource): DiscoveredTarget[] {
  const [sourceStart, , sourceEnd] = run.range ?? [0, 0, 0];
  let from = sourceStart;
  return scriptBuilds(run.value, root).flatMap((build) => {
    const flag = new RegExp(`--target(?:=|\\s+)["']?(${build.target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})`, 'g');
    flag.lastIndex = from;
    const match = flag.exec(text);
    if (!match || match.index >= sourceEnd) return [];
    const start = match.index + match[0].length - match[1].length;
    from = start + match[1].length;
    return [source.target(build.dockerfile, build.target, start, from)];
  });
}

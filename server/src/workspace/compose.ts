// Compose files: `services.<name>.build.target`, with `build.context` and `build.dockerfile` relative to the
// compose file.
import { dirname } from 'node:path';
import { parseDocument, isAlias, isMap, isScalar, isSeq, type Scalar, type YAMLMap } from 'yaml';
import { contextFolder, dockerfilePath, isUnknownContext, TargetSource, uniqueTargets, type DiscoveredTarget, type TargetOptions } from './discovered';

export function composeTargets(text: string, file: string, origin: string): DiscoveredTarget[] {
  const document = parseDocument(text);
  const services = document.get('services');
  if (!isMap(services)) return [];
  const source = new TargetSource(text, file, origin);
  const found: DiscoveredTarget[] = [];
  for (const pair of (services as YAMLMap).items) {
    // `build: *anchor` (an `x-` block shared by services): the anchored map, where its target is written.
    const written = isMap(pair.value) ? (pair.value as YAMLMap).get('build', true) : undefined;
    const build = isAlias(written) ? written.resolve(document) : written;
    // `build: ./dir`: the default target of dir/Dockerfile.
    if (isScalar(build) && typeof build.value === 'string') {
      const [at] = valueSpan(build);
      found.push(source.target(dockerfilePath(dirname(file), build.value, undefined), '', at, at, undefined, { defaultTarget: true, ...contextOf(file, build.value) }));
    }
    if (!isMap(build)) continue;
    const target = build.get('target', true);
    const context = build.get('context');
    const dockerfile = build.get('dockerfile');
    const path = dockerfilePath(dirname(file), typeof context === 'string' ? context : undefined, typeof dockerfile === 'string' ? dockerfile : undefined);
    const folder = contextOf(file, context);
    if (target === undefined) {
      const [at] = build.range ?? [0];
      found.push(source.target(path, '', at, at, buildArgs(build.get('args')), { defaultTarget: true, ...folder }));
      continue;
    }
    if (!isScalar(target) || (target.value !== null && typeof target.value !== 'string')) continue;
    const [start, end] = valueSpan(target);
    found.push(source.target(path, (target.value as string | null) ?? '', start, end, buildArgs(build.get('args')), folder));
  }
  return uniqueTargets(found);
}

/** `build.context` relative to the compose file (default `.`); none where it is interpolated, remote or not a string. */
function contextOf(file: string, context: unknown): TargetOptions {
  if (context === undefined) return { context: contextFolder(dirname(file), undefined) };
  return typeof context === 'string' && !isUnknownContext(context) ? { context: contextFolder(dirname(file), context) } : {};
}

/** `args:` as a map (`GO: "1.23"`) or a list (`- GO=1.23`); a name without a value takes the environment's: left out. */
function buildArgs(args: unknown): Record<string, string> | undefined {
  const entries: [string, unknown][] = isMap(args)
    ? (args as YAMLMap).items.map((pair) => [String(isScalar(pair.key) ? pair.key.value : pair.key), isScalar(pair.value) ? pair.value.value : pair.value])
    : isSeq(args) ? args.items.flatMap((item) => {
      const text = isScalar(item) ? String(item.value) : '';
      return text.includes('=') ? [[text.slice(0, text.indexOf('=')), text.slice(text.indexOf('=') + 1)] as [string, unknown]] : [];
    }) : [];
  const result: Record<string, string> = {};
  for (const [name, value] of entries) if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') result[name] = String(value);
  return result;
}

/** A YAML string's text without its quotes (an empty `target:` is an empty span where its value goes). */
export function valueSpan(scalar: Scalar): [number, number] {
  const [start, end] = scalar.range ?? [0, 0];
  const quoted = scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE';
  return quoted ? [start + 1, Math.max(start + 1, end - 1)] : [start, end];
}

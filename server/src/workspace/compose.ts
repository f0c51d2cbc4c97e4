// Compose files: `services.<name>.build.target`, with `build.context` and `build.dockerfile` relative to the
// compose file.
import { dirname } from 'node:path';
import { parseDocument, isMap, isScalar, type Scalar, type YAMLMap } from 'yaml';
import { dockerfilePath, TargetSource, type DiscoveredTarget } from './discovered';

export function composeTargets(text: string, file: string, origin: string): DiscoveredTarget[] {
  const document = parseDocument(text);
  const services = document.get('services');
  if (!isMap(services)) return [];
  const source = new TargetSource(text, file, origin);
  const found: DiscoveredTarget[] = [];
  for (const pair of (services as YAMLMap).items) {
    const build = isMap(pair.value) ? (pair.value as YAMLMap).get('build', true) : undefined;
    if (!isMap(build)) continue;
    const target = build.get('target', true);
    if (!isScalar(target) || (target.value !== null && typeof target.value !== 'string')) continue;
    const context = build.get('context');
    const dockerfile = build.get('dockerfile');
    const [start, end] = valueSpan(target);
    found.push(source.target(dockerfilePath(dirname(file), typeof context === 'string' ? context : undefined, typeof dockerfile === 'string' ? dockerfile : undefined), (target.value as string | null) ?? '', start, end));
  }
  return found;
}

/** A YAML string's text without its quotes (an empty `target:` is an empty span where its value goes). */
export function valueSpan(scalar: Scalar): [number, number] {
  const [start, end] = scalar.range ?? [0, 0];
  const quoted = scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE';
  return quoted ? [start + 1, Math.max(start + 1, end - 1)] : [start, end];
}

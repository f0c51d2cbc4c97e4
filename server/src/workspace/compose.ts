// Compose files: `services.<name>.build.target`, with `build.context` and `build.dockerfile` relative to the
// compose file.
import { dirname } from 'node:path';
import { LineCounter, parseDocument, isMap, isScalar, type YAMLMap } from 'yaml';
import { dockerfilePath, type DiscoveredTarget } from './discovered';

export function composeTargets(text: string, file: string, origin: string): DiscoveredTarget[] {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines });
  const services = document.get('services');
  if (!isMap(services)) return [];
  const found: DiscoveredTarget[] = [];
  for (const pair of (services as YAMLMap).items) {
    const build = isMap(pair.value) ? (pair.value as YAMLMap).get('build', true) : undefined;
    if (!isMap(build)) continue;
    const target = build.get('target', true);
    if (!isScalar(target) || typeof target.value !== 'string') continue;
    const context = build.get('context');
    const dockerfile = build.get('dockerfile');
    found.push({
      dockerfile: dockerfilePath(dirname(file), typeof context === 'string' ? context : undefined, typeof dockerfile === 'string' ? dockerfile : undefined),
      target: target.value,
      origin: `${origin}:${lines.linePos(target.range?.[0] ?? 0).line}`,
    });
  }
  return found;
}

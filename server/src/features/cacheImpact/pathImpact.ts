// Which instructions a change to one path of the build context invalidates, and what re-runs after them.
import type { StageModel } from '../../analysis/model';
import { IgnoreMatcher } from '../../analysis/dockerignorePatterns';
import { contextPath, contextReads, type ContextRead } from './contextReads';
import { rerunsFrom, type StageRerun } from './reruns';

export interface PathImpact {
  /** The instruction that reads the changed path and misses the cache first. */
  readonly read: ContextRead;
  /** It may not read the path: one of its sources is unknown here, or a pattern not read here. */
  readonly possible: boolean;
  readonly reruns: readonly StageRerun[];
}

/**
 * What a change to `path` (a file or directory of the context, relative to its root) re-runs, per instruction
 * that reads it. Nothing for a path the .dockerignore excludes: BuildKit never sends it (dockerui/config.go,
 * llb.ExcludePatterns). `dockerignore` undefined: none is known, every path is sent.
 */
export function impactOfPath(model: StageModel, path: string, dockerignore?: readonly string[]): PathImpact[] {
  const changed = contextPath(path);
  const sent = isSent(changed, dockerignore);
  if (sent === 'none') return [];
  const impacts: PathImpact[] = [];
  for (const read of contextReads(model)) {
    const overlap = [sent, read.paths.map((source) => overlaps(source, changed)).reduce(strongest, read.unknown ? 'possible' : 'none')].reduce(weakest);
    if (overlap === 'none') continue;
    impacts.push({ read, possible: overlap === 'possible', reruns: rerunsFrom(model, read.stage.index, read.instruction.range.start.line) });
  }
  return impacts;
}

type Overlap = 'certain' | 'possible' | 'none';

/**
 * Whether BuildKit sends the path with the context. A .dockerignore not read here (IgnoreMatcher.of: `[`, `\`),
 * or one that re-includes (`!`) what may lie under an excluded path, leaves it possible.
 */
function isSent(path: string, dockerignore: readonly string[] | undefined): Overlap {
  if (!dockerignore || dockerignore.length === 0 || path === '.') return 'certain';
  const matcher = IgnoreMatcher.of(dockerignore);
  if (!matcher) return 'possible';
  if (!matcher.matchesOrParentMatches(path)) return 'certain';
  return matcher.hasExclusions ? 'possible' : 'none';
}

function weakest(a: Overlap, b: Overlap): Overlap {
  return a === 'none' || b === 'none' ? 'none' : a === 'possible' || b === 'possible' ? 'possible' : 'certain';
}

function strongest(a: Overlap, b: Overlap): Overlap {
  return a === 'certain' || b === 'certain' ? 'certain' : a === 'possible' || b === 'possible' ? 'possible' : 'none';
}

/**
 * Whether a source (a path or a wildcard, as COPY takes it: `*` and `?` within one path element) takes in the
 * changed path, or some of what lies under it: element by element, as far as the shorter one goes.
 */
export function overlaps(source: string, changed: string): Overlap {
  if (source === '.' || changed === '.') return 'certain';
  const sourceParts = source.split('/');
  const changedParts = changed.split('/');
  let result: Overlap = 'certain';
  for (let i = 0; i < Math.min(sourceParts.length, changedParts.length); i++) {
    const part = sourceParts[i];
    if (/[[\\]/.test(part)) result = 'possible';
    else if (!elementPattern(part).test(changedParts[i])) return 'none';
  }
  return result;
}

/** One path element of a wildcard as Go's path.Match reads it (`[` classes and escapes aside). */
function elementPattern(part: string): RegExp {
  const body = part.replace(/[.+^${}()|]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  return new RegExp(`^${body}$`);
}

// "Did you mean": which stage names a misspelled reference is close to.
import type { Stage } from '../../analysis/model';

/** Optimal string alignment distance: Levenshtein plus adjacent transpositions (`buidler` → `builder` is 1). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * BuildKit's own "did you mean" (util/suggest, Search with caseSensitive): the first option in order whose
 * plain Levenshtein distance to the value is smallest and under 3.
 */
export function buildkitSuggestion(value: string, options: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const option of options) {
    if (option === value) return undefined;
    const distance = levenshtein(value, option);
    if (distance < bestDistance) {
      best = option;
      bestDistance = distance;
    }
  }
  return best;
}

/** Plain Levenshtein distance (no transpositions), as github.com/agext/levenshtein computes it for BuildKit. */
function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** At most one edit for names up to 5 characters, two up to 11, three beyond: a typo, not another word. */
function maxDistance(length: number): number {
  return length <= 5 ? 1 : length <= 11 ? 2 : 3;
}

/**
 * Stage names the text is probably a typo of, best first: a small edit distance relative to the length, or
 * (with `byPart`) the text equals one `-`/`_`/`.`-separated part of exactly one stage name (`set` for
 * `license-set`).
 */
export function closeStageNames(text: string, stages: readonly Stage[], byPart: boolean): string[] {
  const wanted = text.toLowerCase();
  const names = [...new Set(stages.map((s) => s.normalizedName).filter((n): n is string => n !== undefined && n !== wanted))];
  const scored = names
    .map((name) => ({ name, distance: editDistance(wanted, name) }))
    .filter(({ name, distance }) => distance <= maxDistance(Math.max(wanted.length, name.length)) && distance < wanted.length);
  scored.sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name));
  const result = scored.map((s) => s.name);
  if (byPart) {
    const containing = names.filter((name) => name.split(/[-_.]/).includes(wanted));
    if (containing.length === 1 && !result.includes(containing[0])) result.push(containing[0]);
  }
  return result;
}

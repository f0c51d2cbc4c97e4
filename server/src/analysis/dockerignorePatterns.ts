// A .dockerignore as BuildKit reads and matches it, for CopyIgnoredFile: moby/patternmatcher as vendored in
// BuildKit 73ed682 (ignorefile.ReadAll reads the file; New, Pattern.compile and MatchesOrParentMatches match),
// on Linux paths. Pure: the file is read in workspace/dockerignore.ts.

const GO_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

/**
 * ignorefile.ReadAll: one pattern a line, `#` lines skipped, blanks trimmed, each cleaned, a leading `/` dropped,
 * `!` kept in front.
 */
export function readIgnoreFile(text: string): string[] {
  const patterns: string[] = [];
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) {
    if (line.replace(/\r$/, '').startsWith('#')) continue;
    let pattern = line.replace(/\r$/, '').replace(GO_SPACE, '');
    if (pattern === '') continue;
    const invert = pattern[0] === '!';
    if (invert) pattern = pattern.slice(1).replace(GO_SPACE, '');
    if (pattern.length > 0) {
      pattern = cleanPath(pattern);
      if (pattern.length > 1 && pattern[0] === '/') pattern = pattern.slice(1);
    }
    patterns.push(invert ? `!${pattern}` : pattern);
  }
  return patterns;
}

type Match = { kind: 'exact' | 'prefix' | 'suffix'; text: string } | { kind: 'regexp'; regexp: RegExp };

interface Pattern {
  readonly text: string;
  readonly exclusion: boolean;
  readonly match: Match;
}

/** The patterns of a .dockerignore, ready to match paths of the build context. */
export class IgnoreMatcher {
  private constructor(private readonly patterns: readonly Pattern[]) {}

  /**
   * PatternMatcher.New. Undefined for what is not read here: a pattern with `[` or `\` (character classes and
   * escapes, which Go's filepath.Match may reject and Go's regexp reads its own way), and `!` alone (BuildKit
   * rejects it: the build fails).
   */
  static of(patterns: readonly string[]): IgnoreMatcher | undefined {
    const compiled: Pattern[] = [];
    for (const raw of patterns) {
      let text = raw.replace(GO_SPACE, '');
      if (text === '') continue;
      text = cleanPath(text);
      const exclusion = text[0] === '!';
      if (exclusion) text = text.slice(1);
      if (text === '' || /[[\]\\]/.test(text)) return undefined;
      compiled.push({ text, exclusion, match: compile(text) });
    }
    return new IgnoreMatcher(compiled);
  }

  /** Some pattern re-includes what others exclude: BuildKit's check then says nothing (validateCopySourcePath). */
  get hasExclusions(): boolean {
    return this.patterns.some((pattern) => pattern.exclusion);
  }

  /** copySourceRootIgnored: a pattern that excludes every entry of the context root. */
  get ignoresRoot(): boolean {
    return this.patterns.some((pattern) => !pattern.exclusion && ['*', '**', '**/*'].includes(pattern.text));
  }

  /** MatchesOrParentMatches: the path, or one of the directories it is in, matches (and is not re-included). */
  matchesOrParentMatches(file: string): boolean {
    const parent = dirname(file);
    const parentDirs = parent.split('/');
    let matched = false;
    for (const pattern of this.patterns) {
      if (pattern.exclusion !== matched) continue;
      let match = matches(pattern.match, file);
      if (!match && parent !== '.') {
        for (let i = 0; i < parentDirs.length && !match; i++) match = matches(pattern.match, parentDirs.slice(0, i + 1).join('/'));
      }
      if (match) matched = !pattern.exclusion;
    }
    return matched;
  }
}

function matches(match: Match, path: string): boolean {
  switch (match.kind) {
    case 'exact':
      return path === match.text;
    case 'prefix':
      return path.startsWith(match.text.slice(0, -2));
    case 'suffix': {
      const suffix = match.text.slice(2);
      return path.endsWith(suffix) || (suffix[0] === '/' && path === suffix.slice(1));
    }
    case 'regexp':
      return match.regexp.test(path);
  }
}

/** Pattern.compile with `/` as separator: `*` and `?` stay within a directory, `**` crosses them. */
function compile(pattern: string): Match {
  let source = '^';
  let type: Match['kind'] = 'exact';
  const characters = [...pattern];
  for (let pos = 0, i = 0; pos < characters.length; i++) {
    const ch = characters[pos++];
    if (ch === '*') {
      if (characters[pos] === '*') {
        pos++;
        if (characters[pos] === '/') pos++;
        if (pos === characters.length) {
          if (type === 'exact') type = 'prefix';
          else {
            source += '.*';
            type = 'regexp';
          }
        } else {
          source += '(.*/)?';
          type = 'regexp';
        }
        if (i === 0) type = 'suffix';
      } else {
        source += '[^/]*';
        type = 'regexp';
      }
    } else if (ch === '?') {
      source += '[^/]';
      type = 'regexp';
    } else if ('.+()|{}$'.includes(ch)) {
      source += `\\${ch}`;
    } else {
      source += ch;
    }
  }
  return type === 'regexp' ? { kind: 'regexp', regexp: new RegExp(`${source}$`, 'u') } : { kind: type, text: pattern };
}

/** Go's path.Clean. */
export function cleanPath(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!rooted) parts.push('..');
    } else {
      parts.push(part);
    }
  }
  const joined = parts.join('/');
  return rooted ? `/${joined}` : joined || '.';
}

/** Go's path.Dir. */
function dirname(path: string): string {
  return cleanPath(path.slice(0, path.lastIndexOf('/') + 1));
}

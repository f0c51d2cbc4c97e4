// BuildKit's own tests of its word expansion (../shared/peer/buildkit-shell: envVarTest, wordsTest and the cases
// written in lex_test.go), run against analysis/shellLexer.ts: every case gives BuildKit's result, or fails where
// BuildKit fails. The Go cases are read from lex_test.go as it is (test/support/goLiterals.ts), not copied.
// Not run: envVarTest's Windows-only lines (`W`, which BuildKit runs on Windows only), TestGetEnv (it tests Go's
// environment list, which is this file's `environmentFrom`), and wordsTest's second pass (RawQuotes and
// SkipUnsetEnv), which reads the file a second time from its end in BuildKit and so checks no line.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { processWord, type ShellEnvironment } from '../../server/src/analysis/shellLexer';
import { convertShellPattern, reversePattern, reverseString } from '../../server/src/analysis/shellPattern';
import { GoReader, GoStruct, readStringLiteral, type GoValue } from '../support/goLiterals';
import { describeWithShared, PEER_DIR } from '../support/paths';

const SUITE = join(PEER_DIR, 'buildkit-shell');

/** BuildKit's EnvsFromSlice: `K=V` entries, a later one replacing an earlier one; `K` alone is set and empty. */
function environmentFrom(entries: Iterable<string>): ShellEnvironment {
  const values = new Map<string, string>();
  for (const entry of entries) {
    const equals = entry.indexOf('=');
    values.set(equals === -1 ? entry : entry.slice(0, equals), equals === -1 ? '' : entry.slice(equals + 1));
  }
  return { get: (name) => values.get(name) };
}

function read(name: string): string {
  return readFileSync(join(SUITE, name), 'utf8');
}

/** The source of one Go function of lex_test.go. */
function goFunction(source: string, name: string): string {
  const start = source.indexOf(`func ${name}(`);
  assert.notEqual(start, -1, `lex_test.go has no ${name}`);
  const end = source.indexOf('\nfunc ', start + 1);
  return source.slice(start, end === -1 ? undefined : end);
}

/** The string literal right after `prefix` in `text`. */
function stringAfter(text: string, prefix: string): string {
  const at = text.indexOf(prefix);
  assert.notEqual(at, -1, `no ${prefix}`);
  return readStringLiteral(text.slice(at + prefix.length).trimStart())!.value;
}

function lines(name: string): { text: string; number: number }[] {
  return read(name).split('\n').map((text, index) => ({ text, number: index + 1 }));
}

describeWithShared('peer', "BuildKit's expansion tests (buildkit-shell)", () => {
  const lexTest = read('lex_test.go');

  // envVarTest: `<platform>|<word>|<expansion or error>`, with the environment TestShellParser4EnvVars sets.
  const envVarSource = goFunction(lexTest, 'TestShellParser4EnvVars');
  const envVarEnvironment = environmentFrom(GoReader.literalAfter(envVarSource, 'EnvsFromSlice(') as string[]);
  for (const { text, number } of lines('envVarTest')) {
    if (text.startsWith('#') || text.trim() === '') continue;
    const fields = text.trim().split('|');
    assert.equal(fields.length, 3, `envVarTest:${number}`);
    const [platform, word, expected] = fields.map((field) => field.trim());
    if (platform === 'W') continue;
    it(`envVarTest:${number} ${word}`, () => {
      const result = processWord(word, envVarEnvironment);
      if (expected === 'error') assert.ok(result.error, `BuildKit refuses ${word}; we gave ${JSON.stringify(result.value)}`);
      else assert.equal(result.value, expected, result.error);
    });
  }

  // wordsTest: `ENV K=V` lines add to the environment; `<word> | <w1>,<w2>,...` the words processWords makes.
  const wordsEnvironment: string[] = [];
  for (const { text, number } of lines('wordsTest')) {
    if (text.startsWith('#') || text === '') continue;
    if (text.startsWith('ENV ')) {
      wordsEnvironment.push(text.slice(3).replace(/^ +/, ''));
      continue;
    }
    const fields = text.split('|');
    assert.equal(fields.length, 2, `wordsTest:${number}`);
    const environment = environmentFrom([...wordsEnvironment]);
    const word = fields[0].trim();
    const expected = fields[1].replace(/^ +/, '').split(',');
    it(`wordsTest:${number} ${word}`, () => {
      const result = processWord(word, environment);
      assert.deepEqual(result.error ? ['error'] : result.words, expected);
    });
  }

  // TestProcessWithMatches: the expansion, and which variables it found set and not set.
  const matchesSource = goFunction(lexTest, 'TestProcessWithMatches');
  const tableStart = matchesSource.indexOf('}{', matchesSource.indexOf('tc := []struct')) + 1;
  const table = new GoReader(matchesSource.slice(tableStart)).value() as GoValue[];
  for (const entry of table as GoStruct[]) {
    const input = entry.string('input')!;
    it(`TestProcessWithMatches ${input}`, () => {
      const result = processWord(input, { get: (name) => entry.map('envs').get(name) });
      if (entry.fields.get('expectedErr') === true) {
        assert.ok(result.error, `BuildKit refuses ${input}; we gave ${JSON.stringify(result.value)}`);
        return;
      }
      assert.equal(result.value, entry.string('expected') ?? '', result.error);
      assert.deepEqual([...result.matched].sort(), entry.keys('matches').sort(), 'matched');
      assert.deepEqual([...result.unmatched].sort(), entry.keys('unmatched').sort(), 'unmatched');
    });
  }

  // TestShellParserMandatoryEnvVars: `${VAR:?m}` / `${VAR?m}` with VAR set, empty and unset.
  const mandatory = goFunction(lexTest, 'TestShellParserMandatoryEnvVars');
  const values = new Map<string, GoValue>();
  for (const match of mandatory.matchAll(/(\w+) := ((?:\[\]string)?[{"][^\n]*)/g)) values.set(match[1], new GoReader(match[2]).value());
  for (const [index, call] of mandatory.split('shlex.ProcessWord(').slice(1).entries()) {
    const [, wordName, envName] = /^(\w+), EnvsFromSlice\((\w+)\)\)/.exec(call)!;
    it(`TestShellParserMandatoryEnvVars #${index + 1} ${String(values.get(wordName))} with ${envName}`, () => {
      const result = processWord(values.get(wordName) as string, environmentFrom(values.get(envName) as string[]));
      if (call.includes('require.ErrorContains(')) assert.ok(result.error?.includes(stringAfter(call, 'require.ErrorContains(t, err,')), result.error);
      else assert.equal(result.value, call.includes('require.Empty(') ? '' : stringAfter(call, 'require.Equal(t,'), result.error);
    });
  }

  // TestProcessWithMatchesPlatform: a release file name built from the platform's variables.
  const platform = goFunction(lexTest, 'TestProcessWithMatchesPlatform');
  const constants = new Map([...platform.matchAll(/^\s*(\w+)\s*=\s*("[^\n]*")/gm)].map((m) => [m[1], readStringLiteral(m[2])!.value]));
  for (const [index, call] of platform.split('shlex.ProcessWordWithMatches(').slice(1).entries()) {
    const word = constants.get(/^(\w+)/.exec(call)![1])!;
    const environment = GoReader.literalAfter(call, 'envsFromMap(', constants) as Map<string, GoValue>;
    it(`TestProcessWithMatchesPlatform #${index + 1}`, () => {
      assert.equal(processWord(word, { get: (name) => environment.get(name) as string | undefined }).value, stringAfter(call, 'require.Equal(t,'));
    });
  }

  // The patterns of `${X#p}`, `${X%p}`, `${X/p/r}` as Go regular expressions, and the reversal `${X%p}` uses.
  const patternSource = goFunction(lexTest, 'TestConvertShellPatternToRegex');
  for (const [pattern, expected] of GoReader.literalAfter(patternSource, 'cases := ') as Map<string, string>) {
    it(`TestConvertShellPatternToRegex ${pattern}`, () => assert.equal(convertShellPattern(pattern, true, true).go, expected));
  }
  for (const pattern of GoReader.literalAfter(patternSource, 'invalid := ') as string[]) {
    it(`TestConvertShellPatternToRegex refuses ${pattern}`, () => assert.throws(() => convertShellPattern(pattern, true, true)));
  }
  for (const match of goFunction(lexTest, 'TestReverseString').matchAll(/require\.Equal\(t, ("[^"]*"), reverseString\(("[^"]*")\)\)/g)) {
    it(`TestReverseString ${match[2]}`, () => assert.equal(reverseString(readStringLiteral(match[2])!.value), readStringLiteral(match[1])!.value));
  }
  for (const [pattern, expected] of GoReader.literalAfter(goFunction(lexTest, 'TestReversePattern'), 'cases := ') as Map<string, string>) {
    it(`TestReversePattern ${pattern}`, () => assert.equal(reversePattern(pattern), expected));
  }
});

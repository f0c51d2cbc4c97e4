// Instructions read again as BuildKit's parser reads them (analysis/buildkitReading.ts), each row from
// BuildKit's parser code (parser.go, split_command.go, line_parsers.go at 73ed682).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, parseFile } from '../../server/src/analysis/parseFile';
import { reparse } from '../../server/src/analysis/incremental';
import { parseWords, splitCommand, splitWhitespace } from '../../server/src/analysis/buildkitWords';
import type { BuildkitReading } from '../../server/src/analysis/buildkitReading';
import { lines } from '../support/fixture';

/** The readings of every instruction after the first FROM, in order (undefined: not read). */
function readings(text: string): (BuildkitReading | undefined)[] {
  return analyze(text).stages.flatMap((stage) => [stage.fromReading, ...stage.instructions.map((instruction) => instruction.buildkit)]).slice(1);
}

describe('BuildKit reading: continuation lines', () => {
  it('joins continuation lines without the escape, dropping comment lines', () => {
    const [run] = readings(lines('FROM a', 'RUN echo a \\', '# a comment', '  && echo b'));
    assert.equal(run?.rest, 'echo a   && echo b');
    assert.equal(run?.emptyContinuation, undefined);
  });

  it('notes an empty continuation line on the line the continuation ends (NoEmptyContinuation)', () => {
    const [run, env] = readings(lines('FROM a', 'RUN echo a \\', '', '  && echo b', 'ENV A=1'));
    assert.deepEqual(run?.emptyContinuation, { start: { line: 3, character: 0 }, end: { line: 3, character: 11 } });
    assert.equal(env?.emptyContinuation, undefined);
  });

  it('follows the escape directive', () => {
    const [run] = readings(lines('# escape=`', 'FROM a', 'RUN echo a `', '   ', '  b'));
    assert.equal(run?.rest, 'echo a   b');
    assert.equal(run?.emptyContinuation?.start.line, 4);
  });

  it('ends the last instruction at the end of the file, continuation or not', () => {
    const [run] = readings('FROM a\nRUN a \\\n  \n');
    assert.equal(run?.emptyContinuation?.start.line, 2);
  });

  it('reads heredoc bodies as no continuation', () => {
    const [run, cmd] = readings(lines('FROM a', 'RUN <<EOF', 'echo \\', '', 'EOF', 'CMD x'));
    assert.equal(run?.rest, '<<EOF');
    assert.equal(run?.emptyContinuation, undefined);
    assert.equal(cmd?.rest, 'x');
  });

  it('reads nothing where a lone carriage return ends a line for dockerfile-ast but not for BuildKit', () => {
    assert.deepEqual(readings('FROM a\nRUN a \\\rb\n'), [undefined]);
  });
});

describe('BuildKit reading: keywords, flags and arguments', () => {
  it('keeps the keyword as written and splits the flags off', () => {
    const [copy] = readings(lines('FROM a', 'Copy --from=b --chmod="7 55" x /y'));
    assert.equal(copy?.written, 'Copy');
    assert.deepEqual(copy?.flags, ['--from=b', '--chmod=7 55']);
    assert.deepEqual(copy?.args, ['x', '/y']);
    assert.deepEqual(splitCommand('RUN -- --x', '\\'), { keyword: 'RUN', flags: [], rest: '--x' });
  });

  it('tells the JSON form from the shell form as parseJSON does', () => {
    const [json, shell, empty, numbers] = readings(lines('FROM a', 'CMD [ "a", \\', ' "b" ]', 'CMD ["a", \'b\']', 'CMD', 'CMD ["a", 1]'));
    assert.deepEqual([json?.json, json?.args], [true, ['a', 'b']]);
    assert.deepEqual([shell?.json, shell?.args], [false, [`["a", 'b']`]]);
    assert.deepEqual([empty?.json, empty?.args], [false, []]);
    assert.equal(numbers?.rejected, true);
  });

  it('reads ENV and LABEL key/value pairs, legacy or not', () => {
    const [legacy, pairs, quoted, lone, mixed] = readings(lines('FROM a', 'ENV A b c', 'LABEL a=1 "b c"=2', 'env X "y z"', 'ENV ONLY', 'ENV A=1 B 2'));
    // The values as written, quotes kept: dispatch expands them (dispatchSteps.ts).
    assert.deepEqual(legacy?.keyValues, [{ key: 'A', value: 'b c', legacy: true }]);
    assert.deepEqual(pairs?.keyValues, [{ key: 'a', value: '1', legacy: false }, { key: '"b c"', value: '2', legacy: false }]);
    assert.deepEqual(quoted?.keyValues, [{ key: 'X', value: '"y z"', legacy: true }]);
    assert.equal(lone?.rejected, true);
    assert.equal(mixed?.rejected, true);
  });

  it('reads ONBUILD triggers the same way', () => {
    const [onbuild] = readings(lines('FROM a', 'ONBUILD env A b'));
    assert.deepEqual(onbuild?.trigger?.keyValues, [{ key: 'A', value: 'b', legacy: true }]);
  });

  it('gives where the rest starts on a one-line instruction only', () => {
    const [expose, multi] = readings(lines('FROM a', '  EXPOSE   80/TCP  ', 'EXPOSE 80 \\', '  81'));
    assert.deepEqual(expose?.restStart, { line: 1, character: 11 });
    assert.equal(expose?.rest, '80/TCP');
    assert.equal(multi?.restStart, undefined);
  });

  it('splits words as parseWords does: quotes and escapes kept, Go white space', () => {
    assert.deepEqual(parseWords('a="b c" d\\ e \'f g\'', '\\'), ['a="b c"', 'd\\ e', "'f g'"]);
    assert.deepEqual(parseWords('a\u00a0b\u0085c\ufeffd', '\\'), ['a', 'b', 'c\ufeffd']);
    assert.deepEqual(splitWhitespace('a  b\tc', 2), ['a', 'b\tc']);
  });
});

describe('BuildKit reading: one per instruction, as plain data', () => {
  // Getters of each instruction's own put every instruction in V8's dictionary mode (instructionReading.ts).
  it('is read with the instruction, held as a data property, and kept for a stage an edit does not touch', () => {
    const before = lines('FROM a AS one', 'ENV A=$B', 'FROM b AS two', 'RUN x');
    const after = lines('FROM a AS one', 'ENV A=$B', 'FROM b AS two', 'RUN y');
    const parsed = parseFile(before);
    const env = parsed.stages[0].instructions[0];
    for (const key of ['buildkit', 'dispatch']) assert.ok(Object.getOwnPropertyDescriptor(env, key) && 'value' in Object.getOwnPropertyDescriptor(env, key)!, `${key} is data, no getter`);
    const reading = env.buildkit;
    assert.equal(reading?.rest, 'A=$B');
    assert.deepEqual(env.dispatch, [{ kind: 'env', pairs: [{ name: 'A', value: '$B' }] }]);
    const edited = reparse(parsed, before, after).parsed;
    assert.equal(edited.stages[0].instructions[0].buildkit, reading);
  });
});

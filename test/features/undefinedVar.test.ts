// UndefinedVar, BuildKit's check, on made-up Dockerfiles whose expected findings are what BuildKit's own frontend
// reported for them (the oracle of ../shared/tools/buildkit-oracle, `-mode check`, at 73ed682), once per name and
// word; and its split with ArgNotInScope. Where BuildKit's base image is a stub without ENV, the oracle
// also reports `$GOPATH` on `FROM golang` and `$VERSION` on `FROM alpine`: a real image may set them, so the rule
// does not (ArgNotInScope says "unless the base image sets VERSION").
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AnalyzedDocument } from '../../server/src/analysis/document';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { featureContext } from '../../server/src/features/featureContext';
import { lines } from '../support/fixture';

/** `line: code: message` of the diagnostics of these codes, 1-based lines. */
function diagnosed(text: string, codes = ['UndefinedVar']): string[] {
  return computeDiagnostics(featureContext(AnalyzedDocument.fromText(text)), {})
    .filter((d) => codes.includes(String(d.code)))
    .map((d) => `${d.range.start.line + 1}: ${codes.length > 1 ? `${d.code}: ` : ''}${d.message}`);
}

const undefinedVar = (name: string, suggestion?: string) => `Usage of undefined variable '$${name}'${suggestion ? ` (did you mean $${suggestion}?)` : ''}`;

describe('UndefinedVar', () => {
  it('reports what dispatch expands: ENV, COPY flags and paths, WORKDIR, USER, LABEL, VOLUME, ARG defaults, mount options', () => {
    const text = lines(
      'FROM scratch AS base',
      'ENV A=1 B=$A C="${A:-x}" D=\'$A\'',
      'COPY --chown=$UID --chmod=${MODE} src/$SRC ${DEST:-/d}/',
      'WORKDIR /w/${W#x}',
      'USER ${USR%%:*}',
      'LABEL $LK="${LV/a/b}"',
      'VOLUME ["/v/$VJ"]',
      'ARG Z=$ZZ',
      'RUN --mount=type=cache,target=/c$MT,id=${MID} echo $NOT_IN_SHELL_FORM',
      'CMD echo $NOT_EXPANDED',
    );
    assert.deepEqual(diagnosed(text), [
      `2: ${undefinedVar('A')}`, `2: ${undefinedVar('A')}`,
      `3: ${undefinedVar('UID', 'D')}`, `3: ${undefinedVar('MODE')}`, `3: ${undefinedVar('SRC', 'C')}`, `3: ${undefinedVar('DEST')}`,
      `4: ${undefinedVar('W', 'A')}`, `5: ${undefinedVar('USR')}`, `6: ${undefinedVar('LK', 'A')}`, `6: ${undefinedVar('LV', 'A')}`,
      `7: ${undefinedVar('VJ', 'A')}`, `8: ${undefinedVar('ZZ', 'A')}`, `9: ${undefinedVar('MT', 'A')}`, `9: ${undefinedVar('MID', 'D')}`,
    ]);
  });

  it('is reported once per name in each word that reads it, as BuildKit reports each word it expands', () => {
    const text = lines(
      'FROM scratch',
      'COPY $GOPATH/bin/air $GOPATH/bin/air',
      'ENV A=$FOO B=$FOO',
      'COPY $BAR$BAR /y',
      'LABEL a=$L b="$L"',
      'WORKDIR $V/$V',
    );
    assert.deepEqual(diagnosed(text), [
      `2: ${undefinedVar('GOPATH', 'PATH')}`, `2: ${undefinedVar('GOPATH', 'PATH')}`,
      `3: ${undefinedVar('FOO')}`, `3: ${undefinedVar('FOO')}`,
      `4: ${undefinedVar('BAR', 'A')}`,
      `5: ${undefinedVar('L', 'A')}`, `5: ${undefinedVar('L', 'A')}`,
      `6: ${undefinedVar('V', 'A')}`,
    ]);
  });

  it('knows what the stage declares, inherits and gets from global ARGs, and what BuildKit leaves out', () => {
    const text = lines(
      'ARG GLOBAL=g', 'ARG NODEF',
      'FROM scratch AS parent', 'ARG GLOBAL', 'ARG NODEF', 'ARG OWN=$GLOBAL-$NODEF-$TARGETARCH', 'ENV PE=1',
      'ONBUILD COPY $PE $OB1 /o/', 'ONBUILD ENV OBE=$OB2',
      'FROM parent AS child', 'COPY $OWN $PE $OBE $NODEF $1 $BUILDKIT_SBOM_SCAN_STAGE $HTTP_PROXY /c/',
    );
    assert.deepEqual(diagnosed(text), [
      `6: ${undefinedVar('TARGETARCH')}`,
      `10: ${undefinedVar('OB1', 'OWN')}`, `10: ${undefinedVar('OB2', 'OWN')}`,
      `11: ${undefinedVar('1', 'PE')}`, `11: ${undefinedVar('HTTP_PROXY')}`,
    ]);
  });

  it('suggests from the names set, the latest set first among equals, PATH included', () => {
    const text = lines('FROM scratch', 'ENV PAHT=1 HOME2=/h', 'COPY $PATH $PAHTH $HOM2 /d/', 'ENV ZZZ=1 AAA=2', 'COPY $AAB $ZZY /e/');
    assert.deepEqual(diagnosed(text), [
      `3: ${undefinedVar('PAHTH', 'PATH')}`, `3: ${undefinedVar('HOM2', 'HOME2')}`,
      `5: ${undefinedVar('AAB', 'AAA')}`, `5: ${undefinedVar('ZZY', 'ZZZ')}`,
    ]);
  });

  it('reads quotes, escapes, the escape directive, continuations and heredocs as BuildKit does', () => {
    assert.deepEqual(diagnosed(lines('# escape=`', 'FROM scratch', 'ENV A=1', 'COPY `$NOTVAR $REAL "q$Q" \'sq$SQ\' /d/', 'ENV M=a `', '  # a comment inside', '  N=$A$CONT')), [
      `4: ${undefinedVar('REAL')}`, `4: ${undefinedVar('Q', 'A')}`, `5: ${undefinedVar('CONT')}`,
    ]);
    const heredocs = lines('FROM scratch', 'COPY <<EOF /expanded', 'hello $HD1 "$HD2" \'$HD3\'', 'EOF', "COPY <<'EOF' /quoted", '$HQ', 'EOF', 'RUN <<EOF', 'echo $RH', 'EOF');
    assert.deepEqual(diagnosed(heredocs), [`2: ${undefinedVar('HD1')}`, `2: ${undefinedVar('HD2')}`, `2: ${undefinedVar('HD3')}`]);
  });

  it('stops where BuildKit stops: the first word it refuses', () => {
    assert.deepEqual(diagnosed(lines('FROM scratch', 'COPY $BEFORE /a/', 'COPY ${X:?must be set} $AFTER /b/', 'COPY $NEVER /c/')), [`2: ${undefinedVar('BEFORE')}`]);
  });

  it('says nothing in a stage built on an image, whose ENV may set the name', () => {
    const text = lines('FROM golang AS build', 'COPY $GOPATH /a/', 'FROM build AS test', 'COPY $JAVA_HOME /b/', 'FROM scratch', 'COPY --from=build $FROMIMG /c/');
    assert.deepEqual(diagnosed(text), [`6: ${undefinedVar('FROMIMG')}`]);
  });

  it('is silenced by # check=skip=UndefinedVar, for the file or the instruction below', () => {
    assert.deepEqual(diagnosed(lines('# check=skip=UndefinedVar', 'FROM scratch', 'COPY $SKIPPED /a/')), []);
    assert.deepEqual(diagnosed(lines('FROM scratch', '# check=skip=UndefinedVar', 'COPY $HERE /a/', 'COPY $THERE /b/')), [`4: ${undefinedVar('THERE')}`]);
  });

  it('spans the instruction, as BuildKit\'s location does, with its documentation link', () => {
    const [diagnostic] = computeDiagnostics(featureContext(AnalyzedDocument.fromText(lines('FROM scratch', 'COPY a \\', '  $X /d/'))), {});
    assert.deepEqual(diagnostic.range, { start: { line: 1, character: 0 }, end: { line: 2, character: 8 } });
    assert.equal(diagnostic.codeDescription?.href, 'https://docs.docker.com/go/dockerfile/rule/undefined-var/');
  });

  it('leaves to ArgNotInScope the uses BuildKit does not report, and takes the others: one finding per $X', () => {
    const text = lines('ARG VERSION=1', 'FROM scratch', 'COPY app-$VERSION /app', 'RUN echo $VERSION', 'FROM alpine', 'COPY app-$VERSION /app');
    assert.deepEqual(diagnosed(text, ['UndefinedVar', 'ArgNotInScope']), [
      `3: UndefinedVar: ${undefinedVar('VERSION')}`,
      '4: ArgNotInScope: ARG VERSION is declared before the first FROM (line 1), which makes it visible in FROM lines only, so $VERSION is empty here: declare `ARG VERSION` in this stage.',
      '6: ArgNotInScope: ARG VERSION is declared before the first FROM (line 1), which makes it visible in FROM lines only, so $VERSION is empty here unless the base image sets VERSION: declare `ARG VERSION` in this stage.',
    ]);
  });
});

// Variable scope as BuildKit decides it, row by row of docs/variables.md.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/analysis/parseFile';
import { lookupInFrom, lookupInStage, type VariableLookup } from '../../server/src/analysis/scope';
import { lines } from '../support/fixture';
import { valueText } from '../../server/src/features/valueText';
import { effectivePlatform } from '../../server/src/analysis/chain';

/** Where the chain of a lookup leads: `arg@1:7` (kind, stage, line), `global:2`, `automatic`. */
function chain(lookup: VariableLookup): string[] {
  return lookup.chain.map((origin) => {
    if (origin.kind === 'global-arg') return `global:${origin.arg.range.start.line + 1}`;
    if (origin.kind === 'automatic') return 'automatic';
    return `${origin.kind}@${origin.stage}:${origin.declaration.instructionLine + 1}`;
  });
}

describe('variable scope', () => {
  const file = analyze(lines(
    'ARG GO=1.22', //                   1
    'ARG REGISTRY', //                  2
    'FROM golang:${GO} AS build', //    3
    'RUN echo $GO', //                  4: global ARGs are visible in FROM only
    'ARG GO', //                        5: ... unless declared again in the stage
    'RUN echo $GO', //                  6
    'ARG V=2 W=${V}-x', //              7
    'ENV E=$V', //                      8
    'FROM build AS child', //           9: the child inherits ENV and ARGs
    'RUN echo $E $V $W', //            10
    'ARG V', //                        11: no default: keeps the inherited value
    'FROM alpine AS other', //         12
    'RUN echo $V $TARGETARCH', //      13
    'ARG TARGETARCH', //               14
    'ARG TARGETOS=linux', //           15
  ));

  it('sees global ARGs and the automatic ones in FROM lines only', () => {
    assert.deepEqual([chain(lookupInFrom(file, 'GO')), lookupInFrom(file, 'GO').value], [['global:1'], '1.22']);
    assert.deepEqual(chain(lookupInFrom(file, 'TARGETPLATFORM')), ['automatic']);
    assert.deepEqual(chain(lookupInFrom(file, 'NOPE')), []);
    assert.deepEqual(lookupInFrom(file, 'REGISTRY').value, undefined);
  });

  it('sees inside a stage only what the stage declares before the instruction', () => {
    assert.deepEqual(chain(lookupInStage(file, 0, 3, 'GO')), []);
    const declared = lookupInStage(file, 0, 5, 'GO');
    assert.deepEqual([chain(declared), declared.value], [['arg@0:5', 'global:1'], '1.22']);
  });

  it('expands defaults with what the stage sees, ARG and ENV alike', () => {
    assert.equal(lookupInStage(file, 0, 8, 'W').value, '2-x');
    assert.deepEqual([chain(lookupInStage(file, 0, 8, 'E')), lookupInStage(file, 0, 8, 'E').value], [['env@0:8'], '2']);
  });

  it('inherits ENV and ARGs through FROM <stage>; an ARG without default keeps the inherited value', () => {
    assert.deepEqual(chain(lookupInStage(file, 1, 9, 'E')), ['env@0:8']);
    assert.deepEqual(chain(lookupInStage(file, 1, 9, 'W')), ['arg@0:7']);
    const redeclared = lookupInStage(file, 1, 11, 'V');
    assert.deepEqual([chain(redeclared), redeclared.value], [['arg@1:11', 'arg@0:7'], '2']);
  });

  it('sees nothing of stages it is not built FROM, and the automatic ARGs only once declared', () => {
    const other = lookupInStage(file, 2, 12, 'V');
    assert.deepEqual([chain(other), other.fromBaseImage], [[], true]);
    assert.deepEqual(chain(lookupInStage(file, 2, 12, 'TARGETARCH')), []);
    assert.deepEqual(chain(lookupInStage(file, 2, 14, 'TARGETARCH')), ['arg@2:14', 'automatic']);
    // A default replaces what BuildKit would set (dispatchArg uses it unless a --build-arg is given).
    assert.deepEqual([chain(lookupInStage(file, 2, 15, 'TARGETOS')), lookupInStage(file, 2, 15, 'TARGETOS').value], [['arg@2:15'], 'linux']);
  });

  it('reads `ARG a b=2 c` as three ARGs, as BuildKit does', () => {
    const model = analyze(lines('ARG A B="x y" C', 'FROM scratch', 'ARG TARGETOS \\', '    TARGETARCH'));
    assert.deepEqual(model.globalArgs.map((a) => [a.name, a.defaultValue]), [['A', undefined], ['B', 'x y'], ['C', undefined]]);
    assert.deepEqual(model.stages[0].declarations.map((d) => d.name), ['TARGETOS', 'TARGETARCH']);
    assert.deepEqual(model.globalArgs[1].nameRange, { start: { line: 0, character: 6 }, end: { line: 0, character: 7 } });
  });

  it('says a value depends on the stage a FROM built from ARGs names, where a stage it may name sets it', () => {
    const model = analyze(lines(
      'ARG BASE', //                      1: no default: the build names the base
      'FROM --platform=linux/arm64 alpine AS a-base', // 2
      'ARG A=1', //                       3
      'ENV E=2', //                       4
      'FROM alpine AS b-base', //         5
      'FROM $BASE AS builder', //         6
      'ARG A', //                         7: no default: inherits a-base's A when built on it
      'RUN echo $A $E $Z', //             8
      'FROM builder AS child', //         9
    ));
    const e = lookupInStage(model, 2, 7, 'E');
    // Before, "not in scope" with the base image's E as the only possible value.
    assert.deepEqual([chain(e), e.possibleOrigins.map((o) => `${o.kind}@${o.stage}:${o.declaration.instructionLine + 1}`), e.value], [[], ['env@0:4'], undefined]);
    assert.deepEqual(valueText(e.evaluation), { kind: 'depends', text: 'depends on the E of the stage `$BASE` names: (empty) or `${E}`', values: undefined });
    assert.deepEqual(valueText(lookupInStage(model, 3, Infinity, 'E').evaluation), { kind: 'depends', text: 'depends on the E of the stage `$BASE` names: (empty) or `${E}`', values: undefined });
    // Before, `A (no default)` alone, as if nothing could give it a value but --build-arg.
    const a = lookupInStage(model, 2, 7, 'A');
    assert.deepEqual([chain(a), a.value, valueText(a.evaluation)], [['arg@2:7'], undefined, { kind: 'depends', text: 'depends on the A of the stage `$BASE` names: (empty) or `${A}`', values: undefined }]);
    // Set by no stage the FROM may name: what an image it may name sets, as on any image.
    const z = lookupInStage(model, 2, 7, 'Z');
    assert.deepEqual([z.possibleOrigins, valueText(z.evaluation)], [[], { kind: 'depends', text: "depends on the base image's Z: (empty) or `${Z}`", values: undefined }]);
    // A chain on an image has no possible origins.
    assert.deepEqual(lookupInStage(model, 1, Infinity, 'A').possibleOrigins, []);
    assert.deepEqual(effectivePlatform(model, model.stages[3])?.kind, 'depends');
    assert.deepEqual(effectivePlatform(model, model.stages[0]), { kind: 'flag', text: 'linux/arm64', stage: model.stages[0] });
    assert.deepEqual(effectivePlatform(model, model.stages[1]), { kind: 'target' });
  });
});

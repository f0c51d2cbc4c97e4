// The semantic equivalence checker for refactors. For a build target it flattens the chain of FROM parents
// (the parent's instructions, then the parent's ONBUILD triggers, then its own), replaces each stage reference
// by a fingerprint of the flattened stage it names, and ends with the root image and platform. Two Dockerfiles
// build a target alike when its fingerprints are equal.
import { createHash } from 'node:crypto';
import type { Stage, StageModel, StageReference } from '../../server/src/analysis/model';
import { analyze } from '../../server/src/analysis/parseFile';

export class Flattener {
  private readonly memo = new Map<number, string[]>();
  private readonly model: StageModel;
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    this.model = analyze(text);
    for (let i = 0; i < text.length; i++) {
      if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) this.lineStarts.push(i + 1);
    }
  }

  private offset(position: { line: number; character: number }): number {
    return this.lineStarts[position.line] + position.character;
  }

  /** The stages to compare: every named stage by name, and the default target (the last stage). */
  targets(): Map<string, number> {
    const targets = new Map<string, number>();
    for (const stage of this.model.stages) if (stage.normalizedName) targets.set(stage.normalizedName, this.bindTarget(stage.normalizedName));
    if (this.model.stages.length > 0) targets.set('(default)', this.model.stages.length - 1);
    return targets;
  }

  fingerprint(stage: number): string {
    return createHash('sha256').update(this.flatten(stage, []).join('\n')).digest('hex').slice(0, 16);
  }

  /** `--target name` binds to the last definition. */
  private bindTarget(name: string): number {
    const matches = this.model.stages.filter((s) => s.normalizedName === name);
    return matches[matches.length - 1].index;
  }

  private flatten(index: number, visiting: number[]): string[] {
    const cached = this.memo.get(index);
    if (cached) return cached;
    if (visiting.includes(index)) return ['<cycle>'];
    const stage = this.model.stages[index];
    const path = [...visiting, index];
    const base = this.model.baseReferences[index];
    const lines: string[] = [];
    if (base && base.resolution.kind === 'stage') {
      const parent = base.resolution.stage;
      lines.push(...this.flatten(parent, path));
      for (const trigger of this.model.stages[parent].instructions.filter((i) => i.keyword === 'ONBUILD')) {
        lines.push('TRIGGER ' + this.instructionText(parent, trigger.range, path).replace(/^ONBUILD\s+/i, ''));
      }
    } else {
      lines.push(`IMAGE ${stage.expandedBase ?? stage.base?.text ?? ''} PLATFORM ${stage.platform?.text ?? ''}`);
    }
    for (const instruction of stage.instructions) lines.push(this.instructionText(index, instruction.range, path));
    this.memo.set(index, lines);
    return lines;
  }

  /** The instruction's text, each stage reference in it replaced by what that stage is, lines trimmed. */
  private instructionText(stageIndex: number, range: Stage['range'], path: number[]): string {
    const start = this.offset(range.start);
    const end = this.offset(range.end);
    const inside = this.model.references.filter((r) => r.inStage === stageIndex && r.kind !== 'from'
      && this.offset(r.range.start) >= start && this.offset(r.range.end) <= end);
    let text = '';
    let at = start;
    for (const reference of inside) {
      const from = this.offset(reference.range.start);
      text += this.text.slice(at, from) + this.referenceFingerprint(reference, path);
      at = this.offset(reference.range.end);
    }
    text += this.text.slice(at, end);
    return text.split(/\r?\n/).map((line) => line.trimEnd()).join('\n');
  }

  private referenceFingerprint(reference: StageReference, path: number[]): string {
    const { resolution } = reference;
    // Any index past the last stage fails the build alike, whatever the number.
    if (resolution.kind === 'index-out-of-range') return '<index-out-of-range>';
    if (resolution.kind !== 'stage') return `<${resolution.kind}:${reference.text.toLowerCase()}>`;
    const flattened = this.flatten(resolution.stage, path);
    return `<stage:${createHash('sha256').update(flattened.join('\n')).digest('hex').slice(0, 16)}>`;
  }
}

/**
 * The targets whose builds differ between the two texts. Every target of `before` must exist in `after`,
 * except those a refactor removes on purpose (inlining a stage removes its name).
 */
export function differingTargets(before: string, after: string, removed: readonly string[] = []): string[] {
  const old = flattenerOf(before);
  const next = new Flattener(after);
  const nextTargets = next.targets();
  const differing: string[] = [];
  for (const [name, index] of old.targets()) {
    if (removed.includes(name)) continue;
    const counterpart = nextTargets.get(name);
    if (counterpart === undefined || old.fingerprint(index) !== next.fingerprint(counterpart)) differing.push(name);
  }
  return differing;
}

/** The last text compared from: the refactor tests compare one text with each of many edits of it, flattened once. */
let lastBefore: Flattener | undefined;

function flattenerOf(text: string): Flattener {
  if (lastBefore?.text !== text) lastBefore = new Flattener(text);
  return lastBefore;
}

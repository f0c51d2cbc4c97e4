// One document version's analysis: its text, the parse and assembly it came from, the stage model, and which
// stages the configured targets build (computed on first use, once per set of targets).
import type { StageModel } from './model';
import { parseFile } from './parseFile';
import { assemble, type Assembled } from './assemble';
import { reparse } from './incremental';
import { buildWideStages, reachability, type BuildTarget, type Reachability } from './graph';

export class AnalyzedDocument {
  private reachabilityCache?: { key: string; value: Reachability };

  private constructor(readonly text: string, private readonly assembled: Assembled) {}

  get model(): StageModel {
    return this.assembled.model;
  }

  static fromText(text: string, version = 0): AnalyzedDocument {
    return new AnalyzedDocument(text, assemble(parseFile(text), version));
  }

  /** The next version's analysis, re-parsing and re-resolving only the stages the edit touched. */
  update(text: string, version: number): AnalyzedDocument {
    const { parsed, moved } = reparse(this.assembled.parsed, this.text, text);
    const next = new AnalyzedDocument(text, assemble(parsed, version, this.assembled, moved));
    // The same edges and names (assemble keeps the edges only then): the targets reach the same stages.
    if (next.model.edges === this.model.edges) next.reachabilityCache = this.reachabilityCache;
    return next;
  }

  reachability(targets: readonly BuildTarget[]): Reachability {
    const key = JSON.stringify(targets);
    if (this.reachabilityCache?.key !== key) {
      this.reachabilityCache = { key, value: reachability(this.model.stages, this.model.edges, targets, buildWideStages(this.model.references), this.model.references) };
    }
    return this.reachabilityCache.value;
  }
}

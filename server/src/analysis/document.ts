// One document version's analysis: the stage model, and which stages the configured targets build (computed
// on first use, once per set of targets).
import type { StageModel } from './model';
import { analyze } from './analyze';
import { reachability, type BuildTarget, type Reachability } from './graph';

export class AnalyzedDocument {
  private reachabilityCache?: { key: string; value: Reachability };

  constructor(readonly model: StageModel) {}

  static fromText(text: string, version = 0): AnalyzedDocument {
    return new AnalyzedDocument(analyze(text, version));
  }

  reachability(targets: readonly BuildTarget[]): Reachability {
    const key = JSON.stringify(targets);
    if (this.reachabilityCache?.key !== key) {
      this.reachabilityCache = { key, value: reachability(this.model.stages, this.model.edges, targets) };
    }
    return this.reachabilityCache.value;
  }
}

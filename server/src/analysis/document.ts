// One document version's analysis: its text, the parse it came from, the stage model, and which stages the
// configured targets build (computed on first use, once per set of targets).
import type { StageModel } from './model';
import { assemble, parseFile } from './analyze';
import { reparse } from './incremental';
import { reachability, type BuildTarget, type Reachability } from './graph';
import type { ParsedFile } from './stages';

export class AnalyzedDocument {
  private reachabilityCache?: { key: string; value: Reachability };
  readonly model: StageModel;

  private constructor(readonly text: string, private readonly parsed: ParsedFile, version: number) {
    this.model = assemble(parsed, version);
  }

  static fromText(text: string, version = 0): AnalyzedDocument {
    return new AnalyzedDocument(text, parseFile(text), version);
  }

  /** The next version's analysis, re-parsing only the stages the edit touched. */
  update(text: string, version: number): AnalyzedDocument {
    return new AnalyzedDocument(text, reparse(this.parsed, this.text, text), version);
  }

  reachability(targets: readonly BuildTarget[]): Reachability {
    const key = JSON.stringify(targets);
    if (this.reachabilityCache?.key !== key) {
      this.reachabilityCache = { key, value: reachability(this.model.stages, this.model.edges, targets) };
    }
    return this.reachabilityCache.value;
  }
}

// What every feature is given: one document version's text and model, and which stages the targets reach.
import type { StageModel } from '../analysis/model';
import { stagesMatchingTarget, type BuildTarget, type Reachability } from '../analysis/graph';
import type { AnalyzedDocument } from '../analysis/document';
import type { BuildContextListing } from '../analysis/buildContext';

export interface FeatureContext {
  /** The document's text, for refactors that move lines; features never parse it. */
  readonly text: string;
  readonly model: StageModel;
  readonly reachability: Reachability;
  /** The patterns of the .dockerignore that applies to its builds (workspace/dockerignore.ts); undefined when unknown. */
  readonly dockerignore?: readonly string[];
  /** What the build context holds that may ship (workspace/buildContext.ts); undefined unless the whole context was listed. */
  readonly buildContext?: BuildContextListing;
}

export function featureContext(document: AnalyzedDocument, targets: readonly BuildTarget[] = [], dockerignore?: readonly string[], buildContext?: BuildContextListing): FeatureContext {
  const { model } = document;
  const applying = targets.filter((target) => !target.ifStageExists || stagesMatchingTarget(model.stages, target.name).length > 0);
  return { text: document.text, model, reachability: document.reachability(applying), dockerignore, buildContext };
}

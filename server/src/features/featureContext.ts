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
  /** Reads a file of its build context (workspace/buildContextFiles.ts); undefined without a workspace. */
  readonly contextFile?: ContextFileText;
}

/**
 * A file's text by its path from the build context's root ('/'-separated, no `..`); undefined where it is not
 * there or cannot be read. Called only where a rule needs one file (a Node install's package.json).
 */
export type ContextFileText = (path: string) => string | undefined;

/** What the workspace layer knows of a Dockerfile's build context (each undefined when unknown). */
export type BuildContextKnowledge = Pick<FeatureContext, 'dockerignore' | 'buildContext' | 'contextFile'>;

export function featureContext(document: AnalyzedDocument, targets: readonly BuildTarget[] = [], context: BuildContextKnowledge = {}): FeatureContext {
  const { model } = document;
  const applying = targets.filter((target) => !target.ifStageExists || stagesMatchingTarget(model.stages, target.name).length > 0);
  return { text: document.text, model, reachability: document.reachability(applying), ...context };
}

// What every feature is given: one document version's model and which stages the build targets reach.
import type { StageModel } from '../analysis/model';
import type { Reachability } from '../analysis/graph';

export interface FeatureContext {
  readonly model: StageModel;
  readonly reachability: Reachability;
}

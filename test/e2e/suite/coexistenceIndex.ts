// The `extensionTestsPath` module of the coexistence runs (test/e2e/coexistence.sh): ours beside the incumbent.
import { runFiles } from './mochaRun';

export function run(): Promise<void> {
  return runFiles('coexistence.e2e.js');
}

// Runs inside the real VS Code extension host (the `extensionTestsPath` module): the stage and build-file suites.
import { runFiles } from './mochaRun';

export function run(): Promise<void> {
  return runFiles('stages.e2e.js', 'buildFiles.e2e.js');
}

// Runs inside the real VS Code extension host (the `extensionTestsPath` module): mocha over the stage suite.
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 30000, color: false, reporter: 'spec' });
  mocha.addFile(path.join(__dirname, 'stages.e2e.js'));
  mocha.addFile(path.join(__dirname, 'buildFiles.e2e.js'));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      // A plain closing line that CI reads, whatever the reporter printed before it.
      console.log(`e2e: ${runner.stats?.passes ?? 0} passed, ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} end-to-end tests failed`));
      else resolve();
    });
  });
}

// Runs mocha files inside the real VS Code extension host and ends with the line CI reads.
import * as path from 'node:path';
import Mocha from 'mocha';

export function runFiles(...files: string[]): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 30000, color: false, reporter: 'spec' });
  for (const file of files) mocha.addFile(path.join(__dirname, file));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      // A plain closing line that CI reads, whatever the reporter printed before it.
      console.log(`e2e: ${runner.stats?.passes ?? 0} passed, ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} end-to-end tests failed`));
      else resolve();
    });
  });
}

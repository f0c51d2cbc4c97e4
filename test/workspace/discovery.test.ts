// TargetDiscovery: when the workspace is scanned. The server asks for a scan as soon as it is initialized and
// again once the settings are read: the same folders must not be read twice, even while the first scan runs.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { TargetDiscovery } from '../../server/src/workspace/discovery';

describe('TargetDiscovery', () => {
  it('scans once when the same folders are configured while the first scan is under way', async () => {
    const root = mkdtempSync(join(tmpdir(), 'dockerfile-stages-discovery-'));
    try {
      writeFileSync(join(root, 'compose.yaml'), 'services:\n  app:\n    build:\n      context: .\n      target: release\n');
      const scans: string[] = [];
      const discovery = new TargetDiscovery(() => undefined, (message) => scans.push(message));
      await Promise.all([discovery.configure([{ root, excluded: [] }]), discovery.configure([{ root, excluded: [] }])]);
      assert.deepEqual(scans.map((message) => message.replace(/in \d+ ms/, 'in N ms')), ['Looking for build targets in 1 workspace folder(s).', 'Found 1 build target in 1 workspace folder(s) in N ms.']);
      assert.equal(discovery.firstScanDone, true);
      await discovery.configure([{ root, excluded: ['**/compose.yaml'] }]);
      assert.equal(scans.length, 4, 'new excluded globs scan again');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

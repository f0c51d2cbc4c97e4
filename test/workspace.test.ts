// Build targets discovered in a workspace (test/fixtures/workspace): bake with inherits and contexts, compose
// with context and dockerfile, devcontainer, a workflow, a Makefile; ignored folders are not read.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { scanWorkspace } from '../server/src/workspace/scanner';
import { REPO_ROOT } from './support/paths';

const WORKSPACE = join(REPO_ROOT, 'test', 'fixtures', 'workspace');

describe('workspace targets', () => {
  it('finds every target with the Dockerfile it builds and where it is said', async () => {
    const { targets, capped } = await scanWorkspace(WORKSPACE);
    assert.equal(capped, undefined);
    const found = targets.map((t) => `${t.target} ${t.dockerfile.slice(WORKSPACE.length + 1)} ${t.origin}`);
    assert.deepEqual(found, [
      'devc app/Dockerfile .devcontainer/devcontainer.json:7',
      'ci app/Dockerfile .github/workflows/ci.yml:10',
      'scripted app/Dockerfile .github/workflows/ci.yml:13',
      'make-target app/Dockerfile Makefile:2',
      'dev app/Dockerfile compose.yaml:5',
      'test app/Dockerfile docker-bake.hcl:16',
      'lint app/Dockerfile docker-bake.hcl:21',
      'compose-yml app/Dockerfile docker-compose.ci.yml:6',
    ]);
  });
});

// `dockerfileStages/ships`: what a target's image holds, answered for an open Dockerfile.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from '../support/lspClient';
import { lines } from '../support/fixture';

describe('dockerfileStages/ships', () => {
  it('answers the default target\'s report, a named target\'s, and null for a target that names no stage', async () => {
    const client = await LspClient.start({});
    try {
      const uri = 'file:///ships/Dockerfile';
      await client.open(uri, lines('FROM golang AS build', 'RUN go build -o /out/app .', 'FROM alpine', 'COPY --from=build /out/app /app'));
      const report = await client.request<{ target: string; base: { image: string }; steps: { line: number; source: { kind: string; paths: { path: string; from: { line: number; relation: string }[] }[] } }[] }>('dockerfileStages/ships', { textDocument: { uri } });
      assert.equal(report.target, '#1 (unnamed)');
      assert.equal(report.base.image, 'alpine');
      assert.deepEqual(report.steps.map((step) => [step.line, step.source.kind]), [[4, 'stage']]);
      assert.deepEqual(report.steps[0].source.paths.map((path) => [path.path, path.from.map((from) => [from.line, from.relation])]), [['/out/app', [[2, 'made']]]]);
      const build = await client.request<{ target: string; steps: unknown[] }>('dockerfileStages/ships', { textDocument: { uri }, target: 'BUILD' });
      assert.equal(build.target, 'build');
      assert.equal(await client.request('dockerfileStages/ships', { textDocument: { uri }, target: 'nope' }), null);
    } finally {
      await client.stop();
    }
  });
});

// The e2e setup runs npm inside `npm test`: the outer npm's configuration must not reach it, except how the
// machine reaches the registry (npm-env.sh).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from '../support/paths';

/** Runs a bash script after npm-env.sh, in the environment an outer `npm test` under another Node exports. */
function afterNpmEnv(script: string): string {
  const outer = {
    npm_config_user_agent: 'npm/10.8.2 node/v18.0.0 linux x64 workspaces/false',
    npm_config_local_prefix: '/nonexistent/outer-project',
    npm_config_node_gyp: '/nonexistent/node-gyp.js',
    npm_execpath: '/nonexistent/npm-cli.js',
    npm_lifecycle_event: 'test',
    NODE: '/nonexistent/node',
    INIT_CWD: '/nonexistent',
    npm_config_cafile: '/etc/ssl/certs/proxy-ca.crt',
    npm_config_registry: 'https://registry.example/',
    npm_config_https_proxy: 'http://proxy.example:3128',
  };
  // This test itself may run under npm: only the variables above, not the running npm's own.
  const own = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/.test(name)));
  const env = { ...own, ...outer, PATH: `${dirname(process.execPath)}:${process.env.PATH}` };
  const result = spawnSync('bash', ['-c', `source "${join(REPO_ROOT, 'test', 'e2e', 'npm-env.sh')}" && ${script}`], { env, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

describe('e2e setup: npm inside npm test', () => {
  it('leaves none of the outer npm variables to the nested npm but how it reaches the registry', () => {
    const names = afterNpmEnv('env').split('\n').map((line) => line.slice(0, line.indexOf('=')));
    assert.deepEqual(names.filter((name) => /^(npm_|NODE$|INIT_CWD$)/.test(name)).sort(),
      ['npm_config_cafile', 'npm_config_https_proxy', 'npm_config_registry']);
  });

  it('gives a nested install script the Node version on PATH, as code-server\'s postinstall reads it', () => {
    const project = mkdtempSync(join(tmpdir(), 'dockerfile-stages-npm-env-'));
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'probe', version: '1.0.0', scripts: { probe: 'echo "$npm_config_user_agent"; pwd' } }));
    const [userAgent, prefix] = afterNpmEnv(`cd "${project}" && npm run --silent probe`).trim().split('\n');
    assert.match(userAgent, new RegExp(`node/${process.version.replace(/\./g, '\\.')} `));
    assert.equal(prefix, project);
  });
});

// Docker's image reference grammar (analysis/imageReference.ts) against what reference.ParseNormalizedNamed, as
// BuildKit 73ed682 vendors it, answers for the same names (recorded from the Go code; "" = valid).
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { imageReferenceError } from '../../server/src/analysis/imageReference';

const HEX64 = '0123456789abcdef'.repeat(4);

const GO_ANSWERS: readonly [string, string][] = [
  ['alpine', ''],
  ['alpine:3.20', ''],
  ['localhost:5000/team/app:1', ''],
  ['Registry.example.com/team/app', ''],
  ['index.docker.io/library/alpine', ''],
  ['[::1]:5000/app', ''],
  ['app__x', ''],
  ['a-b--c.d_e', ''],
  [`app@sha256:${HEX64}`, ''],
  ['a'.repeat(247), ''],
  ['MyImage:1.0', 'invalid reference format: repository name (library/MyImage) must be lowercase'],
  ['registry.example.com/Team/app', 'invalid reference format: repository name (Team/app) must be lowercase'],
  ['app@SHA256:0123456789abcdef0123456789abcdef', 'invalid reference format: repository name (library/app@SHA256) must be lowercase'],
  ['alpine:', 'invalid reference format'],
  ['alpine@sha256:abc', 'invalid reference format'],
  ['app:bad:tag', 'invalid reference format'],
  ['app___x', 'invalid reference format'],
  ['ghcr.io/org/:1', 'invalid reference format'],
  ['app:.x', 'invalid reference format'],
  ['app/', 'invalid reference format'],
  ['', 'invalid reference format'],
  ['example.com:x/app', 'invalid reference format'],
  ['a'.repeat(248), 'repository name must not be more than 255 characters'],
  [HEX64, `invalid repository name (${HEX64}), cannot specify 64-byte hexadecimal strings`],
  [`app@sha256:${HEX64.toUpperCase()}`, 'invalid checksum digest format'],
  ['app@sha256:0123456789abcdef0123456789abcdef', 'invalid checksum digest length'],
  ['app@md5:0123456789abcdef0123456789abcdef', 'unsupported digest algorithm'],
];

it('rejects what docker\'s reference parser rejects, with its message', () => {
  assert.deepEqual(GO_ANSWERS.map(([name]) => [name, imageReferenceError(name) ?? '']), GO_ANSWERS);
});

// ContextShipsSecrets (features/diagnostics/contextSecretsRules.ts): `COPY . …` into the image while the listed
// build context holds `.git` or credential files the .dockerignore does not exclude; the listing is made up here
// (workspace/buildContext.ts reads it from disk, tested in test/buildContext.test.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, lines } from '../support/fixture';
import { AnalyzedDocument } from '../../server/src/analysis/document';
import { featureContext } from '../../server/src/features/featureContext';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import type { BuildContextListing } from '../../server/src/analysis/buildContext';

const SENSITIVE = ['.git', '.env', 'config/.npmrc', 'deploy/id_rsa'];

function found(marked: string, listing: BuildContextListing | undefined) {
  const fx = fixture(marked);
  const diagnostics = computeDiagnostics(featureContext(AnalyzedDocument.fromText(fx.text), [], { buildContext: listing }), {}).filter((d) => d.code === 'ContextShipsSecrets');
  assert.deepEqual(diagnostics.map((d) => d.range), fx.ranges, fx.text);
  return diagnostics;
}

describe('ContextShipsSecrets', () => {
  it('COPY . and ADD . into the image name the files the .dockerignore does not exclude', () => {
    const [copy, add] = found(lines('FROM node:20', 'WORKDIR /app', 'COPY [[.]] .', 'ADD [[./]] /srv/'), { sensitive: SENSITIVE, dockerignore: ['.git', '**/id_rsa'] });
    assert.equal(copy.severity, 2);
    assert.equal(copy.message, 'COPY . puts the whole build context in the image, with .env, config/.npmrc, which no .dockerignore excludes');
    assert.equal(add.message, 'ADD ./ puts the whole build context in the image, with .env, config/.npmrc, which no .dockerignore excludes');
  });

  it('a folder the .dockerignore excludes takes its files with it, and a re-included file counts again', () => {
    found(lines('FROM alpine', 'COPY . /src'), { sensitive: ['.git', 'config/.npmrc'], dockerignore: ['.git', 'config'] });
    const [hit] = found(lines('FROM alpine', 'COPY [[.]] /src'), { sensitive: ['.git', 'config/.npmrc'], dockerignore: ['.git', 'config', '!config/.npmrc'] });
    assert.match(hit.message, /with config\/\.npmrc, which/);
  });

  it('COPY --exclude takes files out too; a quoted or variable pattern is not read', () => {
    found(lines('FROM alpine', 'COPY --exclude=.git --exclude=**/.env --exclude=config --exclude=deploy . /src'), { sensitive: SENSITIVE, dockerignore: [] });
    found(lines('FROM alpine', 'COPY --exclude="$X" . /src'), { sensitive: SENSITIVE, dockerignore: [] });
  });

  it('nothing without a listing of the whole context, with nothing sensitive in it, or with a .dockerignore not read here', () => {
    found(lines('FROM alpine', 'COPY . /src'), undefined);
    found(lines('FROM alpine', 'COPY . /src'), { sensitive: [], dockerignore: [] });
    found(lines('FROM alpine', 'COPY . /src'), { sensitive: SENSITIVE, dockerignore: ['[a-z]'] });
  });

  it('only the image: not a build stage whose parts are copied out, not a copy of part of the context, not another stage', () => {
    found(lines('FROM golang AS build', 'COPY . /src', 'RUN go build -o /app ./...', 'FROM scratch', 'COPY --from=build /app /app', 'COPY src /src'), { sensitive: SENSITIVE, dockerignore: [] });
    found(lines('FROM golang AS base', 'COPY [[.]] /src', 'FROM base'), { sensitive: SENSITIVE, dockerignore: [] });
  });

  it('names five files and counts the rest', () => {
    const [hit] = found(lines('FROM alpine', 'COPY [[.]] /'), { sensitive: ['.git', 'a/.env', 'b/.env', 'c/.env', 'd/.env', 'e/.env', 'f/.env'], dockerignore: [] });
    assert.match(hit.message, /with \.git, a\/\.env, b\/\.env, c\/\.env, d\/\.env and 2 more, which/);
  });
});

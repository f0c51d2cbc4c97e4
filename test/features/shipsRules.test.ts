// The rules on what the image ships (features/diagnostics/shipsRules.ts), with marker fixtures.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lines } from '../support/fixture';
import { diagnose, expectAt } from '../support/diagnostics';
import { installedBuildPackages, toolchainOf } from '../../server/src/analysis/ships/toolchains';
import { credentialFile } from '../../server/src/analysis/ships/credentials';
import { AnalyzedDocument } from '../../server/src/analysis/document';
import { featureContext } from '../../server/src/features/featureContext';
import { computeDiagnostics } from '../../server/src/features/diagnostics';

describe('SecretShipped', () => {
  it('a credential file copied from the context into the image, by the name it is copied from or to; a later RUN rm does not help', () => {
    const [npmrc] = expectAt('SecretShipped', lines('FROM node:20', 'WORKDIR /app', 'COPY package.json [[.npmrc]] ./', 'COPY [[ci.env]] /app/.env', 'RUN npm ci && rm .npmrc', 'COPY id_rsa.pub server.key /keys/'));
    assert.equal(npmrc.severity, 2);
    assert.match(npmrc.message, /^The credential file \.npmrc \(\/app\/\.npmrc\) ships in the image/);
  });

  it('a credential file copied under the WORKDIR the base image sets, or a stage a FROM built from ARGs names: said relative to it', () => {
    // Before, nothing: the path was unknown, and the file was taken not to ship.
    const [env, config] = expectAt('SecretShipped', lines('FROM node:20', 'COPY [[.env]] .', 'COPY [[id_rsa]] keys/', 'CMD ["node"]'));
    assert.match(env.message, /^The credential file \.env \(\.\/\.env under the WORKDIR the base sets\) ships in the image/);
    assert.match(config.message, /\(\.\/keys\/id_rsa under the WORKDIR the base sets\)/);
    expectAt('SecretShipped', lines('ARG BASE', 'FROM node:20 AS node-base', 'WORKDIR /app', 'FROM $BASE', 'COPY [[.npmrc]] ./'));
  });

  it('a credential file a build stage holds reaches the image through a COPY --from of it or of a folder holding it', () => {
    const [first] = expectAt('SecretShipped', lines('FROM node:20 AS build', 'WORKDIR /app', 'COPY .npmrc ./', 'FROM node:20-slim', 'COPY --from=build [[/app]] /app', 'COPY --from=build [[/app/.npmrc]] /root/', 'COPY --from=build /app/dist /dist'));
    assert.match(first.message, /\.npmrc \(\/app\/\.npmrc\), copied in stage build on line 3, ships in the image through this copy of \/app/);
  });

  it('nothing where the file stays behind in a build stage, where a RUN after it may delete it, or in a stage nothing copies wholesale', () => {
    expectAt('SecretShipped', lines('FROM node:20 AS build', 'WORKDIR /app', 'COPY .npmrc package.json ./', 'RUN npm ci && rm .npmrc', 'FROM node:20-slim', 'COPY --from=build /app /app'));
    expectAt('SecretShipped', lines('FROM node:20 AS build', 'COPY .npmrc /app/', 'FROM node:20-slim', 'COPY --from=build /app/dist /dist'));
  });

  it('through two COPY --from, the folder mapped into the stage copied from', () => {
    expectAt('SecretShipped', lines('FROM alpine AS a', 'COPY .netrc /src/', 'FROM alpine AS b', 'COPY --from=a /src /opt/src', 'FROM scratch', 'COPY --from=b [[/opt]] /opt'));
  });

  it('only the default target\'s image, and not one whose chain is named like a check', () => {
    expectAt('SecretShipped', lines('FROM node AS dev', 'COPY .env .', 'FROM node', 'COPY app.js .'));
    expectAt('SecretShipped', lines('FROM node AS test', 'COPY .env .', 'FROM test'));
  });

  it('not a source the .dockerignore excludes: it is not sent, the copy fails', () => {
    const text = lines('FROM node:20', 'COPY .env .npmrc /app/');
    const found = computeDiagnostics(featureContext(AnalyzedDocument.fromText(text), [], { dockerignore: ['**/.env'] }), {}).filter((d) => d.code === 'SecretShipped');
    assert.deepEqual(found.map((d) => d.message.split(' ')[3]), ['.npmrc']);
  });

  it('the names, one a row', () => {
    assert.deepEqual(['/a/.npmrc', '/root/.aws/credentials', '/x/.docker/config.json', '/home/id_ed25519', '/a/.env.example', '/a/id_rsa.pub', '/a/server.pem', '/a/.kube/config'].map(credentialFile),
      ['.npmrc', '.aws/credentials', '.docker/config.json', 'id_ed25519', undefined, undefined, undefined, '.kube/config']);
  });
});

describe('WholeStageCopied (experimental)', () => {
  const experimental = { rules: { WholeStageCopied: 'information' as const } };
  it('off by default', () => {
    assert.deepEqual(diagnose(lines('FROM debian:12 AS rootfs', 'FROM alpine', 'COPY --from=rootfs / /rootfs/')).filter((d) => d.code === 'WholeStageCopied'), []);
  });
  it('COPY --from=x / where x starts on an image, saying which; not a scratch stage, a squash, or tonistiigi/xx', () => {
    const [found] = expectAt('WholeStageCopied', lines('FROM debian:12 AS rootfs', 'RUN apt-get update', 'FROM scratch AS files', 'COPY a /a', 'FROM --platform=$BUILDPLATFORM tonistiigi/xx AS xx',
      'FROM alpine', 'COPY --from=rootfs [[/]] /rootfs/', 'COPY --from=files / /', 'COPY --from=xx / /'), experimental);
    assert.equal(found.severity, 3);
    assert.match(found.message, /COPY --from=rootfs \/ copies the whole stage, its base image debian:12 included, into the image/);
    expectAt('WholeStageCopied', lines('FROM debian:12 AS rootfs', 'RUN apt-get update', 'FROM scratch', 'COPY --from=rootfs / /'), experimental);
    // Built on what a FROM built from ARGs names, which may be a stage on scratch: no base image is certain.
    expectAt('WholeStageCopied', lines('ARG BASE', 'FROM scratch AS files', 'COPY a /a', 'FROM $BASE AS rootfs', 'FROM alpine', 'COPY --from=rootfs / /rootfs/'), experimental);
  });
});

describe('BuildToolsShipped (experimental)', () => {
  const experimental = { rules: { BuildToolsShipped: 'information' as const } };
  it('off by default; on with a level: a toolchain base that the chain compiles with, naming the runtime image', () => {
    const text = lines('FROM golang:1.22 AS base', 'FROM base', 'COPY . .', 'RUN go build -o /app .', 'CMD ["/app"]');
    assert.deepEqual(diagnose(text).filter((d) => d.code === 'BuildToolsShipped'), []);
    const [found] = expectAt('BuildToolsShipped', lines('FROM [[golang:1.22]] AS base', 'FROM base', 'COPY . .', 'RUN go build -o /app .', 'CMD ["/app"]'), experimental);
    assert.match(found.message, /ships the Go toolchain of golang:1\.22, which line 4 compiles with: .*distroless\/static/);
  });
  it('not a toolchain base that nothing compiles with, nor a multi-stage build whose image has none', () => {
    expectAt('BuildToolsShipped', lines('FROM golang:1.22', 'RUN go version'), experimental);
    expectAt('BuildToolsShipped', lines('FROM golang:1.22 AS build', 'RUN go build -o /app .', 'FROM alpine', 'COPY --from=build /app /app'), experimental);
  });
  it('compilers and headers a RUN installs and does not remove itself', () => {
    expectAt('BuildToolsShipped', lines('FROM python:3.12-slim', '[[RUN]] apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev', 'RUN apk add --virtual .deps build-base && pip install x && apk del .deps'), experimental);
    assert.deepEqual(installedBuildPackages('apt-get install -y build-essential curl libssl-dev=3.0 && apk add musl-dev'), ['build-essential', 'libssl-dev=3.0', 'musl-dev']);
  });
  it('the toolchain table', () => {
    assert.deepEqual(['golang:1.22-alpine', 'docker.io/library/rust:1', 'eclipse-temurin:21-jdk', 'eclipse-temurin:21-jre', 'mcr.microsoft.com/dotnet/sdk:8.0', 'swift:5.10-slim', 'node:20', 'localhost:5000/golang'].map((image) => toolchainOf(image)?.ecosystem),
      ['Go', 'Rust', 'Java', undefined, '.NET', undefined, undefined, undefined]);
  });
});

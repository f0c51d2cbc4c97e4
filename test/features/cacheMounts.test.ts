// "Add cache mounts" on a package manager's RUN (features/codeActions/cacheMounts.ts), as before/after fixtures.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AnalyzedDocument } from '../../server/src/analysis/document';
import { featureContext } from '../../server/src/features/featureContext';
import { cacheMountActions } from '../../server/src/features/codeActions/cacheMounts';
import { applyEdits, fixture, lines } from '../support/fixture';

const URI = 'file:///cache/Dockerfile';

function actions(marked: string) {
  const fx = fixture(marked);
  const found = cacheMountActions(featureContext(AnalyzedDocument.fromText(fx.text)), URI, { start: fx.cursor, end: fx.cursor });
  return { text: fx.text, found };
}

function applied(marked: string, title: RegExp): string {
  const { text, found } = actions(marked);
  const action = found.find((candidate) => title.test(candidate.title));
  assert.ok(action, `offered: ${found.map((candidate) => candidate.title).join(' | ')}`);
  return applyEdits(text, action.edit!.changes![URI]);
}

describe('cache mounts', () => {
  it('adds Go\'s module and build caches on the official golang image', () => {
    assert.equal(applied(lines('FROM golang:1.22 AS build', 'WORKDIR /src', 'RUN go mod do|wnload'), /^Add cache mounts for Go/),
      lines('FROM golang:1.22 AS build', 'WORKDIR /src', 'RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go mod download'));
  });

  it('adds npm\'s and pip\'s caches, on any line of a multi-line RUN, and each manager of a RUN', () => {
    const { found } = actions(lines('FROM node:20', 'RUN npm ci && \\', '    pip in|stall -r requirements.txt'));
    assert.deepEqual(found.map((action) => action.title), ['Add cache mounts for npm (/root/.npm)', 'Add cache mounts for pip (/root/.cache/pip)']);
  });

  it('adds apt\'s caches, locked, with the RUN that keeps what apt downloads, once per FROM chain', () => {
    assert.equal(applied(lines('FROM debian:12', 'RUN apt-get update && apt-get in|stall -y gcc'), /apt/), lines('FROM debian:12',
      `RUN rm -f /etc/apt/apt.conf.d/docker-clean; echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' > /etc/apt/apt.conf.d/keep-cache`,
      'RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y gcc'));
    const kept = lines('FROM debian:12 AS base', 'RUN rm -f /etc/apt/apt.conf.d/docker-clean', 'FROM base', 'RUN apt-get inst|all -y gcc');
    assert.equal(applied(kept, /apt/), lines('FROM debian:12 AS base', 'RUN rm -f /etc/apt/apt.conf.d/docker-clean', 'FROM base',
      'RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get install -y gcc'));
  });

  it('adds only the mounts not there yet', () => {
    assert.equal(applied(lines('FROM golang', 'RUN --mount=type=cache,target=/go/pkg/mod/ go bu|ild ./...'), /Go/),
      lines('FROM golang', 'RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod/ go build ./...'));
  });

  const none: [string, string][] = [
    ['Go on another base (GOPATH is not known)', lines('FROM alpine', 'RUN go bu|ild')],
    ['a USER before it (the cache is that user\'s)', lines('FROM node:20', 'USER node', 'RUN npm c|i')],
    ['a USER in the stage it is built FROM', lines('FROM node:20 AS base', 'USER node', 'FROM base', 'RUN npm c|i')],
    ['a USER in a stage a FROM built from ARGs may build it on', lines('ARG BASE', 'FROM node:20 AS node-base', 'USER node', 'FROM $BASE', 'RUN npm c|i')],
    ['pip told not to cache', lines('FROM python', 'RUN pip install --no-cache-dir -r r|equirements.txt')],
    ['every mount there', lines('FROM node', 'RUN --mount=type=cache,target=/root/.npm npm c|i')],
    ['a RUN without a package manager', lines('FROM node', 'RUN ec|ho hi')],
    ['another instruction', lines('FROM node', 'COPY . |.', 'RUN npm ci')],
  ];
  for (const [name, marked] of none) {
    it(`offers none for ${name}`, () => assert.deepEqual(actions(marked).found.map((action) => action.title), []));
  }
});

// The fuzz suite with a fixed seed: generated Dockerfiles and mutated corpus files, every feature at random
// positions (test/support/fuzz.ts). `npm run fuzz` runs the long version.
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { checkEveryFeature, dockerfile, mutated, probes, runProperty } from './support/fuzz';
import { corpusFiles, itWithShared } from './support/paths';

const SEED = 20261127;

describe('fuzz', () => {
  it('generated Dockerfiles: every feature answers in time, inside the document', () => {
    runProperty(fc.property(dockerfile, probes, (text, points) => checkEveryFeature(text, points)), SEED, 2500);
  });

  itWithShared('corpus', 'mutated corpus files: every feature answers in time, inside the document', () => {
    const texts = corpusFiles().map((file) => readFileSync(file, 'utf8'));
    runProperty(fc.property(mutated(texts), probes, (text, points) => checkEveryFeature(text, points)), SEED, 600);
  });
});

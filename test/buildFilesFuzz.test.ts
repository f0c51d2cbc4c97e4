// Half-typed and broken build files: every reader and every build-file feature answers without throwing,
// with ranges inside the text. Mutations of the fixture workspace's files, fixed seed.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { AnalyzedDocument } from '../server/src/analysis/document';
import { featureContext } from '../server/src/features/featureContext';
import type { BuildFileContext } from '../server/src/features/buildFiles/buildFileContext';
import { completeTargets } from '../server/src/features/buildFiles/completion';
import { findTargetDefinition, hoverTarget } from '../server/src/features/buildFiles/navigation';
import { targetDiagnostics } from '../server/src/features/buildFiles/diagnostics';
import { prepareTargetRename } from '../server/src/features/buildFiles/rename';
import { RenameRefused } from '../server/src/features/rename';
import { buildFileReader } from '../server/src/workspace/scanner';
import { workflowTargets } from '../server/src/workspace/workflows';
import { makefileTargets } from '../server/src/workspace/makefiles';
import { ensureShellParser } from '../server/src/workspace/shellModules';
import { DISK_FILES } from './support/files';
import type { DiscoveredTarget } from '../server/src/workspace/discovered';
import { runProperty } from './support/fuzz';
import { REPO_ROOT } from './support/paths';

const WORKSPACE = join(REPO_ROOT, 'test', 'fixtures', 'workspace');
const FILES = ['compose.yaml', 'docker-compose.ci.yml', 'docker-bake.hcl', '.devcontainer/devcontainer.json', '.github/workflows/ci.yml', 'Makefile'];
const DOCKERFILE = featureContext(AnalyzedDocument.fromText(readFileSync(join(WORKSPACE, 'app', 'Dockerfile'), 'utf8')));

type Reader = (text: string) => DiscoveredTarget[];
function readerOf(name: string): Reader {
  const path = join(WORKSPACE, name);
  if (name.startsWith('.github')) return (text) => workflowTargets(text, path, name, WORKSPACE, DISK_FILES);
  if (name === 'Makefile') return (text) => makefileTargets(text, path, name, WORKSPACE, DISK_FILES);
  const reader = buildFileReader(path)!;
  return (text) => reader(text, path, name, WORKSPACE, DISK_FILES);
}

/** A fixture file with random pieces cut out and random build-file characters put in. */
const mutatedFile = fc.constantFrom(...FILES).chain((name) => {
  const text = readFileSync(join(WORKSPACE, name), 'utf8');
  const edit = fc.tuple(fc.nat(text.length), fc.nat(12), fc.array(fc.constantFrom('"', "'", '{', '}', '[', ']', ':', '=', ',', '\n', ' ', '\\', '#', 'target', '$', 'x'), { maxLength: 8 }).map((pieces) => pieces.join('')));
  return fc.tuple(fc.constant(name), fc.array(edit, { maxLength: 4 }).map((edits) =>
    edits.reduce((current, [at, cut, insert]) => current.slice(0, at) + insert + current.slice(at + cut), text)));
});

describe('build files fuzz', () => {
  before(async () => {
    assert.ok(await ensureShellParser());
  });

  it('readers and features survive mutated build files', () => {
    runProperty(fc.property(mutatedFile, fc.array(fc.tuple(fc.nat(40), fc.nat(80)), { maxLength: 6 }), ([name, text], points) => {
      const started = Date.now();
      const targets = readerOf(name)(text);
      const lines = text.split('\n');
      for (const { range } of targets) {
        for (const position of [range.start, range.end]) {
          assert.ok(position.line < lines.length && position.character <= lines[position.line].length, `${name}: range outside the text`);
        }
      }
      const context: BuildFileContext = { targets, dockerfile: () => ({ uri: 'file:///w/app/Dockerfile', context: DOCKERFILE }) };
      targetDiagnostics(context, {});
      for (const [line, character] of points) {
        const position = { line, character };
        completeTargets(context, position);
        findTargetDefinition(context, position);
        hoverTarget(context, position);
        try {
          prepareTargetRename(context, position);
        } catch (error) {
          if (!(error instanceof RenameRefused)) throw error;
        }
      }
      assert.ok(Date.now() - started < 1000, 'took more than a second');
    }), 20261127, 1500);
  });
});

// GitHub workflows: docker/build-push-action (`target`, `file`, `context`, `build-args`), docker/bake-action
// (`set: <targets>.target=<stage>`), and the builds of `run:` scripts (through the shell reader, in the job's
// `working-directory`). `${{ matrix.x }}` takes each value of the job's matrix (workflowValues.ts). Paths in a
// workflow are relative to the repository root.
import { resolve } from 'node:path';
import { parseDocument, isMap, isScalar, isSeq, type Scalar, type YAMLMap } from 'yaml';
import { displayText, isUnknown, knownText, type Piece, type Value } from '../shell/values';
import { exportsFiles, isUnknownContext, TargetSource, uniqueTargets, type DiscoveredTarget, type FileIndex } from './discovered';
import { ANY_DOCKERFILE, asShellScript, existing, mayBuild, patternText, shellTargets, targetsOf, withoutContext } from './shellBuilds';
import { matrixRows, scalarValue, valuesOver, withExpressions, type MatrixRow } from './workflowValues';

export function workflowTargets(text: string, file: string, origin: string, root: string, files: FileIndex): DiscoveredTarget[] {
  // Most workflows build no image: their YAML is not parsed (a `run:` script's text is the workflow's own).
  if (!text.includes('docker/build-push-action') && !text.includes('docker/bake-action') && !mayBuild(text)) return [];
  const document = parseDocument(text);
  const jobs = document.get('jobs');
  if (!isMap(jobs)) return [];
  const source = new TargetSource(text, file, origin);
  const found: DiscoveredTarget[] = [];
  const read = (node: unknown) => (isScalar(node) && node.value !== null && typeof node.value !== 'object' ? scalarValue(node as Scalar, text) : undefined);
  for (const job of (jobs as YAMLMap).items) {
    if (!isMap(job.value)) continue;
    const rows = matrixRows(job.value as YAMLMap, text) ?? [undefined];
    const steps = (job.value as YAMLMap).get('steps');
    const jobFolder = read((job.value as YAMLMap).getIn(['defaults', 'run', 'working-directory'], true));
    if (!isSeq(steps)) continue;
    for (const step of steps.items) {
      if (!isMap(step)) continue;
      const uses = step.get('uses');
      const inputs = step.get('with');
      const input = (name: string) => (isMap(inputs) ? read(inputs.get(name, true)) : undefined);
      for (const row of rows) {
        if (typeof uses === 'string' && uses.startsWith('docker/build-push-action') && isMap(inputs)) {
          found.push(...pushActionTargets(input, row, root, files, source));
        }
        if (typeof uses === 'string' && uses.startsWith('docker/bake-action') && isMap(inputs)) {
          found.push(...bakeActionTargets(input('set'), row, files, source));
        }
      }
      const run = read(step.get('run', true));
      if (!run) continue;
      // Each script the rows make, once.
      const folder = read(step.get('working-directory', true)) ?? jobFolder;
      const scripts = new Map(rows.map((row) => [displayText(withExpressions(run, row)) + '\0' + (folder ? displayText(withExpressions(folder, row)) : ''), row]));
      for (const row of scripts.values()) found.push(...runTargets(run, folder, row, file, root, files, source));
    }
  }
  return uniqueTargets(found);
}

function pushActionTargets(input: (name: string) => Value | undefined, row: MatrixRow | undefined, root: string, files: FileIndex, source: TargetSource): DiscoveredTarget[] {
  const target = input('target');
  const given = input('file');
  const file = given && knownText(withExpressions(given, row)) !== '' ? given : undefined;
  const contextInput = input('context');
  const context = contextInput ?? [{ text: '.' }];
  const dockerfiles = file
    ? existing(withExpressions(file, row), [root], files)
    : existing([...withExpressions(context, row), { text: '/Dockerfile' }], [root], files);
  // Without `context:` the build reads the Git context (the repository at the commit, no `.git`, nothing
  // untracked), not the checkout's folder: not a folder the workspace shows.
  const contextText = contextInput && knownText(withExpressions(contextInput, row));
  const folder = contextText !== undefined && !isUnknownContext(contextText) ? resolve(root, contextText) : undefined;
  const value = target && withExpressions(target, row);
  const word = (target ?? file ?? context).find((piece) => 'at' in piece && piece.at !== undefined) as { at: number; text: string } | undefined;
  const at = word ? { start: word.at, end: word.at + (target ? word.text.length : 0) } : { start: 0, end: 0 };
  const exported = exportsOutputs(input, row);
  return targetsOf(dockerfiles.map((dockerfile) => ({ dockerfile, ...(folder !== undefined ? { context: folder } : {}), ...(exported ? { exportsFiles: true } : {}) })), value, at, buildArgs(input('build-args'), row), source);
}

/** build-push-action's `outputs:` (one a line) all files, with no `push:` or `load:` of an image beside them. */
function exportsOutputs(input: (name: string) => Value | undefined, row: MatrixRow | undefined): boolean {
  const outputs = input('outputs');
  const lines = outputs && knownText(withExpressions(outputs, row))?.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  const image = ['push', 'load'].some((name) => { const flag = input(name); return flag !== undefined && knownText(withExpressions(flag, row)) !== 'false'; });
  return !image && lines !== undefined && lines.length > 0 && lines.every(exportsFiles);
}

/** build-push-action's `build-args`: one `NAME=value` a line. */
function buildArgs(value: Value | undefined, row: MatrixRow | undefined): Record<string, string> {
  const args: Record<string, string> = {};
  const text = value && patternText(withExpressions(value, row));
  for (const line of text?.split(/\r?\n/) ?? []) {
    const equals = line.indexOf('=');
    if (equals > 0) args[line.slice(0, equals).trim()] = line.slice(equals + 1).trim();
  }
  return args;
}

/** bake-action's `set: <targets>.target=<stage>`: the stage, in any Dockerfile that has it (the bake file's target decides which). */
function bakeActionTargets(set: Value | undefined, row: MatrixRow | undefined, files: FileIndex, source: TargetSource): DiscoveredTarget[] {
  if (!set) return [];
  const found: DiscoveredTarget[] = [];
  for (const value of valuesOver(set, row ? [row] : [])) {
    const lines = splitLines(value);
    for (const entry of lines) {
      const head = knownText(entry.slice(0, 1)) ?? '';
      const match = /^\s*[^=\s]*\.target=/.exec(head);
      if (!match) continue;
      const first = entry[0] as { text: string; at?: number };
      const stage: Value = [{ text: first.text.slice(match[0].length), ...(first.at !== undefined ? { at: first.at + match[0].length } : {}) }, ...entry.slice(1)];
      const at = first.at ?? 0;
      found.push(...targetsOf(withoutContext(files.matching(ANY_DOCKERFILE)), stage, { start: at, end: at + first.text.length }, {}, source, undefined, true));
    }
  }
  return found;
}

/** A value's lines (each `--set` of bake-action is one), text keeping its place. */
function splitLines(value: Value): Value[] {
  const lines: Piece[][] = [[]];
  for (const piece of value) {
    if (isUnknown(piece)) {
      lines[lines.length - 1].push(piece);
      continue;
    }
    let start = 0;
    for (const part of piece.text.split('\n')) {
      if (start > 0) lines.push([]);
      if (part !== '') lines[lines.length - 1].push({ text: part, ...(piece.at !== undefined ? { at: piece.at + start } : {}) });
      start += part.length + 1;
    }
  }
  return lines;
}

function runTargets(run: Value, folder: Value | undefined, row: MatrixRow | undefined, file: string, root: string, files: FileIndex, source: TargetSource): DiscoveredTarget[] {
  const script = asShellScript(withExpressions(run, row));
  // An unknown `working-directory`: the paths are tried from the workflow's folder and its parents.
  const cwd = folder ? knownText(withExpressions(folder, row)) : '.';
  return shellTargets(script.text, { scriptPath: file, root, ...(cwd !== undefined ? { cwd: resolve(root, cwd) } : {}), variables: script.variables, origin: script.origin }, source, files);
}

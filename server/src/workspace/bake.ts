// Bake files (docker-bake.hcl, *.hcl, docker-bake.json): each target's `target` with the Dockerfile its
// `context` and `dockerfile` name (hcl/bakeConfig.ts resolves variables, functions, matrix and inherits).
// Paths are relative to the folder bake runs in (buildx `toBuildOpt`: the working directory, not the bake
// file's), tried from the bake file's folder and each parent up to the workspace folder. A `target` that reads
// a bake variable may be anything the environment sets: a pattern too, said as unresolved.
import { dirname, isAbsolute, resolve } from 'node:path';
import { displayText, knownText, writtenRange, type Value } from '../shell/values';
import type { NamedContext } from '../analysis/graph';
import { exportsFiles, TargetSource, type DiscoveredTarget, type FileIndex } from './discovered';
import { bakeConfig, type BakeTarget, type Evaluated } from './hcl/bakeConfig';
import { stringOf, type HclValue } from './hcl/evaluate';
import { existing, patternText } from './shellBuilds';

export function bakeTargets(text: string, file: string, origin: string, root: string, files: FileIndex): DiscoveredTarget[] {
  const source = new TargetSource(text, file, origin);
  const found = new Map<string, DiscoveredTarget>();
  for (const target of bakeConfig(text, file.endsWith('.json'))) {
    const stage = target.attributes.get('target');
    const args = argsOf(target);
    const contexts = contextsOf(target, source);
    const exports = exportsFilesOf(target);
    for (const { dockerfile, context } of dockerfilesOf(target, file, root, files)) {
      const folder = { ...(context !== undefined ? { context } : {}), ...(exports ? { exportsFiles: true } : {}) };
      if (!stage) {
        // No `target`: the default one, with its args (a target others inherit from is their template, not a build).
        if (!target.parent) found.set(`${dockerfile}\0${target.name}`, source.target(dockerfile, '', target.start, target.start, args, { defaultTarget: true, contexts, ...folder }));
        continue;
      }
      for (const discovered of stageTargets(stage, dockerfile, args, source).map((found) => ({ ...found, ...(Object.keys(contexts).length > 0 ? { contexts } : {}), ...folder }))) {
        // Children inheriting the same `target` and Dockerfile name it once, where it is written.
        found.set(`${dockerfile}\0${discovered.target}\0${discovered.range.start.line}:${discovered.range.start.character}`, discovered);
      }
    }
  }
  return [...found.values()];
}

/** The target's stage where it is written; a pattern when it is unknown or an environment variable may set it. */
function stageTargets(stage: Evaluated, dockerfile: string, args: Record<string, string>, source: TargetSource): DiscoveredTarget[] {
  const { value, expression } = stage;
  const text = value.kind === 'string' ? knownText(value.value) : undefined;
  const written = value.kind === 'string' ? writtenRange(value.value) : undefined;
  const word = { start: expression.start + (expression.kind === 'template' ? 1 : 0), end: expression.end - (expression.kind === 'template' ? 1 : 0) };
  const targets: DiscoveredTarget[] = [];
  if (text !== undefined) {
    targets.push(written
      ? source.target(dockerfile, text, written.start, written.end, args)
      : source.target(dockerfile, text, word.start, text === '' ? word.start : word.end, args, text === '' ? {} : { computed: true }));
  }
  if (text === undefined || stage.fromVariable) {
    const shown = value.kind === 'string' ? displayText(value.value) : expression.kind === 'variable' ? expression.name : 'computed';
    const pattern = value.kind === 'string' && text === undefined ? patternText(value.value) : `\${${expression.kind === 'variable' ? expression.name : 'TARGET'}}`;
    targets.push(source.target(dockerfile, pattern, word.start, word.end, args, { computed: true, unresolved: `the target is ${shown}, which the environment may set` }));
  }
  return targets;
}

/** `contexts`: each known value with where it is set. */
function contextsOf(target: BakeTarget, source: TargetSource): Record<string, NamedContext> {
  const contexts: Record<string, NamedContext> = {};
  for (const [name, { value, expression }] of target.contexts) {
    const text = stringOf(value);
    if (text !== undefined) contexts[name] = { value: text, origin: source.originAt(expression.start) };
  }
  return contexts;
}

/**
 * Whether every `output` exports files: `["type=local,dest=out"]`, `["out"]`, `[{ type = "tar", dest = "x.tar" }]`;
 * not where one is an image, not known, or read from a variable the environment may set.
 */
function exportsFilesOf(target: BakeTarget): boolean {
  const output = target.attributes.get('output');
  if (!output || output.fromVariable || output.value.kind !== 'list' || output.value.items.length === 0) return false;
  return output.value.items.every((item) => {
    if (item.kind === 'object') return ['local', 'tar'].includes(stringOf(item.entries.get('type') ?? { kind: 'null' }) ?? '');
    const text = stringOf(item);
    return text !== undefined && exportsFiles(text);
  });
}

/** `args`: known strings as they are, others a pattern (`${NAME}`); null is not passed. */
function argsOf(target: BakeTarget): Record<string, string> {
  const args: Record<string, string> = {};
  for (const [name, value] of target.args) {
    if (value.kind === 'null') continue;
    args[name] = value.kind === 'string' ? patternText(value.value) : stringOf(value) ?? `\${${name}}`;
  }
  return args;
}

/**
 * `dockerfile` relative to `context` (defaults `Dockerfile`, `.`), from the folders bake may run in, each with its
 * context folder where that is known: a known `context`, and one folder it is found from.
 */
function dockerfilesOf(target: BakeTarget, file: string, root: string, files: FileIndex): { dockerfile: string; context?: string }[] {
  const context = pathValue(target.attributes.get('context')?.value) ?? [{ text: '.' }];
  const dockerfile = pathValue(target.attributes.get('dockerfile')?.value) ?? [{ text: 'Dockerfile' }];
  const given = knownText(context);
  if (given !== undefined && isRemote(given)) return [];
  // A context read from a bake variable is whatever the environment sets: the Dockerfile is looked up as the
  // default value says, the context is not known.
  const contextText = target.attributes.get('context')?.fromVariable ? undefined : given;
  const dockerfileText = knownText(dockerfile);
  const path: Value = dockerfileText !== undefined && isAbsolute(dockerfileText) ? dockerfile : [...context, { text: '/' }, ...dockerfile];
  const bases: string[] = [];
  for (let folder = dirname(file); ; folder = dirname(folder)) {
    bases.push(folder);
    if (folder === root || dirname(folder) === folder || !folder.startsWith(root)) break;
  }
  const contextsOf = new Map<string, Set<string | undefined>>();
  for (const base of bases) {
    for (const dockerfile of existing(path, [base], files)) {
      const contexts = contextsOf.get(dockerfile) ?? new Set();
      contexts.add(contextText === undefined ? undefined : resolve(base, contextText));
      contextsOf.set(dockerfile, contexts);
    }
  }
  const text = knownText(path);
  // None there yet (a Dockerfile still to write): the bake file's folder, as the editor shows it.
  if (contextsOf.size === 0 && text !== undefined) contextsOf.set(resolve(bases[0], text), new Set([contextText === undefined ? undefined : resolve(bases[0], contextText)]));
  return [...contextsOf].map(([dockerfile, contexts]) => {
    const [context] = contexts;
    return contexts.size === 1 && context !== undefined ? { dockerfile, context } : { dockerfile };
  });
}

/** A path attribute's text (`cwd://` removed); undefined when not given. */
function pathValue(value: HclValue | undefined): Value | undefined {
  if (!value || value.kind === 'null') return undefined;
  if (value.kind !== 'string') return [{ unknown: 'computed' }];
  const [first, ...rest] = value.value;
  return first && 'text' in first && first.text.startsWith('cwd://') ? [{ text: first.text.slice('cwd://'.length) }, ...rest] : value.value;
}

function isRemote(path: string): boolean {
  return /^[a-z][\w+.-]*:\/\/|^git@|^github\.com\//.test(path) || path.startsWith('target:') || path.startsWith('docker-image:');
}

// What the workspace readers share: the targets they find (`DiscoveredTarget`, below in `analysis/`), the files a
// computed Dockerfile path is looked up in, the Dockerfile a build names, and where a target was said.
import { normalize, resolve } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DiscoveredTarget, TargetOptions } from '../analysis/discoveredTarget';
import { fileAccess } from './fileAccess';

export type { DiscoveredTarget, TargetOptions } from '../analysis/discoveredTarget';

/** Thrown by a reader that cannot follow a file's builds (a parse over its time budget): the message says why. */
export class NotFollowed extends Error {}

/** The workspace's files, for the builds whose Dockerfile a script computes. */
export interface FileIndex {
  has(path: string): boolean;
  /** The files whose absolute path, with `/` separators, matches. */
  matching(pattern: RegExp): string[];
}

/** The Dockerfile a build names: `file` relative to `base`, else `Dockerfile` in the context. */
export function dockerfilePath(base: string, context: string | undefined, file: string | undefined): string {
  const contextDir = contextFolder(base, context);
  return normalize(file ? resolve(contextDir, file) : resolve(contextDir, 'Dockerfile'));
}

/** The context folder a build names relative to `base` (default `.`). */
export function contextFolder(base: string, context: string | undefined): string {
  return normalize(resolve(base, context ?? '.'));
}

/**
 * Whether an `--output` value (buildx's `type=...,dest=...` CSV, or the shorthand: a path is `type=local`, `-` is
 * `type=tar`) exports files rather than an image.
 */
export function exportsFiles(output: string): boolean {
  const type = /(?:^|,)\s*type=([^,]*)/.exec(output)?.[1].trim();
  return type === undefined ? !output.includes('=') && output !== '' : type === 'local' || type === 'tar';
}

/** A Git repository or URL as the build context. */
export function isRemoteContext(context: string): boolean {
  return /^[a-z][\w+.-]*:\/\/|^git@|^github\.com\//.test(context);
}

/**
 * A context written as text that is not a folder the reader knows: interpolated (`${VAR}`, `$VAR`, `{{ }}`), a
 * Git or URL context, or another source (`target:x`, `docker-image://`, `oci-layout://`).
 */
export function isUnknownContext(context: string): boolean {
  return /\$|\{\{/.test(context) || isRemoteContext(context) || /^[a-z][\w-]+:/i.test(context);
}

/** A file read for targets: its text (offsets become LSP positions, any line ends), path and workspace name. */
export class TargetSource {
  private readonly document: TextDocument;
  private readonly uri: string;

  constructor(text: string, readonly file: string, private readonly origin: string) {
    this.document = TextDocument.create('', '', 0, text);
    this.uri = fileAccess().uriOf(file);
  }

  /** `file:line` of an offset of the text. */
  originAt(offset: number): string {
    return `${this.origin}:${this.document.positionAt(offset).line + 1}`;
  }

  /** A target named at `[start, end)` of the text, built with these build args. */
  target(dockerfile: string, target: string, start: number, end: number, args?: Readonly<Record<string, string>>, options: TargetOptions = {}): DiscoveredTarget {
    const range = { start: this.document.positionAt(start), end: this.document.positionAt(end) };
    const found = { dockerfile, target, file: this.file, uri: this.uri, origin: `${this.origin}:${range.start.line + 1}`, range };
    const { computed, unresolved, ifStageExists, defaultTarget, contexts, context, exportsFiles } = options;
    return {
      ...found, ...(args && Object.keys(args).length > 0 ? { args } : {}), ...(computed ? { computed } : {}), ...(unresolved ? { unresolved } : {}),
      ...(ifStageExists ? { ifStageExists } : {}), ...(defaultTarget ? { defaultTarget } : {}), ...(contexts && Object.keys(contexts).length > 0 ? { contexts } : {}),
      ...(context !== undefined ? { context: normalize(context) } : {}), ...(exportsFiles ? { exportsFiles } : {}),
    };
  }
}

/**
 * Each build once: the same Dockerfile, name, place and context (a script's loop or a Makefile's alternatives
 * may repeat a build). Their build args merge: a name with one value keeps it; one set to a few known values
 * (or not set at all in some) keeps each, one build per value; any other is `${NAME}`, a value not known.
 */
export function uniqueTargets(targets: readonly DiscoveredTarget[]): DiscoveredTarget[] {
  const groups = new Map<string, DiscoveredTarget[]>();
  for (const target of targets) {
    const key = `${target.dockerfile}\0${target.target}\0${target.file}:${target.range.start.line}:${target.range.start.character}\0${target.defaultTarget ?? ''}\0${target.context ?? ''}\0${target.exportsFiles ?? ''}`;
    const group = groups.get(key);
    if (group) group.push(target);
    else groups.set(key, [target]);
  }
  return [...groups.values()].flatMap((group) => {
    const names = [...new Set(group.flatMap((target) => Object.keys(target.args ?? {})))];
    let variants: Record<string, string>[] = [{}];
    for (const name of names) {
      const values = [...new Set(group.map((target) => target.args?.[name]))];
      const known = values.every((value) => value === undefined || !value.includes('${'));
      if (values.length > 1 && known && values.length * variants.length <= 8) {
        variants = variants.flatMap((args) => values.map((value) => (value === undefined ? args : { ...args, [name]: value })));
      } else for (const args of variants) args[name] = values.length === 1 && values[0] !== undefined ? values[0] : `\${${name}}`;
    }
    const { args: _ignored, ...first } = group[0];
    return variants.map((args) => (Object.keys(args).length > 0 ? { ...first, args } : first));
  });
}

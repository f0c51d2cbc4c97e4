// `dockerfile-stages check`: the same diagnostics as the editor, on files; with --fix, the quick fixes first.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { BuildTarget } from '../analysis/graph';
import { AnalyzedDocument } from '../analysis/document';
import { featureContext, type BuildContextKnowledge } from '../features/featureContext';
import { computeDiagnostics } from '../features/diagnostics';
import { undefinedTargets } from '../features/diagnostics/targetRules';
import type { Options } from './arguments';
import { fixText } from './fix';
import { dockerignoreFor, ignorePatternsFor } from '../workspace/dockerignore';
import { buildContextOf } from '../workspace/buildContext';
import { BuildContextFiles } from '../workspace/buildContextFiles';
import { buildContextFolder } from '../workspace/buildContextFolder';
import type { DiscoveredTarget } from '../workspace/discovered';
import type { Stage } from '../analysis/model';
import { formatGithub, formatJson, formatSarif, formatText, type FileReport } from './format';

export interface FileToCheck {
  readonly file: string;
  /**
   * Given by name, so a --target that names none of its stages fails as BuildKit would; a file found in a
   * folder may well be built with other targets.
   */
  readonly named: boolean;
  readonly targets: readonly BuildTarget[];
  /** The builds of the file the workspace shows, for its build context (buildContextFolder.ts). */
  readonly builds: readonly DiscoveredTarget[];
}

/** A `--target` that names no stage of a file: BuildKit would not build it at all. */
export class TargetNotFound extends Error {}

/** A file's text, or standard input's for `-`; a read error names the file (main.ts reports it). */
export function readSource(file: string): string {
  try {
    return file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  } catch (error) {
    throw Object.assign(error as Error, { path: file });
  }
}

/** Checks (and fixes) the files, prints the report, and returns the exit status. */
export async function checkFiles(files: readonly FileToCheck[], options: Options): Promise<number> {
  const checked: { report: FileReport; changed: boolean }[] = [];
  for (const file of files) checked.push(await checkFile(file, options));
  const reports = checked.map(({ report }) => report);
  if (options.fix && !checked.some(({ changed }) => changed)) process.stderr.write('dockerfile-stages: nothing to fix\n');
  // With --diff, the diff is the output; the exit status still says whether errors remain.
  const format = { text: formatText, json: formatJson, github: formatGithub, sarif: (all: FileReport[]) => formatSarif(all, PACKAGE_VERSION) }[options.format as 'text'];
  process.stdout.write(options.diff ? '' : format(reports));
  return reports.some((r) => r.diagnostics.some((d) => d.severity === DiagnosticSeverity.Error)) ? 1 : 0;
}

async function checkFile({ file, named, targets, builds }: FileToCheck, options: Options): Promise<{ report: FileReport; changed: boolean }> {
  const original = readSource(file);
  const analyzed = AnalyzedDocument.fromText(original);
  // Before anything is fixed: a build that cannot start is not a file to edit.
  const [missing] = named ? undefinedTargets(analyzed.model, options.targets) : [];
  if (missing) throw new TargetNotFound(`${file}: ${missing.message}`);
  const text = options.fix ? applyFixes(file, original, targets, options) : original;
  const document = text === original ? analyzed : AnalyzedDocument.fromText(text);
  const { dockerignore, contextFile, folder } = contextOf(file, builds, document.model.stages);
  // The build context is listed in a folder check only (ContextShipsSecrets): a file named alone may be built from anywhere.
  const buildContext = named || folder === undefined ? undefined : await buildContextOf(folder, ignorePatternsFor(resolve(file), folder));
  return { report: { file, diagnostics: computeDiagnostics(featureContext(document, targets, { dockerignore, buildContext, contextFile }), {}) }, changed: text !== original };
}

/**
 * The .dockerignore and the files of the file's build context (buildContextFolder.ts: the folder its builds
 * share, else its own for a file named as a Dockerfile that nothing builds); nothing for standard input.
 */
export function contextOf(file: string, builds: readonly DiscoveredTarget[], stages: readonly Stage[]): Pick<BuildContextKnowledge, 'dockerignore' | 'contextFile'> & { folder?: string } {
  if (file === '-') return {};
  const path = resolve(file);
  const folder = buildContextFolder(path, builds, stages);
  const dockerignore = dockerignoreFor(path, folder);
  return folder === undefined ? { dockerignore } : { dockerignore, contextFile: new BuildContextFiles().readerFor(folder), folder };
}

/** The fixed text: written back (or shown as a diff), with what was fixed on stderr. */
function applyFixes(file: string, original: string, targets: readonly BuildTarget[], options: Options): string {
  const { text, fixed } = fixText(original, targets, options.fix === 'unsafe');
  if (fixed.length > 0) process.stderr.write(`${file}: fixed ${fixed.join(', ')}\n`);
  if (options.diff) process.stdout.write(text === original ? '' : createTwoFilesPatch(`a/${file}`, `b/${file}`, original, text));
  else if (text !== original) writeFileSync(file, text);
  return text;
}

#!/usr/bin/env node
// `dockerfile-stages check FILE... [--format text|json|sarif|github] [--target NAME]... [--fix|--fix-unsafe] [--diff]`
// Exit status: 1 when an error-severity diagnostic is found, 2 on bad usage, an unreadable file or a --target
// that names no stage of a file (BuildKit's error), else 0.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { BuildTarget } from '../analysis/graph';
import { scanWorkspace, type ScanResult } from '../workspace/scanner';
import { asBuildTargets, WorkspaceTargets } from '../workspace/workspaceTargets';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { AnalyzedDocument } from '../analysis/document';
import { computeDiagnostics } from '../features/diagnostics';
import { undefinedTargets } from '../features/diagnostics/targetRules';
import { featureContext } from '../features/context';
import { formatGithub, formatJson, formatSarif, formatText, type FileReport } from './format';
import { fixText } from './fix';

const USAGE = `usage: dockerfile-stages check FILE|FOLDER... [--format text|json|sarif|github] [--target NAME]... [--workspace DIR]
                               [--fix | --fix-unsafe] [--diff]

Reports stage problems in Dockerfiles: unused stages, references that name no stage, forward references,
cycles, and BuildKit's stage-name checks. --target adds a build target besides the last stage; --workspace
adds the targets that DIR's bake, compose, devcontainer, workflow files, Makefiles and scripts build. A FOLDER
is checked as a workspace: every Dockerfile under it, with the targets its files build.
--fix applies the fixes that cannot change what any target builds (keyword and stage-name casing, an ignored
--platform); --fix-unsafe also those that change it on purpose (did-you-mean, removing an unused stage,
declaring an ARG, ...). --diff prints the change as a unified diff instead of writing it. What was fixed goes
to stderr; the report and the exit status are about what remains.
Exit status: 1 if any error was found, 2 on bad usage, an unreadable file or a --target that names no stage
(as BuildKit fails: target stage "x" could not be found), 0 otherwise.`;

class UsageError extends Error {}

const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
type Format = typeof FORMATS[number];

interface Options {
  readonly files: string[];
  readonly format: Format;
  readonly targets: string[];
  readonly workspaces: string[];
  fix?: 'safe' | 'unsafe';
  diff?: boolean;
}

function parseArguments(args: readonly string[]): Options {
  if (args[0] !== 'check') throw new UsageError(args.length === 0 ? 'missing command' : `unknown command '${args[0]}'`);
  const options: Options = { files: [], format: 'text', targets: [], workspaces: [] };
  let format: string = 'text';
  for (let i = 1; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? args[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--format') format = value();
    else if (flag === '--target') options.targets.push(value());
    else if (flag === '--workspace') options.workspaces.push(value());
    else if (arg === '--fix') options.fix = options.fix ?? 'safe';
    else if (arg === '--fix-unsafe') options.fix = 'unsafe';
    else if (arg === '--diff') options.diff = true;
    else if (flag === '--help' || flag === '-h') throw new UsageError('');
    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option '${arg}'`);
    else options.files.push(arg);
  }
  if (!FORMATS.includes(format as Format)) throw new UsageError(`unknown format '${format}' (${FORMATS.join(', ')})`);
  if (options.files.length === 0) throw new UsageError('no file given');
  if (options.diff && !options.fix) options.fix = 'safe';
  if (options.fix && !options.diff && options.files.includes('-')) throw new UsageError('--fix cannot write to standard input: add --diff');
  return { ...options, format: format as Format };
}

/** A `--target` that names no stage of a file: BuildKit would not build it at all. */
class TargetNotFound extends Error {}

/** The Dockerfiles a scan found in a folder, as paths under the folder as given. */
function folderFiles(folder: string, dockerfiles: readonly string[]): { file: string; named: boolean }[] {
  return dockerfiles.map((path) => ({ file: join(folder, relative(resolve(folder), path)), named: false }));
}

/**
 * `named`: the file was given by name, so a --target that names none of its stages fails as BuildKit would;
 * a file found in a folder may well be built with other targets.
 */
function checkFile(file: string, targets: readonly BuildTarget[], options: Options, named: boolean): FileReport {
  const original = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  const analyzed = AnalyzedDocument.fromText(original);
  // Before anything is fixed: a build that cannot start is not a file to edit.
  const [missing] = named ? undefinedTargets(analyzed.model, options.targets) : [];
  if (missing) throw new TargetNotFound(`${file}: ${missing.message}`);
  const text = options.fix ? applyFixes(file, original, targets, options) : original;
  const document = text === original ? analyzed : AnalyzedDocument.fromText(text);
  return { file, diagnostics: computeDiagnostics(featureContext(document, targets), {}) };
}

async function main(args: readonly string[]): Promise<number> {
  let options: Options;
  try {
    options = parseArguments(args);
  } catch (error) {
    const message = (error as Error).message;
    process.stderr.write((message ? `dockerfile-stages: ${message}\n\n` : '') + USAGE + '\n');
    return message ? 2 : 0;
  }
  const discovered = new WorkspaceTargets();
  for (const workspace of options.workspaces) {
    if (!existsSync(workspace)) {
      process.stderr.write(`dockerfile-stages: no such workspace folder: ${workspace}\n`);
      return 2;
    }
  }
  // A folder given as FILE is checked as a workspace: its Dockerfiles, with the targets its files build.
  const folders = options.files.filter((file) => file !== '-' && existsSync(file) && statSync(file).isDirectory());
  const scanned = new Map<string, ScanResult>();
  for (const dir of new Set([...options.workspaces, ...folders].map((dir) => resolve(dir)))) scanned.set(dir, await scanWorkspace(dir));
  discovered.replace([...scanned.values()].flatMap((result) => result.targets));
  const files = options.files.flatMap((file) => (folders.includes(file) ? folderFiles(file, scanned.get(resolve(file))!.dockerfiles) : [{ file, named: true }]));
  const reports: FileReport[] = [];
  for (const { file, named } of files) {
    try {
      const targets = [...options.targets.map((name) => ({ name, origin: '--target' })), ...asBuildTargets(discovered.for(resolve(file)))];
      reports.push(checkFile(file, targets, options, named));
    } catch (error) {
      if (error instanceof TargetNotFound) {
        process.stderr.write(`dockerfile-stages: ${error.message}\n`);
        return 2;
      }
      process.stderr.write(`dockerfile-stages: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
      return 2;
    }
  }
  // With --diff, the diff is the output; the exit status still says whether errors remain.
  const output = options.diff ? '' : { text: formatText, json: formatJson, github: formatGithub, sarif: (all: FileReport[]) => formatSarif(all, PACKAGE_VERSION) }[options.format](reports);
  process.stdout.write(output);
  const failed = reports.some((r) => r.diagnostics.some((d) => d.severity === DiagnosticSeverity.Error));
  return failed ? 1 : 0;
}

/** The fixed text: written back (or shown as a diff), with what was fixed on stderr. */
function applyFixes(file: string, original: string, targets: readonly BuildTarget[], options: Options): string {
  const { text, fixed } = fixText(original, targets, options.fix === 'unsafe');
  if (fixed.length > 0) process.stderr.write(`${file}: fixed ${fixed.join(', ')}\n`);
  if (options.diff) process.stdout.write(text === original ? '' : createTwoFilesPatch(`a/${file}`, `b/${file}`, original, text));
  else if (text !== original) writeFileSync(file, text);
  return text;
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; });

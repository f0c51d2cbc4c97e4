#!/usr/bin/env node
// `dockerfile-stages check ...`, `graph ...`, `convert ...` and `ships ...` (usage in arguments.ts).
// Exit status: 1 when check finds an error, 2 on bad usage, an unreadable file or a --target that names no
// stage of a file (BuildKit's error), else 0.
import { existsSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { scanWorkspace, type ScanResult } from '../workspace/scanner';
import { asBuildTargets, WorkspaceTargets } from '../workspace/workspaceTargets';
import { isTemplateText } from '../workspace/dockerfileKinds';
import { AnalyzedDocument } from '../analysis/document';
import { featureContext } from '../features/featureContext';
import { stageGraph } from '../features/stageGraph';
import { HelpRequested, parseArguments, USAGE, UsageError, type Options } from './arguments';
import { checkFiles, readSource, TargetNotFound, type FileToCheck } from './check';
import { formatDot, formatGraphJson, formatMermaid } from '../features/graphFormats';
import { convertFile } from './convert';
import { shipsReport, targetStage } from '../features/ships/shipsReport';
import { formatShipsText } from './shipsFormat';

/** The files to read, each with the targets that apply: --target, --workspace, and a folder's own. */
async function filesWithTargets(options: Options): Promise<FileToCheck[]> {
  for (const workspace of options.workspaces) {
    if (!existsSync(workspace)) throw new UsageError(`no such workspace folder: ${workspace}`);
  }
  // A folder given as FILE is read as a workspace: its Dockerfiles, with the targets its files build.
  const folders = options.files.filter((file) => file !== '-' && existsSync(file) && statSync(file).isDirectory());
  const scanned = new Map<string, ScanResult>();
  for (const dir of new Set([...options.workspaces, ...folders].map((dir) => resolve(dir)))) scanned.set(dir, await scanWorkspace(dir));
  const discovered = new WorkspaceTargets();
  discovered.replace([...scanned.values()].flatMap((result) => result.targets), [...scanned].flatMap(([root, result]) => result.unread.map((part) => ({ root, part }))));
  const files = options.files.flatMap((file) => (folders.includes(file)
    ? scanned.get(resolve(file))!.dockerfiles.filter((path) => !isTemplateText(readSource(path))).map((path) => ({ file: join(file, relative(resolve(file), path)), named: false }))
    : [{ file, named: true }]));
  return files.map(({ file, named }) => {
    const builds = file === '-' ? [] : discovered.for(resolve(file));
    return { file, named, builds, targets: [...options.targets.map((name) => ({ name, origin: '--target' })), ...asBuildTargets(builds)] };
  });
}

/** The graph, with what ships in the first --target's image marked (the default target's without one). */
function graph(file: FileToCheck, format: string, shipsTarget: string | undefined): string {
  const document = AnalyzedDocument.fromText(readSource(file.file));
  if (shipsTarget !== undefined && targetStage(document.model, shipsTarget) === undefined) throw new TargetNotFound(`${file.file}: target stage "${shipsTarget}" could not be found`);
  const stages = stageGraph(featureContext(document, file.targets), shipsTarget);
  return format === 'dot' ? formatDot(stages) : format === 'json' ? formatGraphJson(stages) : formatMermaid(stages);
}

/** What the image of the last stage, or of `--target`, holds and where each part comes from. */
function ships(file: string, target: string | undefined, format: string): string {
  const { model } = AnalyzedDocument.fromText(readSource(file));
  const stage = targetStage(model, target);
  if (stage === undefined) throw new TargetNotFound(target === undefined ? `${file}: no stage` : `${file}: target stage "${target}" could not be found`);
  const report = shipsReport(model, stage);
  return format === 'json' ? `${JSON.stringify({ file, ...report }, null, 2)}\n` : formatShipsText(file, report);
}

async function main(args: readonly string[]): Promise<number> {
  try {
    const options = parseArguments(args);
    if (options.command === 'ships') {
      process.stdout.write(ships(options.files[0], options.targets[0], options.format));
      return 0;
    }
    const files = await filesWithTargets(options);
    if (options.command === 'check') return await checkFiles(files, options);
    if (options.command === 'convert') return convertFile(files[0], options);
    process.stdout.write(graph(files[0], options.format, options.targets[0]));
    return 0;
  } catch (error) {
    if (error instanceof HelpRequested) {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`dockerfile-stages: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof TargetNotFound) process.stderr.write(`dockerfile-stages: ${error.message}\n`);
    else process.stderr.write(`dockerfile-stages: cannot read ${(error as { path?: string }).path ?? ''}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
    return 2;
  }
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; });

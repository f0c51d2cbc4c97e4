// DependenciesAfterSource's fix, where the manifests are certain: the RUN names them itself (`pip install -r
// requirements.txt`), or a Node install's are read from the build context (package.json and the lock file, no
// script or local path that reads more): copy those first with the whole copy's flags, run the install, then
// copy the rest. Offered only where the RUN runs nothing but such installs and only instructions that cannot
// change it (EXPOSE, LABEL, CMD, ...) stand between the copy and the RUN, so that it runs as before, save for the
// files it does not read. Not preferred: a requirements file may itself name the tree (`-e .`), which the copy
// of the manifests alone would leave out.
import type { CodeAction, TextEdit } from 'vscode-languageserver-types';
import type { FeatureContext } from '../featureContext';
import { dependenciesAfterSource, runCommands, type DependencyHit } from '../diagnostics/dependencyRules';
import { dependencyInstall, type DependencyInstall } from '../diagnostics/dependencyInstalls';
import { DocumentText } from '../documentText';
import { wholeLines } from './edits';

/** What an instruction between the copy and the RUN may be: none of these changes what a RUN does. */
export const INERT: ReadonlySet<string> = new Set(['EXPOSE', 'LABEL', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK', 'STOPSIGNAL', 'MAINTAINER']);

type MakeFix = (title: string, edits: TextEdit[], extra?: Partial<CodeAction>) => CodeAction;

export function dependenciesFirstFixes(context: FeatureContext, line: number, fix: MakeFix): CodeAction[] {
  const hit = dependenciesAfterSource(context).find((candidate) => candidate.run.range.start.line === line);
  const document = new DocumentText(context.text);
  const copyLine = hit && manifestsCopy(hit, document.eol);
  if (!hit || !copyLine) return [];
  const copyStart = hit.copy.range.start.line;
  const runText = document.lines(hit.run.range.start.line, hit.run.range.end.line).replace(/(?:\r\n|\r|\n)$/, '');
  return [fix(`Copy ${hit.manifests.join(', ')} and install before '${hit.copy.keyword} ${hit.copy.summary}'`, [
    { range: { start: document.lineStart(copyStart), end: document.lineStart(copyStart) }, newText: `${copyLine}${document.eol}${runText}${document.eol}` },
    { range: wholeLines(context.model, hit.run.range.start.line, hit.run.range.end.line), newText: '' },
  ], { isPreferred: false })];
}

/** The `COPY` of the manifests, into the directories they keep under the whole copy's destination. */
function manifestsCopy({ stage, copy, run, install: found, manifests: read, readsMore, directory: runsIn }: DependencyHit, eol: string): string | undefined {
  const installs = runCommands(run)?.map(dependencyInstall);
  // Each command names its manifests, or is the Node install whose manifests the context gave.
  const certain = (install: DependencyInstall | undefined) => install?.pinned || (install?.command === found.command && found.project && !readsMore);
  if (!installs || !installs.every(certain)) return undefined;
  const between = stage.instructions.filter((i) => i.range.start.line > copy.range.end.line && i.range.start.line < run.range.start.line);
  if (between.some((i) => !INERT.has(i.keyword)) || copy.range.start.line !== copy.range.end.line) return undefined;
  const flags = copy.buildkit?.flags ?? [];
  const destination = copy.copyPaths?.destination.text;
  if (destination === undefined || flags.some((flag) => /^--(exclude|parents)/i.test(flag))) return undefined;
  const inRunDirectory = [...new Set(installs.flatMap((install) => (install!.pinned ? install!.manifests : read)))];
  const manifests = inRunDirectory.map((path) => (runsIn === '' ? path : `${runsIn}/${path}`));
  if (manifests.some((path) => /^\/|(^|\/)\.\.(\/|$)|[*?[\\$'"\s]/.test(path))) return undefined;
  const byDirectory = new Map<string, string[]>();
  for (const path of manifests) {
    const directory = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    byDirectory.set(directory, [...byDirectory.get(directory) ?? [], path]);
  }
  const base = destination.replace(/\/+$/, '') || (destination.startsWith('/') ? '' : '.');
  const lines = [...byDirectory].map(([directory, paths]) =>
    [copy.keyword === 'ADD' ? 'COPY' : copy.buildkit!.written, ...flags, ...paths, `${directory === '' ? base : `${base}/${directory}`}/`].join(' '));
  return lines.join(eol);
}

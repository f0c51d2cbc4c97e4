// Convert to a multi-stage build, the edit (the plan is convertPlan.ts): the stage keeps its lines up to the
// last build step and is named `build` (or the next free name); after them comes the runtime stage, with the
// stage's own name if it had one, on the runtime base and the same --platform: the runtime settings written
// before the build (copied, in order), WORKDIR of the builder image where the Dockerfile set none, one
// `COPY --from=build` per artifact (and per file of the builder the base lacks, scratch's CA certificates) to
// the same path, then the lines after the build (moved, shell forms made exec forms where the base has no
// shell). A comment above it says what the image no longer has. With the dependencies downloaded first
// (goDependenciesFirst.ts), the manifests' copy and the download go just before the build stage's `COPY . .`.
import type { TextEdit } from 'vscode-languageserver-types';
import type { StageModel } from '../../analysis/model';
import { freshStageName } from '../rename';
import { DocumentText } from '../documentText';
import { asKeyword, type RefactorResult } from './refactor';
import type { ConvertPlan } from './convertPlan';
import type { DependenciesFirst } from './goDependenciesFirst';
import { execFormText } from './startCommand';

export function convertStage(model: StageModel, text: string, plan: ConvertPlan, dependencies?: DependenciesFirst): RefactorResult {
  const document = new DocumentText(text);
  const { stage } = plan;
  const eol = document.eol;
  const buildName = freshStageName(model, 'build');
  const as = asKeyword(stage);
  const nameEdit: TextEdit = stage.name
    ? { range: stage.name.range, newText: buildName }
    : { range: { start: stage.base!.range.end, end: stage.base!.range.end }, newText: ` ${as} ${buildName}` };

  const from = stage.fromKeyword.text;
  // `--platform=$TARGETPLATFORM` is the default, which BuildKit's RedundantTargetPlatform says: not written again.
  const platformText = stage.platform ? document.slice(stage.platform.range) : undefined;
  const platform = platformText && !/^\$\{?TARGETPLATFORM\}?$/.test(platformText) ? `--platform=${platformText} ` : '';
  // New keywords in the FROM keyword's case, so that a lower-case file stays consistent (ConsistentInstructionCasing).
  const keyword = (word: string) => (from === from.toLowerCase() ? word.toLowerCase() : word);
  const runtimeLines = [
    `# ${lostNote(plan)}`,
    `${from} ${platform}${plan.runtime.image}${stage.name ? ` ${as} ${stage.name.text}` : ''}`,
    ...(plan.builderWorkdir ? [`${keyword('WORKDIR')} ${plan.builderWorkdir}`] : []),
    ...plan.carried.map((instruction) => rewritten(document, plan, instruction)),
    ...[...plan.runtime.fromBuilder, ...plan.artifacts].map((path) => `${keyword('COPY')} --from=${buildName} ${copyArguments(path)}`),
  ];
  const lastBuildEnd = stage.instructions[plan.lastBuild].range.end.line;
  const after = document.afterLine(lastBuildEnd);
  const lastLine = document.lineCount - 1;
  // Everything after the build moves; the file's last line end (or its absence) stays as it was.
  const movedText = after.prefix === '' ? movedLines(document, plan, lastBuildEnd + 1, lastLine) : '';
  const end = { line: lastLine, character: document.lineText(lastLine).length };
  const replaced: TextEdit = { range: { start: after.position, end }, newText: `${after.prefix}${eol}${runtimeLines.join(eol)}${eol}${movedText}` };
  const nameAt = nameEdit.range.start;
  const downloadEdits = dependencies ? [downloadFirst(document, dependencies, keyword)] : [];
  return { edits: [nameEdit, ...downloadEdits, replaced], renamePosition: { line: nameAt.line, character: nameAt.character + (stage.name ? 0 : as.length + 2) } };
}

/** `COPY go.mod go.sum ./` (with the whole copy's flags) and `RUN go mod download`, inserted before the whole copy. */
function downloadFirst(document: DocumentText, { copy, manifests }: DependenciesFirst, keyword: (word: string) => string): TextEdit {
  const at = document.lineStart(copy.range.start.line);
  const copyLine = [copy.buildkit!.written, ...copy.buildkit!.flags, ...manifests, './'].join(' ');
  return { range: { start: at, end: at }, newText: `${copyLine}${document.eol}${keyword('RUN')} go mod download${document.eol}` };
}

/** Lines `first`..`last` (all that follows the build), each shell form to rewrite replaced by its exec form. */
function movedLines(document: DocumentText, plan: ConvertPlan, first: number, last: number): string {
  let text = '';
  let line = first;
  for (const instruction of plan.stage.instructions.slice(plan.lastBuild + 1)) {
    const start = instruction.range.start.line;
    if (!plan.execForms.some((form) => form.instruction === instruction)) continue;
    if (start > line) text += document.lines(line, start - 1);
    text += rewritten(document, plan, instruction) + document.eol;
    line = instruction.range.end.line + 1;
  }
  return line <= last ? text + document.lines(line, last) : text;
}

function rewritten(document: DocumentText, plan: ConvertPlan, instruction: ConvertPlan['carried'][number]): string {
  const form = plan.execForms.find((f) => f.instruction === instruction);
  return form ? execFormText(form) : document.slice({ start: instruction.keywordRange.start, end: instruction.range.end });
}

/** `SRC DEST` for the same path on both sides; the JSON form where the path has more than plain characters. */
function copyArguments(path: string): string {
  return /^[\w./@+-]+$/.test(path) ? `${path} ${path}` : `[${JSON.stringify(path)}, ${JSON.stringify(path)}]`;
}

/** What the runtime image no longer has, said where the reader of the result sees it. */
export function lostNote(plan: ConvertPlan): string {
  const kept = plan.artifacts.join(', ') + (plan.runtime.fromBuilder.length > 0 ? ` (and ${plan.runtime.fromBuilder.join(', ')})` : '');
  const lacks = plan.runtime.lacks ? `, nor ${plan.runtime.lacks}` : '';
  return `Runtime: only ${kept} from the build; the sources, the ${plan.builder.image} toolchain and its environment, and all else the build made are not in this image${lacks}.`;
}

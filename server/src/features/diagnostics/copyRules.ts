// Rules on the paths `COPY --from` takes (ours; issue "what flows between stages, part 2"):
// - CopyFromRelativePath: BuildKit reads a source of `COPY --from=x` from the root of x, not from its WORKDIR
//   (dockerfile2llb/convert_copy.go: `system.NormalizePath("/", src, ...)`). Reported where x's WORKDIR is not
//   `/`, the path under it is made by an instruction of x's chain, and nothing of that chain makes it at the root
//   or copies in a folder above it there; under a folder every image has (`bin/tool`), the message says that the
//   base image may have it.
// - CopyFromAncestor: `COPY --from=x /p /p` where x is this stage's own base and nothing in this stage ran
//   before it: the files are already there (moby/buildkit#2502); not with `--chown`/`--chmod`, which change them.
//   Fix: remove the COPY (not preferred: a build context named x would replace the stage).
// - CopyFromMissingPath: only where x's whole content is known, its FROM chain starting at `scratch` with no RUN,
//   and the path is neither made nor under or above anything made: BuildKit fails (`failed to compute cache key:
//   ... not found`). A warning, not an error: a build context of the stage's name replaces the stage
//   (`--build-context`, bake `contexts`), which BuildKit's own tests do.
import { posix } from '../../analysis/posixPath';
import type { InstructionInfo, Stage, StageModel, StageReference } from '../../analysis/model';
import { hasVariable } from '../../analysis/args';
import { instructionOf, makersOf, producedPaths, workdirAt, type ProducedPath } from '../../analysis/fileSketch';
import { fromChain, parentStage, rootStage } from '../../analysis/scope';
import type { Finding } from './rules';
import { stageLabel } from '../../analysis/names';
import { StageMemo } from './stageMemo';

/** Directories an image's root holds: a path under one may be the image's own, which the message says. */
const ROOT_DIRECTORIES = new Set(['bin', 'boot', 'dev', 'etc', 'home', 'lib', 'lib64', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var']);

/** Per stage, what its `COPY --from` lines get (they read the stage and the stages they copy from). */
const BY_STAGE = new StageMemo<readonly Finding[]>();

export function checkCopyFromPaths(model: StageModel): Finding[] {
  const copies = new Map<number, { reference: StageReference; source: Stage }[]>();
  for (const reference of model.references) {
    if (reference.kind !== 'copy-from' || reference.onbuild || reference.resolution.kind !== 'stage' || reference.order !== 'ok') continue;
    const list = copies.get(reference.inStage) ?? copies.set(reference.inStage, []).get(reference.inStage)!;
    list.push({ reference, source: model.stages[reference.resolution.stage] });
  }
  const findings: Finding[] = [];
  for (const [index, list] of copies) {
    const stage = model.stages[index];
    findings.push(...BY_STAGE.get(model, stage, () => list.flatMap(({ reference, source }) => {
      const instruction = instructionOf(model, reference);
      if (!instruction?.copyPaths) return [];
      return [...relativeSources(model, source, instruction, reference), ...fromAncestor(model, stage, source, instruction), ...missingPaths(model, source, instruction, reference)];
    }), list.map(({ source }) => source)));
  }
  return findings;
}

function relativeSources(model: StageModel, source: Stage, instruction: InstructionInfo, reference: StageReference): Finding[] {
  const workdir = workdirAt(model, source, Infinity);
  if (!workdir || workdir === '/') return [];
  const relative = instruction.copyPaths!.sources.filter(({ text }) => !text.startsWith('/') && !hasVariable(text) && !/[*?[]/.test(text));
  if (relative.length === 0) return [];
  const produced = producedPaths(model, source);
  const image = rootStage(model, source)?.expandedBase;
  return relative.flatMap((path) => {
    const text = path.text;
    const atRoot = posix.resolve('/', text);
    const underWorkdir = posix.resolve(workdir, text);
    const made = produced.get(underWorkdir);
    if (!made || produced.has(atRoot) || copiedInAbove(model, source, produced, atRoot)) return [];
    // `bin/tool`: the image's /bin may hold a tool of that name; say so rather than stay silent.
    const imageMayHave = ROOT_DIRECTORIES.has(text.split('/')[0]) && image && image.toLowerCase() !== 'scratch' ? ` (unless the base image ${image} has ${atRoot})` : '';
    return [{
      code: 'CopyFromRelativePath' as const,
      range: path.range,
      instructionLine: reference.instructionLine,
      message: `COPY --from=${reference.text} reads '${text}' from the root of stage '${stageLabel(source)}' (${atRoot}), not from its WORKDIR ${workdir}, where line ${made.instruction.range.start.line + 1} makes ${underWorkdir}${imageMayHave}.`,
      data: { suggestions: [underWorkdir] },
    }];
  });
}

/** Whether a folder above `path` (the root included) was copied in: what it holds is unknown, `path` among it. */
function copiedInAbove(model: StageModel, stage: Stage, produced: ReadonlyMap<string, ProducedPath>, path: string): boolean {
  for (let at = posix.dirname(path); at !== '/'; at = posix.dirname(at)) {
    const keyword = produced.get(at)?.instruction.keyword;
    if (keyword === 'COPY' || keyword === 'ADD') return true;
  }
  return makersOf(model, stage, path).rootCopies.length > 0;
}

function fromAncestor(model: StageModel, stage: Stage, source: Stage, instruction: InstructionInfo): Finding[] {
  if (parentStage(model, stage) !== source) return [];
  const before = stage.instructions.slice(0, stage.instructions.indexOf(instruction));
  if (before.some((i) => i.keyword === 'RUN' || i.keyword === 'COPY' || i.keyword === 'ADD')) return [];
  const { sources, destination, setsOwnerOrMode } = instruction.copyPaths!;
  const workdir = workdirAt(model, stage, instruction.range.start.line);
  // `--chown`/`--chmod` change what is there: then the COPY does something.
  if (setsOwnerOrMode || sources.length !== 1 || hasVariable(sources[0].text) || hasVariable(destination.text)) return [];
  // A relative destination needs the WORKDIR, unknown on a chain that starts on an image until an absolute one.
  if (workdir === undefined && !destination.text.startsWith('/')) return [];
  const from = posix.resolve('/', sources[0].text);
  const to = posix.resolve(workdir ?? '/', destination.text);
  if (from !== to) return [];
  return [{
    code: 'CopyFromAncestor',
    range: instruction.range,
    instructionLine: instruction.range.start.line,
    message: `Stage '${stageLabel(source)}' is this stage's base: ${from} is already here, and this COPY puts it back where it is.`,
    data: { stage: stage.index },
  }];
}

function missingPaths(model: StageModel, source: Stage, instruction: InstructionInfo, reference: StageReference): Finding[] {
  if (!contentKnown(model, source)) return [];
  const produced = producedPaths(model, source);
  const made = [...produced.keys()];
  return instruction.copyPaths!.sources.flatMap((path) => {
    if (hasVariable(path.text) || /[*?[]/.test(path.text)) return [];
    const wanted = posix.resolve('/', path.text);
    // The root always exists, even in an empty stage.
    if (wanted === '/') return [];
    // Under something made (a directory copied in holds what it holds) or above it (its directory): it exists.
    if (made.some((p) => p === wanted || p === '/' || wanted.startsWith(`${p}/`) || p.startsWith(`${wanted}/`))) return [];
    const close = made.filter((p) => posix.basename(p) === posix.basename(wanted));
    return [{
      code: 'CopyFromMissingPath' as const,
      range: path.range,
      instructionLine: reference.instructionLine,
      message: `Stage '${stageLabel(source)}' has no ${wanted}: it is built from scratch and no instruction makes it, so BuildKit fails with "not found"`
        + `${source.name ? ` (unless a build context named '${source.normalizedName}' replaces the stage)` : ''}${close.length > 0 ? `: did you mean ${close[0]}?` : '.'}`,
      data: { suggestions: close },
    }];
  });
}

/** A COPY or ADD whose paths are all written out (no variables): then it is known where its files land. */
function knownCopy(instruction: InstructionInfo): boolean {
  const paths = instruction.copyPaths;
  return paths !== undefined && !hasVariable(paths.destination.text) && !paths.sources.some((source) => hasVariable(source.text));
}

/** A stage whose files are all known: its FROM chain starts at `scratch` and runs nothing. */
function contentKnown(model: StageModel, stage: Stage): boolean {
  return rootStage(model, stage)?.expandedBase?.toLowerCase() === 'scratch'
    && fromChain(model, stage).every((current) => current.instructions.every((i) => i.keyword !== 'RUN' && i.keyword !== 'ONBUILD' && ((i.keyword !== 'COPY' && i.keyword !== 'ADD') || knownCopy(i))));
}

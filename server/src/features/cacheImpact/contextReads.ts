// The instructions that read the build context, and which of its paths each reads: what a change to the context
// can invalidate. BuildKit caches such a step by the content of what it reads (solver/llbsolver/ops/file.go
// fileOp.CacheMap: a selector per COPY/ADD source, hashed by opsutils.NewContentHashFunc; ops/exec.go
// ExecOp.CacheMap and getMountDeps: a read-only or output-less mount, as a bind mount is, hashed by its
// `source`), and the context it reads is the one the .dockerignore filters (frontend/dockerui/config.go,
// llb.ExcludePatterns), all at BuildKit 73ed682.
import type { InstructionInfo, Stage, StageModel } from '../../analysis/model';
import { literalWord } from '../diagnostics/shellWord';
import { cleanPath } from '../../analysis/dockerignorePatterns';

export interface ContextRead {
  readonly stage: Stage;
  readonly instruction: InstructionInfo;
  /** The context paths it reads, cleaned and relative to the context root: `.` for all of it. */
  readonly paths: readonly string[];
  /** Some source's value is not known here (a variable, an escape): it may read other paths too. */
  readonly unknown: boolean;
}

/** Every instruction of the model that reads the build context, in file order; ONBUILD triggers aside. */
export function contextReads(model: StageModel): ContextRead[] {
  const reads: ContextRead[] = [];
  const copiesFromElsewhere = new Set(model.references.filter((reference) => reference.kind === 'copy-from').map((reference) => reference.instructionLine));
  for (const stage of model.stages) {
    for (const instruction of stage.instructions) {
      const read = mayReadContext(instruction, copiesFromElsewhere) ? contextRead(model, stage, instruction) : undefined;
      if (read) reads.push(read);
    }
  }
  return reads;
}

/**
 * Only a COPY or ADD that copies from no stage or image and a RUN with a bind mount without `from=` can: the others
 * are passed over without reading them again as BuildKit does (at 1,000 generated stages, reading every
 * instruction doubled the graph request's time).
 */
function mayReadContext(instruction: InstructionInfo, copiesFromElsewhere: ReadonlySet<number>): boolean {
  if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') return !copiesFromElsewhere.has(instruction.range.start.line);
  return instruction.keyword === 'RUN' && (instruction.mounts ?? []).some((mount) => mount.type === 'bind' && mount.from === undefined);
}

/** What one instruction reads of the build context; undefined for one that reads none of it. */
export function contextRead(model: StageModel, stage: Stage, instruction: InstructionInfo): ContextRead | undefined {
  const reading = instruction.buildkit;
  if (!reading || reading.rejected) return undefined;
  const keyword = reading.written.toLowerCase();
  const words = keyword === 'run' ? bindMountSources(model, instruction, reading.flags) : copySources(keyword, reading.flags, reading.args);
  if (!words || words.length === 0) return undefined;
  const paths: string[] = [];
  let unknown = false;
  for (const word of words) {
    const value = literalWord(word, model.escapeCharacter);
    if (value === undefined) unknown = true;
    else paths.push(contextPath(value));
  }
  return { stage, instruction, paths, unknown };
}

/** A source as a path of the context root: BuildKit reads `/src` and `src` alike (both under the context). */
export function contextPath(source: string): string {
  const cleaned = cleanPath(source === '' ? '.' : source);
  return cleaned === '/' ? '.' : cleaned.replace(/^\//, '');
}

/** COPY without `--from` and ADD: their sources, less heredocs, URLs and Git remotes. */
function copySources(keyword: string, flags: readonly string[], args: readonly string[]): string[] | undefined {
  if (keyword !== 'copy' && keyword !== 'add') return undefined;
  if (flags.some((flag) => /^--from(=|$)/i.test(flag))) return undefined;
  return args.slice(0, -1).filter((source) => !source.startsWith('<<') && !source.includes('://') && !/^[\w.-]+@[\w.-]+:/.test(source));
}

/**
 * RUN's bind mounts of the context: `type=bind` (the default) without `from=` mounts the build context
 * (dockerfile2llb/convert_runmount.go dispatchRunMounts: `st := opt.buildContext`), unless a stage is named
 * `scratch`, which BuildKit takes instead (the model's scratchMounts). The `source` is a word of the flag.
 */
function bindMountSources(model: StageModel, instruction: InstructionInfo, flags: readonly string[]): string[] | undefined {
  const line = instruction.range.start.line;
  if (model.scratchMounts.some((mount) => mount.instructionLine === line)) return undefined;
  const sources: string[] = [];
  for (const flag of flags) {
    const match = /^--mount=(.*)$/is.exec(flag);
    if (!match) continue;
    const fields = new Map(match[1].split(',').map((field) => {
      const equals = field.indexOf('=');
      return equals < 0 ? [field.toLowerCase(), ''] : [field.slice(0, equals).toLowerCase(), field.slice(equals + 1)];
    }));
    if ((fields.get('type') ?? 'bind').toLowerCase() !== 'bind' || fields.has('from')) continue;
    sources.push(fields.get('source') ?? fields.get('src') ?? '.');
  }
  return sources;
}

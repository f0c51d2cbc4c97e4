// A build target found in a workspace file (compose, bake, a script, ...): plain data, read by `workspace/`
// and answered on by `features/buildFiles/`, so it lives below both.
import type { Range } from './positions';
import type { NamedContext } from './graph';

export interface DiscoveredTarget {
  /** The Dockerfile's absolute path. */
  readonly dockerfile: string;
  /** The stage, as written (case-insensitive, may hold `${VAR}` / `${{ expr }}` patterns); empty while unwritten. */
  readonly target: string;
  /** `docker-bake.hcl:167`: the file (relative to the workspace) and 1-based line. */
  readonly origin: string;
  /** The file that names the target (absolute), and as a `file:` URI. */
  readonly file: string;
  readonly uri: string;
  /** The target's value in that file, quotes excluded (0-based, UTF-16 columns); empty when unwritten. */
  readonly range: Range;
  /** The build args the file passes for this build (compose `build.args`, bake `args`), by name. */
  readonly args?: Readonly<Record<string, string>>;
  /**
   * The target is computed (a script's variable, a loop's value, a bake `inherits`): `range` is where its value
   * is written when it is written there as it is, else the build's own word; a rename does not edit it then.
   */
  readonly computed?: boolean;
  /** The build was seen but its target is not known (`target` is then a pattern): what is unknown, for messages. */
  readonly unresolved?: string;
  /** Named without its Dockerfile (code, bake `--set`): it applies to this Dockerfile only if a stage has the name. */
  readonly ifStageExists?: boolean;
  /** A build of the default target (no target given; `target` is empty): for its build args and which files are Dockerfiles. */
  readonly defaultTarget?: boolean;
  /** Named build contexts (bake `contexts`), by name. */
  readonly contexts?: Readonly<Record<string, NamedContext>>;
  /**
   * The build context: an absolute folder where the file says it (compose `build.context`, bake `context`, the
   * context operand of `docker build`, ...); absent where it is not known (a variable or an expression left
   * unresolved, a Git or remote context, a build whose Dockerfile is named without its build).
   */
  readonly context?: string;
  /** The build exports its result as files (`-o`/`--output` type=local or tar, bake `output`), not as an image. */
  readonly exportsFiles?: boolean;
}

/** What an extra option of a target says (see DiscoveredTarget). */
export type TargetOptions = Pick<DiscoveredTarget, 'args' | 'computed' | 'unresolved' | 'ifStageExists' | 'defaultTarget' | 'contexts' | 'context' | 'exportsFiles'>;

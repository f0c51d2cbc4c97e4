// The stage model: everything the features know about a Dockerfile's build stages.
// Built once per document version, by `analyze` from the text or by `AnalyzedDocument.update` from the previous
// version's unchanged parts (`assemble.ts`), and never mutated afterwards.
// All positions are LSP positions: 0-based lines, columns in UTF-16 code units.
import type { BuildkitReading } from './buildkitReading';
import type { DispatchStep } from './dispatchSteps';
import type { Evaluation } from './evaluate';
import type { Located, Range } from './positions';

// The geometry every part of the model uses lives in `positions.ts`, a leaf the model's parts import.
export type { Located, Position, Range } from './positions';

/** An ARG or ENV declaration, read off the parse by `variables.ts`. */
export interface VariableDeclaration {
  readonly kind: 'arg' | 'env';
  readonly name: string;
  readonly nameRange: Range;
  /** The value as written after `=`, quotes removed; undefined for `ARG NAME` without a default. */
  readonly value?: string;
  /** The value as BuildKit's parser gives it to the lexer, quotes and escapes in place. */
  readonly rawValue?: string;
  readonly valueRange?: Range;
  /** The first line of the declaring instruction: a use sees the declarations of earlier instructions. */
  readonly instructionLine: number;
}

export interface VariableUse {
  readonly name: string;
  readonly nameRange: Range;
  /** `$X`, `${X}`, `${X:-word}`...: the whole expression. */
  readonly range: Range;
  /** `-`, `+`, `:-`, `:+` (with `:` when written) for `${X:-word}` forms. */
  readonly operator?: string;
  readonly instructionLine: number;
  /** The upper-cased instruction keyword (`RUN`, `COPY`, ...). */
  readonly keyword: string;
  /**
   * Text the shell reads at run time (RUN), where `'$X'` stays literal and a script may set X itself:
   * such uses are `shellLiteral` or `shellAssigned`, and no rule speaks of them.
   */
  readonly shellLiteral?: boolean;
  /** The script assigns X somewhere (as a command: `X=1;`, `export X=`, `for X in`, `read X`). */
  readonly shellAssigned?: boolean;
  /** ... before this use: the use reads the script's value (the assignment's own value still reads the ARG or ENV). */
  readonly shellSetBefore?: boolean;
}

export interface InstructionInfo {
  /** Upper-cased keyword as written (`RUN`, `COPY`, `ONBUILD`, ...). */
  readonly keyword: string;
  readonly keywordRange: Range;
  /** The whole instruction, continuation lines and heredoc bodies included. */
  readonly range: Range;
  /** For `ONBUILD X ...`: the upper-cased trigger keyword `X`. */
  readonly triggerKeyword?: string;
  /** The start of the arguments, on one line (for the outline). */
  readonly summary: string;
  /** For `RUN`: the first command it runs that compiles for one architecture (`go build`, `cargo build`, `gcc`...). */
  readonly compiler?: string;
  /** For `ADD`: its sources as written (every argument but the destination; `<<EOF` for a heredoc). */
  readonly addSources?: readonly string[];
  /**
   * For `COPY` and `ADD` (not heredocs): the source paths and the destination, quotes removed, and whether
   * `--chown`/`--chmod` give what it puts another owner or mode.
   */
  readonly copyPaths?: { readonly sources: readonly Located[]; readonly destination: Located; readonly setsOwnerOrMode?: boolean };
  /** For `WORKDIR`: the path as written. */
  readonly workdir?: string;
  /** For `RUN`: the paths it is known to create (`-o out/app`, `mkdir -p /x`), as written (runOutputs.ts). */
  readonly outputs?: readonly string[];
  /** For `RUN`: its `--mount` flags, in order. */
  readonly mounts?: readonly MountInfo[];
  /**
   * The instruction as BuildKit's parser reads it; undefined where it would not end it where dockerfile-ast does.
   * Read from the same parse as `dispatch` (instructionReading.ts).
   */
  readonly buildkit?: BuildkitReading;
  /**
   * What BuildKit's dispatch does with its words (dispatchSteps.ts): for ARG and ENV, and for the others that
   * hold a `$`; an ONBUILD's are its trigger's.
   */
  readonly dispatch?: readonly DispatchStep[];
}

/** A `RUN --mount=...` as written: BuildKit reads one without `from=` as `from=scratch` (detectRunMount). */
export interface MountInfo {
  /** Lower-cased; `bind` when not given. */
  readonly type: string;
  readonly from?: string;
  readonly target?: string;
  /** The whole `--mount=...` flag. */
  readonly range: Range;
}

export interface GlobalArg {
  readonly name: string;
  readonly nameRange: Range;
  /** The default value with quotes removed, or undefined for `ARG NAME` without a default. */
  readonly defaultValue?: string;
  /** The default as written, quotes and escapes in place: the word BuildKit expands. */
  readonly rawDefault?: string;
  readonly valueRange?: Range;
  readonly range: Range;
}

export interface Stage {
  /** 0-based position among all stages, in file order (what `--from=N` counts). */
  readonly index: number;
  /** The name after `AS`, as written. */
  readonly name?: Located;
  /** The name as BuildKit stores it: lower-cased. */
  readonly normalizedName?: string;
  /** The `AS` keyword as written, for the casing check. */
  readonly asKeyword?: Located;
  readonly fromKeyword: Located;
  /** The FROM instruction. */
  readonly fromRange: Range;
  /** The FROM instruction as BuildKit's parser reads it (see `InstructionInfo.buildkit`). */
  readonly fromReading?: BuildkitReading;
  /** From FROM through the stage's last instruction (heredoc bodies included). */
  readonly range: Range;
  /** The base image or stage as written; undefined on a half-typed `FROM`. */
  readonly base?: Located;
  /**
   * Neither `FROM image` nor `FROM image AS name`: BuildKit rejects the FROM before it looks at its base
   * ("FROM requires either one or three arguments": parseBuildStageName in instructions/parse.go).
   */
  readonly malformed?: true;
  /** The base as BuildKit expands it with the global ARG defaults, when that gives one value. */
  readonly expandedBase?: string;
  /** What the base expands to, for a base that holds variables (the values it may take, what it depends on). */
  readonly baseEvaluation?: Evaluation;
  readonly platform?: Located;
  /** The whole `--platform=...` flag, for edits that remove it. */
  readonly platformFlagRange?: Range;
  /** The comment block directly above FROM (without `#`), the stage's description. */
  readonly docComment?: string;
  /** The instructions after FROM. */
  readonly instructions: readonly InstructionInfo[];
  /** `ARG` and `ENV` declarations, in order (not those of ONBUILD triggers). */
  readonly declarations: readonly VariableDeclaration[];
  /** Every `$X` in the FROM line and the instructions (not in ONBUILD triggers), in order. */
  readonly uses: readonly VariableUse[];
}

/**
 * `source-date-epoch`: a global `ARG SOURCE_DATE_EPOCH=<stage>`, which makes BuildKit take the time of that
 * stage's remote ADD source as the build's timestamp, whatever the target (dockerfile2llb/epoch.go).
 */
export type ReferenceKind = 'from' | 'copy-from' | 'mount-from' | 'source-date-epoch';

/** `StageReference.inStage` of a reference written before the first FROM. */
export const BEFORE_FIRST_STAGE = -1;

/** How BuildKit resolves a reference (../shared/docs/stage-semantics.md). */
export type Resolution =
  | { readonly kind: 'stage'; readonly stage: number; readonly by: 'name' | 'index' }
  /**
   * A name that is built from ARGs: any of these stages may be meant (all of them count as used). `buildArg`: the
   * global ARG, with no default, that alone makes the name (`FROM $BASE`): only `--build-arg` gives it a value.
   */
  | { readonly kind: 'pattern'; readonly stages: readonly number[]; readonly buildArg?: string }
  /** Pulled as an image or a named build context. */
  | { readonly kind: 'image' }
  /** `--from=$X` / `from=$X`: BuildKit does not expand variables there. */
  | { readonly kind: 'variable' }
  /** `--from=N` with no stage N. */
  | { readonly kind: 'index-out-of-range' }
  /** `from=N` in a mount: mounts take no index, so this is an image called N. */
  | { readonly kind: 'mount-index' }
  /** `--from=` with nothing after it yet. */
  | { readonly kind: 'empty' };

export interface StageReference {
  readonly kind: ReferenceKind;
  /** Inside an `ONBUILD` trigger: takes effect in the stages built FROM this one. */
  readonly onbuild: boolean;
  /** The value as written, quotes removed. */
  readonly text: string;
  /** The value's range (quotes excluded); empty for an empty value. */
  readonly range: Range;
  /** The stage the reference is written in; BEFORE_FIRST_STAGE for `ARG SOURCE_DATE_EPOCH`. */
  readonly inStage: number;
  /** The line where the instruction holding the reference starts. */
  readonly instructionLine: number;
  readonly resolution: Resolution;
  /**
   * Whether BuildKit accepts the order: `forward` = names a stage defined later,
   * `self` = names its own stage. Only meaningful for a resolved stage.
   */
  readonly order: 'ok' | 'forward' | 'self';
  /** A RUN mount without `from=` that BuildKit resolves to a stage named `scratch` (StageModel.scratchMounts). */
  readonly implicit?: true;
}

/** A dependency of one stage on another, from one reference. */
export interface StageEdge {
  readonly from: number;
  readonly to: number;
  readonly reference: StageReference;
  /** True when the reference is an ARG-built pattern: the dependency is possible, not certain. */
  readonly possible: boolean;
}

export interface Directive {
  readonly name: string;
  readonly value: string;
  readonly range: Range;
  readonly valueRange: Range;
}

export interface CommentLine {
  /** Text after `#`, trimmed. */
  readonly text: string;
  readonly range: Range;
}

export interface StageModel {
  readonly version: number;
  /** Length of each line in UTF-16 code units, line ends excluded; as many entries as lines. */
  readonly lineLengths: Readonly<ArrayLike<number>>;
  /** The offset in the text where each line starts (analysis/lines.ts). */
  readonly lineStarts: Readonly<ArrayLike<number>>;
  readonly escapeCharacter: string;
  /** The parser directives at the top, as BuildKit's parser reads them (analysis/directives.ts). */
  readonly directives: readonly Directive[];
  /** A second directive of a name, where BuildKit's parser fails ("only one check parser directive can be used"). */
  readonly repeatedDirective?: Directive;
  /** The `# check=` directive as BuildKit's linter reads it: its value up to the first space. */
  readonly checkOptions?: Directive;
  readonly comments: readonly CommentLine[];
  readonly globalArgs: readonly GlobalArg[];
  /** The instructions before the first FROM (global ARGs) as BuildKit's parser reads them. */
  readonly globalReadings: readonly BuildkitReading[];
  readonly stages: readonly Stage[];
  readonly references: readonly StageReference[];
  /**
   * Per stage, the references written in it (`references` split by stage, those before the first FROM aside):
   * a lookup by position reads one stage's few, and a stage an edit left alone keeps its list.
   */
  readonly referencesIn: readonly (readonly StageReference[])[];
  /**
   * Where a stage is named `scratch`, the RUN mounts without `from=`: BuildKit looks `scratch` up by name first
   * (detectRunMount), so each depends on that stage. In `edges` and `circular`, not in `references`: there is
   * no name to go to or rename.
   */
  readonly scratchMounts: readonly StageReference[];
  readonly edges: readonly StageEdge[];
  /** Per stage, the stages built FROM it (possibly, for an ARG-built name): where its ONBUILD triggers run. */
  readonly builtFrom: readonly (readonly number[])[];
  /** Per stage, the references that point at it (resolved or possible). */
  readonly referencesTo: readonly (readonly StageReference[])[];
  /** Per stage, the reference of its `FROM` line (undefined on a half-typed `FROM`). */
  readonly baseReferences: readonly (StageReference | undefined)[];
  /** The references on a dependency cycle, which BuildKit rejects. */
  readonly circular: ReadonlySet<StageReference>;
  /** The file's last instruction is open (heredoc without terminator, trailing continuation): a line written
   * after it would become part of it. */
  readonly openAtEnd: boolean;
}

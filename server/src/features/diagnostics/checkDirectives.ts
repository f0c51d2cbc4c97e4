// BuildKit's `# check=skip=Rule1,Rule2|all;experimental=Rule|all;error=true` configuration (linter/linter.go):
// - the file's: the `# check=` directive as the linter reads it (model.checkOptions), parsed by ParseLintOptions;
//   a value it rejects fails the build (InvalidCheckDirective);
// - an instruction's: the first `# check=` among its comments (WithMergedConfigFromComments: the value up to its
//   first space, ignored when ParseLintOptions rejects it) adds skipped and experimental rules for what that
//   instruction reports, in the phases whose linter reads its comments (buildkitPhases.ts: the stage names, the
//   duplicate and reserved ones, and InvalidDefaultArgInFrom use the file's alone); its `error=` counts for nothing.
// Experimental rules run only where `experimental=` names them (or `all`), and `skip` does not apply to them. A
// finding that BuildKit fails on is never skipped: the linter silences warnings, its errors stay.
import type { StageModel } from '../../analysis/model';
import { directiveIn } from '../../analysis/directives';
import { goQuote } from '../../analysis/goFormat';
import { BUILDKIT_CHECKS, readsInstructionComments } from './buildkitPhases';
import { InstructionComments } from './instructionComments';
import { EXPERIMENTAL_RULES, ruleInfo, type RuleCode } from './rules';

export interface LintOptions {
  /** Rule names as written; `all` in the set skips every rule. */
  readonly skip: ReadonlySet<string>;
  readonly experimental: ReadonlySet<string>;
  /** `error=true`: warnings become errors (the file's directive only). */
  readonly error: boolean;
}

const NO_OPTIONS: LintOptions = { skip: new Set(), experimental: new Set(), error: false };

export class CheckConfiguration {
  /** The file's options; NO_OPTIONS where its directive fails to parse (and the build with it). */
  readonly file: LintOptions;
  /** ParseLintOptions' error on the file's directive. */
  readonly fileError?: string;
  private readonly comments: InstructionComments;
  private readonly atLine = new Map<number, LintOptions | undefined>();

  constructor(model: StageModel) {
    const parsed = model.checkOptions ? parseLintOptions(model.checkOptions.value) : NO_OPTIONS;
    this.file = typeof parsed === 'string' ? NO_OPTIONS : parsed;
    this.fileError = typeof parsed === 'string' ? parsed : undefined;
    this.comments = InstructionComments.of(model);
  }

  get warningsAreErrors(): boolean {
    return this.file.error;
  }

  isSkipped(code: RuleCode, instructionLine: number): boolean {
    if (ruleInfo(code).fails) return false;
    const phase = BUILDKIT_CHECKS[code];
    const local = phase === undefined || readsInstructionComments(phase) ? this.optionsAt(instructionLine) : undefined;
    if (EXPERIMENTAL_RULES.has(code)) return !names(this.file.experimental, code) && !names(local?.experimental, code);
    return names(this.file.skip, code) || names(local?.skip, code);
  }

  /** The options of the first `# check=` among the instruction's comments, when it parses. */
  private optionsAt(line: number): LintOptions | undefined {
    if (!this.atLine.has(line)) {
      const value = this.comments.above(line).map(checkValue).find((found) => found !== undefined);
      const parsed = value === undefined ? undefined : parseLintOptions(value);
      this.atLine.set(line, typeof parsed === 'string' ? undefined : parsed);
    }
    return this.atLine.get(line);
  }
}

/** A comment read as a directive: the value of a `check` one, up to its first space. */
function checkValue(comment: string): string | undefined {
  const directive = directiveIn(comment);
  return directive?.name === 'check' ? directive.value.split(' ')[0] : undefined;
}

function names(set: ReadonlySet<string> | undefined, code: string): boolean {
  return !!set && (set.has('all') || set.has(code));
}

/**
 * linter.ParseLintOptions: up to three `key=value` parts split on `;` (the last keeps any further `;`), keys exact,
 * rule lists split on `,`. A string is its error, as BuildKit words it.
 */
export function parseLintOptions(text: string): LintOptions | string {
  const trimmed = text.trim();
  if (trimmed === '') return NO_OPTIONS;
  const parts = trimmed.split(';');
  const skip = new Set<string>();
  const experimental = new Set<string>();
  let error = false;
  for (const part of [...parts.slice(0, 2), ...(parts.length > 2 ? [parts.slice(2).join(';')] : [])]) {
    const equals = part.indexOf('=');
    if (equals < 0) return `invalid check option ${goQuote(part)}`;
    const key = part.slice(0, equals).trim();
    const value = part.slice(equals + 1).trim();
    if (key === 'skip' || key === 'experimental') {
      const set = key === 'skip' ? skip : experimental;
      if (value === 'all') set.add('all');
      else for (const rule of value.split(',')) set.add(rule.trim());
    } else if (key === 'error') {
      const parsed = parseBool(value);
      if (parsed === undefined) return `failed to parse check option ${goQuote(part)}: strconv.ParseBool: parsing ${goQuote(value)}: invalid syntax`;
      error = parsed;
    } else {
      return `invalid check option ${goQuote(key)}`;
    }
  }
  return { skip, experimental, error };
}

/** Go's strconv.ParseBool. */
function parseBool(text: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return undefined;
}

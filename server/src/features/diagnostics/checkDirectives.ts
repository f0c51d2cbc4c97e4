// BuildKit's `# check=skip=Rule1,Rule2|all;experimental=Rule|all;error=true` directive, and the same comment
// right above an instruction, which silences rules for that instruction alone (linter/linter.go, ParseLintOptions).
// Experimental rules run only where `experimental=` names them (or `all`), and `skip` does not apply to them.
import type { StageModel } from '../../analysis/model';
import { EXPERIMENTAL_RULES } from './rules';

export interface CheckConfiguration {
  /** Rules skipped for the whole file; `all` skips every rule. */
  readonly skipped: ReadonlySet<string>;
  /** Experimental rules turned on for the whole file; `all` turns on every one. */
  readonly experimental: ReadonlySet<string>;
  /** `error=true`: warnings become errors. */
  readonly warningsAreErrors: boolean;
  /** Rules skipped per instruction line, from a `# check=skip=` comment right above it. */
  readonly skippedAtLine: ReadonlyMap<number, ReadonlySet<string>>;
}

export function readCheckConfiguration(model: StageModel): CheckConfiguration {
  const directive = model.directives.find((d) => d.name === 'check');
  const fileWide = directive ? parseCheckValue(directive.value) : { skip: new Set<string>(), experimental: new Set<string>(), error: false };
  const skippedAtLine = new Map<number, ReadonlySet<string>>();
  for (const comment of model.comments) {
    const match = /^check\s*=\s*(.*)$/i.exec(comment.text);
    if (match) skippedAtLine.set(comment.range.start.line + 1, parseCheckValue(match[1]).skip);
  }
  return { skipped: fileWide.skip, experimental: fileWide.experimental, warningsAreErrors: fileWide.error, skippedAtLine };
}

/** `skip=A,B;error=true`: keys are case-insensitive, rule names are compared as BuildKit does (exactly). */
export function parseCheckValue(value: string): { skip: Set<string>; experimental: Set<string>; error: boolean } {
  const skip = new Set<string>();
  const experimental = new Set<string>();
  let error = false;
  for (const part of value.split(';')) {
    const [key, ...rest] = part.split('=');
    const setting = rest.join('=').trim();
    if (key.trim().toLowerCase() === 'skip') for (const rule of setting.split(',')) if (rule.trim()) skip.add(rule.trim());
    if (key.trim().toLowerCase() === 'experimental') for (const rule of setting.split(',')) if (rule.trim()) experimental.add(rule.trim());
    if (key.trim().toLowerCase() === 'error') error = setting.toLowerCase() === 'true';
  }
  return { skip, experimental, error };
}

export function isSkipped(config: CheckConfiguration, code: string, instructionLine: number): boolean {
  if (EXPERIMENTAL_RULES.has(code)) return !config.experimental.has('all') && !config.experimental.has(code);
  const here = config.skippedAtLine.get(instructionLine);
  return config.skipped.has('all') || config.skipped.has(code) || !!here?.has('all') || !!here?.has(code);
}

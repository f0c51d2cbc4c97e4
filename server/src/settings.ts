// The `dockerfileStages.*` settings as the server reads them from `workspace/configuration`.

/** The setting that names build targets, and their origin in a BuildTarget. */
export const TARGETS_SETTING = 'dockerfileStages.targets';

export type RuleLevel = 'off' | 'hint' | 'information' | 'warning' | 'error';
export type GeneralFeaturesSetting = 'auto' | 'on' | 'off';
export type BuildkitChecksSetting = 'auto' | 'on' | 'off';

export interface Settings {
  /** Stages built as targets besides the last one (`--target` names; `${VAR}` patterns allowed). */
  readonly targets: readonly string[];
  /** Severity per rule code, overriding the defaults. */
  readonly rules: Readonly<Record<string, RuleLevel>>;
  readonly generalFeatures: GeneralFeaturesSetting;
  /** BuildKit's checks: `auto` leaves those another installed Docker extension reports to it. */
  readonly buildkitChecks: BuildkitChecksSetting;
  readonly codeLens: boolean;
  readonly inlayHints: boolean;
}

export const DEFAULT_SETTINGS: Settings = { targets: [], rules: {}, generalFeatures: 'auto', buildkitChecks: 'auto', codeLens: true, inlayHints: true };

const RULE_LEVELS: readonly string[] = ['off', 'hint', 'information', 'warning', 'error'];

/** Reads whatever the client sent, keeping only well-formed values: a typo in settings.json must not crash us. */
export function readSettings(raw: unknown): Settings {
  const section = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const targets = Array.isArray(section.targets) ? section.targets.filter((t): t is string => typeof t === 'string' && t.trim() !== '') : [];
  const rules: Record<string, RuleLevel> = {};
  if (typeof section.rules === 'object' && section.rules !== null) {
    for (const [rule, level] of Object.entries(section.rules)) {
      if (typeof level === 'string' && RULE_LEVELS.includes(level)) rules[rule] = level as RuleLevel;
    }
  }
  return {
    targets: targets.map((t) => t.trim()),
    rules,
    generalFeatures: autoOnOff(section.generalFeatures),
    buildkitChecks: autoOnOff(section.buildkitChecks),
    codeLens: section.codeLens !== false,
    inlayHints: section.inlayHints !== false,
  };
}

function autoOnOff(value: unknown): 'auto' | 'on' | 'off' {
  return value === 'on' || value === 'off' ? value : 'auto';
}

// Rules about stage declarations: names that BuildKit rejects, warns about, or binds surprisingly.
import type { Stage, StageModel } from '../../analysis/model';
import { isReservedStageName, isValidStageName } from '../../analysis/names';
import type { Finding } from './rules';

export function checkStageDeclarations(model: StageModel): Finding[] {
  const findings: Finding[] = [];
  const seenNames = new Set<string>();
  for (const stage of model.stages) {
    // A template's FROM (`FROM {{ image }} AS x`, Dockerfile.j2) is not what BuildKit will read: left alone.
    if (stage.malformed && !/\{[{%]/.test(stage.base?.text ?? '')) {
      // parseBuildStageName (instructions/parse.go): BuildKit fails here, before anything else of this FROM.
      findings.push({ code: 'MalformedFrom', range: stage.fromRange, instructionLine: stage.fromRange.start.line, message: 'FROM requires either one or three arguments (FROM <image> or FROM <image> AS <name>): BuildKit fails', data: { stage: stage.index } });
    }
    checkFromAsCasing(stage, findings);
    const name = stage.name;
    if (!name || stage.normalizedName === undefined) continue;
    const at = { range: name.range, instructionLine: stage.fromRange.start.line, data: { stage: stage.index } };
    // BuildKit's messages, word for word (linter/ruleset.go); casing is checked before the name is validated
    // (ParseInstructionWithLinter), the reserved and duplicate names on the lower-cased name (validateStageNames).
    if (name.text !== stage.normalizedName) {
      findings.push({ code: 'StageNameCasing', ...at, message: `Stage name '${name.text}' should be lowercase` });
    }
    if (!isValidStageName(name.text)) {
      findings.push({ code: 'InvalidStageName', ...at, message: `Invalid stage name '${name.text}': it must start with a letter and contain only letters, digits, '-', '_' and '.'; BuildKit fails the build.` });
      continue;
    }
    if (isReservedStageName(name.text)) {
      findings.push({ code: 'ReservedStageName', ...at, message: `Stage name should not use the same name as reserved stage "${stage.normalizedName}"` });
    }
    if (seenNames.has(stage.normalizedName)) {
      findings.push({ code: 'DuplicateStageName', ...at, message: `Duplicate stage name "${stage.normalizedName}", stage names should be unique` });
    } else {
      seenNames.add(stage.normalizedName);
    }
  }
  return findings;
}

/** BuildKit's FromAsCasing: `FROM x as y` and `from x AS y` mix keyword casing. */
function checkFromAsCasing(stage: Stage, findings: Finding[]): void {
  const from = stage.fromKeyword.text;
  const as = stage.asKeyword?.text;
  if (!as) return;
  const fromUpper = from === from.toUpperCase();
  const mismatch = fromUpper ? as !== as.toUpperCase() : from === from.toLowerCase() && as !== as.toLowerCase();
  if (mismatch) {
    findings.push({
      code: 'FromAsCasing',
      range: stage.asKeyword!.range,
      instructionLine: stage.fromRange.start.line,
      message: `'${as}' and '${from}' keywords' casing do not match`,
    });
  }
}

// Rules about stage declarations: names that BuildKit rejects, warns about, or binds surprisingly.
import type { Stage, StageModel } from '../../analysis/model';
import { isReservedStageName, isValidStageName } from '../../analysis/names';
import type { Finding } from './rules';

export function checkStageDeclarations(model: StageModel): Finding[] {
  const findings: Finding[] = [];
  const firstByName = new Map<string, Stage>();
  for (const stage of model.stages) {
    checkFromAsCasing(stage, findings);
    const name = stage.name;
    if (!name || stage.normalizedName === undefined) continue;
    const at = { range: name.range, instructionLine: stage.fromRange.start.line, data: { stage: stage.index } };
    if (!isValidStageName(name.text)) {
      findings.push({ code: 'InvalidStageName', ...at, message: `Invalid stage name '${name.text}': it must start with a letter and contain only letters, digits, '-', '_' and '.'; BuildKit fails the build.` });
      continue;
    }
    if (isReservedStageName(name.text)) {
      findings.push({ code: 'ReservedStageName', ...at, message: `'${name.text}' is reserved: use another stage name.` });
    }
    if (name.text !== stage.normalizedName) {
      findings.push({ code: 'StageNameCasing', ...at, message: `Stage name '${name.text}' should be lower case: BuildKit stores it as '${stage.normalizedName}'.` });
    }
    const first = firstByName.get(stage.normalizedName);
    if (first) {
      findings.push({ code: 'DuplicateStageName', ...at, message: `Stage name '${name.text}' is already defined on line ${first.fromRange.start.line + 1}: --from and --target bind to the last definition, FROM to the latest earlier one.` });
    } else {
      firstByName.set(stage.normalizedName, stage);
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
      message: `'${as}' and '${from}' keywords' casing do not match.`,
    });
  }
}

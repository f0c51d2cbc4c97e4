// What BuildKit fails on in the parser directives at the top of the file: a directive given twice (parser.Parse,
// DirectiveParser.ParseLine: "only one check parser directive can be used"), and a `# check=` value the linter
// cannot read (newRuleLinter: "failed to parse check options: ..."), both before anything else is looked at.
import type { StageModel } from '../../analysis/model';
import type { CheckConfiguration } from './checkDirectives';
import type { Finding } from './rules';

export function checkDirectives(model: StageModel, checks: CheckConfiguration): Finding[] {
  const findings: Finding[] = [];
  if (checks.fileError !== undefined && model.checkOptions) {
    const { valueRange } = model.checkOptions;
    findings.push({ code: 'InvalidCheckDirective', range: valueRange, instructionLine: valueRange.start.line, message: `failed to parse check options: ${checks.fileError}` });
  }
  const repeated = model.repeatedDirective;
  if (repeated) {
    const first = model.directives.find((directive) => directive.name === repeated.name)!;
    findings.push({
      code: 'DuplicateParserDirective',
      range: repeated.range,
      instructionLine: repeated.range.start.line,
      message: `only one ${repeated.name} parser directive can be used (the first is on line ${first.range.start.line + 1}): BuildKit fails`,
    });
  }
  return findings;
}

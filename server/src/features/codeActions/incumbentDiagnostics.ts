// Beside the Docker extensions, their server (dockerfile-language-server-nodejs, whose validator reports as
// `dockerfile-utils`) marks a duplicate stage name at every definition ("duplicate name x", an error). Ours
// steps aside there (server.ts: DuplicateStageName is off by default when another Docker server is active, see
// STEPS_ASIDE_FOR_INCUMBENT), so that the fact shows once in the Problems view, and our quick fix is offered on
// their diagnostic instead. Measured in the coexistence e2e (test/e2e/suite/coexistence.e2e.ts).
import type { Diagnostic } from 'vscode-languageserver-types';
import type { StageModel } from '../../analysis/model';
import { rangesOverlap } from '../../analysis/positions';
import { SOURCE, type FindingData, type RuleCode } from '../diagnostics/rules';

const INCUMBENT_SOURCE = 'dockerfile-utils';

/** Our rules that the incumbent server reports too; off unless the user sets them, where it runs. */
export const STEPS_ASIDE_FOR_INCUMBENT: Readonly<Partial<Record<RuleCode, 'off'>>> = { DuplicateStageName: 'off' };

/** The incumbent's duplicate-name diagnostic read as our DuplicateStageName at that stage, for its quick fix. */
export function adoptIncumbentDiagnostic(model: StageModel, diagnostic: Diagnostic): Diagnostic | undefined {
  if (diagnostic.source !== INCUMBENT_SOURCE || !/^duplicate name /.test(diagnostic.message)) return undefined;
  const stage = model.stages.find((candidate) => candidate.name && rangesOverlap(candidate.name.range, diagnostic.range));
  const data: FindingData = { stage: stage?.index };
  return stage && { ...diagnostic, source: SOURCE, code: 'DuplicateStageName', data };
}

// Beside the Docker extensions, each fact shows once in the Problems view. Their servers report some of ours:
// - Container Tools and the older Docker extension run dockerfile-language-server-nodejs, whose validator
//   (`dockerfile-utils`) reports a duplicate stage name at every definition ("duplicate name x", an error), and
//   its own checks of MAINTAINER, keyword casing, empty continuation lines, repeated CMD/ENTRYPOINT/HEALTHCHECK
//   and relative WORKDIRs: the rules Docker DX itself drops beside them as overlapping
//   (docker-language-server, buildkit/service.go shouldIgnore);
// - Docker DX reports BuildKit's checks (`docker buildx build --call=check`, source `docker-language-server`,
//   the rule as code) whenever Docker runs.
// Ours are off by default there (`dockerfileStages.buildkitChecks`, and a rule set in `dockerfileStages.rules`
// wins), and our quick fixes are offered on their diagnostic of the same fact instead. Measured in the
// coexistence e2e (test/e2e/suite/coexistence.e2e.ts) for the duplicate name.
import type { Diagnostic } from 'vscode-languageserver-types';
import type { StageModel } from '../../analysis/model';
import { lastAtOrBefore, rangesOverlap } from '../../analysis/positions';
import type { BuildkitChecksSetting } from '../../settings';
import { BUILDKIT_RULES, SOURCE, type FindingData, type RuleCode } from '../diagnostics/rules';

/** The other Docker extensions installed, by what their servers report. */
export interface OtherDockerServers {
  /** Container Tools or the older Docker extension: dockerfile-utils' validation. */
  readonly dockerfileUtils: boolean;
  /** Docker DX: BuildKit's checks. */
  readonly dockerDx: boolean;
}

/**
 * From the ids of the Docker extensions the client found installed; a client that only says another Docker
 * server is active (`otherDockerServerActive`) is taken to run dockerfile-language-server-nodejs.
 */
export function otherDockerServers(extensionIds: readonly string[] | undefined, otherDockerServerActive: boolean): OtherDockerServers {
  if (!extensionIds) return { dockerfileUtils: otherDockerServerActive, dockerDx: false };
  return {
    dockerfileUtils: extensionIds.includes('ms-azuretools.vscode-containers') || extensionIds.includes('ms-azuretools.vscode-docker'),
    dockerDx: extensionIds.includes('docker.docker'),
  };
}

/** What dockerfile-utils reports too, as Docker DX counts it. */
const DOCKERFILE_UTILS_OVERLAP: readonly RuleCode[] = [
  'DuplicateStageName', 'ConsistentInstructionCasing', 'MaintainerDeprecated', 'MultipleInstructionsDisallowed', 'NoEmptyContinuation', 'WorkdirRelativePath',
];

/** The rules turned off by default because another server reports them (`auto`), or all of BuildKit's (`off`). */
export function rulesLeftToOthers(setting: BuildkitChecksSetting, others: OtherDockerServers): Partial<Record<RuleCode, 'off'>> {
  const left = setting === 'off' || (setting === 'auto' && others.dockerDx) ? [...BUILDKIT_RULES]
    : setting === 'auto' && others.dockerfileUtils ? DOCKERFILE_UTILS_OVERLAP : [];
  return Object.fromEntries(left.map((code) => [code, 'off' as const]));
}

const DOCKERFILE_UTILS = 'dockerfile-utils';
const DOCKER_DX = 'docker-language-server';

/**
 * Their diagnostic of a fact we report too, read as ours (with the stage it is on) for our quick fixes:
 * dockerfile-utils' duplicate name, and any of BuildKit's checks from Docker DX (they report an instruction's lines).
 */
export function adoptIncumbentDiagnostic(model: StageModel, diagnostic: Diagnostic): Diagnostic | undefined {
  if (diagnostic.source === DOCKERFILE_UTILS && /^duplicate name /.test(diagnostic.message)) {
    const stage = model.stages.find((candidate) => candidate.name && rangesOverlap(candidate.name.range, diagnostic.range));
    const data: FindingData = { stage: stage?.index };
    return stage && { ...diagnostic, source: SOURCE, code: 'DuplicateStageName', data };
  }
  if (diagnostic.source === DOCKER_DX && typeof diagnostic.code === 'string' && BUILDKIT_RULES.has(diagnostic.code as RuleCode)) {
    const line = diagnostic.range.start.line;
    const stage = lastAtOrBefore(model.stages, (candidate) => candidate.fromRange.start.line, line);
    const data: FindingData = { stage: stage?.index };
    return { ...diagnostic, source: SOURCE, data };
  }
  return undefined;
}

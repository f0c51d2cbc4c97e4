// Rules on what the image ships (ours; issue 26), over the provenance of analysis/ships/provenance.ts, on the
// image of the default target only (the last stage): other targets may export files or run checks, which only
// the stage roles of issue 26's first part will tell, and a last stage named like a check (`test`, `lint`) is
// left out for the same reason. A build stage may carry anything: only what reaches the image counts.
// - SecretShipped: a credential file (analysis/ships/credentials.ts) that a COPY/ADD from the build context puts
//   in the image's FROM chain (a later `RUN rm` does not take it out of that layer), or in a stage a `COPY --from`
//   then copies it from (the file, or a folder holding it), where no RUN of that stage comes after it (a RUN may
//   delete it before the copy reads it). Not a source the .dockerignore excludes: it is not sent, and the copy
//   fails (CopyIgnoredFile).
// - WholeStageCopied: `COPY --from=x / ...` into the image where x does not start on scratch: it copies x's whole
//   base image too (hadolint DL3067's case).
// - BuildToolsShipped: the chain starts on a toolchain image and a RUN of the chain compiles with it (the
//   single-stage build), or a RUN of the chain installs compilers or headers and does not remove them itself.
import { posix } from '../../analysis/posixPath';
import type { InstructionInfo, Located, StageModel } from '../../analysis/model';
import { stageLabel } from '../../analysis/names';
import { imageProvenance, isInside, type ImageProvenance, type ShipStep } from '../../analysis/ships/provenance';
import { credentialFile } from '../../analysis/ships/credentials';
import { CHECK_NAME } from '../../analysis/ships/roles';
import { installedBuildPackages, toolchainOf } from '../../analysis/ships/toolchains';
import type { Finding } from './rules';
import { fromChain } from '../../analysis/chain';
import { cleanPath, IgnoreMatcher } from '../../analysis/dockerignorePatterns';
import type { BuildContextListing } from '../../analysis/buildContext';
import { contextShipsSecrets } from './contextSecretsRules';

/** Whether the build context sends a source path (the .dockerignore does not exclude it). */
type Sent = (source: string) => boolean;

/**
 * Images built FROM scratch, so copying one whole copies only its files: tonistiigi/xx (its src/Dockerfile's
 * `FROM scratch AS xx`, the image's default target: the xx-* scripts in /usr/bin, meant for `COPY --from=xx / /`).
 */
const SCRATCH_IMAGES = new Set(['tonistiigi/xx', 'docker.io/tonistiigi/xx']);

/**
 * `dockerignore`: the patterns of the .dockerignore that applies (undefined when unknown); `buildContext`: what the
 * context holds, where all of it was listed (ContextShipsSecrets, contextSecretsRules.ts).
 */
export function checkWhatShips(model: StageModel, dockerignore?: readonly string[], buildContext?: BuildContextListing): Finding[] {
  const image = model.stages[model.stages.length - 1];
  if (!image || fromChain(model, image).some((stage) => CHECK_NAME.test(stage.normalizedName ?? ''))) return [];
  const provenance = imageProvenance(model, image);
  const matcher = dockerignore && dockerignore.length > 0 ? IgnoreMatcher.of(dockerignore) : undefined;
  // A source the .dockerignore excludes is not sent: the copy fails (CopyIgnoredFile), nothing ships.
  const sent = (source: string) => !matcher?.matchesOrParentMatches(cleanPath(source));
  return [...secretsShipped(model, provenance, sent), ...contextShipsSecrets(provenance, buildContext), ...wholeStagesCopied(model, provenance), ...buildToolsShipped(model, provenance)];
}

/** A finding on a word (or the keyword) of an instruction. */
function finding(code: Finding['code'], instruction: InstructionInfo, message: string, word?: Located): Finding {
  return { code, range: word?.range ?? instruction.keywordRange, message, instructionLine: instruction.range.start.line };
}

/**
 * Each source of a context copy with the path it makes (`COPY a b /d/` makes /d/a and /d/b; `COPY a /f` makes /f).
 * Under a WORKDIR the chain's base decides (`FROM node` then `COPY .env .`), the path is said relative to it
 * (`./.env`): the file ships all the same.
 */
function madeBySource(step: ShipStep, sent: Sent): { source: Located; made: string }[] {
  const copied = step.instruction.copyPaths;
  if (step.source.kind !== 'context' || !copied) return [];
  const written = copied.destination.text;
  const relative = step.paths.length === 0 && step.placeUnknown === true;
  const destination = relative ? posix.normalize(written) : step.paths[0];
  if (destination === undefined) return [];
  const intoFolder = written.endsWith('/') || written === '.' || copied.sources.length > 1;
  const sources = copied.sources;
  return sources.filter((source) => sent(source.text)).map((source) => {
    const made = intoFolder ? posix.join(destination, posix.basename(source.text)) : destination;
    return { source, made: relative ? `./${made} under the WORKDIR the base sets` : made };
  });
}

function secretsShipped(model: StageModel, provenance: ImageProvenance, sent: Sent): Finding[] {
  const findings: Finding[] = [];
  for (const step of provenance.steps) {
    for (const { source, made } of madeBySource(step, sent)) {
      const name = credentialFile(made) ?? credentialFile(source.text);
      if (name) findings.push(finding('SecretShipped', step.instruction, `The credential file ${name} (${made}) ships in the image: a build secret (RUN --mount=type=secret) keeps it out`, source));
    }
    if (step.source.kind !== 'stage') continue;
    step.source.paths.forEach((path, i) => {
      const word = step.instruction.copyPaths?.sources[i];
      if (path.path === undefined || !word) return;
      for (const secret of secretsIn(path.path, step.source.kind === 'stage' ? step.source.provenance : provenance, sent, new Set())) {
        findings.push(finding('SecretShipped', step.instruction, `The credential file ${secret.name} (${secret.made}), copied in stage ${stageLabel(model.stages[secret.step.stage])} on line ${secret.step.instruction.range.start.line + 1}, ships in the image through this copy of ${path.path}`, word));
      }
    });
  }
  return findings;
}

interface SecretAt {
  readonly name: string;
  readonly made: string;
  readonly step: ShipStep;
}

/** The credential files at or under `path` in a stage's image that a copy from the context put there, following `COPY --from`. */
function secretsIn(path: string, provenance: ImageProvenance, sent: Sent, seen: Set<ImageProvenance>): SecretAt[] {
  if (seen.has(provenance)) return [];
  seen.add(provenance);
  const within = (made: string) => made === path || isInside(made, path);
  return provenance.steps.flatMap((step, index) => {
    // A RUN after it may have deleted it before the copy reads this stage.
    if (provenance.steps.slice(index + 1).some((later) => later.source.kind === 'run')) return [];
    const direct = madeBySource(step, sent).flatMap(({ source, made }) => {
      const name = within(made) ? credentialFile(made) ?? credentialFile(source.text) : undefined;
      return name ? [{ name, made, step }] : [];
    });
    if (step.source.kind !== 'stage') return direct;
    const from = step.source.provenance;
    const nested = step.source.paths.flatMap((source, i) => {
      const made = step.paths.length > 1 ? step.paths[i + 1] : step.paths[0];
      if (source.path === undefined || made === undefined) return [];
      // The part of what this copy made that lies within `path`, as a path in the stage it copies from.
      const inner = within(made) ? source.path : isInside(path, made) ? posix.join(source.path, posix.relative(made, path)) : undefined;
      return inner === undefined ? [] : secretsIn(inner, from, sent, seen);
    });
    return [...direct, ...nested];
  });
}

function wholeStagesCopied(model: StageModel, provenance: ImageProvenance): Finding[] {
  return provenance.steps.flatMap((step, index) => {
    const { source } = step;
    // `FROM scratch` then `COPY --from=x / /` first: the image is x flattened (a squash), which is what it means to ship.
    const squash = index === 0 && provenance.base.kind === 'scratch' && step.paths[0] === '/';
    if (source.kind !== 'stage' || squash) return [];
    return source.paths.flatMap((path, i) => {
      const word = step.instruction.copyPaths?.sources[i];
      const base = path.base;
      const scratchImage = base.kind === 'image' && SCRATCH_IMAGES.has(base.image.split(/[:@]/)[0].toLowerCase());
      // A FROM built from ARGs that may name a stage may name one on scratch: then no base image is copied.
      const mayBeStage = base.kind === 'depends' && (base.stages?.length ?? 0) > 0;
      if (path.path !== '/' || !word || scratchImage || mayBeStage || (base.kind !== 'image' && base.kind !== 'depends')) return [];
      const what = base.kind === 'image' ? `image ${base.image}` : `image ${base.written}, which depends on the build`;
      return [finding('WholeStageCopied', step.instruction, `COPY --from=${stageLabel(model.stages[source.stage])} / copies the whole stage, its base ${what} included, into the image`, word)];
    });
  });
}

function buildToolsShipped(model: StageModel, provenance: ImageProvenance): Finding[] {
  const findings: Finding[] = [];
  const runs = provenance.steps.filter((step) => step.source.kind === 'run' && step.instruction.buildkit);
  const base = provenance.base;
  const toolchain = base.kind === 'image' ? toolchainOf(base.image) : undefined;
  const compiling = toolchain && runs.find((step) => toolchain.compiles.test(step.instruction.buildkit!.rest));
  if (toolchain && compiling && base.kind === 'image') {
    const from = model.stages[base.stage];
    findings.push({ code: 'BuildToolsShipped', range: from.base!.range, instructionLine: from.fromRange.start.line,
      message: `The image ships the ${toolchain.ecosystem} toolchain of ${base.image}, which line ${compiling.instruction.range.start.line + 1} compiles with: a build stage on it and an image on ${toolchain.runtime} leave it behind` });
  }
  for (const step of runs) {
    const packages = installedBuildPackages(step.instruction.buildkit!.rest);
    if (packages.length > 0) findings.push(finding('BuildToolsShipped', step.instruction, `The image ships the compilers and headers this RUN installs (${packages.join(', ')}) and does not remove: install them in a build stage and copy out what they build`));
  }
  return findings;
}

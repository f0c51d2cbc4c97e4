// ContextShipsSecrets (ours; issue 26): `COPY . …` or `ADD . …` in the image's FROM chain sends the whole build
// context into the image, `.git` and credential files included, unless the .dockerignore excludes them. BuildKit
// sends the context less what the .dockerignore excludes (frontend/dockerui/config.go: `<Dockerfile>.dockerignore`
// first, else the context's `.dockerignore`; moby/patternmatcher's MatchesOrParentMatches decides each path, as
// analysis/dockerignorePatterns.ts ports it), and a COPY's `--exclude` patterns are matched the same way
// (frontend/dockerfile/dockerfile2llb/convert.go: llb.WithExcludePatterns). Only with a listing of the whole
// context (workspace/buildContext.ts): the editor and the folder check; never on a guess.
import type { BuildContextListing } from '../../analysis/buildContext';
import { cleanPath, IgnoreMatcher } from '../../analysis/dockerignorePatterns';
import type { ImageProvenance, ShipStep } from '../../analysis/ships/provenance';
import type { Finding } from './rules';

/** At most this many files are named in the message. */
const NAMED = 5;

export function contextShipsSecrets(provenance: ImageProvenance, listing: BuildContextListing | undefined): Finding[] {
  if (!listing || listing.sensitive.length === 0) return [];
  const ignore = listing.dockerignore.length > 0 ? IgnoreMatcher.of(listing.dockerignore) : undefined;
  if (listing.dockerignore.length > 0 && !ignore) return [];
  const sent = listing.sensitive.filter((path) => !ignore?.matchesOrParentMatches(path));
  return provenance.steps.flatMap((step) => {
    const root = contextRootSource(step);
    if (!root || sent.length === 0) return [];
    const excludes = excludePatterns(step);
    // A quoted or variable pattern is not read here.
    if (excludes.some((pattern) => /["'$]/.test(pattern))) return [];
    const matcher = excludes.length > 0 ? IgnoreMatcher.of(excludes) : undefined;
    if (excludes.length > 0 && !matcher) return [];
    const shipped = sent.filter((path) => !matcher?.matchesOrParentMatches(path));
    if (shipped.length === 0) return [];
    const named = `${shipped.slice(0, NAMED).join(', ')}${shipped.length > NAMED ? ` and ${shipped.length - NAMED} more` : ''}`;
    const { instruction } = step;
    return [{ code: 'ContextShipsSecrets', range: root.range, instructionLine: instruction.range.start.line,
      message: `${instruction.keyword} ${root.text} puts the whole build context in the image, with ${named}, which no .dockerignore excludes` } satisfies Finding];
  });
}

/** The source word of a COPY/ADD from the context that names its root (`.`, `./`, `/`). */
function contextRootSource(step: ShipStep) {
  if (step.source.kind !== 'context') return undefined;
  return step.instruction.copyPaths?.sources.find((source) => ['.', '/'].includes(cleanPath(source.text)));
}

/** The `--exclude=` patterns of a COPY/ADD, as written. */
function excludePatterns(step: ShipStep): string[] {
  return (step.instruction.buildkit?.flags ?? []).flatMap((flag) => {
    const match = /^--exclude=(.*)$/.exec(flag);
    return match ? [match[1]] : [];
  });
}

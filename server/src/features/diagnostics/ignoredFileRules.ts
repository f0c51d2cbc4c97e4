// BuildKit's CopyIgnoredFile (dockerfile2llb/validations.go validateCopySourcePath): a COPY or ADD source from
// the build context that the .dockerignore excludes, so the build cannot find it. BuildKit says nothing when the
// .dockerignore re-includes anything (`!pattern`), and for `.` only when a pattern excludes every root entry.
// The patterns come from the workspace (workspace/dockerignore.ts); without them nothing is said.
import type { StageModel } from '../../analysis/model';
import type { Finding } from './rules';
import { findingOn, readBody, type ReadInstruction } from './buildkitInstructions';
import { cleanPath, IgnoreMatcher } from '../../analysis/dockerignorePatterns';
import { goQuote } from '../../analysis/goFormat';
import { literalWord } from './shellWord';

export function checkIgnoredFiles(model: StageModel, patterns: readonly string[] | undefined): Finding[] {
  const matcher = patterns && patterns.length > 0 ? IgnoreMatcher.of(patterns) : undefined;
  if (!matcher || matcher.hasExclusions) return [];
  const findings: Finding[] = [];
  for (const stage of model.stages) {
    for (const instruction of readBody(stage)) {
      const command = copyCommand(instruction);
      if (!command) continue;
      for (const source of contextSources(instruction, model.escapeCharacter)) {
        const path = cleanPath(source);
        if ((path === '.' || path === '/') && !matcher.ignoresRoot) continue;
        if (!matcher.matchesOrParentMatches(path)) continue;
        findings.push(findingOn(instruction, 'CopyIgnoredFile', `Attempting to ${command} file ${goQuote(path)} that is excluded by .dockerignore`));
      }
    }
  }
  return findings;
}

/** `Copy` for a COPY from the build context (not `--from`), `Add` for ADD. */
function copyCommand({ reading }: ReadInstruction): 'Copy' | 'Add' | undefined {
  const keyword = reading.written.toLowerCase();
  if (keyword === 'add') return 'Add';
  return keyword === 'copy' && !reading.flags.some((flag) => flag.startsWith('--from')) ? 'Copy' : undefined;
}

/**
 * The sources that are paths of the build context, as BuildKit expands them: heredocs, URLs and Git remotes
 * aside, and those whose value is unknown here (variables, escapes).
 */
function contextSources({ reading }: ReadInstruction, escape: string): string[] {
  if (reading.rejected || reading.args.length < 2) return [];
  return reading.args.slice(0, -1)
    .filter((source) => !source.startsWith('<<') && !source.includes('://') && !/^[\w.-]+@[\w.-]+:/.test(source))
    .map((source) => literalWord(source, escape))
    .filter((source): source is string => source !== undefined && source !== '');
}

// UndefinedTarget: a `target` in a compose, bake or devcontainer file that names no stage of its Dockerfile
// (the build would fail with "target stage could not be found"), with the close names as fixes.
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import { hasVariable } from '../../analysis/args';
import type { RuleLevel } from '../../settings';
import { severityOf, toDiagnostic } from '../diagnostics';
import { SOURCE, type FindingData } from '../diagnostics/rules';
import { closeStageNames } from '../diagnostics/similarity';
import { dockerfileLabel, stagesBuiltBy, type BuildFileContext } from './buildFileContext';

export function targetDiagnostics(context: BuildFileContext, ruleLevels: Readonly<Record<string, RuleLevel>>): Diagnostic[] {
  const severity = severityOf('UndefinedTarget', ruleLevels);
  if (severity === undefined) return [];
  const diagnostics: Diagnostic[] = [];
  for (const target of context.targets) {
    // A Dockerfile that cannot be read (missing, a remote context) is not ours to judge; nor is a pattern.
    const dockerfile = context.dockerfile(target.dockerfile);
    if (!dockerfile || target.target === '' || hasVariable(target.target)) continue;
    if (stagesBuiltBy(dockerfile.context, target).length > 0) continue;
    const stages = dockerfile.context.model.stages;
    const suggestions = closeStageNames(target.target, stages, true);
    const named = stages.filter((s) => s.name).map((s) => `'${s.name!.text}'`);
    const data: FindingData = { suggestions };
    const hint = suggestions.length > 0 ? ` Did you mean '${suggestions[0]}'?` : named.length > 0 ? ` Its stages: ${named.join(', ')}.` : ' It has no named stages.';
    diagnostics.push(toDiagnostic({
      code: 'UndefinedTarget',
      range: target.range,
      message: `Target '${target.target}' names no stage of ${dockerfileLabel(target)}.${hint}`,
      instructionLine: target.range.start.line,
      data,
    }, severity));
  }
  return diagnostics;
}

/** "Change to 'x'" for each close stage name, the closest preferred. */
export function targetQuickFixes(uri: string, diagnostics: readonly Diagnostic[]): CodeAction[] {
  return diagnostics
    .filter((diagnostic) => diagnostic.source === SOURCE && diagnostic.code === 'UndefinedTarget')
    .flatMap((diagnostic) => ((diagnostic.data as FindingData | undefined)?.suggestions ?? []).map((name, i) => ({
      title: `Change to '${name}'`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: i === 0,
      edit: { changes: { [uri]: [{ range: diagnostic.range, newText: name }] } },
    })));
}

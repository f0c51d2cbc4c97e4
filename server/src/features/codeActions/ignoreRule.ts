// "Ignore <Rule> in this file": adds the rule to the single `# check=skip=` directive, creating it if needed.
// A second `check` directive would be a BuildKit parse error, so an existing one is always extended.
import type { TextEdit } from 'vscode-languageserver-types';
import type { FeatureContext } from '../featureContext';
import { DocumentText } from '../documentText';
import { parseLintOptions } from '../diagnostics/checkDirectives';

export function ignoreRuleEdit({ model, text }: FeatureContext, rule: string): TextEdit {
  const directive = model.directives.find((d) => d.name === 'check');
  if (!directive) {
    // After the other directives: directives must come before anything else, and in any order among themselves.
    const last = model.directives[model.directives.length - 1];
    const document = new DocumentText(text);
    const at = document.lineStart(last ? last.range.end.line + 1 : 0);
    return { range: { start: at, end: at }, newText: `# check=skip=${rule}${document.eol}` };
  }
  const options = parseLintOptions(directive.value.split(' ')[0]);
  const skip = new Set(typeof options === 'string' ? [] : [...options.skip].filter((name) => name !== ''));
  skip.add(rule);
  const others = directive.value.split(';').map((part) => part.trim()).filter((part) => part && !/^skip\s*=/i.test(part));
  return { range: directive.valueRange, newText: [`skip=${[...skip].join(',')}`, ...others].join(';') };
}

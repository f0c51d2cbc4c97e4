// The code lenses as the editor shows them: every lens sent unresolved is resolved, as VS Code does for those in view.
import type { CodeLens } from 'vscode-languageserver-types';
import { codeLenses, isLensData, resolveCodeLens, type LensOptions } from '../../server/src/features/codeLens';
import type { FeatureContext } from '../../server/src/features/featureContext';

export function shownLenses(context: FeatureContext, uri: string, options?: LensOptions): CodeLens[] {
  return codeLenses(context, 0, 0, options).map((lens) => (isLensData(lens.data) ? resolveCodeLens(context, uri, { ...lens, data: lens.data }) : lens));
}

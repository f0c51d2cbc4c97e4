// What the stage graph panel (graphPanel.ts, in the extension host) and its webview (webview/graphView.ts, in the
// browser) say to each other. The graph itself is the server's `dockerfileStages/graph` answer, unchanged.
import type { Range } from '../../../server/src/protocol';
import type { StageGraph } from '../../../server/src/protocol';

export type ToWebview =
  /** The graph of a Dockerfile: sent when the panel opens, after edits (debounced) and on switching editors. */
  | { readonly type: 'graph'; readonly uri: string; readonly fileName: string; readonly graph: StageGraph }
  /** The line of the editor's cursor in that Dockerfile: the webview highlights the stage around it. */
  | { readonly type: 'cursor'; readonly uri: string; readonly line: number };

export type FromWebview =
  /** The webview has loaded (again, after being hidden): it wants the graph and the cursor. */
  | { readonly type: 'ready' }
  /** A node or an edge was clicked: select this range of the Dockerfile. */
  | { readonly type: 'reveal'; readonly uri: string; readonly range: Range }
  /** "Copy as Mermaid": the text of what the view shows. */
  | { readonly type: 'copy'; readonly text: string }
  /** A target picked in the "Ships" picker: mark what ships in its image (`GraphTarget.name`; the default target when absent). */
  | { readonly type: 'ships'; readonly target?: string };

// The cross-file side of the server: which open documents are compose, bake or devcontainer files (by file
// name, whatever their language id), the targets in their current text, and each Dockerfile's targets across
// the workspace (the last scan, with open files' current text instead of their saved one).
import { relative } from 'node:path';
import type { TextEdit } from 'vscode-languageserver-types';
import type { AnalyzedDocument } from './analysis/document';
import { pathOf, type DocumentStore } from './documentStore';
import type { DiscoveredTarget } from './workspace/discovered';
import { DockerfileFiles } from './workspace/dockerfileFiles';
import { isNotDockerfileName, isTemplateText } from './workspace/dockerfileKinds';
import { SAVED_FILES, savedText } from './workspace/savedFiles';
import { buildFileReader, LIMITS } from './workspace/scanner';
import { fileAccess } from './workspace/fileAccess';
import type { WorkspaceTargets } from './workspace/workspaceTargets';

/** A client may send other files of these languages (a `compose-dev.yml`): never analysed as Dockerfiles. */
const BUILD_FILE_LANGUAGES = new Set(['yaml', 'dockercompose', 'hcl', 'terraform', 'dockerbake', 'json', 'jsonc']);

export class BuildFiles {
  private readonly parsed = new Map<string, { version: number; targets: DiscoveredTarget[] }>();
  private readonly disk = new DockerfileFiles();
  private readonly templates = new Map<string, { version: number; template: boolean }>();

  constructor(private readonly store: DocumentStore, private readonly scanned: WorkspaceTargets, private readonly roots: () => readonly string[]) {
    store.documents.onDidClose(({ document }) => {
      this.parsed.delete(document.uri);
      this.templates.delete(document.uri);
    });
  }

  isBuildFile(uri: string): boolean {
    const path = pathOf(uri);
    return path !== undefined && buildFileReader(path) !== undefined;
  }

  /**
   * An open document served as a Dockerfile: its language mode decides, less build files, what the extension's
   * own name patterns put in `dockerfile` wrongly (`Dockerfile.5.md`), and templates (dockerfileKinds.ts).
   */
  isDockerfile(uri: string): boolean {
    const document = this.store.get(uri);
    if (!document || BUILD_FILE_LANGUAGES.has(document.languageId) || this.isBuildFile(uri) || isNotDockerfileName(uri.slice(uri.lastIndexOf('/') + 1))) return false;
    const cached = this.templates.get(uri);
    if (cached?.version === document.version) return !cached.template;
    const template = isTemplateText(document.getText());
    this.templates.set(uri, { version: document.version, template });
    return !template;
  }

  /** The targets an open build file names, read from its current text (once per version). */
  targetsIn(uri: string): DiscoveredTarget[] {
    const document = this.store.get(uri);
    const path = pathOf(uri);
    const reader = path && buildFileReader(path);
    if (!document || !path || !reader) return [];
    const cached = this.parsed.get(uri);
    if (cached?.version === document.version) return cached.targets;
    const root = this.roots().find((folder) => !relative(folder, path).startsWith('..')) ?? path;
    const text = document.getText();
    let targets: DiscoveredTarget[] = [];
    try {
      // Larger than the scan reads: not a build file worth parsing on every keystroke.
      if (text.length <= LIMITS.bytesPerFile) targets = reader(text, path, relative(root, path) || path, root, SAVED_FILES);
    } catch {
      // Half-typed text that the format's parser rejects names no target.
    }
    this.parsed.set(uri, { version: document.version, targets });
    return targets;
  }

  /** Every target of the Dockerfile at `path` in the workspace. */
  targetsOf(path: string): DiscoveredTarget[] {
    const open = new Map<string, DiscoveredTarget[]>();
    for (const document of this.store.documents.all()) {
      const file = pathOf(document.uri);
      if (file && this.isBuildFile(document.uri)) open.set(file, this.targetsIn(document.uri));
    }
    return this.scanned.for(path, open);
  }

  /** A Dockerfile that is not open, read from disk. */
  savedDockerfile(path: string): AnalyzedDocument | undefined {
    return this.disk.analysis(path);
  }

  /** The URI to use for a file: the open document's, else the file's (a `file:` URI on the desktop). */
  uriOf(path: string): string {
    return this.store.openAt(path)?.uri ?? fileAccess().uriOf(path);
  }

  /** A workspace edit from edits by file path. */
  workspaceEdit(byPath: ReadonlyMap<string, TextEdit[]>): { changes: Record<string, TextEdit[]> } {
    return { changes: Object.fromEntries([...byPath].map(([path, edits]) => [this.uriOf(path), edits])) };
  }

  /** A file's current text: the open document's, else the saved file's. */
  textOf(path: string): string | undefined {
    const open = this.store.openAt(path);
    return open ? open.getText() : savedText(path);
  }
}

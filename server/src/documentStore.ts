// Open documents and their analyses: each version is analysed once, on first use, and reused by every request.
import { normalize } from 'node:path';
import { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalyzedDocument } from './analysis/document';
import { fileAccess } from './workspace/fileAccess';

export class DocumentStore {
  readonly documents = new TextDocuments(TextDocument);
  private readonly analyses = new Map<string, AnalyzedDocument>();

  constructor() {
    this.documents.onDidClose(({ document }) => this.analyses.delete(document.uri));
  }

  get(uri: string): TextDocument | undefined {
    return this.documents.get(uri);
  }

  /** The open document of a file, whatever the spelling of its URI. */
  openAt(path: string): TextDocument | undefined {
    const wanted = normalize(path);
    return this.documents.all().find((document) => pathOf(document.uri) === wanted);
  }

  /** The analysis of the document's current version; undefined for a document that is not open. */
  analysis(uri: string): AnalyzedDocument | undefined {
    const document = this.documents.get(uri);
    if (!document) return undefined;
    const cached = this.analyses.get(uri);
    if (cached && cached.model.version === document.version) return cached;
    const text = document.getText();
    const analysis = cached ? cached.update(text, document.version) : AnalyzedDocument.fromText(text, document.version);
    this.analyses.set(uri, analysis);
    return analysis;
  }
}

/** The file path of a URI (`file:` on the desktop, the workspace's scheme in a browser); undefined for others (untitled). */
export function pathOf(uri: string): string | undefined {
  return fileAccess().pathOf(uri);
}

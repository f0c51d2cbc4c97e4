// Dockerfiles that are not open, for the build files that name their stages: analysed once per change of the
// file (its stamp: size and modification time on disk), never larger than a cap.
import { AnalyzedDocument } from '../analysis/document';
import { fileAccess, FOLDER_STAMP } from './fileAccess';

const MAX_BYTES = 4 * 1024 * 1024;

export class DockerfileFiles {
  private readonly cache = new Map<string, { stamp: string; analysis: AnalyzedDocument }>();

  /** The analysis of the file at `path`; undefined when it does not exist, is no file, or is too large. */
  analysis(path: string): AnalyzedDocument | undefined {
    const stamp = fileAccess().stampNow(path);
    if (stamp === undefined || stamp === FOLDER_STAMP) return undefined;
    const cached = this.cache.get(path);
    if (cached?.stamp === stamp) return cached.analysis;
    const text = fileAccess().readNow(path, MAX_BYTES);
    if (text === undefined) return undefined;
    try {
      const analysis = AnalyzedDocument.fromText(text);
      this.cache.set(path, { stamp, analysis });
      return analysis;
    } catch {
      return undefined;
    }
  }
}

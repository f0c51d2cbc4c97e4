// Dockerfiles read from disk, for the build files that name their stages while the Dockerfile is not open:
// analysed once per change of the file (size and modification time), never larger than a cap.
import { readFileSync, statSync } from 'node:fs';
import { AnalyzedDocument } from '../analysis/document';

const MAX_BYTES = 4 * 1024 * 1024;

export class DockerfileFiles {
  private readonly cache = new Map<string, { stamp: string; analysis: AnalyzedDocument }>();

  /** The analysis of the file at `path`; undefined when it does not exist, is no file, or is too large. */
  analysis(path: string): AnalyzedDocument | undefined {
    let stamp: string;
    try {
      const stat = statSync(path);
      if (!stat.isFile() || stat.size > MAX_BYTES) return undefined;
      stamp = `${stat.size}:${stat.mtimeMs}`;
    } catch {
      return undefined;
    }
    const cached = this.cache.get(path);
    if (cached?.stamp === stamp) return cached.analysis;
    try {
      const analysis = AnalyzedDocument.fromText(readFileSync(path, 'utf8'));
      this.cache.set(path, { stamp, analysis });
      return analysis;
    } catch {
      return undefined;
    }
  }
}

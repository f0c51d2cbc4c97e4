// What each request's feature is given, by document: an open Dockerfile's context (its model and the targets
// that reach its stages: the setting's, the last stage, and the workspace's), a build file's context, and a
// Dockerfile by path, open or saved, for the build files that name its stages.
import type { AnalyzedDocument } from './analysis/document';
import type { BuildFiles } from './buildFiles';
import { pathOf, type DocumentStore } from './documentStore';
import { featureContext, type BuildContextKnowledge, type FeatureContext } from './features/featureContext';
import type { DockerfileAt, BuildFileContext } from './features/buildFiles/buildFileContext';
import { asBuildTargets } from './workspace/workspaceTargets';
import { TARGETS_SETTING } from './settings';
import type { DockerignoreFiles } from './workspace/dockerignore';
import type { BuildContextFiles } from './workspace/buildContextFiles';
import { buildContextFolder } from './workspace/buildContextFolder';
import type { DiscoveredTarget } from './workspace/discovered';

export class FeatureContexts {
  constructor(
    private readonly store: DocumentStore,
    private readonly buildFiles: BuildFiles,
    private readonly configuredTargets: () => readonly string[],
    private readonly dockerignores: DockerignoreFiles,
    private readonly contextFiles: BuildContextFiles,
    /** Whether the workspace's first scan is done: before, no build context is certain (a build may name another). */
    private readonly scanned: () => boolean,
  ) {}

  /** An open Dockerfile's context; undefined for a build file, and for a document the client never opened. */
  dockerfile(uri: string): FeatureContext | undefined {
    if (!this.buildFiles.isDockerfile(uri)) return undefined;
    const analysis = this.store.analysis(uri);
    return analysis && this.withTargets(analysis, pathOf(uri));
  }

  /** The Dockerfile at a path, open or saved. */
  dockerfileAt(path: string): DockerfileAt | undefined {
    const open = this.store.openAt(path);
    if (open) {
      const context = this.dockerfile(open.uri);
      return context && { uri: open.uri, context };
    }
    const saved = this.buildFiles.savedDockerfile(path);
    // A build file's features read its targets, never the build context: nothing of it is listed for them.
    return saved && { uri: this.buildFiles.uriOf(path), context: this.withTargets(saved, path, false) };
  }

  /** An open compose, bake or devcontainer file's context. */
  buildFile(uri: string): BuildFileContext | undefined {
    if (!this.buildFiles.isBuildFile(uri) || !this.store.get(uri)) return undefined;
    // A build of the default target names no stage in the file: nothing to complete, check or rename there.
    return { targets: this.buildFiles.targetsIn(uri).filter((target) => !target.defaultTarget), dockerfile: (path) => this.dockerfileAt(path) };
  }

  private withTargets(analysis: AnalyzedDocument, path: string | undefined, listContext = true): FeatureContext {
    const configured = this.configuredTargets().map((name) => ({ name, origin: TARGETS_SETTING }));
    const builds = path ? this.buildFiles.targetsOf(path) : [];
    const targets = [...configured, ...asBuildTargets(builds)];
    if (!path) return featureContext(analysis, targets);
    return featureContext(analysis, targets, this.buildContext(analysis, path, builds, listContext));
  }

  /**
   * What the workspace knows of the build context: its .dockerignore, files and (`listContext`: the listing, walked
   * in the background on first ask) where its folder is certain.
   */
  private buildContext(analysis: AnalyzedDocument, path: string, builds: readonly DiscoveredTarget[], listContext: boolean): BuildContextKnowledge {
    const folder = this.scanned() ? buildContextFolder(path, builds, analysis.model.stages) : undefined;
    const dockerignore = this.dockerignores.patternsFor(path, folder);
    if (folder === undefined) return dockerignore ? { dockerignore } : {};
    const buildContext = listContext ? this.dockerignores.contextFor(path, folder) : undefined;
    return { dockerignore, ...(buildContext ? { buildContext } : {}), contextFile: this.contextFiles.readerFor(folder) };
  }
}

// What each request's feature is given, by document: an open Dockerfile's context (its model and the targets
// that reach its stages: the setting's, the last stage, and the workspace's), a build file's context, and a
// Dockerfile by path, open or saved, for the build files that name its stages.
import type { AnalyzedDocument } from './analysis/document';
import type { BuildFiles } from './buildFiles';
import { pathOf, type DocumentStore } from './documentStore';
import { featureContext, type FeatureContext } from './features/featureContext';
import type { DockerfileAt, BuildFileContext } from './features/buildFiles/buildFileContext';
import { asBuildTargets } from './workspace/workspaceTargets';
import { TARGETS_SETTING } from './settings';
import type { DockerignoreFiles } from './workspace/dockerignore';
import type { BuildContextFiles } from './workspace/buildContextFiles';

export class FeatureContexts {
  constructor(
    private readonly store: DocumentStore,
    private readonly buildFiles: BuildFiles,
    private readonly configuredTargets: () => readonly string[],
    private readonly dockerignores: DockerignoreFiles,
    private readonly contextFiles: BuildContextFiles,
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
    return saved && { uri: this.buildFiles.uriOf(path), context: this.withTargets(saved, path) };
  }

  /** An open compose, bake or devcontainer file's context. */
  buildFile(uri: string): BuildFileContext | undefined {
    if (!this.buildFiles.isBuildFile(uri) || !this.store.get(uri)) return undefined;
    // A build of the default target names no stage in the file: nothing to complete, check or rename there.
    return { targets: this.buildFiles.targetsIn(uri).filter((target) => !target.defaultTarget), dockerfile: (path) => this.dockerfileAt(path) };
  }

  private withTargets(analysis: AnalyzedDocument, path: string | undefined): FeatureContext {
    const configured = this.configuredTargets().map((name) => ({ name, origin: TARGETS_SETTING }));
    const targets = [...configured, ...asBuildTargets(path ? this.buildFiles.targetsOf(path) : [])];
    if (!path) return featureContext(analysis, targets);
    return featureContext(analysis, targets, { dockerignore: this.dockerignores.patternsFor(path), buildContext: this.dockerignores.contextFor(path), contextFile: this.contextFiles.readerFor(path) });
  }
}

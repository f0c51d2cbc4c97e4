// How every request is answered: never with an exception to the connection (`guarded`), and a request on a
// document by the kind of file, switched on once (`onDocument`), as gopls' handlers switch on the file kind.
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import type { FeatureContexts } from './featureContexts';
import type { FeatureContext } from './features/featureContext';
import { RenameRefused } from './features/rename';
import type { BuildFileContext } from './features/buildFiles/buildFileContext';

/**
 * What answers a request on a document, by the kind of file: a build file's target features, else ours on a
 * Dockerfile, then the general library's where ours have nothing. A document of neither kind gets null.
 */
export interface DocumentHandlers<P, B, D, G> {
  readonly buildFile?: (context: BuildFileContext, params: P) => B | undefined;
  readonly dockerfile: (context: FeatureContext, params: P, uri: string) => D | undefined;
  readonly general?: (params: P, context: FeatureContext) => G | undefined;
}

/** The two wrappers, logging with `log`, finding a document's context in `contexts`, telling `activity` of each request. */
export function requestHandlers(log: (message: string) => void, contexts: FeatureContexts, activity: () => void = () => undefined) {
  /**
   * Runs a handler so that no exception reaches the connection: a bug in one feature answers "nothing" for that
   * request and is logged, instead of taking the server down. Refusals meant for the user pass through.
   */
  function guarded<P, R, F = null>(name: string, handler: (params: P) => R, fallback: (params: P) => F = () => null as F): (params: P) => R | F {
    const failed = (error: unknown, params: P): F => {
      if (error instanceof ResponseError) throw error;
      // LSP 3.17: RequestFailed for a valid request the server cannot serve (InvalidRequest is a malformed one).
      if (error instanceof RenameRefused) throw new ResponseError(LSPErrorCodes.RequestFailed, error.message);
      log(`${name} failed: ${(error as Error).stack ?? error}`);
      return fallback(params);
    };
    return (params) => {
      activity();
      try {
        const answer = handler(params);
        // An asynchronous handler's failure is caught where it settles.
        return (answer instanceof Promise ? answer.catch((error: unknown) => failed(error, params)) : answer) as R;
      } catch (error) {
        return failed(error, params);
      }
    };
  }

  /** The file-kind switch, once for every request on a document; inside `guarded`. */
  function onDocument<P extends { textDocument: { uri: string } }, D, B = never, G = never>(name: string, handlers: DocumentHandlers<P, B, D, G>) {
    return guarded(name, (params: P): B | D | G | null => {
      const { uri } = params.textDocument;
      const buildFile = contexts.buildFile(uri);
      if (buildFile) return handlers.buildFile?.(buildFile, params) ?? null;
      const context = contexts.dockerfile(uri);
      if (!context) return null;
      return handlers.dockerfile(context, params, uri) ?? handlers.general?.(params, context) ?? null;
    });
  }

  return { guarded, onDocument };
}

// POSIX paths, whatever the host: the paths inside an image, and in a browser worker the workspace URIs' paths.
// path-browserify is Node's `path.posix` ported for browsers (no `node:` module, so the analysis runs in a web
// worker). Its `resolve` asks `process.cwd()` only when no argument is absolute (the callers start from `/` or
// a WORKDIR); a browser worker has no `process`, so such a call would throw there, inside a guarded handler.
import posix from 'path-browserify';

export { posix };

// How the language server is started: shared by the VS Code client and the benchmark, which measures it as
// VS Code runs it.

/**
 * Node flags for the server. Left alone, V8 grows the young generation to 2 × 16 MB and the old space by
 * 1.5–4× per collection, and keeps what it grew: over 1,000 edits of a 300-stage file (a request after each)
 * the server's RSS went 99 → 109 MB and kept creeping. A 2 MB semi-space and 20 % old-space growth keep it
 * flat at 79–84 MB (1,000 stages: ~100 MB instead of 143–176 MB), for ~1–2 ms more per request at 300 stages.
 * `--optimize-for-size` was as flat (74–84 MB) but slowed requests by ~70 %. `npm run bench` measures both
 * launches; the numbers are in the README's Performance section. `--expose-gc` lets the server collect garbage
 * when the editor pauses (server/src/idleCollection.ts): at 1,000 stages, in 12 rounds of 12 edits each
 * followed by a request, with a 1 s pause after each round, 7 and 10 requests landed on a full collection
 * without it, none with it.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=2', '--heap-growing-percent=20', '--expose-gc'];

// The workspace scan on a generated 13,000-file repository (`npm run bench`), shaped like the corpus's large
// ones: 10,000 source files, 900 shell scripts (150 of them building images), 300 Makefiles (60 building),
// 100 workflows, 20 bake files, 60 Dockerfiles and 1,600 other files. Times the scan
// alone (in a fresh server, so that the shell parser loads too) and the first diagnostics of a Dockerfile
// opened right after `initialized`, which wait for the scan at most 1 s (server/src/diagnosticsReadiness.ts):
// they must come with UnusedStage, that is within the wait. The server runs as VS Code starts it (its small young
// generation makes the scan's garbage collection more frequent than plain node's). `bench.js scan SERVER` times
// another build of the server (a path to its server.js) the same way, for a comparison at one moment.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../support/lspClient';

const RUNS = 5;

/** Writes the workspace; returns its folder and the Dockerfile to open. */
export function generateWorkspace(): { root: string; dockerfile: string } {
  const root = mkdtempSync(join(tmpdir(), 'dockerfile-stages-scan-'));
  const write = (path: string, text: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  for (let i = 0; i < 60; i++) write(`services/s${i}/Dockerfile`, `FROM golang AS build\nRUN go build\nFROM alpine AS test${i}\nFROM alpine AS unused\nFROM alpine AS release\nCOPY --from=build /app /app\n`);
  for (let i = 0; i < 10000; i++) write(`src/pkg${i % 100}/file${i}.${i % 2 ? 'ts' : 'go'}`, `// module ${i}\nexport const value${i} = ${i};\n`.repeat(20));
  for (let i = 0; i < 150; i++) write(`scripts/group${i % 20}/build${i}.sh`, `#!/bin/bash\nset -e\nSVC=s${i % 60}\nROOT="$(cd "$(dirname "$0")/../.." && pwd)"\nfor t in test${i % 60} release; do\n  docker build --target "$t" -f "$ROOT/services/$SVC/Dockerfile" "$ROOT"\ndone\n`);
  for (let i = 0; i < 750; i++) write(`test/group${i % 20}/run${i}.sh`, `#!/bin/bash\nset -euo pipefail\nfor f in "$@"; do\n  echo "checking $f"\n  go test ./... -run "$f"\ndone\n`);
  for (let i = 0; i < 300; i++) write(`make/m${i}/Makefile`, i % 5 ? `GO ?= go\ntest:\n\t$(GO) test ./...\n` : `DOCKER ?= docker\nBUILD := $(DOCKER) buildx build\nimage:\n\t$(BUILD) --target test${i % 60} -f ../../services/s${i % 60}/Dockerfile ../..\n`);
  for (let i = 0; i < 100; i++) write(`.github/workflows/w${i}.yml`, `jobs:\n  b:\n    strategy:\n      matrix:\n        svc: [s${i % 60}, s${(i + 1) % 60}]\n    steps:\n      - uses: docker/build-push-action@v6\n        with:\n          file: services/\${{ matrix.svc }}/Dockerfile\n          target: release\n`);
  for (let i = 0; i < 20; i++) write(`bake/b${i}.hcl`, `variable "TAG" {\n  default = "latest"\n}\ntarget "t${i}" {\n  dockerfile = "services/s${i}/Dockerfile"\n  target = "test${i}"\n  tags = ["x:\${TAG}"]\n}\n`);
  for (let i = 0; i < 1600; i++) write(`docs/d${i % 50}/page${i}.md`, `# Page ${i}\n`);
  return { root, dockerfile: join(root, 'services', 's0', 'Dockerfile') };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function scanBench(server: readonly string[]): Promise<void> {
  const { root, dockerfile } = generateWorkspace();
  const scans: number[] = [];
  const firsts: number[] = [];
  let withUnused = 0;
  try {
    for (let run = 0; run < RUNS; run++) {
      const client = await LspClient.start({ rootUri: pathToFileURL(root).href, server: [...server] });
      const uri = pathToFileURL(dockerfile).href;
      const opened = performance.now();
      await client.open(uri, `FROM golang AS build\nRUN go build\nFROM alpine AS test0\nFROM alpine AS unused\nFROM alpine AS release\nCOPY --from=build /app /app\n`);
      const diagnostics = await client.diagnosticsFor(uri, 10000);
      firsts.push(performance.now() - opened);
      if (diagnostics.some((d) => d.code === 'UnusedStage')) withUnused++;
      const log = await client.logged(/Found \d+ build targets? in .* in (\d+) ms/, 20000);
      scans.push(Number(/in (\d+) ms/.exec(log)![1]));
      await client.stop();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  console.log(`\n### Workspace scan, generated 13,000-file repository (node ${server.filter((arg) => arg.startsWith('--max') || arg.startsWith('--heap')).join(' ')} ${server.find((arg) => arg.endsWith('.js'))})\n`);
  console.log(`Scan (readdir, reading the candidate files, the shell parser's first load): median ${Math.round(median(scans))} ms over ${RUNS} fresh servers.`);
  console.log(`First diagnostics of a Dockerfile opened right after initialized: median ${Math.round(median(firsts))} ms; with UnusedStage (the scan within the 1 s wait) in ${withUnused} of ${RUNS}.`);
}

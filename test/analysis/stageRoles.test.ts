// Stage roles (analysis/ships/roles.ts), row by row: each Dockerfile with the targets that build it, the role of
// every target and of every stage.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AnalyzedDocument } from '../../server/src/analysis/document';
import { featureContext } from '../../server/src/features/featureContext';
import { stageRoles } from '../../server/src/analysis/ships/roles';
import { stageLabel } from '../../server/src/analysis/names';
import { lines } from '../support/fixture';

interface Row {
  readonly what: string;
  readonly text: string;
  /** Targets besides the default one (`name --output`: built with `-o type=local`). */
  readonly targets?: readonly string[];
  /** Each target: `name: role (because)`. */
  readonly targetRoles: readonly string[];
  /** Each stage: `label: role`. */
  readonly stageRoles: readonly string[];
}

const ROWS: readonly Row[] = [
  {
    what: 'a FROM built from ARGs in a shipped chain: the stages it may name may ship (undetermined), not build-only',
    // `ARG VARIANT=arm`: the default build ships base-arm in final; `--build-arg VARIANT=amd` ships base-amd.
    text: lines('ARG VARIANT=arm', 'FROM debian:12 AS base-arm', 'CMD ["/opt/app/run"]', 'FROM debian:12 AS base-amd', 'FROM golang AS tools',
      'FROM base-${VARIANT} AS build', 'FROM build AS final'),
    targetRoles: ['final: image (default-target)'],
    stageRoles: ['base-arm: undetermined', 'base-amd: undetermined', 'tools: unused', 'build: shipped', 'final: shipped'],
  },
  {
    what: 'the blog post\'s build: the build stage is build-only, but the line that made the binary ships',
    text: lines('FROM golang:1.22 AS build', 'RUN go build -o /out/app .', 'FROM golang:1.22 AS tools', 'FROM scratch AS release', 'COPY --from=build /out/app /app', 'ENTRYPOINT ["/app"]'),
    targetRoles: ['release: image (start-command)'],
    stageRoles: ['build: shipped', 'tools: unused', 'release: shipped'],
  },
  {
    what: 'a FROM chain ships whole; a stage only mounted is build-only',
    text: lines('FROM alpine AS base', 'FROM alpine AS cache', 'FROM base AS app', 'RUN --mount=from=cache,target=/c true'),
    targetRoles: ['app: image (default-target)'],
    stageRoles: ['base: shipped', 'cache: build-only', 'app: shipped'],
  },
  {
    what: 'a check target: its stages are check-only; a stage both share is shipped',
    text: lines('FROM golang AS src', 'COPY . /src', 'FROM src AS test', 'RUN go test ./...', 'FROM golang AS build', 'COPY --from=src /src /src', 'RUN go build -o /app /src', 'FROM alpine', 'COPY --from=build /app /app'),
    targets: ['test'],
    targetRoles: ['#3 (unnamed): image (default-target)', 'test: check (name)'],
    stageRoles: ['src: build-only', 'test: check-only', 'build: shipped', '#3 (unnamed): shipped'],
  },
  {
    what: 'a scratch target without a start command may be exported files: what only it ships is undetermined',
    text: lines('FROM golang AS build', 'RUN go build -o /out/app .', 'FROM scratch AS binaries', 'COPY --from=build /out/app /', 'FROM alpine AS image', 'CMD ["sh"]'),
    targets: ['binaries'],
    targetRoles: ['image: image (start-command)', 'binaries: undetermined'],
    stageRoles: ['build: undetermined', 'binaries: undetermined', 'image: shipped'],
  },
  {
    what: 'a target built on an image is an image (it inherits the image\'s start command)',
    text: lines('FROM node AS deps', 'RUN npm ci', 'FROM nginx AS web', 'COPY --from=deps /app/dist /usr/share/nginx/html', 'FROM node AS dev'),
    targets: ['web'],
    targetRoles: ['dev: image (default-target)', 'web: image (base-image)'],
    stageRoles: ['deps: shipped', 'web: shipped', 'dev: shipped'],
  },
  {
    what: 'a copy from a stage whose folder only may hold the path: the stage copied from ships, the maker of the folder does not',
    text: lines('FROM alpine AS a', 'RUN mkdir -p /opt', 'FROM a AS b', 'FROM scratch', 'COPY --from=b /opt/tool /tool'),
    targetRoles: ['#2 (unnamed): image (default-target)'],
    stageRoles: ['a: build-only', 'b: shipped', '#2 (unnamed): shipped'],
  },
  {
    what: 'a target not resolved (a pattern) may be any stage it matches: what those would ship is undetermined, and it has no role of its own',
    text: lines('FROM golang AS build', 'RUN go build -o /out/app .', 'FROM alpine AS debug', 'COPY --from=build /out/app /app', 'CMD ["/app"]', 'FROM scratch AS release', 'COPY --from=build /out/app /app', 'ENTRYPOINT ["/app"]'),
    targets: ['${TARGET}'],
    targetRoles: ['release: image (start-command)'],
    stageRoles: ['build: shipped', 'debug: undetermined', 'release: shipped'],
  },
  {
    what: 'a scratch target built with --output is exported files, no image: its stage is build-only (undetermined without the output)',
    text: lines('FROM golang:1.22 AS build', 'RUN go build -o /out/app .', 'FROM scratch AS binaries', 'COPY --from=build /out/app /', 'FROM alpine AS release', 'COPY --from=build /out/app /app', 'CMD ["/app"]'),
    targets: ['binaries --output'],
    targetRoles: ['release: image (start-command)', 'binaries: exported-files (test)'],
    stageRoles: ['build: shipped', 'binaries: build-only', 'release: shipped'],
  },
  {
    what: 'the last stage exported with --output is exported files for that build; the default build of it is still an image',
    text: lines('FROM golang:1.22 AS build', 'RUN go build -o /out/app .', 'FROM scratch AS out', 'COPY --from=build /out/app /'),
    targets: ['out --output'],
    targetRoles: ['out: image (default-target)', 'out: exported-files (test)'],
    stageRoles: ['build: shipped', 'out: shipped'],
  },
];

describe('stage roles', () => {
  for (const row of ROWS) {
    it(row.what, () => {
      const document = AnalyzedDocument.fromText(row.text);
      const targets = (row.targets ?? []).map((written) => ({ name: written.split(' ')[0], origin: 'test', ...(written.endsWith(' --output') ? { exportsFiles: true } : {}) }));
      const { model, reachability } = featureContext(document, targets);
      const roles = stageRoles(model, reachability);
      const because = (role: (typeof roles.targets)[number]['role']) => role.kind === 'undetermined' ? '' : ` (${role.kind === 'exported-files' ? role.origin : role.because})`;
      assert.deepEqual(roles.targets.map(({ stage, role }) => `${stageLabel(model.stages[stage])}: ${role.kind}${because(role)}`), row.targetRoles);
      assert.deepEqual(model.stages.map((stage, i) => `${stageLabel(stage)}: ${roles.stages[i]}`), row.stageRoles);
    });
  }
});

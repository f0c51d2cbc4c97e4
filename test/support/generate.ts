// Generates large multi-stage Dockerfiles with every reference kind, for the benchmark and the scale tests.

/** About 19 lines a stage: 300 stages make a ~5,700-line file. */
export function generateDockerfile(stageCount: number): string {
  const lines = ['# syntax=docker/dockerfile:1', 'ARG GO_VERSION=1.22', 'ARG ALPINE=3.20', ''];
  for (let i = 0; i < stageCount; i++) {
    const name = `stage${i}`;
    lines.push(`# ${name} builds part ${i} of the tree`);
    if (i > 0 && i % 3 === 0) lines.push(`FROM stage${i - 1} AS ${name}`);
    else lines.push(`FROM --platform=$BUILDPLATFORM golang:\${GO_VERSION}-alpine\${ALPINE} AS ${name}`);
    lines.push('WORKDIR /src', `ENV PART=${i}`);
    lines.push('RUN <<EOF', 'set -e', `echo "FROM fake AS not-a-stage-${i}"`, 'go version', 'EOF');
    if (i > 0) {
      lines.push(`COPY --from=stage${i - 1} /out /in/${i}`);
      lines.push(`COPY --from=${Math.floor(i / 2)} /out /in/half`);
      lines.push(`RUN --mount=type=cache,target=/root/.cache,from=stage${Math.floor(i / 3)} \\`, '    go build -o /out ./...');
    } else {
      lines.push('COPY . .', 'RUN go mod download', 'RUN go build -o /out ./...', '');
    }
    if (i % 10 === 5) lines.push(`ONBUILD COPY --from=stage${i - 1} /out /onbuild`);
    else lines.push(`LABEL part="${i}"`);
    lines.push('ARG TARGETOS', 'USER nobody', 'EXPOSE 8080', 'CMD ["/out"]', '');
  }
  return lines.join('\n');
}

type Position = { line: number; character: number };

/** Where `npm run bench` asks, in a generated file: the `COPY --from=` of the middle stage, the `$` of `${GO_VERSION}` in a FROM near it, and the `ENV PART=` line that each edit changes. */
export function benchPositions(text: string): { reference: Position; variable: Position; path: Position; editLine: number } {
  const lines = text.split('\n');
  const middle = lines.findIndex((line, i) => i > lines.length / 2 && line.startsWith('COPY --from=stage'));
  const from = lines.findIndex((line, i) => i > lines.length / 2 && line.includes('${GO_VERSION}'));
  const editLine = lines.findIndex((line, i) => i > lines.length / 2 && line.startsWith('ENV PART='));
  return {
    reference: { line: middle, character: 'COPY --from='.length },
    variable: { line: from, character: lines[from].indexOf('${GO_VERSION}') },
    path: { line: middle, character: lines[middle].indexOf(' /out') + 3 },
    editLine,
  };
}

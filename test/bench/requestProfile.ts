// `node out/bench/requestProfile.js <stages> [dir]`: runs our server with --cpu-prof over 30 edits of the
// generated file, each followed by a hover, a definition and document symbols, for the README's breakdown of
// where the time after an edit goes (read the profile with DevTools or any .cpuprofile viewer).
import { join } from 'node:path';
import { LspClient } from '../support/lspClient';
import { generateDockerfile } from '../support/generate';
import { REPO_ROOT } from '../support/paths';
import { SERVER_NODE_FLAGS } from '../../client/src/serverLaunch';

const URI = 'file:///bench/Dockerfile';

async function main(): Promise<void> {
  const stages = Number(process.argv[2] ?? 1000);
  const directory = process.argv[3] ?? 'out/profile';
  const text = generateDockerfile(stages);
  const lines = text.split('\n');
  const editLine = lines.findIndex((line, i) => i > lines.length / 2 && line.startsWith('ENV PART='));
  const reference = lines.findIndex((line, i) => i > lines.length / 2 && line.startsWith('COPY --from=stage'));
  const client = await LspClient.start({ server: [...SERVER_NODE_FLAGS, '--cpu-prof', `--cpu-prof-dir=${directory}`, join(REPO_ROOT, 'dist', 'server.js'), '--stdio'] });
  await client.open(URI, text);
  const position = { line: reference, character: 'COPY --from='.length + 2 };
  for (let i = 0; i < 30; i++) {
    const column = lines[editLine].length - 1;
    await client.edit(URI, { start: { line: editLine, character: column }, end: { line: editLine, character: column + 1 } }, i % 2 === 0 ? 'x' : lines[editLine][column]);
    await client.request('textDocument/hover', { textDocument: { uri: URI }, position });
    await client.request('textDocument/definition', { textDocument: { uri: URI }, position });
    await client.request('textDocument/documentSymbol', { textDocument: { uri: URI } });
  }
  await client.stop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

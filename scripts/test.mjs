// `npm test`: builds, type checks, runs the unit, LSP, CLI and corpus tests with Node's test runner and the
// grammar's snapshot tests, then the end-to-end suite in real VS Code and Neovim; ends with one line that sums them up.
// `--unit` runs the first part only (`npm run test:unit`). The type checks and the grammar's tests run beside the
// unit tests, their output printed after them: `node --test` runs one file at a time where there are two cores
// (it uses one less than there are), so they take the other core.
import { spawn } from 'node:child_process';

const unitOnly = process.argv.includes('--unit');

/** Runs a command, streaming its output unless `quiet` (then it is kept, errors too), and returns its exit code and what it printed. */
function run(command, args, quiet = false) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', quiet ? 'pipe' : 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (!quiet) process.stdout.write(chunk);
    });
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Runs the commands one after the other, quietly, up to the first that fails. */
async function runAll(commands) {
  for (const [command, args] of commands) {
    const { code, output } = await run(command, args, true);
    if (code !== 0) return { code, output: `${output}${command} ${args.join(' ')} failed\n` };
  }
  return { code: 0, output: '' };
}

function count(output, pattern) {
  const matches = [...output.matchAll(pattern)];
  return matches.length > 0 ? Number(matches[matches.length - 1][1]) : 0;
}

let passed = 0;
let failed = 0;
if ((await run('node', ['scripts/build.mjs', '--tests'])).code !== 0) {
  console.log('node scripts/build.mjs --tests failed');
  console.log('all: 0 passed, 1 failed');
  process.exit(1);
}
const typeChecks = runAll([['npx', ['tsc', '--noEmit', '-p', '.']], ['npx', ['tsc', '--noEmit', '-p', 'client/src/graph/webview']]]);
// The grammar's snapshot tests: one line `✓ file` per passing file, `ERROR in test case file` per failing one.
const grammarTests = run('npm', ['run', '--silent', 'test:grammar'], true);
const unit = await run('node', ['--test', 'out/test/']);
const typeCheck = await typeChecks;
if (typeCheck.code !== 0) {
  process.stdout.write(typeCheck.output);
  console.log('all: 0 passed, 1 failed');
  process.exit(1);
}
passed += count(unit.output, /^# pass (\d+)/gm);
failed += count(unit.output, /^# fail (\d+)/gm) + (unit.code !== 0 && !/^# fail [1-9]/m.test(unit.output) ? 1 : 0);
// The suites that read ../shared (the corpus, the peer suites) are skipped where it is absent; say so once.
const skipped = count(unit.output, /^# skipped (\d+)/gm);
const skipNote = skipped > 0
  ? `skipped: ${skipped} test${skipped === 1 ? '' : 's'} need the corpus or the peer suites, not found beside the checkout (../shared); ` +
    'set DOCKERFILE_STAGES_CORPUS and DOCKERFILE_STAGES_PEER to their folders to run them'
  : undefined;
if (skipNote) console.log(skipNote);
const grammar = await grammarTests;
process.stdout.write(grammar.output);
passed += (grammar.output.match(/^✓ /gm) ?? []).length;
failed += (grammar.output.match(/^ERROR in test case/gm) ?? []).length + (grammar.code !== 0 && !/^ERROR in test case/m.test(grammar.output) ? 1 : 0);
if (!unitOnly) {
  const e2e = await run('bash', ['test/e2e/run.sh']);
  passed += count(e2e.output, /^e2e: (\d+) passed/gm);
  failed += count(e2e.output, /^e2e: \d+ passed, (\d+) failed/gm) + (e2e.code !== 0 && !/^e2e: \d+ passed, [1-9]/m.test(e2e.output) ? 1 : 0);
}
if (skipNote && !unitOnly) console.log(skipNote);
console.log(`all: ${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);

// The file sketch: WORKDIR along the FROM chain, the paths COPY/ADD, WORKDIR and recognised RUN outputs make.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/analysis/parseFile';
import { producedPaths, workdirAt } from '../../server/src/analysis/fileSketch';
import { runOutputs } from '../../server/src/analysis/runOutputs';
import { lines } from '../support/fixture';

describe('RUN outputs, one recognizer a row', () => {
  it('-o and --output of compilers', () => {
    assert.deepEqual(runOutputs('go build -o /out/app ./cmd/app && gcc -o"bin/tool" x.c'), ['/out/app', 'bin/tool']);
    assert.deepEqual(runOutputs('cargo build --output=dist/x'), ['dist/x']);
  });
  it('mkdir and touch, with and without flags; cargo build --release', () => {
    assert.deepEqual(runOutputs('mkdir -p /a /b && touch /a/c'), ['/a', '/b', '/a/c']);
    assert.deepEqual(runOutputs('cargo build --locked --release'), ['target/release']);
  });
  it('cp and mv destinations, redirections, tar -x -C', () => {
    assert.deepEqual(runOutputs('cp -r build/dist /srv/www && mv a.txt b.txt /tmp/out'), ['/srv/www', '/tmp/out']);
    assert.deepEqual(runOutputs('echo hi > /etc/motd; ls >> log.txt 2>&1; cat x > /dev/null'), ['/etc/motd', 'log.txt']);
    assert.deepEqual(runOutputs('tar -xzf node.tgz -C /opt/node && tar --extract -f x.tar --directory=/y && tar -czf a.tgz -C /src .'), ['/opt/node', '/y']);
  });

  it('npm, yarn and pnpm builds only where the RUN states the output folder', () => {
    assert.deepEqual(runOutputs('npm ci && npm run build -- --outDir /app/dist'), ['/app/dist']);
    assert.deepEqual(runOutputs('pnpm build --out-dir=public'), ['public']);
    assert.deepEqual(runOutputs('yarn build'), []);
  });

  it('--save_path (go-licenses save) and --output-dir: the folder named', () => {
    assert.deepEqual(runOutputs('go-licenses save --save_path=/_LICENSES ./cmd/app && go-licenses save --save_path "third_party" .'), ['/_LICENSES', 'third_party']);
    assert.deepEqual(runOutputs('wasm-pack build --output-dir /out/pkg && tool --output-dir=dist'), ['/out/pkg', 'dist']);
  });

  it('GOBIN=DIR go install PKG...: the folder and each binary, named as go names it', () => {
    assert.deepEqual(runOutputs('GOBIN=/usr/local/bin go install github.com/google/go-licenses@latest'), ['/usr/local/bin', '/usr/local/bin/go-licenses']);
    assert.deepEqual(runOutputs('CGO_ENABLED=0 GOBIN="/out" GOOS=linux go install -ldflags=-s ./cmd/app example.com/x/cmd/tool/v2@v2.1.0'), ['/out', '/out/app', '/out/tool']);
    // The current module (its name is in go.mod), a pattern, a variable: the folder only.
    assert.deepEqual(runOutputs('GOBIN=/out go install . && GOBIN=/bin2 go install ./cmd/... && GOBIN=/b3 go install $PKG'), ['/out', '/bin2', '/b3']);
    // A flag's value is no package: `-tags netgo`, `-ldflags '-X main.v=1'`.
    assert.deepEqual(runOutputs("GOBIN=/o go install -v -tags netgo -ldflags '-X main.v=1' ./cmd/a"), ['/o', '/o/a']);
    // GOBIN exported or set for another command says nothing of where go install writes.
    assert.deepEqual(runOutputs('GOBIN=/x ./install-tools && GOBIN=/y go build ./...'), []);
  });

  it('pip install --target, -t and --prefix (uv pip too): the folder installed into', () => {
    assert.deepEqual(runOutputs('pip install --no-cache-dir --target=/deps -r requirements.txt && python3 -m pip install -t /opt/x y'), ['/deps', '/opt/x']);
    assert.deepEqual(runOutputs('uv pip install --prefix="/install" --no-deps /synapse[all]'), ['/install']);
  });

  it('npm pack --pack-destination: the folder the tarball goes to', () => {
    assert.deepEqual(runOutputs('npm pack --pack-destination /out && npm pack --pack-destination=dist ./lib'), ['/out', 'dist']);
  });

  it('leaves out what variables decide, and what a continuation splits', () => {
    assert.deepEqual(runOutputs('go build -o $OUT/app'), []);
    assert.deepEqual(runOutputs('go build \\\n  -o /out/app .'), ['/out/app']);
  });
});

describe('the file sketch', () => {
  const model = analyze(lines('FROM golang AS build', 'WORKDIR /src', 'COPY go.mod go.sum ./', 'RUN go build -o bin/app .', 'WORKDIR sub',
    'FROM build AS more', 'COPY "a b" /dst', 'COPY --from=build ["x", "/y/"]'));
  it('follows WORKDIR along the FROM chain, relative ones from the one before', () => {
    assert.equal(workdirAt(model, model.stages[0], 3), '/src');
    assert.equal(workdirAt(model, model.stages[1], Infinity), '/src/sub');
    assert.equal(workdirAt(analyze(lines('FROM a', 'WORKDIR $X')), analyze(lines('FROM a', 'WORKDIR $X')).stages[0], Infinity), undefined);
  });
  it('knows the file a COPY heredoc writes', () => {
    const heredoc = analyze(lines('FROM scratch AS conf', 'COPY <<EOF /etc/app.conf', 'x = 1', 'EOF', 'COPY <<a <<b /etc/', 'a', 'b'));
    assert.deepEqual([...producedPaths(heredoc, heredoc.stages[0]).keys()], ['/etc/app.conf']);
  });

  it('knows what each instruction makes, quoted and JSON paths included', () => {
    const made = producedPaths(model, model.stages[1]);
    // Not /src/go.mod, /src/go.sum or /y/x: a source that is a directory puts its contents there, not itself, and
    // whether a context's or a stage's path is a file is not known here (before, they were listed as made).
    assert.deepEqual([...made.keys()].sort(), ['/dst', '/src', '/src/bin/app', '/src/sub', '/y']);
    assert.equal(made.get('/src/bin/app')!.instruction.range.start.line, 3);
  });
});

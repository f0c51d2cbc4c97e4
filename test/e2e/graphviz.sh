#!/usr/bin/env bash
# Graphviz's `dot` accepts every graph `dockerfile-stages graph --format dot` prints: the example, the e2e
# workspace, a graph past the large-graph settings (over 250 edges: straight edges, bounded passes, xlabels), and
# every corpus file where the corpus is there (../shared/corpus or DOCKERFILE_STAGES_CORPUS).
# usage: graphviz.sh REPO_ROOT
set -uo pipefail
ROOT=$1
CORPUS=${DOCKERFILE_STAGES_CORPUS:-$ROOT/../shared/corpus}
large=$(mktemp) && trap 'rm -f "$large"' EXIT
# 100 stages, each copying from the three before it: 394 edges.
{ for i in $(seq 0 99); do
    echo "FROM alpine AS s$i"
    for j in 1 2 3; do [ $((i - j)) -ge 0 ] && echo "COPY --from=s$((i - j)) /a /a$j"; done
  done; } > "$large"
files=("$ROOT/examples/Dockerfile" "$ROOT/test/e2e/workspace/Dockerfile" "$large")
[ -d "$CORPUS/files" ] && files+=("$CORPUS"/files/*)
for file in "${files[@]}"; do
  if ! node "$ROOT/dist/cli.js" graph "$file" --format dot | dot -Tsvg -o /dev/null; then
    echo "graphviz: FAIL dot rejected the graph of $file"
    exit 1
  fi
done
echo "graphviz: PASS dot accepted the graphs of ${#files[@]} Dockerfiles"

#!/usr/bin/env bash
# The pre-commit hook as a user's repository runs it: pre-commit installs this repository (its HEAD) as the hook
# `dockerfile-stages` and runs it on a fixture repository with a broken and a clean Dockerfile.
# usage: precommit.sh REPO_ROOT
set -uo pipefail
ROOT=$1
D=$(mktemp -d)
trap 'rm -rf "$D"' EXIT
source "$ROOT/test/e2e/npm-env.sh"
mkdir -p "$D/project/app"
cd "$D/project" || exit 1
git init -q && git config user.email e2e@example.invalid && git config user.name e2e
printf 'FROM golang AS build\nFROM alpine\nCOPY --from=7 /a /a\n' > Dockerfile
printf 'FROM golang AS build\nFROM alpine\nCOPY --from=build /a /a\n' > app/Containerfile
printf 'not a Dockerfile: FROM x\n' > notes.txt
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $ROOT
    rev: $(git -C "$ROOT" rev-parse HEAD)
    hooks:
      - id: dockerfile-stages
YAML
git add -A
fail() { echo "pre-commit: FAIL $*"; echo "$output"; exit 1; }
output=$(PRE_COMMIT_HOME="$D/home" pre-commit run --all-files 2>&1); status=$?
[ "$status" = 1 ] || fail "expected the hook to fail on the broken Dockerfile (exit $status)"
echo "$output" | grep -q '^Dockerfile:3:13 error StageIndexOutOfRange' || fail 'no StageIndexOutOfRange on Dockerfile:3:13'
echo "$output" | grep -q 'notes.txt' && fail 'a file that is no Dockerfile was checked'
output=$(PRE_COMMIT_HOME="$D/home" pre-commit run --files app/Containerfile 2>&1) || fail 'the clean Containerfile failed'
echo "pre-commit: PASS the hook failed on Dockerfile:3:13 and passed app/Containerfile"

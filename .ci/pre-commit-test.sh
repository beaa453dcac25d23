#!/usr/bin/env bash
# The pre-commit hooks of .pre-commit-hooks.yaml, with the real pre-commit: in a temporary git
# repository made by `postmortem init` and using the `postmortem-check-system` hook with the
# binary given (default: target/debug/postmortem) on PATH, a good commit passes and a commit
# that removes a catalogue component still used by a record is refused, also with a configured
# records folder; and the `repo: local` hook that `postmortem init` writes.
set -euo pipefail
cd "$(dirname "$0")/.."
here=$PWD
bin=$(realpath "${1:-target/debug/postmortem}")
[ -x "$bin" ] || { echo "no binary at $bin" >&2; exit 1; }

if ! command -v pre-commit >/dev/null; then
  python3 -m pip install --quiet 'pre-commit>=4,<5'
fi
pre-commit --version

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PRE_COMMIT_HOME="$tmp/cache" PATH="$(dirname "$bin"):$PATH"
export GIT_AUTHOR_NAME=ci GIT_AUTHOR_EMAIL=ci@example.com GIT_COMMITTER_NAME=ci GIT_COMMITTER_EMAIL=ci@example.com
[ "$(command -v postmortem)" = "$bin" ] || { echo "postmortem on PATH is not $bin" >&2; exit 1; }

# The hooks as they are in this working tree, as a repository pre-commit can clone.
hooks="$tmp/hooks"
git init -q "$hooks"
cp "$here/.pre-commit-hooks.yaml" "$hooks/"
git -C "$hooks" add .pre-commit-hooks.yaml
git -C "$hooks" commit -qm hooks
rev=$(git -C "$hooks" rev-parse HEAD)

repo="$tmp/repo"
postmortem init "$repo" >/dev/null
cd "$repo"
git init -q
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $hooks
    rev: $rev
    hooks:
      - id: postmortem-check-system
YAML
pre-commit install >/dev/null

expect_commit() { # pass|fail message
  local want=$1; shift
  if git commit -qm "$*" >"$tmp/out" 2>&1; then got=pass; else got=fail; fi
  if [ "$got" != "$want" ]; then
    cat "$tmp/out"
    echo "FAILED: the commit \"$*\" should $want" >&2
    exit 1
  fi
  if [ "$want" = pass ] && ! grep -q "^postmortem check\.*Passed" "$tmp/out"; then
    cat "$tmp/out"
    echo "FAILED: the hook did not run on \"$*\"" >&2
    exit 1
  fi
  echo "ok: \"$*\" ($want)"
}

git add -A
expect_commit pass "a new repository"

# The example record names Website: removing it from the catalogue is refused.
sed -i '/- name: Website/,+1d' postmortem.yaml
grep -q Website postmortem.yaml && { echo "Website still in postmortem.yaml" >&2; exit 1; }
git add postmortem.yaml
expect_commit fail "drop Website from the catalogue"
grep -q "unknown-component" "$tmp/out" || { cat "$tmp/out"; echo "no unknown-component" >&2; exit 1; }
git checkout -q HEAD -- postmortem.yaml

# A good change passes.
printf '  - name: Database\n' >> postmortem.yaml
git add postmortem.yaml
expect_commit pass "add Database to the catalogue"

# A configured records folder: the whole-repository check reads it from postmortem.yaml.
git mv -k incidents records
printf 'incidents: records\n' >> postmortem.yaml
git add -A
expect_commit pass "records in records/"
sed -i '/- name: Website/,+1d' postmortem.yaml
git add postmortem.yaml
expect_commit fail "drop Website, with records in records/"
grep -q "records/2025-01-15-example.yaml" "$tmp/out" || { cat "$tmp/out"; echo "records/ not checked" >&2; exit 1; }

# The .pre-commit-config.yaml that `init` writes (a `repo: local` hook), as it is.
local="$tmp/local"
postmortem init "$local" >/dev/null
cd "$local"
git init -q
pre-commit install >/dev/null
git add -A
expect_commit pass "init's own pre-commit configuration"
sed -i '/- name: Website/,+1d' postmortem.yaml
git add postmortem.yaml
expect_commit fail "drop Website, with init's configuration"
echo "pre-commit hooks: ok"

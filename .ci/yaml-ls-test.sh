#!/usr/bin/env bash
# The schemas as an editor sees them: the real yaml-language-server (npm, the version and
# dependencies locked in .ci/yaml-ls/package-lock.json), driven over stdio by
# .ci/yaml-ls/lsp-test.mjs on a repository made by `postmortem init`.
#   .ci/yaml-ls-test.sh BINARY
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp .ci/yaml-ls/package.json .ci/yaml-ls/package-lock.json .ci/yaml-ls/lsp-test.mjs "$work/"
(cd "$work" && npm ci --silent --no-audit --no-fund >/dev/null)
"$bin" init "$work/repo" >/dev/null
node "$work/lsp-test.mjs" "$work/repo"

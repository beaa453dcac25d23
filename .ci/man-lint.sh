#!/usr/bin/env bash
# Every man page `postmortem man --out` writes, through Debian's mandoc at every level
# (`-Tlint -W all`, style included): any message fails. Installs mandoc with apt if missing.
set -euo pipefail
bin=$(realpath "${1:-target/debug/postmortem}")
if ! command -v mandoc >/dev/null; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq mandoc >/dev/null
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$bin" man --out "$out" >/dev/null
n=0
for page in "$out"/*.1; do
  if ! report=$(mandoc -Tlint -W all "$page" 2>&1) || [ -n "$report" ]; then
    echo "$report"
    echo "FAILED: mandoc -Tlint on $(basename "$page")" >&2
    exit 1
  fi
  n=$((n + 1))
done
[ "$n" -ge 12 ] || { echo "only $n pages" >&2; exit 1; }
echo "man pages: $n pages, mandoc -Tlint clean"

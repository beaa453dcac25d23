#!/usr/bin/env bash
# axe-core (WCAG 2.2 AA: tags wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa) on every page of
# the built sites, in light and dark mode (`prefers-color-scheme` emulated), at 1280 px and
# at 390 px, in Debian's chromium driven by puppeteer-core. Prints each violation (rule, node,
# page, mode, width); exits 1 if there is any.
#   .ci/axe.sh SITE_DIR|PAGE...
#   AXE_SCREENSHOTS=DIR .ci/axe.sh SITE_DIR...   also saves a full-page PNG of each page,
#                                               mode and width into DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
[ $# -gt 0 ] || { echo "usage: .ci/axe.sh SITE_DIR|PAGE..." >&2; exit 2; }
if ! command -v chromium >/dev/null; then
  echo "-- installing chromium (apt)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "-- installing axe-core and puppeteer-core (npm); $(chromium --version 2>/dev/null || true)"
# puppeteer-core downloads no browser: it drives the chromium above.
npm install --silent --no-audit --no-fund --prefix "$work" axe-core@4.11.0 puppeteer-core@24.22.0 >/dev/null
sites=()
for s in "$@"; do sites+=("$(realpath "$s")"); done
(cd "$work" && NODE_PATH="$work/node_modules" node "$here/axe/run-axe.js" "$(command -v chromium)" "${AXE_SCREENSHOTS:--}" "${sites[@]}")

#!/usr/bin/env bash
# Builds the Latitude example in every built-in language, and once right to left with a
# site catalogue of its own, validates every page and feed of each (validate-outputs.sh),
# and runs axe-core (axe.sh) on a few pages of each.
#   .ci/languages.sh path/to/postmortem
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dirs=()
for language in $(ls locales | sed 's/\.ftl$//') ar; do
  repo="$work/repo-$language"
  mkdir -p "$repo"
  cp -r examples/latitude/incidents "$repo/"
  sed "s/^language: en$/language: $language/" examples/latitude/postmortem.yaml >"$repo/postmortem.yaml"
  grep -q "^language: $language$" "$repo/postmortem.yaml"
  if [ "$language" = ar ]; then
    mkdir -p "$repo/locales"
    printf 'site-title = حالة { $site }\ncomponents = المكونات\ntoday = اليوم\n' >"$repo/locales/ar.ftl"
  fi
  SOURCE_DATE_EPOCH=1775779200 "$bin" -C "$repo" build --out "$work/site-$language" >/dev/null
  dirs+=("$work/site-$language")
done
grep -q '<html lang="ar" dir="rtl">' "$work/site-ar/index.html"
bash .ci/validate-outputs.sh "${dirs[@]}"

# axe-core in every language, in one browser: the front page, an incident's page (its
# timeline chart: labels of other lengths and scripts, checked for overlaps in the page's
# fonts) and a component's page, light and dark, 1280 and 390 px. Japanese needs a font
# with its letters for the chart's widths to be what readers see.
if ! fc-list :lang=ja 2>/dev/null | grep -q .; then
  echo "-- installing a Japanese font (apt)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq fonts-ipafont-gothic >/dev/null
fi
pages=()
for d in "${dirs[@]}"; do
  pages+=("$d/index.html" "$d/incidents/2026-04-07-api-health-down/index.html" "$d/incidents/2025-05-31-cache-database-upgrade/index.html" "$d/components/web-app/index.html")
done
bash .ci/axe.sh "${pages[@]}"

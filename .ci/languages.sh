#!/usr/bin/env bash
# Builds the Latitude example in every built-in language, and once right to left with a
# site catalogue of its own, and validates every page and feed of each (validate-outputs.sh).
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

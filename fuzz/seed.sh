#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ (not committed) with the seeds of each target before a run:
# the inputs the tests already keep, read from where they are rather than copied here (the
# records and configs of examples/ and tests/fixtures/ for check_record, the import
# fixtures for import), and the seeds found nowhere else, committed in fuzz/seeds/<target>/.
# Files already in the corpus stay; a seed of the same name is replaced.
set -euo pipefail
cd "$(dirname "$0")"

# examples/latitude/incidents/x.yaml becomes corpus/check_record/examples-latitude-incidents-x.yaml:
# the same name in two folders (postmortem.yaml) stays two seeds.
copy_named_by_path() {
  local dest=$1
  shift
  local f
  for f in "$@"; do
    local rel=${f#../}
    cp "$f" "$dest/${rel//\//-}"
  done
}

mkdir -p corpus/check_record corpus/import corpus/markdown corpus/feed
mapfile -t records < <(find ../examples ../tests/fixtures -name '*.yaml' -type f | sort)
copy_named_by_path corpus/check_record "${records[@]}"
mapfile -t feeds < <(find ../tests/fixtures/import -type f | sort)
copy_named_by_path corpus/import "${feeds[@]}"
for target in check_record import markdown feed; do
  if [ -d "seeds/$target" ]; then
    cp seeds/"$target"/* "corpus/$target/"
  fi
done
for target in check_record import markdown feed; do
  echo "corpus/$target: $(find "corpus/$target" -type f | wc -l) files"
done

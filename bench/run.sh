#!/usr/bin/env bash
# Times whole commands on generated repositories and prints a Markdown table.
#   bench/run.sh [SIZES...]      default: 1000 10000
#   BENCH_DIR=/dev/shm bench/run.sh   to work on tmpfs and time the tool rather than the disk
#
# Rows:
#   check, stats      best of 5 runs.
#   build (new)       a build into a folder that does not exist yet, as in CI on a fresh
#                     clone: every file is created. Best of 3, each into a folder of its own.
#   build (again)     the same records built again into the same folder, as `serve` and a
#                     local edit-build loop do: the previous site is the workspace and only
#                     changed files are written. Best of 5, after one build that sets it up.
# Peak memory is /usr/bin/time -v's maximum resident set, of one more run.
#
# Nothing is deleted until the end: on ext4 without a journal, creating files soon after
# deleting many is several times slower (the allocator skips recently freed inodes), and
# that would time the script's own clean-up rather than the tool.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
# The release profile: the published binaries' settings (Cargo.toml: fat LTO).
cargo build --release --quiet --bin postmortem --example gen_corpus
bin=$PWD/target/release/postmortem
work=$(mktemp -d -p "${BENCH_DIR:-/tmp}")
trap 'rm -rf "$work"' EXIT

# Milliseconds taken by the command "$@".
elapsed() {
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 || true
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

# The smallest of the numbers given, in milliseconds, printed in seconds.
best() {
  printf '%s\n' "$@" | sort -n | head -1 | awk '{printf "%.3f", $1 / 1000}'
}

peak_mb() {
  /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F: '/Maximum resident/ {printf "%.0f", $2/1024}'
}

row() {
  echo "| $1 | $2 | $3 | $4 |"
}

echo "| records | command | wall (s) | peak memory (MB) |"
echo "|---:|---|---:|---:|"
for n in "${sizes[@]}"; do
  dir="$work/$n"
  ./target/release/examples/gen_corpus "$n" "$dir" >/dev/null
  for cmd in "check" "stats --since 2020-01-01 --until 2024-12-31 --format json"; do
    times=()
    for _ in 1 2 3 4 5; do
      # shellcheck disable=SC2086
      times+=("$(elapsed "$bin" -C "$dir" $cmd)")
    done
    # shellcheck disable=SC2086
    row "$n" "\`$cmd\`" "$(best "${times[@]}")" "$(peak_mb "$bin" -C "$dir" $cmd)"
  done

  times=()
  for i in 1 2 3; do
    times+=("$(elapsed "$bin" -C "$dir" build --out "$work/site-$n-new-$i")")
  done
  row "$n" "\`build\` (new folder)" "$(best "${times[@]}")" \
    "$(peak_mb "$bin" -C "$dir" build --out "$work/site-$n-new-4")"

  out="$work/site-$n-new-1"
  "$bin" -C "$dir" build --out "$out" >/dev/null 2>&1
  times=()
  for _ in 1 2 3 4 5; do
    times+=("$(elapsed "$bin" -C "$dir" build --out "$out")")
  done
  row "$n" "\`build\` (again, same folder)" "$(best "${times[@]}")" \
    "$(peak_mb "$bin" -C "$dir" build --out "$out")"
done

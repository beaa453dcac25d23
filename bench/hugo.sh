#!/usr/bin/env bash
# The benchmark pair: the same generated records (bench/gen_corpus.rs) built by postmortem and
# by Hugo with a minimal layout (bench/hugo/: four templates, one page per record, a page per
# month, the months' index, a front page and one RSS feed), against the I/O floor: `cat` of
# every record plus `cp -r` of the site postmortem built.
#   bench/hugo.sh [SIZES...]           default: 1000 10000; work folder in /tmp
#   BENCH_DIR=/dev/shm bench/hugo.sh   on tmpfs
#   RUNS=7 bench/hugo.sh               runs of each (default 5)
# Needs hugo (Debian's `apt-get install hugo`) and python3 with PyYAML (for the converter).
#
# Each run builds into a folder that does not exist yet (as CI on a fresh clone does), and
# the three commands take turns (postmortem, Hugo, floor, postmortem, …), so that a burst
# of load from another process falls on all of them alike. Nothing is deleted until the end
# (see bench/run.sh). Each command runs under /usr/bin/time: wall time, CPU time (user +
# system) and peak resident memory. Printed: best, median and worst wall time; median CPU
# time; the largest peak memory; the load average before and after.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
runs=${RUNS:-5}
command -v hugo >/dev/null || { echo "bench/hugo.sh needs hugo: apt-get install hugo" >&2; exit 1; }
cargo build --release --quiet --bin postmortem --example gen_corpus
bin=$PWD/target/release/postmortem
work=$(mktemp -d -p "${BENCH_DIR:-/tmp}")
trap 'rm -rf "$work"' EXIT

# Runs "$@" under /usr/bin/time; appends "wall cpu peak_kb" to the file $1.
measure() {
  local log=$1; shift
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" >/dev/null 2>&1
  awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' "$work/time" >>"$log"
}

# best median worst (wall, s) | median cpu (s) | peak (MB), from a log of measure.
summary() {
  local log=$1
  local n; n=$(wc -l <"$log")
  local walls; walls=$(awk '{print $1}' "$log" | sort -n)
  local best median worst cpu peak
  best=$(echo "$walls" | head -1)
  median=$(echo "$walls" | sed -n "$(((n + 1) / 2))p")
  worst=$(echo "$walls" | tail -1)
  cpu=$(awk '{print $2}' "$log" | sort -n | sed -n "$(((n + 1) / 2))p")
  peak=$(awk '{print $3}' "$log" | sort -n | tail -1 | awk '{printf "%.0f", $1 / 1024}')
  echo "$best | $median | $worst | $cpu | $peak"
}

median_of() { awk '{print $1}' "$1" | sort -n | sed -n "$((($(wc -l <"$1") + 1) / 2))p"; }
best_of() { awk '{print $1}' "$1" | sort -n | head -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "work folder: $work ($(df --output=fstype "$work" | tail -1)), $runs runs each, $(nproc) cores"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| records | command | best (s) | median (s) | worst (s) | CPU, median (s) | peak memory (MB) |"
echo "|---:|---|---:|---:|---:|---:|---:|"
ratios=()
for n in "${sizes[@]}"; do
  repo="$work/repo-$n" hugo_src="$work/hugo-$n"
  ./target/release/examples/gen_corpus "$n" "$repo" >/dev/null
  python3 bench/hugo/to_hugo.py "$repo" "$hugo_src" >/dev/null
  # One build of each first, to warm the page cache and to have the site the floor copies.
  "$bin" -C "$repo" build --out "$work/pm-$n-0" >/dev/null 2>&1
  hugo --quiet -s "$hugo_src" -d "$work/hugo-out-$n-0" --cacheDir "$work/hugo-cache" >/dev/null 2>&1
  : >"$work/pm-$n.log"; : >"$work/hugo-$n.log"; : >"$work/floor-$n.log"
  for i in $(seq 1 "$runs"); do
    measure "$work/pm-$n.log" "$bin" -C "$repo" build --out "$work/pm-$n-$i"
    measure "$work/hugo-$n.log" hugo --quiet -s "$hugo_src" -d "$work/hugo-out-$n-$i" --cacheDir "$work/hugo-cache"
    measure "$work/floor-$n.log" sh -c 'find "$1/incidents" -name "*.yaml" -exec cat {} + >/dev/null && cp -r "$2" "$3"' \
      floor "$repo" "$work/pm-$n-0" "$work/floor-$n-$i"
  done
  files=$(find "$work/pm-$n-0" -type f | wc -l) hugo_files=$(find "$work/hugo-out-$n-0" -type f | wc -l)
  echo "| $n | postmortem \`build\` ($files files) | $(summary "$work/pm-$n.log") |"
  echo "| $n | Hugo $(hugo version | awk '{print $2}' | cut -d+ -f1) ($hugo_files files) | $(summary "$work/hugo-$n.log") |"
  echo "| $n | I/O floor: \`cat\` records + \`cp -r\` postmortem's site | $(summary "$work/floor-$n.log") |"
  ratios+=("| $n | $(ratio "$(median_of "$work/hugo-$n.log")" "$(median_of "$work/pm-$n.log")")× ($(ratio "$(best_of "$work/hugo-$n.log")" "$(best_of "$work/pm-$n.log")")×) | $(ratio "$(median_of "$work/pm-$n.log")" "$(median_of "$work/floor-$n.log")")× ($(ratio "$(best_of "$work/pm-$n.log")" "$(best_of "$work/floor-$n.log")")×) |")
done
echo
echo "| records | Hugo ÷ postmortem, median (best) | postmortem ÷ I/O floor, median (best) |"
echo "|---:|---:|---:|"
printf '%s\n' "${ratios[@]}"
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

#!/usr/bin/env bash
# Times whole commands on generated repositories and prints a Markdown table.
#   bench/run.sh [SIZES...]      default: 1000 10000
#   BENCH_DIR=/dev/shm bench/run.sh   to work on tmpfs and time the tool rather than the disk
# Wall time is the best of 5 runs (date + bc);
# peak memory from /usr/bin/time -v.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
cargo build --release --quiet --bin postmortem --example gen_corpus
bin=$PWD/target/release/postmortem
work=$(mktemp -d -p "${BENCH_DIR:-/tmp}")
trap 'rm -rf "$work"' EXIT

best_of_5() {
  local best=""
  for _ in 1 2 3 4 5; do
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s.%N)
    best=$(python3 -c "import sys; a=float(sys.argv[1]); b=sys.argv[2]; print(min(a, float(b)) if b else a)" "$(echo "$end - $start" | bc)" "$best")
  done
  printf '%.3f' "$best"
}

peak_mb() {
  /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F: '/Maximum resident/ {printf "%.0f", $2/1024}'
}

echo "| records | command | wall (s) | peak memory (MB) |"
echo "|---:|---|---:|---:|"
for n in "${sizes[@]}"; do
  dir="$work/$n"
  ./target/release/examples/gen_corpus "$n" "$dir" >/dev/null
  for cmd in "check" "stats --since 2020-01-01 --until 2024-12-31 --format json" "build --out $work/site-$n"; do
    # shellcheck disable=SC2086
    t=$(best_of_5 "$bin" -C "$dir" $cmd)
    # shellcheck disable=SC2086
    m=$(peak_mb "$bin" -C "$dir" $cmd)
    echo "| $n | \`${cmd%% --out*}\` | $t | $m |"
  done
done

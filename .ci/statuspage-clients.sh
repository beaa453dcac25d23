#!/usr/bin/env bash
# Real third-party clients of Statuspage's public API v2 read the site `build` writes.
# Builds tests/fixtures/statuspage-api "as of" 2026-04-10T00:00:00Z (an open incident, an
# upcoming maintenance), serves it with `python3 -m http.server` on 127.0.0.1, installs the
# clients at pinned versions and runs one script per client that asserts what it read.
#   .ci/statuspage-clients.sh [PATH-TO-POSTMORTEM]   (default: target/debug/postmortem)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
bin=${1:-target/debug/postmortem}
[ -x "$bin" ] || cargo build --locked --quiet
work=$(mktemp -d)
server=
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

SOURCE_DATE_EPOCH=1775779200 "$bin" -C tests/fixtures/statuspage-api build --out "$work/site" >/dev/null

echo "-- installing the clients"
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check \
  statuscheck==3.11.0 statuspage-prometheus-exporter==2.6.0
npm install --silent --no-audit --no-fund --prefix "$work/npm" statuspage.io@3.3.8 >/dev/null

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server --bind 127.0.0.1 --directory "$work/site" "$port" >"$work/server.log" 2>&1 &
server=$!
base="http://127.0.0.1:$port"
python3 - "$base" <<'PY'
import sys, time, urllib.request
for _ in range(100):
    try:
        urllib.request.urlopen(sys.argv[1] + "/api/v2/status.json", timeout=1).read()
        sys.exit(0)
    except OSError:
        time.sleep(0.1)
sys.exit("the server did not start")
PY

passed=0 failed=0
run() {
  local name=$1; shift
  echo "-- $name"
  if (cd "$work" && "$@"); then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $name"; fi
}
run "statuscheck 3.11.0 (PyPI)" "$work/venv/bin/python" "$root/.ci/statuspage-clients/statuscheck_reads.py" "$base"
run "statuspage-prometheus-exporter 2.6.0 (PyPI)" "$work/venv/bin/python" "$root/.ci/statuspage-clients/exporter_reads.py" "$base"
run "statuspage.io 3.3.8 (npm)" env NODE_PATH="$work/npm/node_modules" node "$root/.ci/statuspage-clients/statuspage_io_reads.js" "$base"
echo "statuspage clients: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

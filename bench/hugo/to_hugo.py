#!/usr/bin/env python3
"""Converts a postmortem repository (the records of bench/gen_corpus.rs) into a Hugo site:
one content page per record, with front matter (title, date, severity, components, its
month as a taxonomy term) and a Markdown body holding what the record's own page shows
(impact, every update, the postmortem's sections). The layout beside this script
(bench/hugo/layouts, hugo.toml) makes of it one page per record, a page per month, the
months' index, a front page and one RSS feed: a fair floor for a generic static site
generator.
    bench/hugo/to_hugo.py REPO_DIR HUGO_DIR
"""
import os
import shutil
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))


def text(value):
    return str(value).strip()


def iso(value):
    """A timestamp as RFC 3339 (PyYAML reads the records' timestamps as datetimes)."""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def body(r):
    out = []
    impact = r.get("impact") or {}
    if impact.get("description"):
        out += [text(impact["description"]), ""]
    windows = impact.get("windows") or []
    if windows:
        out += ["## When users were affected", "", "| Component | Status | Start | End |", "|---|---|---|---|"]
        for w in windows:
            out.append(f"| {w['component']} | {w['status']} | {iso(w['start'])} | {iso(w.get('end', ''))} |")
        out.append("")
    out += ["## Updates", ""]
    for u in r.get("updates") or []:
        line = f"- **{u['status']}** {iso(u['at'])}"
        if u.get("body"):
            line += f": {text(u['body'])}"
        out.append(line)
    out.append("")
    pm = r.get("postmortem")
    if pm:
        out += ["## Postmortem", "", f"Published {iso(pm['published_at'])}.", ""]
        for key, title in (("summary", "Summary"), ("root_cause", "Root cause"), ("resolution", "Resolution")):
            if pm.get(key):
                out += [f"### {title}", "", text(pm[key]), ""]
        if pm.get("contributing_factors"):
            out += ["### Contributing factors", ""]
            out += [f"1. **{text(f['title'])}** {text(f.get('description', ''))}" for f in pm["contributing_factors"]]
            out.append("")
        if pm.get("action_items"):
            out += ["### Action items", "", "| Action | Kind | Owner | Status |", "|---|---|---|---|"]
            out += [f"| {text(a['title'])} | {a.get('kind', '')} | {a.get('owner', '')} | {a.get('status', '')} |" for a in pm["action_items"]]
            out.append("")
    return "\n".join(out)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: to_hugo.py REPO_DIR HUGO_DIR")
    repo, site = sys.argv[1], sys.argv[2]
    content = os.path.join(site, "content", "incidents")
    os.makedirs(content, exist_ok=True)
    shutil.copytree(os.path.join(HERE, "layouts"), os.path.join(site, "layouts"), dirs_exist_ok=True)
    shutil.copy(os.path.join(HERE, "hugo.toml"), os.path.join(site, "hugo.toml"))
    n = 0
    records = os.path.join(repo, "incidents")
    for name in sorted(os.listdir(records)):
        if not name.endswith(".yaml"):
            continue
        with open(os.path.join(records, name), encoding="utf-8") as f:
            r = yaml.safe_load(f)
        rid = name[: -len(".yaml")]
        date = iso(r["updates"][0]["at"])
        front = {
            "title": text(r["title"]),
            "date": date,
            "slug": rid,
            "severity": r.get("severity", ""),
            "components": r.get("components", []),
            "months": [date[:7]],
        }
        with open(os.path.join(content, rid + ".md"), "w", encoding="utf-8") as f:
            f.write("---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True) + "---\n" + body(r) + "\n")
        n += 1
    print(f"wrote {n} pages to {content}")


main()

"""notify's e-mails through Python's `email` package; Slack's and Discord's documented limits."""
import email
import email.policy
import email.utils
import json
import pathlib
import sys

out = pathlib.Path(sys.argv[1])
problems = []
counts = {}


def problem(path, what):
    problems.append(f"{path.name}: {what}")


for path in sorted(out.iterdir()):
    event, channel, ext = path.name.split(".")
    counts[channel] = counts.get(channel, 0) + 1
    data = path.read_bytes()
    if ext == "eml":
        msg = email.message_from_bytes(data, policy=email.policy.default)
        if msg.defects:
            problem(path, f"defects {msg.defects}")
        if msg.get_content_type() != "multipart/alternative":
            problem(path, msg.get_content_type())
        parts = list(msg.iter_parts()) if msg.is_multipart() else []
        if [p.get_content_type() for p in parts] != ["text/plain", "text/html"]:
            problem(path, f"parts {[p.get_content_type() for p in parts]}")
        for p in parts:
            if p.defects:
                problem(path, f"part defects {p.defects}")
        if msg["Message-ID"] != f"<{event}.{channel}@status.acme.test>":
            problem(path, f"Message-ID {msg['Message-ID']}")
        for header in ["From", "Subject", "Date", "Message-ID"]:
            if len(msg.get_all(header) or []) != 1:
                problem(path, f"{header} not exactly once")
        if msg.get_all("Bcc"):
            problem(path, "a record added a Bcc header")
        try:
            email.utils.parsedate_to_datetime(msg["Date"])
        except (TypeError, ValueError):
            problem(path, f"Date {msg['Date']!r}")
        if len(parts) != 2:
            continue
        # The subject is `[Site] headline`, and the text part starts with the headline.
        headline = str(msg["Subject"]).split("] ", 1)[-1]
        text = parts[0].get_content()
        html = parts[1].get_content()
        if text.splitlines()[0] != headline:
            problem(path, f"the text part does not start with the subject {headline!r}")
        if "<script" in html.lower() or "javascript:" in html.lower():
            problem(path, "active content in the HTML part")
    else:
        doc = json.loads(data)
        if channel == "slack":
            blocks = doc["blocks"]
            if len(blocks) > 50:
                problem(path, "more than 50 blocks")
            for b in blocks:
                if b["type"] == "header" and len(b["text"]["text"]) > 150:
                    problem(path, "header over 150")
                if b["type"] == "section":
                    if "text" in b and len(b["text"]["text"]) > 3000:
                        problem(path, "section over 3000")
                    if len(b.get("fields", [])) > 10:
                        problem(path, "more than 10 fields")
                    for f in b.get("fields", []):
                        if len(f["text"]) > 2000:
                            problem(path, "field over 2000")
                if b["type"] == "context" and len(b["elements"]) > 10:
                    problem(path, "context over 10 elements")
            if "<!channel>" in json.dumps(doc["text"]) or "<!" in doc["blocks"][1]["text"]["text"]:
                problem(path, "a mention got through")
        if channel == "discord":
            if doc["allowed_mentions"] != {"parse": []}:
                problem(path, "mentions allowed")
            if len(doc["content"]) > 2000:
                problem(path, "content over 2000")
            total = 0
            for e in doc["embeds"]:
                limits = [("title", 256), ("description", 4096)]
                for key, most in limits:
                    if len(e.get(key, "")) > most:
                        problem(path, f"{key} over {most}")
                    total += len(e.get(key, ""))
                if len(e["fields"]) > 25:
                    problem(path, "more than 25 fields")
                for f in e["fields"]:
                    if len(f["name"]) > 256 or len(f["value"]) > 1024:
                        problem(path, "a field over its limit")
                    total += len(f["name"]) + len(f["value"])
                total += len(e["footer"]["text"])
            if total > 6000:
                problem(path, "embeds over 6000 characters")
        if channel == "statuspage":
            if set(doc) not in ({"meta", "page", "incident"}, {"meta", "page", "component_update", "component"}):
                problem(path, f"keys {sorted(doc)}")
            if "component_update" in doc:
                u = doc["component_update"]
                if set(u) != {"created_at", "new_status", "old_status", "id", "component_id"}:
                    problem(path, f"component_update keys {sorted(u)}")
                if u["component_id"] != doc["component"]["id"]:
                    problem(path, "component_update names another component")

expected = {"webhook": 7, "statuspage": 8, "slack": 7, "teams": 7, "discord": 7, "email": 7}
if counts != expected:
    problems.append(f"files per channel {counts}, expected {expected}")
for p in problems:
    print("FAILED:", p)
print(f"notify payloads: {sum(counts.values())} files read, {len(problems)} problems")
sys.exit(1 if problems else 0)

"""statuspage-prometheus-exporter (PyPI) checks the built site's api/v2/summary.json."""
import json
import os
import sys

BASE = sys.argv[1]
url = BASE + "/api/v2/summary.json"
with open("services.json", "w") as f:
    json.dump({"shop": {"url": url, "name": "Shop"}}, f)
os.environ["SERVICES_JSON_PATH"] = os.path.abspath("services.json")

from statuspage_prometheus_exporter.service_checker import check_status_page_service  # noqa: E402

r = check_status_page_service("shop", {"url": url, "name": "Shop"})
assert r["success"] is True, r
got = (r["status"], r["raw_status"], r["status_text"])
assert got == (0, "major", "Major Outage"), got
assert r["details"] == (
    "Checkout is slow (affects: Checkout) - https://status.shop.example/incidents/2026-04-09-checkout-slow/"
), r["details"]
incidents = [(i["name"], i["status"], i["impact"], i["started_at"], i["affected_components"]) for i in r["incident_metadata"]]
assert incidents == [
    ("Checkout is slow", "identified", "major", "2026-04-10T00:00:00.000+02:00", ["Checkout"]),
], incidents
maintenances = [
    (m["name"], m["status"], m["scheduled_start"], m["scheduled_end"], m["affected_components"])
    for m in r["maintenance_metadata"]
]
assert maintenances == [
    ("Search upgrade", "scheduled", "2026-04-12T08:00:00.000+02:00", "2026-04-12T09:00:00.000+02:00", ["Search"]),
], maintenances
components = [(c["name"], c["status"], c["status_value"]) for c in r["component_metadata"]]
assert components == [
    ("Storefront", "partial_outage", 0),
    ("Checkout", "partial_outage", 0),
    ("Search", "operational", 1),
    ("API", "operational", 1),
], components
print("ok:", got, incidents, maintenances, components)

"""statuscheck (PyPI) reads the built site's api/v2/summary.json."""
import sys

from statuscheck.services.bases._statuspageio import BaseStatusPageAPI

BASE = sys.argv[1]


class Shop(BaseStatusPageAPI):
    name = "Shop"
    domain_id = "local"
    status_url = BASE + "/"

    def _get_base_url(self):
        # The client asks https://{domain_id}.statuspage.io/api/v2/; here, the local site.
        return BASE + "/api/v2/"


summary = Shop().get_summary()
status = (summary.status.code, summary.status.name, summary.status.description, summary.status.is_ok)
assert status == ("major", "Major outage", "Partial System Outage", False), status
components = [(c.name, c.status) for c in summary.components]
assert components == [
    ("Storefront", "Partial outage"),
    ("Checkout", "Partial outage"),
    ("Search", "Operational"),
    ("API", "Operational"),
], components
events = [
    (i.name, i.status, [(c.name, c.status) for c in i.components], i.extra_data.get("scheduled_for"))
    for i in summary.incidents
]
assert events == [
    ("Checkout is slow", "identified", [("Checkout", "Partial outage")], None),
    ("Search upgrade", "scheduled", [("Search", "Operational")], "2026-04-12T08:00:00.000+02:00"),
], events
print("ok:", status, components, events)

//! Which format a source is, told by its content (never its file name), and what a document
//! that is none of them looks like.

use super::{ImportError, Parsed, feed, group, statuspage};

/// Parses an import source into drafts, telling the format from the content.
pub fn parse(text: &str) -> Result<Parsed, ImportError> {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    if start.starts_with('{') || start.starts_with('[') {
        return statuspage::parse(start);
    }
    if start.starts_with('<') {
        let lower: String = start
            .chars()
            .take(200)
            .collect::<String>()
            .to_ascii_lowercase();
        if lower.starts_with("<!doctype html") || lower.starts_with("<html") {
            return Err(ImportError::Html);
        }
        return group::from_feed(feed::parse(start)?);
    }
    Err(ImportError::Unknown)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each way a source is refused, with the words (unchanged since they were strings).
    #[test]
    fn refused_sources_say_why_and_where() {
        let cases: &[(&str, &str)] = &[
            (
                "hello",
                "not a feed: expected RSS or Atom (XML) or Statuspage's incidents.json",
            ),
            (
                "<!DOCTYPE html><html></html>",
                "this is an HTML page, not a feed: give the address of its RSS or Atom feed",
            ),
            (
                "<?xml version=\"1.0\"?>\n<html><body/></html>",
                "this is an HTML page, not a feed: give the address of its RSS or Atom feed",
            ),
            (
                "<svg>\n</svg>",
                "1:1: not a feed: the document is a <svg>, not <rss> or <feed>",
            ),
            (
                "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY a \"b\">]>\n<rss/>",
                "2:1: the document declares its own entities (a DTD): refused, as entity expansion can blow up",
            ),
            (
                "<rss><channel><item><title>a &nbsp; b</title></item></channel></rss>",
                "1:30: unknown entity `&nbsp;`",
            ),
            (
                "<rss><channel></channel></rss>",
                "the feed has no items: nothing to import",
            ),
            ("<!-- nothing -->", "not a feed: no XML element found"),
            (
                "{\"incidents\": [}",
                "1:16: malformed JSON: expected value at line 1 column 16",
            ),
            (
                "{}",
                "not a document this tool reads: it looks like an empty JSON object; import reads Statuspage's API v2 JSON (incidents.json, incidents/unresolved.json, incidents/<id>.json, scheduled-maintenances.json and its upcoming/active, summary.json) and RSS or Atom feeds",
            ),
            (
                "{\"incidents\": []}",
                "the document has no incidents: nothing to import",
            ),
            ("{\"incidents\": [{}]}", "incident 0: no `name`"),
            (
                "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}",
                "not a document this tool reads: it looks like a JSON Feed; import reads Statuspage's API v2 JSON (incidents.json, incidents/unresolved.json, incidents/<id>.json, scheduled-maintenances.json and its upcoming/active, summary.json) and RSS or Atom feeds",
            ),
            (
                "[{\"id\": \"x\", \"service_name\": \"Cloud SQL\", \"most_recent_update\": {}}]",
                "not a document this tool reads: it looks like Google Cloud's incident list (incidents.json of status.cloud.google.com); import reads Statuspage's API v2 JSON (incidents.json, incidents/unresolved.json, incidents/<id>.json, scheduled-maintenances.json and its upcoming/active, summary.json) and RSS or Atom feeds",
            ),
            (
                "{\"page\": {\"name\": \"Instatus\", \"status\": \"UP\"}, \"activeIncidents\": [], \"activeMaintenances\": []}",
                "not a document this tool reads: it looks like Instatus's summary.json, which holds only what is open now: import the page's history feed instead; import reads Statuspage's API v2 JSON (incidents.json, incidents/unresolved.json, incidents/<id>.json, scheduled-maintenances.json and its upcoming/active, summary.json) and RSS or Atom feeds",
            ),
            (
                "{\"incidents\": [{\"name\": 5}]}",
                "1:25: not the shape of Statuspage's API v2: invalid type: integer `5`, expected a string",
            ),
            (
                "{\"page\": {}, \"incident\": {\"name\": \"Down\", \"incident_updates\": []}}",
                "incident 0 (Down): no updates with a time and a status",
            ),
            (
                "{\"incidents\": [{\"name\": \"Down\", \"incident_updates\": []}]}",
                "incident 0 (Down): no updates with a time and a status",
            ),
        ];
        for (text, message) in cases {
            let e = parse(text).expect_err(text);
            assert_eq!(e.to_string(), *message, "{text}");
        }
        let e = parse("<rss><channel><item><title>a</b></item></channel></rss>").unwrap_err();
        assert!(matches!(e, ImportError::Xml { .. }), "{e:?}");
        assert_eq!(
            e.to_string(),
            "1:29: malformed XML: ill-formed document: expected `</title>`, but `</b>` was found"
        );
    }
}

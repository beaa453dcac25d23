//! Discord webhooks: one embed (https://discord.com/developers/docs/resources/webhook,
//! "Execute Webhook"; embed limits in "Embed Limits"). Mentions are switched off
//! (`allowed_mentions.parse: []`), so no record can ping `@everyone`.

use serde_json::{Value, json};

use super::message::{Message, clip, facts};

pub const TITLE_MAX: usize = 256;
pub const DESCRIPTION_MAX: usize = 4096;
pub const FIELD_NAME_MAX: usize = 256;
pub const FIELD_VALUE_MAX: usize = 1024;
pub const FIELDS_MAX: usize = 25;
pub const FOOTER_MAX: usize = 2048;
pub const CONTENT_MAX: usize = 2000;
/// All the text of all embeds of one message together.
pub const EMBEDS_TOTAL_MAX: usize = 6000;

/// The embed's colour: green once over, blue for maintenance, else by severity.
fn colour(m: &Message) -> u32 {
    match (m.status, m.kind, m.severity) {
        (Some("resolved" | "completed" | "postmortem"), _, _) => 0x2e_a0_43,
        (_, crate::model::Kind::Maintenance, _) => 0x3b_82_f6,
        (_, _, Some("critical")) => 0xd1_24_2f,
        (_, _, Some("major")) => 0xe3_6c_09,
        _ => 0xd4_a7_2c,
    }
}

pub fn payload(m: &Message, site_name: &str) -> Value {
    let mut description = m.summary.clone();
    if let Some(body) = &m.body_markdown {
        description.push_str("\n\n");
        description.push_str(body);
    }
    let fields: Vec<Value> = facts(m)
        .into_iter()
        .take(FIELDS_MAX)
        .map(|(k, v)| json!({"name": clip(k, FIELD_NAME_MAX), "value": clip(&v, FIELD_VALUE_MAX), "inline": k != m.words.impact}))
        .collect();
    // The title and description are cut first so that the whole stays under 6,000.
    let title = clip(&m.headline, TITLE_MAX);
    let footer = clip(site_name, FOOTER_MAX);
    let rest: usize = fields
        .iter()
        .map(|f| {
            f["name"].as_str().map_or(0, |s| s.chars().count())
                + f["value"].as_str().map_or(0, |s| s.chars().count())
        })
        .sum::<usize>()
        + title.chars().count()
        + footer.chars().count();
    let description = clip(
        &description,
        DESCRIPTION_MAX.min(EMBEDS_TOTAL_MAX.saturating_sub(rest)),
    );
    json!({
        "content": clip(&m.headline, CONTENT_MAX),
        "allowed_mentions": {"parse": []},
        "embeds": [{
            "title": title,
            "url": m.link,
            "description": description,
            "color": colour(m),
            "timestamp": m.at.iso,
            "fields": fields,
            "footer": {"text": footer},
        }],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embed_limits_hold_for_any_text() {
        let v = payload(&super::super::message::oversized(), &"n".repeat(3000));
        let e = &v["embeds"][0];
        let len = |v: &Value| v.as_str().unwrap().chars().count();
        assert_eq!(len(&e["title"]), TITLE_MAX);
        assert!(len(&e["description"]) <= DESCRIPTION_MAX);
        assert_eq!(len(&e["footer"]["text"]), FOOTER_MAX);
        let fields = e["fields"].as_array().unwrap();
        assert_eq!(fields.len(), FIELDS_MAX);
        let total: usize = len(&e["title"])
            + len(&e["description"])
            + len(&e["footer"]["text"])
            + fields
                .iter()
                .map(|f| len(&f["name"]) + len(&f["value"]))
                .sum::<usize>();
        assert!(total <= EMBEDS_TOTAL_MAX, "{total}");
        assert!(len(&v["content"]) <= CONTENT_MAX);
        assert_eq!(v["allowed_mentions"], serde_json::json!({"parse": []}));
    }
}

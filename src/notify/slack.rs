//! Slack incoming webhooks: a message of Block Kit blocks, with `text` as the notification's
//! fallback (https://api.slack.com/messaging/webhooks, https://api.slack.com/block-kit).
//!
//! Limits kept: a `header` is plain text of at most 150 characters, a `section`'s text and a
//! field at most 3,000 and 2,000, at most 10 fields, a `context` at most 10 elements. Text from
//! records is escaped (`&`, `<`, `>`), so it can neither mention `@channel` nor make a link.

use serde_json::{Value, json};

use super::message::{Message, clip, facts};

/// Slack's three escapes for text in `mrkdwn`.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

pub const HEADER_MAX: usize = 150;
pub const SECTION_MAX: usize = 3000;
pub const FIELD_MAX: usize = 2000;

pub fn payload(m: &Message, site_name: &str) -> Value {
    let mut blocks = vec![
        json!({"type": "header", "text": {"type": "plain_text", "text": clip(&m.headline, HEADER_MAX), "emoji": false}}),
        json!({"type": "section", "text": {"type": "mrkdwn", "text": clip(&escape(&m.summary), SECTION_MAX)}}),
    ];
    if let Some(body) = &m.body_markdown {
        blocks.push(json!({"type": "section", "text": {"type": "mrkdwn", "text": clip(&escape(body), SECTION_MAX)}}));
    }
    let fields: Vec<Value> = facts(m)
        .into_iter()
        .take(10)
        .map(|(k, v)| json!({"type": "mrkdwn", "text": clip(&format!("*{k}*\n{}", escape(&v)), FIELD_MAX)}))
        .collect();
    blocks.push(json!({"type": "section", "fields": fields}));
    blocks.push(json!({"type": "context", "elements": [
        {"type": "mrkdwn", "text": format!("<{}|{}> · {}", m.link, escape(&m.words.view), escape(site_name))}
    ]}));
    json!({
        "text": clip(&escape(&m.headline), SECTION_MAX),
        "blocks": blocks,
        "unfurl_links": false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_kit_limits_hold_for_any_text() {
        let v = payload(&super::super::message::oversized(), "Acme");
        let blocks = v["blocks"].as_array().unwrap();
        assert!(blocks.len() <= 50);
        let len = |v: &Value| v.as_str().unwrap().chars().count();
        assert_eq!(len(&blocks[0]["text"]["text"]), HEADER_MAX);
        assert_eq!(len(&blocks[1]["text"]["text"]), SECTION_MAX);
        assert_eq!(len(&blocks[2]["text"]["text"]), SECTION_MAX);
        let fields = blocks[3]["fields"].as_array().unwrap();
        assert_eq!(fields.len(), 10);
        assert!(fields.iter().all(|f| len(&f["text"]) <= FIELD_MAX));
        assert!(len(&v["text"]) <= SECTION_MAX);
        assert_eq!(
            escape("<!channel> & <@U1>"),
            "&lt;!channel&gt; &amp; &lt;@U1&gt;"
        );
    }
}

//! Microsoft Teams: an Adaptive Card (schema 1.4) in the message envelope Teams' incoming
//! webhooks and Workflows ("Post to a channel when a webhook request is received") accept:
//! `{"type": "message", "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive", …}]}`.

use serde_json::{Value, json};

use super::message::{Message, facts};

/// The Adaptive Card version written: the newest every Teams client renders.
pub const CARD_VERSION: &str = "1.4";

pub fn card(m: &Message) -> Value {
    let mut body = vec![
        json!({"type": "TextBlock", "text": m.headline, "weight": "Bolder", "size": "Medium", "wrap": true}),
        json!({"type": "TextBlock", "text": m.summary, "wrap": true}),
    ];
    if let Some(text) = &m.body_markdown {
        body.push(json!({"type": "TextBlock", "text": text, "wrap": true}));
    }
    let facts: Vec<Value> = facts(m)
        .into_iter()
        .map(|(k, v)| json!({"title": k, "value": v}))
        .collect();
    body.push(json!({"type": "FactSet", "facts": facts}));
    json!({
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": CARD_VERSION,
        "body": body,
        "actions": [{"type": "Action.OpenUrl", "title": m.words.view, "url": m.link}],
    })
}

pub fn payload(m: &Message) -> Value {
    json!({
        "type": "message",
        "attachments": [{
            "contentType": "application/vnd.microsoft.card.adaptive",
            "contentUrl": null,
            "content": card(m),
        }],
    })
}

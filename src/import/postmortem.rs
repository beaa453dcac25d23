//! A postmortem found in a text, split at its headings into the record's fields.

use super::DraftPostmortem;

/// Whether a body is a written postmortem: long Markdown with headings.
pub(super) fn is_postmortem_text(markdown: &str) -> bool {
    markdown.len() > 300
        && markdown
            .lines()
            .filter(|l| l.trim_start().starts_with('#'))
            .count()
            >= 2
}

/// Splits a Markdown postmortem at its headings into the postmortem's fields and sections.
pub fn split_postmortem(markdown: &str) -> DraftPostmortem {
    let mut parts: Vec<(Option<String>, String)> = vec![(None, String::new())];
    let mut fence = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            fence = !fence;
        }
        let heading = line.trim_start();
        if !fence && heading.starts_with('#') {
            let title = heading
                .trim_start_matches('#')
                .trim()
                .trim_matches('*')
                .trim();
            parts.push((Some(title.to_owned()), String::new()));
        } else if let Some(last) = parts.last_mut() {
            last.1.push_str(line);
            last.1.push('\n');
        }
    }
    let mut pm = DraftPostmortem::default();
    for (title, body) in parts {
        // Horizontal rules between sections carry nothing.
        let body = body
            .trim()
            .trim_end_matches("---")
            .trim_start_matches("---")
            .trim()
            .to_owned();
        let Some(title) = title else {
            if !body.is_empty() {
                pm.summary = body;
            }
            continue;
        };
        let key = title.to_ascii_lowercase();
        // This tool's own feed opens the postmortem with "Postmortem / Published … by …".
        if key == "postmortem" && body.starts_with("Published ") {
            continue;
        }
        let slot = match key.as_str() {
            "summary" | "executive summary" | "incident summary" | "introduction" | "overview"
                if pm.summary.is_empty() =>
            {
                pm.summary = body;
                continue;
            }
            "impact" | "impact assessment" => &mut pm.impact,
            "root cause" | "root causes" => &mut pm.root_cause,
            "trigger" => &mut pm.trigger,
            "detection" => &mut pm.detection,
            "resolution" | "resolution & fix" | "resolution and fix" => &mut pm.resolution,
            _ => {
                pm.sections.push((title, body));
                continue;
            }
        };
        if slot.is_none() && !body.is_empty() {
            *slot = Some(body);
        } else {
            pm.sections.push((title, body));
        }
    }
    if pm.summary.is_empty() && !pm.sections.is_empty() {
        let (_, body) = pm.sections.remove(0);
        pm.summary = body;
    }
    pm
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_postmortem_splits_at_its_headings() {
        let pm = split_postmortem(
            "## Executive summary\nA gap.\n\n---\n\n## Impact\nDown.\n\n## Root cause\nExpiry.\n\n## Contributing factors\n1. Tight retention\n",
        );
        assert_eq!(pm.summary, "A gap.");
        assert_eq!(pm.impact.as_deref(), Some("Down."));
        assert_eq!(pm.root_cause.as_deref(), Some("Expiry."));
        assert_eq!(
            pm.sections,
            [(
                "Contributing factors".to_owned(),
                "1. Tight retention".to_owned()
            )]
        );
    }
}

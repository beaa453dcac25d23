//! Which status an entry stands for: the source's own word when it gives one (Statuspage's
//! labels, a category), a title's state words, else a guess from the words of its text.

use super::feed;
use crate::model::UpdateStatus;

/// The status an item stands for, as far as it tells: its category, its title's state
/// words, else its words.
pub(super) fn item_status(item: &feed::Item) -> UpdateStatus {
    item.status
        .as_deref()
        .and_then(status_word)
        .or_else(|| status_from_title(&item.title))
        .or_else(|| body_markers(&super::html::html_to_markdown(&item.body)).0)
        .unwrap_or_else(|| infer(&item.body))
}

/// The state marker a title opens with, as Better Stack writes it (`[Resolved] Database
/// connection issues`), and the title after it. `[Incident]` and `[Maintenance]` (Kener's)
/// mark no status.
pub(super) fn title_marker(title: &str) -> Option<(Option<UpdateStatus>, &str)> {
    let rest = title.trim_start().strip_prefix('[')?;
    let (word, after) = rest.split_once(']')?;
    let status = match word.trim().to_ascii_lowercase().as_str() {
        "incident" | "maintenance" | "update" => None,
        w => Some(status_word(w)?),
    };
    Some((status, after.trim_start()))
}

/// The status a title states: its opening marker (`[Resolved] …`), else its state-change
/// words: a monitor's `… went down` / `… recovered`, `… is now operational`, `… changed from
/// partial outage to operational`, `… is operating normally`.
pub(super) fn status_from_title(title: &str) -> Option<UpdateStatus> {
    if let Some((status, _)) = title_marker(title) {
        return status;
    }
    let t = title.trim().to_ascii_lowercase();
    let t = t.trim_end_matches('.');
    let down = [
        " went down",
        " is down",
        " is degraded",
        " to degraded performance",
        " to partial outage",
        " to major outage",
        " to full outage",
    ];
    let up = [
        " recovered",
        " is up",
        " is back up",
        " is now operational",
        " is operational",
        " to operational",
        " operating normally",
        " is back to normal",
    ];
    if down.iter().any(|w| t.ends_with(w)) {
        Some(UpdateStatus::Investigating)
    } else if up.iter().any(|w| t.ends_with(w)) {
        Some(UpdateStatus::Resolved)
    } else {
        None
    }
}

/// What incident.io's feed puts around an update's text: `**Status: Resolved**` first, an
/// `**Affected components**` list (`* Name (Operational)`) last. The status it states, the
/// components it names, and the text between.
pub(super) fn body_markers(markdown: &str) -> (Option<UpdateStatus>, Vec<String>, String) {
    let mut text = markdown.trim();
    let mut status = None;
    if let Some(rest) = text.strip_prefix("**Status:")
        && let Some((word, after)) = rest.split_once("**")
        && let Some(s) = status_word(word)
    {
        status = Some(s);
        text = after.trim_start();
    }
    let mut components = Vec::new();
    if let Some(at) = text.find("**Affected components**") {
        let list = &text[at + "**Affected components**".len()..];
        for line in list.lines() {
            let item = line.trim_start();
            let Some(item) = item
                .strip_prefix("* ")
                .or_else(|| item.strip_prefix("- "))
                .or_else(|| item.strip_prefix("*   "))
            else {
                continue;
            };
            let item = item.trim();
            // `Name (Status)`: the name.
            let name = match item.rfind(" (") {
                Some(i) if item.ends_with(')') => &item[..i],
                _ => item,
            };
            if !name.is_empty() && !components.iter().any(|c| c == name) {
                components.push(name.to_owned());
            }
        }
        text = text[..at].trim_end();
    }
    (status, components, text.to_owned())
}

/// A status word as Statuspage and this tool write it (`In progress`, `in_progress`, …).
pub fn status_word(word: &str) -> Option<UpdateStatus> {
    Some(
        match word
            .trim()
            .to_ascii_lowercase()
            .replace([' ', '-'], "_")
            .as_str()
        {
            "investigating" => UpdateStatus::Investigating,
            "identified" => UpdateStatus::Identified,
            "monitoring" => UpdateStatus::Monitoring,
            "resolved" => UpdateStatus::Resolved,
            "postmortem" | "post_mortem" => UpdateStatus::Postmortem,
            "scheduled" => UpdateStatus::Scheduled,
            "in_progress" => UpdateStatus::InProgress,
            "verifying" => UpdateStatus::Verifying,
            "completed" => UpdateStatus::Completed,
            _ => return None,
        },
    )
}

/// Guesses a status from the words of an update.
pub(super) fn infer(text: &str) -> UpdateStatus {
    let t = text.to_ascii_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    if has(&[
        "maintenance completed",
        "maintenance has been completed",
        "maintenance is complete",
    ]) {
        UpdateStatus::Completed
    } else if has(&[
        "maintenance is in progress",
        "maintenance is now in progress",
        "maintenance has started",
    ]) {
        UpdateStatus::InProgress
    } else if has(&[
        "scheduled maintenance",
        "we are going to",
        "we will be performing",
        "will be performing",
    ]) {
        UpdateStatus::Scheduled
    } else if has(&[
        "has been resolved",
        "is resolved",
        "recovered",
        "fully restored",
        "operating normally",
        "is now operational",
        "to operational",
        "back to normal",
    ]) {
        UpdateStatus::Resolved
    } else if has(&[
        "monitoring",
        "fix has been implemented",
        "fix has been deployed",
    ]) {
        UpdateStatus::Monitoring
    } else if has(&["identified", "root cause has been found"]) {
        UpdateStatus::Identified
    } else {
        UpdateStatus::Investigating
    }
}

/// A Statuspage label: a status, or `Update` (and any label it does not have), which keeps
/// the status before it.
pub(super) enum Label {
    Is(UpdateStatus),
    Keep,
}

/// Statuspage's labels, exactly (`In progress`, `Postmortem`, …); `Update` is no status.
pub(super) fn statuspage_label(label: &str) -> Option<Label> {
    match label.trim().to_ascii_lowercase().as_str() {
        "update" => Some(Label::Keep),
        _ => status_word(label).map(Label::Is),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_inferred_from_words() {
        assert_eq!(
            infer("This incident has been resolved."),
            UpdateStatus::Resolved
        );
        assert_eq!(
            infer("A fix has been implemented and we are monitoring the results."),
            UpdateStatus::Monitoring
        );
        assert_eq!(
            infer("We are investigating an issue"),
            UpdateStatus::Investigating
        );
        assert_eq!(infer("Maintenance completed"), UpdateStatus::Completed);
        assert_eq!(
            infer("We are going to upgrade our main database"),
            UpdateStatus::Scheduled
        );
        assert_eq!(
            status_from_title("app.latitude.so/api/health went down"),
            Some(UpdateStatus::Investigating)
        );
        assert_eq!(
            status_from_title("app.latitude.so/api/health recovered"),
            Some(UpdateStatus::Resolved)
        );
        assert_eq!(status_word("In progress"), Some(UpdateStatus::InProgress));
    }
}

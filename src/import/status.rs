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
        .unwrap_or_else(|| infer(&item.body))
}

pub(super) fn status_from_title(title: &str) -> Option<UpdateStatus> {
    let t = title.to_ascii_lowercase();
    if t.ends_with(" went down") || t.ends_with(" is down") || t.ends_with(" is degraded") {
        Some(UpdateStatus::Investigating)
    } else if t.ends_with(" recovered")
        || t.ends_with(" is up")
        || t.ends_with(" is back up")
        || t.ends_with(" is now operational")
        || t.ends_with(" to operational")
    {
        Some(UpdateStatus::Resolved)
    } else {
        None
    }
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

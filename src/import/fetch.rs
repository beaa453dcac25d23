//! `import URL`: the document fetched over https (or http), with a timeout, a size limit and
//! a bounded number of redirects, by ureq (rustls, nothing else).

use std::time::Duration;

use super::{ImportError, MAX_IMPORT_BYTES};

/// How long a whole fetch may take, connection to last byte.
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// How many redirects are followed.
pub const MAX_REDIRECTS: u32 = 5;

/// What is said of a document over the size limit.
pub const WHAT: &str = "an import: save it and split it";

/// Whether `source` is an address to fetch rather than a file.
pub fn is_url(source: &str) -> bool {
    let lower = source.to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// Fetches `url` as text, with the limits `timeout`, [`MAX_REDIRECTS`], `limit` bytes.
pub fn fetch(url: &str, timeout: Duration, limit: usize) -> Result<String, ImportError> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .max_redirects(MAX_REDIRECTS)
        .http_status_as_error(false)
        .user_agent(concat!(
            "postmortem/",
            env!("CARGO_PKG_VERSION"),
            " (import)"
        ))
        .build()
        .into();
    let failed = |reason: String| ImportError::Fetch {
        url: url.to_owned(),
        reason,
    };
    let mut response = agent
        .get(url)
        .call()
        .map_err(|e| failed(reason(&e, timeout, limit)))?;
    let status = response.status();
    if !status.is_success() {
        return Err(failed(
            format!(
                "the server answered {} {}",
                status.as_u16(),
                status.canonical_reason().unwrap_or("")
            )
            .trim_end()
            .to_owned(),
        ));
    }
    let bytes = response
        .body_mut()
        .with_config()
        .limit(limit as u64)
        .read_to_vec()
        .map_err(|e| failed(reason(&e, timeout, limit)))?;
    String::from_utf8(bytes).map_err(|e| {
        failed(format!(
            "not UTF-8 (at byte {})",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// Fetches `url` with the usual limits.
pub fn get(url: &str) -> Result<String, ImportError> {
    fetch(url, TIMEOUT, MAX_IMPORT_BYTES)
}

/// The words for what went wrong.
fn reason(e: &ureq::Error, timeout: Duration, limit: usize) -> String {
    match e {
        ureq::Error::Timeout(_) => format!("no answer within {} seconds", timeout.as_secs_f64()),
        ureq::Error::TooManyRedirects => {
            format!("more than {MAX_REDIRECTS} redirects (a redirect loop?)")
        }
        ureq::Error::BodyExceedsLimit(_) => format!(
            "the response is {}",
            crate::load::files::over_limit(limit as u64, WHAT)
        ),
        ureq::Error::HostNotFound => "no such host".to_owned(),
        ureq::Error::Io(io) => io.to_string(),
        other => other.to_string(),
    }
}

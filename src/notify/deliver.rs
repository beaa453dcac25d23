//! Delivery: one POST per payload, with a timeout, a bounded number of attempts and a
//! growing pause between them. A `2xx` is delivered; a `429`, a `5xx` or no answer is tried
//! again; any other status is refused for good (a `404` webhook will not come back).

use std::time::Duration;

use super::http::{self, HttpError};

/// How hard to try.
#[derive(Clone, Copy, Debug)]
pub struct Policy {
    /// Attempts in all, the first included.
    pub attempts: u32,
    /// The pause after the first failed attempt; it doubles after each.
    pub backoff: Duration,
}

impl Default for Policy {
    fn default() -> Policy {
        Policy {
            attempts: 3,
            backoff: Duration::from_secs(2),
        }
    }
}

/// Why a payload was not delivered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Undelivered {
    pub attempts: u32,
    pub last: String,
}

/// Posts `body` to `url` until it is delivered or `policy` gives up. Returns the attempts
/// it took.
pub fn send(
    url: &str,
    content_type: &str,
    body: &[u8],
    policy: Policy,
) -> Result<u32, Undelivered> {
    let mut pause = policy.backoff;
    let mut attempt = 0;
    loop {
        attempt += 1;
        let (last, again) = match http::post(url, content_type, body) {
            Ok(s) if (200..300).contains(&s) => return Ok(attempt),
            Ok(s) => (format!("HTTP {s}"), s == 429 || s >= 500),
            Err(e @ (HttpError::Timeout | HttpError::Connect(_))) => (e.to_string(), true),
            Err(e) => (e.to_string(), false),
        };
        if !again || attempt >= policy.attempts {
            return Err(Undelivered {
                attempts: attempt,
                last,
            });
        }
        std::thread::sleep(pause);
        pause *= 2;
    }
}

/// `${NAME}` in `value` replaced by the environment's `NAME`; the first name not set is the
/// error.
pub fn expand(value: &str, env: impl Fn(&str) -> Option<String>) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = value;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else {
            return Err("an unclosed `${`".into());
        };
        let name = &after[..end];
        match env(name).filter(|v| !v.is_empty()) {
            Some(v) => out.push_str(&v),
            None => return Err(format!("the environment variable {name} is not set")),
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_are_expanded_and_a_missing_one_is_named() {
        let env = |n: &str| (n == "HOOK").then(|| "https://h/x".to_owned());
        assert_eq!(expand("${HOOK}", env).as_deref(), Ok("https://h/x"));
        assert_eq!(expand("${HOOK}?a=1", env).as_deref(), Ok("https://h/x?a=1"));
        assert_eq!(
            expand("${NOPE}", env),
            Err("the environment variable NOPE is not set".into())
        );
        assert_eq!(expand("${HOOK", env), Err("an unclosed `${`".into()));
    }
}

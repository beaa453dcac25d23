//! The HTTP client of `notify` (ureq, rustls): bounded in time and size, and never showing
//! an address in a message (a webhook's address is its secret).

use std::time::Duration;

/// How long one request may take, connection included.
pub const TIMEOUT: Duration = Duration::from_secs(15);
/// The largest document read back (a site's `notified.json` or API file).
pub const MAX_BODY: u64 = 64 * 1024 * 1024;

/// A request that did not get an answer, in words that name no address.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HttpError {
    #[error("no answer within {}s", TIMEOUT.as_secs())]
    Timeout,
    #[error("the host was not found")]
    HostNotFound,
    #[error("could not connect ({0})")]
    Connect(String),
    #[error("{0}")]
    Other(String),
}

impl From<ureq::Error> for HttpError {
    fn from(e: ureq::Error) -> HttpError {
        match e {
            ureq::Error::Timeout(_) => HttpError::Timeout,
            ureq::Error::HostNotFound => HttpError::HostNotFound,
            ureq::Error::Io(io) => HttpError::Connect(io.kind().to_string()),
            ureq::Error::ConnectionFailed => HttpError::Connect("connection failed".into()),
            ureq::Error::Tls(_) | ureq::Error::Rustls(_) => HttpError::Connect("TLS".into()),
            ureq::Error::BadUri(_) => HttpError::Other("not a valid address".into()),
            ureq::Error::TooManyRedirects | ureq::Error::RedirectFailed => {
                HttpError::Other("too many or broken redirects".into())
            }
            ureq::Error::BodyExceedsLimit(n) => {
                HttpError::Other(format!("the answer is over {n} bytes"))
            }
            ureq::Error::Protocol(_) => HttpError::Other("not an HTTP answer".into()),
            _ => HttpError::Other("the request failed".into()),
        }
    }
}

/// A client: statuses are answers (not errors), at most 3 redirects for reading, none for
/// posting (a webhook that redirects is misconfigured: Statuspage counts a 3xx as a failure).
pub fn agent(redirects: u32) -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(TIMEOUT))
        .http_status_as_error(false)
        .max_redirects(redirects)
        .max_redirects_will_error(false)
        .user_agent(concat!("postmortem/", env!("CARGO_PKG_VERSION")))
        .build()
        .into()
}

/// GET `url`: its body on 200, `None` on 404 or 410, else an error naming the status.
pub fn get(url: &str) -> Result<Option<Vec<u8>>, HttpError> {
    let mut response = agent(3).get(url).call()?;
    match response.status().as_u16() {
        200 => Ok(Some(
            response
                .body_mut()
                .with_config()
                .limit(MAX_BODY)
                .read_to_vec()?,
        )),
        404 | 410 => Ok(None),
        s => Err(HttpError::Other(format!("HTTP {s}"))),
    }
}

/// POST `body` to `url`: the status of the answer.
pub fn post(url: &str, content_type: &str, body: &[u8]) -> Result<u16, HttpError> {
    let response = agent(0)
        .post(url)
        .header("Content-Type", content_type)
        .send(body)?;
    Ok(response.status().as_u16())
}

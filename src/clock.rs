//! The moment a run happens, resolved once ([`Now::from_env`]) and passed to everything that
//! depends on it: the overdue warning of `check`, the open windows of `stats` and `render`,
//! the uptime bars of `build`, the first update of `new`. This is the one place that reads
//! the clock or `SOURCE_DATE_EPOCH`, so that setting the variable reproduces any output.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

/// `SOURCE_DATE_EPOCH` is set to something that is not a moment.
#[derive(Debug, thiserror::Error)]
#[error("SOURCE_DATE_EPOCH={value} is not a number of seconds")]
pub struct EpochError {
    pub value: String,
}

/// The moment of a run: pinned by `SOURCE_DATE_EPOCH`, or read from the clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Now {
    at: DateTime<Utc>,
    pinned: bool,
}

impl Now {
    /// `SOURCE_DATE_EPOCH` (seconds since 1970) when set, so that outputs can be reproduced
    /// byte for byte, else the clock.
    pub fn from_env() -> Result<Now, EpochError> {
        match std::env::var("SOURCE_DATE_EPOCH") {
            Ok(value) => value
                .trim()
                .parse::<i64>()
                .ok()
                .and_then(|s| DateTime::from_timestamp(s, 0))
                .map(Now::pinned)
                .ok_or(EpochError { value }),
            Err(_) => Ok(Now {
                at: clock(),
                pinned: false,
            }),
        }
    }

    /// A moment fixed by the caller (as `SOURCE_DATE_EPOCH` fixes it).
    pub fn pinned(at: DateTime<Utc>) -> Now {
        Now { at, pinned: true }
    }

    /// The moment itself.
    pub fn at(&self) -> DateTime<Utc> {
        self.at
    }

    /// The day it is in `tz`.
    pub fn today(&self, tz: Tz) -> NaiveDate {
        self.at.with_timezone(&tz).date_naive()
    }

    /// Whether the moment was fixed rather than read from the clock.
    pub fn is_pinned(&self) -> bool {
        self.pinned
    }

    /// The moment for a later step of a long run (a rebuild of `serve`): the same one when
    /// pinned, else the clock read again, so that a live preview advances with time.
    pub fn later(&self) -> Now {
        if self.pinned {
            *self
        } else {
            Now {
                at: clock(),
                pinned: false,
            }
        }
    }
}

/// The clock.
fn clock() -> DateTime<Utc> {
    Utc::now()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pinned_moment_stays_for_later_steps() {
        let at = DateTime::from_timestamp(1_775_779_200, 0).unwrap();
        let now = Now::pinned(at);
        assert_eq!(now.later(), now);
        assert_eq!(now.later().at(), at);
        assert!(now.is_pinned());
    }

    #[test]
    fn today_is_the_day_in_the_zone() {
        // 2026-04-09T23:30:00Z is already the 10th in Madrid.
        let now = Now::pinned(DateTime::from_timestamp(1_775_777_400, 0).unwrap());
        assert_eq!(now.today(Tz::UTC).to_string(), "2026-04-09");
        assert_eq!(
            now.today(chrono_tz::Europe::Madrid).to_string(),
            "2026-04-10"
        );
    }
}

//! The documents other programs read: RSS and Atom feeds ([`feed`]), badges ([`badge`]), Statuspage's JSON
//! ([`statuspage`]), iCalendar ([`ics`]) and YAML written for people to edit ([`yaml`]).

pub mod badge;
pub mod feed;
pub mod ics;
pub mod statuspage;
pub mod yaml;

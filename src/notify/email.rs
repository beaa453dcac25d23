//! A plain e-mail (RFC 5322, MIME `multipart/alternative` with a text and an HTML part, both
//! UTF-8 in quoted-printable), with a `Message-ID` made from the event and the endpoint, so
//! that a message written twice is one message to every mail system that de-duplicates.
//!
//! Header values from records have their line breaks and other control characters turned
//! into spaces (no record can add a header), and are RFC 2047-encoded when not ASCII.

use chrono::{DateTime, Utc};

use super::message::{Message, facts};

/// Where the e-mail goes.
pub struct Envelope<'a> {
    pub from: &'a str,
    pub to: &'a [String],
    /// The endpoint's name, in the `Message-ID`.
    pub channel: &'a str,
    /// The domain of the `Message-ID`: the site's host.
    pub host: &'a str,
}

/// A header value on one line: control characters become spaces.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// An unstructured header value (`Subject`): as is when printable ASCII, else RFC 2047
/// `=?UTF-8?B?…?=` words of at most 75 characters, folded.
fn unstructured(s: &str) -> String {
    let s = one_line(s);
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) && !s.contains("=?") {
        return s;
    }
    // 45 bytes of UTF-8 make 60 characters of base64: each word stays under 75.
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in s.chars() {
        if chunk.len() + c.len_utf8() > 45 {
            words.push(format!("=?UTF-8?B?{}?=", base64(chunk.as_bytes())));
            chunk.clear();
        }
        chunk.push(c);
    }
    if !chunk.is_empty() {
        words.push(format!("=?UTF-8?B?{}?=", base64(chunk.as_bytes())));
    }
    words.join("\r\n ")
}

/// A display name for an address header (`Acme, Inc.` → `"Acme, Inc."`; not ASCII → an
/// RFC 2047 word): the site's name in the default sender.
pub fn display_name(name: &str) -> String {
    let name = one_line(name);
    if !name.is_ascii() {
        return unstructured(&name).replace("\r\n ", " ");
    }
    let atext = |c: char| c.is_ascii_alphanumeric() || " !#$%&'*+-/=?^_`{|}~".contains(c);
    if name.chars().all(atext) {
        name
    } else {
        format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// An address header value: the address lists as written, on one line.
fn addresses(list: &[String]) -> String {
    list.iter()
        .map(|a| one_line(a))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Base64 (RFC 4648, with padding).
pub fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Quoted-printable (RFC 2045 §6.7): lines end in CRLF, none longer than 76 characters.
pub fn quoted_printable(text: &str) -> String {
    let mut out = String::new();
    for (n, line) in text.replace("\r\n", "\n").split('\n').enumerate() {
        if n > 0 {
            out.push_str("\r\n");
        }
        let mut width = 0;
        let bytes = line.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            let last = i + 1 == bytes.len();
            let literal =
                (b == b' ' || b == b'\t') && !last || (33..=126).contains(&b) && b != b'=';
            let piece = if literal {
                (b as char).to_string()
            } else {
                format!("={b:02X}")
            };
            if width + piece.len() > 75 {
                out.push_str("=\r\n");
                width = 0;
            }
            width += piece.len();
            out.push_str(&piece);
        }
    }
    out
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The text part.
pub fn text(m: &Message) -> String {
    let mut out = format!("{}\n\n{}\n", m.headline, m.summary);
    if let Some(body) = &m.body_markdown {
        out.push('\n');
        out.push_str(body);
        out.push('\n');
    }
    out.push('\n');
    for (k, v) in facts(m) {
        out.push_str(&format!("{k}: {v}\n"));
    }
    out.push_str(&format!("\n{}\n", m.link));
    out
}

/// The HTML part (update bodies are the page's own sanitised HTML).
pub fn html(m: &Message, site_name: &str) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{}</title></head><body>\n<h1>{}</h1>\n<p>{}</p>\n",
        html_escape(&m.headline),
        html_escape(&m.headline),
        html_escape(&m.summary)
    );
    if let Some(body) = &m.body_html {
        out.push_str(body);
        out.push('\n');
    }
    out.push_str("<table>\n");
    for (k, v) in facts(m) {
        out.push_str(&format!(
            "<tr><th align=\"left\">{}</th><td>{}</td></tr>\n",
            html_escape(k),
            html_escape(&v)
        ));
    }
    out.push_str(&format!(
        "</table>\n<p><a href=\"{}\">{}</a> · {}</p>\n</body></html>\n",
        html_escape(&m.link),
        html_escape(&m.words.view),
        html_escape(site_name)
    ));
    out
}

/// The whole message, CRLF line ends.
pub fn message(
    m: &Message,
    site_name: &str,
    envelope: &Envelope<'_>,
    now: DateTime<Utc>,
) -> String {
    let boundary = format!("=_postmortem_{}", m.event.id);
    let mut headers = vec![format!("From: {}", one_line(envelope.from))];
    if !envelope.to.is_empty() {
        headers.push(format!("To: {}", addresses(envelope.to)));
    }
    headers.extend([
        format!(
            "Subject: {}",
            unstructured(&format!("[{}] {}", site_name, m.headline))
        ),
        format!("Date: {}", now.to_rfc2822()),
        format!(
            "Message-ID: <{}.{}@{}>",
            m.event.id,
            envelope.channel,
            one_line(envelope.host)
        ),
        "MIME-Version: 1.0".to_owned(),
        format!("Content-Type: multipart/alternative; boundary=\"{boundary}\""),
    ]);
    let part = |kind: &str, body: &str| {
        format!(
            "--{boundary}\r\nContent-Type: text/{kind}; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n{}\r\n",
            quoted_printable(body)
        )
    };
    format!(
        "{}\r\n\r\n{}{}--{boundary}--\r\n",
        headers.join("\r\n"),
        part("plain", &text(m)),
        part("html", &html(m, site_name)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_and_quoted_printable_as_the_rfcs_spell_them() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(quoted_printable("a=b é"), "a=3Db =C3=A9");
        assert_eq!(quoted_printable("trailing \nx"), "trailing=20\r\nx");
        let long = "x".repeat(100);
        let qp = quoted_printable(&long);
        assert!(qp.lines().all(|l| l.len() <= 76), "{qp}");
        assert_eq!(qp.replace("=\r\n", ""), long);
    }

    #[test]
    fn a_display_name_is_quoted_or_encoded_when_it_must_be() {
        assert_eq!(display_name("Acme"), "Acme");
        assert_eq!(display_name("Acme, Inc."), "\"Acme, Inc.\"");
        assert_eq!(display_name("Say \"hi\""), "\"Say \\\"hi\\\"\"");
        assert_eq!(display_name("Caída"), "=?UTF-8?B?Q2HDrWRh?=");
    }

    #[test]
    fn a_header_never_breaks_out_of_its_line() {
        assert_eq!(unstructured("a\r\nBcc: x@y"), "a  Bcc: x@y");
        assert_eq!(unstructured("Caída"), "=?UTF-8?B?Q2HDrWRh?=");
    }
}

//! HTML wherever a source has it (a feed's `content:encoded`, Atom's `type="html"`,
//! Statuspage's bodies with `<br />` and links) as Markdown.

/// HTML from a feed, as Markdown.
pub fn html_to_markdown(html: &str) -> String {
    htmd::convert(html)
        .unwrap_or_else(|_| html.to_owned())
        .trim()
        .to_owned()
}

/// An update's body as Markdown. Statuspage's bodies are text that may hold HTML (`<br />`,
/// links): with HTML in it, its blank lines are paragraphs and its line breaks `<br>`, and
/// the whole becomes Markdown; without, it is kept as it is (this tool's own bodies are
/// Markdown).
pub fn body_markdown(body: &str) -> String {
    if !super::feed::looks_like_html(body) {
        return body.trim().to_owned();
    }
    // `<br />`s in a row end a paragraph.
    let mut text = body.replace("\r\n", "\n");
    for form in ["<br />", "<br/>", "<BR>", "<BR />"] {
        text = text.replace(form, "<br>");
    }
    while text.contains("<br><br>") {
        text = text.replace("<br><br>", "\n\n");
    }
    let html: String = text
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| format!("<p>{}</p>", p.trim().replace('\n', "<br>")))
        .collect();
    html_to_markdown(&html)
}

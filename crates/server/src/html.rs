//! Writing HTML by hand, for the few pages the server renders itself (the
//! API reference, the demo shop, the simulated card issuer): too small to
//! bring in a template engine.

/// `text` escaped for HTML text and double- or single-quoted attributes.
///
/// ```
/// assert_eq!(
///     kassa_server::html::escape(r#"<a href="x">Tom's & Jerry's</a>"#),
///     "&lt;a href=&quot;x&quot;&gt;Tom&#39;s &amp; Jerry&#39;s&lt;/a&gt;"
/// );
/// ```
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            other => escaped.push(other),
        }
    }
    escaped
}

//! `GET /api/docs`: the OpenAPI document as one HTML page, rendered here
//! from the document itself, so the page cannot say anything the document
//! does not. No script, nothing fetched from elsewhere: its only style is
//! inline and allowed by its hash in the page's Content-Security-Policy.

use std::fmt::Write as _;

use base64::Engine as _;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// The page and the policy it is served with.
#[derive(Debug)]
pub(super) struct Page {
    pub(super) html: String,
    pub(super) content_security_policy: String,
}

const STYLE: &str = "\
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:1rem 2rem;color:#1b1b1b}\
code{font:13px ui-monospace,monospace;background:#f3f3f3;padding:0 .2em;border-radius:3px}\
h1 small{font-weight:normal;color:#666;font-size:.6em}\
nav ul{columns:2}\
section{border-top:1px solid #ddd;margin-top:2rem}\
article{border:1px solid #e3e3e3;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}\
.method{display:inline-block;min-width:4.5em;text-align:center;border-radius:4px;color:#fff;font:bold 12px ui-monospace,monospace;padding:.15em .4em;margin-right:.4em}\
.get{background:#1f6feb}.post{background:#2da44e}.put,.patch{background:#bf8700}.delete{background:#cf222e}\
.operation-id{color:#666;font-size:.85em}\
table{border-collapse:collapse;width:100%;margin:.3rem 0}\
th,td{text-align:left;vertical-align:top;border-bottom:1px solid #eee;padding:.25rem .5rem}\
th{font-weight:600;background:#fafafa}\
td table{font-size:.95em}td p{margin:0}";

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Renders `document` (an OpenAPI 3.1 document).
pub(super) fn render(document: &Value) -> Page {
    let mut html = String::new();
    let title = text(&document["info"]["title"]);
    let _ = write!(
        html,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>{title} API</title><style>{STYLE}</style></head><body>\
         <header><h1>{title} API <small>{version}</small></h1>\
         <p>OpenAPI {openapi}. The document itself: <a href=\"/api/openapi.json\"><code>/api/openapi.json</code></a>.</p>\
         {description}{security}</header>",
        version = text(&document["info"]["version"]),
        openapi = text(&document["openapi"]),
        description = prose(&document["info"]["description"]),
        security = security_schemes(document),
    );
    let groups = grouped(document);
    html.push_str("<nav><h2>Contents</h2><ul>");
    for (tag, operations) in &groups {
        let _ = write!(
            html,
            "<li><a href=\"#tag-{id}\">{name}</a> ({count})</li>",
            id = anchor(tag),
            name = escape(tag),
            count = operations.len()
        );
    }
    html.push_str(
        "<li><a href=\"#webhooks\">Callbacks (webhooks)</a></li><li><a href=\"#schemas\">Schemas</a></li></ul></nav><main>",
    );
    for (tag, operations) in &groups {
        let _ = write!(
            html,
            "<section id=\"tag-{id}\"><h2>{name}</h2>{description}",
            id = anchor(tag),
            name = escape(tag),
            description = prose(&tag_description(document, tag)),
        );
        for (method, path, operation) in operations {
            html.push_str(&render_operation(method, path, operation));
        }
        html.push_str("</section>");
    }
    html.push_str("<section id=\"webhooks\"><h2>Callbacks (webhooks)</h2>");
    if let Some(webhooks) = document["webhooks"].as_object() {
        for (name, item) in webhooks {
            for method in METHODS {
                if let Some(operation) = item.get(method) {
                    html.push_str(&render_operation(
                        method,
                        &format!("{name} → the merchant's callback URL"),
                        operation,
                    ));
                }
            }
        }
    }
    html.push_str("</section><section id=\"schemas\"><h2>Schemas</h2>");
    if let Some(schemas) = document["components"]["schemas"].as_object() {
        for (name, schema) in schemas {
            let _ = write!(
                html,
                "<article id=\"schema-{id}\"><h3>{name}</h3>{body}</article>",
                id = anchor(name),
                name = escape(name),
                body = schema_body(schema),
            );
        }
    }
    html.push_str("</section></main></body></html>\n");
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(STYLE.as_bytes()));
    Page {
        html,
        content_security_policy: format!(
            "default-src 'none'; style-src 'sha256-{hash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
        ),
    }
}

type Operation<'a> = (&'static str, &'a str, &'a Value);

/// The operations by tag, in the document's tag order (untagged last).
fn grouped(document: &Value) -> Vec<(String, Vec<Operation<'_>>)> {
    let mut groups: Vec<(String, Vec<Operation<'_>>)> = document["tags"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|tag| (text(&tag["name"]), Vec::new()))
        .collect();
    for (path, item) in document["paths"].as_object().into_iter().flatten() {
        for method in METHODS {
            let Some(operation) = item.get(method) else {
                continue;
            };
            let tag = operation["tags"][0].as_str().unwrap_or("other").to_owned();
            match groups.iter_mut().find(|(name, _)| *name == tag) {
                Some((_, operations)) => operations.push((method, path, operation)),
                None => groups.push((tag, vec![(method, path, operation)])),
            }
        }
    }
    groups.retain(|(_, operations)| !operations.is_empty());
    groups
}

fn tag_description(document: &Value, tag: &str) -> Value {
    document["tags"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|candidate| candidate["name"] == tag)
        .map(|candidate| candidate["description"].clone())
        .unwrap_or(Value::Null)
}

fn render_operation(method: &str, path: &str, operation: &Value) -> String {
    let id = text(&operation["operationId"]);
    let mut html = format!(
        "<article id=\"op-{anchor}\"><h3><span class=\"method {method}\">{upper}</span><code>{path}</code></h3>\
         <p><strong>{summary}</strong> <span class=\"operation-id\">{id}</span></p>{description}",
        anchor = anchor(&id),
        upper = method.to_ascii_uppercase(),
        path = escape(path),
        summary = escape(&text(&operation["summary"])),
        id = escape(&id),
        description = prose(&operation["description"]),
    );
    if let Some(requirements) = operation["security"].as_array() {
        let schemes: Vec<String> = requirements
            .iter()
            .filter_map(Value::as_object)
            .flat_map(Map::keys)
            .map(|name| format!("<code>{}</code>", escape(name)))
            .collect();
        if !schemes.is_empty() {
            let _ = write!(html, "<p>Authentication: {}.</p>", schemes.join(" or "));
        }
    }
    if let Some(parameters) = operation["parameters"]
        .as_array()
        .filter(|list| !list.is_empty())
    {
        html.push_str(
            "<h4>Parameters</h4><table><tr><th>Name</th><th>In</th><th>Type</th><th>Required</th><th>Description</th></tr>",
        );
        for parameter in parameters {
            let _ = write!(
                html,
                "<tr><td><code>{name}</code></td><td>{location}</td><td>{kind}</td><td>{required}</td><td>{description}</td></tr>",
                name = escape(&text(&parameter["name"])),
                location = escape(&text(&parameter["in"])),
                kind = type_of(&parameter["schema"]),
                required = yes_no(parameter["required"].as_bool().unwrap_or(false)),
                description = inline(&text(&parameter["description"])),
            );
        }
        html.push_str("</table>");
    }
    if let Some(body) = operation.get("requestBody") {
        let _ = write!(
            html,
            "<h4>Request body{required}</h4>{description}{content}",
            required = if body["required"].as_bool().unwrap_or(false) {
                ""
            } else {
                " (optional)"
            },
            description = prose(&body["description"]),
            content = content(&body["content"]),
        );
    }
    if let Some(responses) = operation["responses"].as_object() {
        html.push_str(
            "<h4>Responses</h4><table><tr><th>Status</th><th>Description</th><th>Body</th></tr>",
        );
        for (status, response) in responses {
            let _ = write!(
                html,
                "<tr><td><code>{status}</code></td><td>{description}</td><td>{content}</td></tr>",
                status = escape(status),
                description = inline(&text(&response["description"])),
                content = content(&response["content"]),
            );
        }
        html.push_str("</table>");
    }
    html.push_str("</article>");
    html
}

/// Each media type and its schema.
fn content(content: &Value) -> String {
    content
        .as_object()
        .into_iter()
        .flatten()
        .map(|(media_type, media)| {
            format!(
                "<p><code>{}</code>: {}</p>",
                escape(media_type),
                type_of(&media["schema"])
            )
        })
        .collect()
}

/// A schema's description and its properties, alternatives or values.
fn schema_body(schema: &Value) -> String {
    let mut html = prose(&schema["description"]);
    let _ = write!(html, "<p>Type: {}</p>", type_of(schema));
    for key in ["allOf", "oneOf", "anyOf"] {
        for part in schema[key].as_array().into_iter().flatten() {
            if part.get("properties").is_some() {
                html.push_str(&properties(part));
            }
        }
    }
    if schema.get("properties").is_some() {
        html.push_str(&properties(schema));
    }
    html
}

/// A table of an object schema's properties; inline objects nest.
fn properties(schema: &Value) -> String {
    let required: Vec<&str> = schema["required"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let mut html = String::from(
        "<table><tr><th>Property</th><th>Type</th><th>Required</th><th>Description</th></tr>",
    );
    for (name, property) in schema["properties"].as_object().into_iter().flatten() {
        let nested = if property.get("properties").is_some() {
            properties(property)
        } else {
            String::new()
        };
        let _ = write!(
            html,
            "<tr><td><code>{name}</code></td><td>{kind}</td><td>{required}</td><td>{description}{nested}</td></tr>",
            name = escape(name),
            kind = type_of(property),
            required = yes_no(required.contains(&name.as_str())),
            description = inline(&text(&property["description"])),
        );
    }
    html.push_str("</table>");
    html
}

/// A schema in a few words: `string`, `array of X`, a link to a named
/// schema, alternatives, or the values of an enum.
fn type_of(schema: &Value) -> String {
    if let Some(reference) = schema["$ref"].as_str() {
        let name = reference.rsplit('/').next().unwrap_or(reference);
        return format!("<a href=\"#schema-{}\">{}</a>", anchor(name), escape(name));
    }
    for (key, joiner) in [("oneOf", " | "), ("anyOf", " | "), ("allOf", " &amp; ")] {
        if let Some(parts) = schema[key].as_array() {
            return parts.iter().map(type_of).collect::<Vec<_>>().join(joiner);
        }
    }
    if let Some(values) = schema["enum"].as_array() {
        return values
            .iter()
            .map(|value| format!("<code>{}</code>", escape(&value.to_string())))
            .collect::<Vec<_>>()
            .join(" | ");
    }
    let kinds: Vec<String> = match &schema["type"] {
        Value::String(kind) => vec![kind.clone()],
        Value::Array(kinds) => kinds.iter().map(text).collect(),
        _ => Vec::new(),
    };
    if kinds.is_empty() {
        return String::from("any JSON");
    }
    let mut words: Vec<String> = kinds
        .iter()
        .map(|kind| match kind.as_str() {
            "array" => format!("array of {}", type_of(&schema["items"])),
            other => escape(other),
        })
        .collect();
    if let Some(format) = schema["format"].as_str() {
        words[0] = format!("{} ({})", words[0], escape(format));
    }
    words.join(" | ")
}

fn security_schemes(document: &Value) -> String {
    let Some(schemes) = document["components"]["securitySchemes"].as_object() else {
        return String::new();
    };
    let mut html = String::from("<h2>Authentication</h2><ul>");
    for (name, scheme) in schemes {
        let how = match scheme["type"].as_str() {
            Some("apiKey") => format!("header <code>{}</code>", escape(&text(&scheme["name"]))),
            Some("http") => format!("HTTP {}", escape(&text(&scheme["scheme"]))),
            other => escape(other.unwrap_or_default()),
        };
        let _ = write!(
            html,
            "<li><code>{}</code>: {how}. {}</li>",
            escape(name),
            inline(&text(&scheme["description"]))
        );
    }
    html.push_str("</ul>");
    html
}

/// Paragraphs of a description, with `code` spans.
fn prose(value: &Value) -> String {
    value
        .as_str()
        .unwrap_or_default()
        .split("\n\n")
        .map(str::trim)
        .filter(|paragraph| !paragraph.is_empty())
        .map(|paragraph| format!("<p>{}</p>", inline(paragraph)))
        .collect()
}

/// Escapes text and turns `backticks` into `<code>`.
fn inline(text: &str) -> String {
    escape(text)
        .split('`')
        .enumerate()
        .map(|(index, part)| {
            if index % 2 == 1 {
                format!("<code>{part}</code>")
            } else {
                part.to_owned()
            }
        })
        .collect()
}

fn text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn yes_no(yes: bool) -> &'static str {
    if yes { "yes" } else { "no" }
}

/// An id for `href="#…"`: letters, digits, `-`, `_` and `.` only.
fn anchor(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect()
}

use crate::html::escape;

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{escape, inline, type_of};

    #[test]
    fn markup_in_descriptions_is_escaped() {
        assert_eq!(
            escape("<script>\"x\"&'"),
            "&lt;script&gt;&quot;x&quot;&amp;&#39;"
        );
        assert_eq!(inline("use `a<b`"), "use <code>a&lt;b</code>");
    }

    #[test]
    fn types_read_as_words() {
        assert_eq!(
            type_of(&json!({"type": ["string", "null"]})),
            "string | null"
        );
        assert_eq!(
            type_of(&json!({"type": "array", "items": {"$ref": "#/components/schemas/X"}})),
            "array of <a href=\"#schema-X\">X</a>"
        );
        assert_eq!(type_of(&json!({})), "any JSON");
    }
}

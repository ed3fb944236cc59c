//! The embeddable widget: `GET /widget.js` (a classic script that defines
//! `Kassa`), `GET /widget.mjs` (the same code as an ES module) and
//! `GET /widget.d.ts` (its TypeScript declarations), from `web/widget/`.
//!
//! The files are compiled into the binary, so what a server answers is
//! exactly what was built and its integrity hash is fixed per release.
//! Merchants load them from their own pages with `crossorigin="anonymous"`
//! and a subresource-integrity hash, hence `Access-Control-Allow-Origin: *`
//! and `Cross-Origin-Resource-Policy: cross-origin`.

use std::sync::OnceLock;

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use sha2::{Digest, Sha384};

/// `/widget.js`, byte for byte `web/widget/widget.js`.
pub const WIDGET_JS: &str = include_str!("../../../web/widget/widget.js");

/// `/widget.mjs`: `widget.js` followed by `module-exports.mjs`, one source
/// for both forms.
pub const WIDGET_MJS: &str = concat!(
    include_str!("../../../web/widget/widget.js"),
    include_str!("../../../web/widget/module-exports.mjs")
);

/// `/widget.d.ts`.
pub const WIDGET_D_TS: &str = include_str!("../../../web/widget/widget.d.ts");

/// Browsers may keep the files five minutes: an upgrade reaches shoppers
/// soon, while a page full of widgets costs one download.
pub const CACHE_CONTROL: &str = "public, max-age=300";

const JAVASCRIPT: &str = "text/javascript; charset=utf-8";
const TYPESCRIPT: &str = "application/typescript; charset=utf-8";

/// The subresource-integrity value of `text`: `sha384-<base64 digest>`.
///
/// ```
/// assert_eq!(
///     kassa_server::widget::integrity(""),
///     "sha384-OLBgp1GsljhM2TJ+sbHjaiH9txEUvgdDTAzHv2P24donTt6/529l+9Ua0vFImLlb"
/// );
/// ```
pub fn integrity(text: &str) -> String {
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha384::digest(text.as_bytes()))
    )
}

/// The integrity hash of `/widget.js`, for `<script integrity="…">`.
pub fn widget_js_integrity() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| integrity(WIDGET_JS))
}

/// One served file, with its entity tag computed on first use.
struct WidgetFile {
    body: &'static str,
    content_type: &'static str,
    etag: OnceLock<HeaderValue>,
}

static JS_FILE: WidgetFile = WidgetFile::new(WIDGET_JS, JAVASCRIPT);
static MJS_FILE: WidgetFile = WidgetFile::new(WIDGET_MJS, JAVASCRIPT);
static D_TS_FILE: WidgetFile = WidgetFile::new(WIDGET_D_TS, TYPESCRIPT);

impl WidgetFile {
    const fn new(body: &'static str, content_type: &'static str) -> WidgetFile {
        WidgetFile {
            body,
            content_type,
            etag: OnceLock::new(),
        }
    }

    /// A strong validator: the start of the file's hash.
    fn etag(&self) -> &HeaderValue {
        self.etag.get_or_init(|| {
            let digest = hex::encode(Sha384::digest(self.body.as_bytes()));
            HeaderValue::from_str(&format!("\"{}\"", &digest[..32]))
                .unwrap_or_else(|_| unreachable!("hex digits are a valid header value"))
        })
    }

    /// The file, or 304 when the request names the current copy.
    fn serve(&'static self, request: &HeaderMap) -> Response {
        let etag = self.etag();
        let headers = [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(self.content_type),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static(CACHE_CONTROL),
            ),
            (
                header::ACCESS_CONTROL_ALLOW_ORIGIN,
                HeaderValue::from_static("*"),
            ),
            (
                header::HeaderName::from_static("cross-origin-resource-policy"),
                HeaderValue::from_static("cross-origin"),
            ),
            (header::ETAG, etag.clone()),
        ];
        let current = request
            .get_all(header::IF_NONE_MATCH)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .any(|candidate| candidate.trim().trim_start_matches("W/") == etag);
        if current {
            (StatusCode::NOT_MODIFIED, headers).into_response()
        } else {
            (headers, self.body).into_response()
        }
    }
}

/// `GET /widget.js`.
#[utoipa::path(
    get,
    path = "/widget.js",
    tag = "widget",
    summary = "The embeddable widget (classic script)",
    description = "Defines the global `Kassa` with `Kassa.mount(target, options)`, which places the \
        hosted page of an invoice in an iframe. Load it with its `integrity` hash (the README gives \
        it) and `crossorigin=\"anonymous\"`. See docs/embedding.md.",
    responses(
        (status = 200, description = "The script.", content_type = "text/javascript", body = String),
        (status = 304, description = "The copy named by `If-None-Match` is current."),
    ),
)]
pub(crate) async fn widget_js(headers: HeaderMap) -> Response {
    JS_FILE.serve(&headers)
}

/// `GET /widget.mjs`.
#[utoipa::path(
    get,
    path = "/widget.mjs",
    tag = "widget",
    summary = "The embeddable widget (ES module)",
    description = "The same widget as an ES module: `import { mount } from '…/widget.mjs'`.",
    responses(
        (status = 200, description = "The module.", content_type = "text/javascript", body = String),
        (status = 304, description = "The copy named by `If-None-Match` is current."),
    ),
)]
pub(crate) async fn widget_mjs(headers: HeaderMap) -> Response {
    MJS_FILE.serve(&headers)
}

/// `GET /widget.d.ts`.
#[utoipa::path(
    get,
    path = "/widget.d.ts",
    tag = "widget",
    summary = "The widget's TypeScript declarations",
    responses(
        (status = 200, description = "The declarations.", content_type = "application/typescript", body = String),
        (status = 304, description = "The copy named by `If-None-Match` is current."),
    ),
)]
pub(crate) async fn widget_d_ts(headers: HeaderMap) -> Response {
    D_TS_FILE.serve(&headers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_module_is_the_script_followed_by_its_exports() {
        assert!(WIDGET_MJS.starts_with(WIDGET_JS));
        assert!(WIDGET_MJS.contains("export function mount"));
        assert!(
            !WIDGET_JS.contains("export "),
            "the classic script has no export"
        );
        assert!(
            !WIDGET_JS.contains("import.meta"),
            "a classic script cannot say import.meta"
        );
    }

    #[test]
    fn each_file_has_its_own_etag() {
        let tags = [JS_FILE.etag(), MJS_FILE.etag(), D_TS_FILE.etag()];
        assert_ne!(tags[0], tags[1]);
        assert_ne!(tags[1], tags[2]);
    }
}

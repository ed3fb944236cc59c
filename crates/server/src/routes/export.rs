//! `GET /api/v1/invoices/export.csv`: the invoices a search finds, as one
//! CSV file for a spreadsheet or the books (Stripe's "Export payments").
//!
//! The same filters as `GET /api/v1/invoices`; the rows are read in keyset
//! pages and streamed, so a month of payments costs one page of memory.
//! Cells that a spreadsheet would run as a formula are quoted with `'`
//! (OWASP's CSV-injection advice): a shopper's email or a reference is
//! data, never a formula in the merchant's accountant's sheet.

use axum::body::{Body, Bytes};
use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use kassa_api::{ErrorBody, InvoiceResponse};

use crate::clock::{now_ms, rfc3339};
use crate::error::ApiError;
use crate::extract::AuthenticatedMerchant;
use crate::state::AppState;
use crate::store::InvoiceQuery;

/// Invoices read from the store per page.
const PAGE: i64 = 500;

/// The header row.
const COLUMNS: [&str; 17] = [
    "id",
    "created_at",
    "status",
    "amount",
    "currency",
    "surcharge",
    "amount_charged",
    "captured_amount",
    "refunded_amount",
    "installments",
    "email",
    "reference",
    "description",
    "card_brand",
    "card_masked",
    "authorization_code",
    "three_d_secure",
];

/// `cell` as a spreadsheet will show it, not run it: one that starts with
/// `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`.
///
/// ```
/// use kassa_server::routes::export::inert;
/// assert_eq!(inert("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
/// assert_eq!(inert("@SUM(A1)"), "'@SUM(A1)");
/// assert_eq!(inert("ada@example.com"), "ada@example.com");
/// assert_eq!(inert("15.04"), "15.04");
/// ```
pub fn inert(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// One invoice's row, in [`COLUMNS`]' order.
fn row(invoice: &InvoiceResponse) -> [String; 17] {
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    let card = invoice.card.as_ref();
    [
        invoice.id.clone(),
        invoice.created_at.clone(),
        invoice.status.as_str().to_owned(),
        invoice.amount.clone(),
        invoice.currency.clone(),
        text(&invoice.surcharge),
        text(&invoice.amount_charged),
        text(&invoice.captured_amount),
        text(&invoice.refunded_amount),
        invoice.installments.to_string(),
        invoice.email.clone(),
        text(&invoice.reference),
        text(&invoice.description),
        card.map(|card| card.brand.clone()).unwrap_or_default(),
        card.map(|card| card.masked.clone()).unwrap_or_default(),
        text(&invoice.authorization_code),
        invoice
            .three_d_secure
            .as_ref()
            .map(|result| result.status().to_owned())
            .unwrap_or_default(),
    ]
}

/// `rows` as CSV lines (RFC 4180: quoted where needed, CRLF), each cell
/// made [`inert`].
fn csv_lines<Row, Cell>(rows: impl IntoIterator<Item = Row>) -> Result<Vec<u8>, ApiError>
where
    Row: IntoIterator<Item = Cell>,
    Cell: AsRef<str>,
{
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for cells in rows {
        writer
            .write_record(
                cells
                    .into_iter()
                    .map(|cell| inert(cell.as_ref()).into_owned()),
            )
            .map_err(ApiError::internal)?;
    }
    writer.into_inner().map_err(ApiError::internal)
}

/// Where a streaming export is.
struct Export {
    state: AppState,
    query: InvoiceQuery,
    written: usize,
    /// The most rows (checked before the first: more is refused).
    max_rows: usize,
    done: bool,
}

impl Export {
    /// The next page's CSV lines; `None` after the last.
    async fn next_page(&mut self) -> Option<Result<Bytes, ApiError>> {
        if self.done {
            return None;
        }
        let left = self.max_rows.saturating_sub(self.written);
        self.query.limit = PAGE.min(i64::try_from(left).unwrap_or(PAGE));
        let invoices = match self.state.store.search_invoices(&self.query).await {
            Ok(invoices) => invoices,
            Err(error) => return Some(Err(error.into())),
        };
        let count = invoices.len();
        self.written += count;
        self.done =
            i64::try_from(count).unwrap_or(0) < self.query.limit || self.written >= self.max_rows;
        self.query.after = invoices
            .last()
            .map(|last| (last.created_at, last.id.clone()));
        let rows = invoices.iter().map(|invoice| {
            row(&crate::invoices::response(
                invoice,
                &self.state.public_url,
                self.query.now,
            ))
        });
        Some(csv_lines(rows).map(Bytes::from))
    }
}

/// `GET /api/v1/invoices/export.csv`.
#[utoipa::path(
    get,
    path = "/api/v1/invoices/export.csv",
    tag = "invoices",
    summary = "Export invoices as CSV",
    description = "The invoices `GET /api/v1/invoices` would find with the same filters (`status`, `created_from`, \
        `created_to`, `reference`, `email`, `brand`, `last4`, `three_d_secure`; no `limit` or `cursor`), newest first, \
        as one CSV file (RFC 4180, UTF-8, CRLF) with a header row: id, created_at, status, amount, currency, surcharge, \
        amount_charged, captured_amount, refunded_amount, installments, email, reference, description, card_brand, \
        card_masked (BIN and last four only), authorization_code, three_d_secure. More than 100,000 matching invoices (the \
        operator's `--export-max-rows`) are refused whole with 400 `export.too_large`: narrow the dates and export in parts. A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with `'` so a \
        spreadsheet shows it instead of running it.",
    params(
        ("status" = Option<kassa_api::InvoiceStatus>, Query, description = "Only invoices in this state."),
        ("created_from" = Option<String>, Query, description = "Created at or after this RFC 3339 time, or from the start of this date (UTC)."),
        ("created_to" = Option<String>, Query, description = "Created before this RFC 3339 time, or by the end of this date (UTC)."),
        ("reference" = Option<String>, Query, pattern = "^[^\\x00-\\x1f\\x7f]*[^\\s\\x00-\\x1f\\x7f][^\\x00-\\x1f\\x7f]*$", description = "The merchant's order id, exactly."),
        ("email" = Option<String>, Query, format = Email, description = "The shopper's email."),
        ("brand" = Option<String>, Query, min_length = 1, description = "Card brand id (`visa`)."),
        ("last4" = Option<String>, Query, pattern = "^[0-9]{4}$", description = "The card's last four digits."),
        ("three_d_secure" = Option<String>, Query, pattern = "^(authenticated|attempted|failed)$", description = "What 3-D Secure said."),
    ),
    responses(
        (status = 200, description = "The CSV file, as an attachment.", content_type = "text/csv", body = String),
        (status = 400, description = "A parameter is not valid, or is `limit` or `cursor` (`query.unknown_parameter`); more invoices match than one export holds (`export.too_large`).", body = ErrorBody),
        (status = 401, description = "No API key or session.", body = ErrorBody),
    ),
    security(("api_key" = []), ("bearer" = []))
)]
#[tracing::instrument(skip_all, fields(merchant_id = %merchant.id))]
pub(super) async fn invoices_export(
    State(state): State<AppState>,
    AuthenticatedMerchant(merchant): AuthenticatedMerchant,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    for (name, _) in url::form_urlencoded::parse(raw.as_deref().unwrap_or_default().as_bytes()) {
        if name == "limit" || name == "cursor" {
            return Err(ApiError::field(
                "query.unknown_parameter",
                &format!(
                    "`{name}` is not a parameter of an export: it holds every invoice the filters find."
                ),
                &name,
            ));
        }
    }
    let now = now_ms();
    let query = crate::search::parse_query(raw.as_deref(), &merchant.id, now)?;
    // Refused whole rather than cut short: a file that silently stops at
    // the cap would look complete in the books.
    let max_rows = usize::try_from(state.settings.export_max_rows).unwrap_or(usize::MAX);
    if state
        .store
        .search_finds_more_than(&query, i64::try_from(max_rows).unwrap_or(i64::MAX))
        .await?
    {
        return Err(ApiError::new(
            axum::http::StatusCode::BAD_REQUEST,
            "export.too_large",
            &format!(
                "More than {max_rows} invoices match. Narrow the dates (created_from, created_to) and export in parts."
            ),
            None,
        ));
    }
    let header_row = csv_lines([COLUMNS])?;
    let export = Export {
        state,
        query,
        written: 0,
        max_rows,
        done: false,
    };
    let pages = futures_util::stream::unfold(export, |mut export| async move {
        let page = export.next_page().await?;
        if let Err(error) = &page {
            // The status line is sent already: end the file short, and say
            // why in the log.
            tracing::error!(error = ?error, "invoice export stopped");
            export.done = true;
        }
        Some((
            page.map_err(|_| std::io::Error::other("export stopped")),
            export,
        ))
    });
    let body = futures_util::StreamExt::chain(
        futures_util::stream::once(async move { Ok::<_, std::io::Error>(Bytes::from(header_row)) }),
        pages,
    );
    let filename = format!("kassa-invoices-{}.csv", &rfc3339(now)[..10]);
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        Body::from_stream(body),
    )
        .into_response())
}

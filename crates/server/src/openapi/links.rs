//! OpenAPI `links`: which operations take an id from another's answer, so a
//! client (and a stateful fuzzer such as schemathesis) can go from a new
//! invoice to reading, paying, cancelling and refunding it, and from an
//! event to sending it again.

use serde_json::{Value, json};

/// A new invoice's id (`POST /api/v1/invoices`, 201) is the `id` of these
/// operations: `(link name, operation id)`.
const FROM_NEW_INVOICE: &[(&str, &str)] = &[
    ("GetInvoice", "invoices_get"),
    ("CancelInvoice", "invoices_cancel"),
    ("CaptureInvoice", "invoices_capture"),
    ("VoidInvoice", "invoices_void"),
    ("RefundInvoice", "refunds_create"),
    ("ListRefunds", "refunds_list"),
    ("OpenCheckout", "checkout_get"),
    ("PayInvoice", "checkout_pay"),
    ("LeaveCheckout", "checkout_cancel"),
];

/// Every link: `(path, method, status, link name, operation id, runtime
/// expression)`; the expression gives the target's `id` parameter.
fn links() -> Vec<(
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
)> {
    let mut links: Vec<_> = FROM_NEW_INVOICE
        .iter()
        .map(|(name, operation)| {
            (
                "/api/v1/invoices",
                "post",
                "201",
                *name,
                *operation,
                "$response.body#/id",
            )
        })
        .collect();
    links.push((
        "/api/v1/invoices/{id}/refunds",
        "post",
        "201",
        "GetRefund",
        "refunds_get",
        "$response.body#/id",
    ));
    links.push((
        "/api/v1/events",
        "get",
        "200",
        "RedeliverEvent",
        "events_redeliver",
        "$response.body#/data/0/id",
    ));
    links
}

/// Adds [`links`] to the responses they start from. A link whose response
/// or target operation is missing from the document is left out (a test
/// checks that none is).
pub(super) fn add(document: &mut Value) {
    let operation_ids = operation_ids(document);
    for (path, method, status, name, operation_id, expression) in links() {
        if !operation_ids.iter().any(|id| id == operation_id) {
            continue;
        }
        let Some(response) = document
            .pointer_mut(&format!(
                "/paths/{}/{method}/responses/{status}",
                path.replace('~', "~0").replace('/', "~1")
            ))
            .and_then(Value::as_object_mut)
        else {
            continue;
        };
        let links = response.entry("links").or_insert_with(|| json!({}));
        links[name] = json!({
            "operationId": operation_id,
            "parameters": { "id": expression },
        });
    }
}

/// Every `operationId` in the document.
fn operation_ids(document: &Value) -> Vec<String> {
    document["paths"]
        .as_object()
        .into_iter()
        .flat_map(|paths| paths.values())
        .filter_map(Value::as_object)
        .flat_map(|item| item.values())
        .filter_map(|operation| operation["operationId"].as_str())
        .map(str::to_owned)
        .collect()
}

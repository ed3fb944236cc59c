//! OpenAPI `links`: which operations take an id from another's answer, so a
//! client (and a stateful fuzzer such as schemathesis) can go from a new
//! invoice to reading, paying, cancelling and refunding it, and from an
//! event to sending it again.

use serde_json::{Value, json};

/// `(path, method, status, link name, operation id, parameter, runtime
/// expression)`: the answer at `path`/`method`/`status` gives `parameter`
/// of `operation id` by the expression.
const LINKS: &[(&str, &str, &str, &str, &str, &str, &str)] = &[
    (
        "/api/v1/invoices",
        "post",
        "201",
        "GetInvoice",
        "invoices_get",
        "id",
        "$response.body#/id",
    ),
    (
        "/api/v1/invoices",
        "post",
        "201",
        "CancelInvoice",
        "invoices_cancel",
        "id",
        "$response.body#/id",
    ),
    (
        "/api/v1/invoices",
        "post",
        "201",
        "RefundInvoice",
        "refunds_create",
        "id",
        "$response.body#/id",
    ),
    (
        "/api/v1/invoices",
        "post",
        "201",
        "ListRefunds",
        "refunds_list",
        "id",
        "$response.body#/id",
    ),
    (
        "/api/v1/invoices",
        "post",
        "201",
        "OpenCheckout",
        "checkout_get",
        "id",
        "$response.body#/id",
    ),
    (
        "/api/v1/invoices",
        "post",
        "201",
        "PayInvoice",
        "checkout_pay",
        "id",
        "$response.body#/id",
    ),
    (
        "/api/v1/invoices",
        "post",
        "201",
        "LeaveCheckout",
        "checkout_cancel",
        "id",
        "$response.body#/id",
    ),
    (
        "/api/v1/invoices/{id}/refunds",
        "post",
        "201",
        "GetRefund",
        "refunds_get",
        "id",
        "$response.body#/id",
    ),
    (
        "/api/v1/events",
        "get",
        "200",
        "RedeliverEvent",
        "events_redeliver",
        "id",
        "$response.body#/data/0/id",
    ),
];

/// Adds [`LINKS`] to the responses they start from. A link whose response
/// or target operation is missing from the document is left out (a test
/// checks that none is).
pub(super) fn add(document: &mut Value) {
    let operation_ids = operation_ids(document);
    for (path, method, status, name, operation_id, parameter, expression) in LINKS {
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
        links[*name] = json!({
            "operationId": operation_id,
            "parameters": { *parameter: expression },
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

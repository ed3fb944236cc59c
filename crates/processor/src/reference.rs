//! The unique reference a connector sends with each charge, so that a
//! charge whose answer was lost can be found again and never made twice.

/// The reference of attempt `attempt` on invoice `invoice_id`:
/// `kassa-<invoice_id>-<attempt>`. Unique per charge attempt, never card
/// data, short enough for every gateway's reference field (at most 50
/// characters for Kassa's ids), and the same on every call, so that a
/// gateway's idempotency key or a look-up by reference finds the attempt.
///
/// ```
/// assert_eq!(kassa_processor::charge_reference("inv_42", 3), "kassa-inv_42-3");
/// ```
pub fn charge_reference(invoice_id: &str, attempt: u32) -> String {
    format!("kassa-{invoice_id}-{attempt}")
}

/// The reference of a refund: `kassa-<refund_id>`, for the gateways that
/// make refunds idempotent on a key.
///
/// ```
/// assert_eq!(kassa_processor::refund_reference("ref_7"), "kassa-ref_7");
/// ```
pub fn refund_reference(refund_id: &str) -> String {
    format!("kassa-{refund_id}")
}

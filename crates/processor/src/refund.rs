//! Giving money back: what a refund asks of a processor, and its answer.

use kassa_card::Currency;

/// One refund of an approved charge, as the server hands it to a
/// [`Processor`](crate::Processor). It carries no card data: the processor
/// finds the card from the charge's `transaction_ref`.
///
/// ```
/// use kassa_card::Currency;
/// use kassa_processor::RefundRequest;
///
/// let request = RefundRequest {
///     refund_id: "ref_1",
///     invoice_id: "inv_42",
///     transaction_ref: "tp_0123456789abcdef01234567",
///     amount_minor: 500,
///     currency: Currency::from_code("EUR").unwrap(),
///     now_unix_ms: 1_795_219_200_000,
/// };
/// assert_eq!(request.amount_minor, 500);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct RefundRequest<'a> {
    /// The server's id for this refund; a processor makes refunds idempotent
    /// on it, and the test processor derives its reference from it.
    pub refund_id: &'a str,
    /// The invoice that was paid.
    pub invoice_id: &'a str,
    /// The processor's reference for the approved charge.
    pub transaction_ref: &'a str,
    /// How much to give back, in the currency's minor units; positive, and
    /// never more than what is left of the charge (the server sees to it).
    pub amount_minor: i64,
    /// The charge's currency.
    pub currency: Currency,
    /// Now, in Unix milliseconds.
    pub now_unix_ms: i64,
}

/// A refund the processor accepted.
///
/// ```
/// use kassa_processor::RefundConfirmation;
/// let confirmation = RefundConfirmation { refund_ref: "tr_0123456789abcdef01234567".into() };
/// assert!(confirmation.refund_ref.starts_with("tr_"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RefundConfirmation {
    /// The processor's reference for the refund.
    pub refund_ref: String,
}

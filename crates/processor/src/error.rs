//! Errors a processor returns instead of a decision.

/// The processor made no decision about the card.
///
/// A decline is not an error: it is [`ChargeOutcome::Declined`](crate::ChargeOutcome::Declined).
/// An error means the charge did not happen and the card was not judged, so
/// it does not count as a shopper's attempt. Errors never carry card data:
/// their only payload is a `&'static str` code.
///
/// ```
/// use kassa_processor::ProcessorError;
///
/// assert_eq!(ProcessorError::Unavailable.to_string(), "the processor is unavailable");
/// let rejected = ProcessorError::Rejected { code: "invalid_amount" };
/// assert_eq!(rejected.code(), "invalid_amount");
/// assert_eq!(rejected.to_string(), "the processor rejected the request: invalid_amount");
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ProcessorError {
    /// The processor could not be reached, and no charge was made; the
    /// charge may be tried again later.
    ///
    /// This is a promise the server relies on: after `Unavailable` it lets
    /// the shopper pay again. An implementation that cannot tell whether a
    /// request reached the acquirer must not answer `Unavailable`: it should
    /// make charges idempotent on `(invoice_id, attempt)` with the acquirer,
    /// or take longer (the server then keeps the invoice locked and reports
    /// the outcome as unknown).
    #[error("the processor is unavailable")]
    Unavailable,
    /// The gateway refused the merchant's credentials (a wrong key, user,
    /// password or terminal). Nothing was charged; the merchant must fix
    /// the processor configuration, so the shopper is told only that the
    /// payment cannot be taken now.
    #[error("the processor refused the merchant's credentials")]
    Unauthorized,
    /// The processor refused the request itself (malformed, unsupported, or
    /// a pending charge it does not know). Retrying the same request fails
    /// the same way.
    #[error("the processor rejected the request: {code}")]
    Rejected {
        /// A stable machine code, such as `"invalid_amount"`.
        code: &'static str,
    },
}

impl ProcessorError {
    /// A stable machine code: `"processor_unavailable"`, or the code of a
    /// rejection.
    ///
    /// ```
    /// use kassa_processor::ProcessorError;
    /// assert_eq!(ProcessorError::Unavailable.code(), "processor_unavailable");
    /// ```
    pub const fn code(self) -> &'static str {
        match self {
            Self::Unavailable => "processor_unavailable",
            Self::Unauthorized => "processor_unauthorized",
            Self::Rejected { code } => code,
        }
    }
}

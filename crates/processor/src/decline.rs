//! Why an issuer declined a charge.

/// Why a charge was declined, with a stable machine code the server and the
/// checkout page share.
///
/// Exhaustive on purpose: adding a reason must make every `match` in the
/// workspace (message lookup, retry policy) fail to compile until it is
/// handled.
///
/// ```
/// use kassa_processor::DeclineReason;
///
/// assert_eq!(DeclineReason::InsufficientFunds.code(), "insufficient_funds");
/// assert!(DeclineReason::InsufficientFunds.is_retryable());
/// assert!(!DeclineReason::StolenCard.is_retryable());
/// assert_eq!(DeclineReason::from_code("lost_card"), Some(DeclineReason::LostCard));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DeclineReason {
    /// The account does not hold enough money for the charge.
    InsufficientFunds,
    /// The issuer declined without saying why (the generic decline).
    DoNotHonour,
    /// The card was reported lost.
    LostCard,
    /// The card was reported stolen.
    StolenCard,
    /// The card has expired.
    ExpiredCard,
    /// The security code does not match.
    IncorrectSecurityCode,
    /// The issuer or network failed while processing the charge.
    ProcessingError,
    /// The shopper failed or abandoned the issuer's 3-D Secure challenge.
    AuthenticationFailed,
    /// The merchant requires 3-D Secure and the card could not be
    /// authenticated (the issuer's service was unavailable).
    AuthenticationRequired,
}

impl DeclineReason {
    /// Every reason.
    ///
    /// ```
    /// use kassa_processor::DeclineReason;
    /// assert_eq!(DeclineReason::ALL.len(), 9);
    /// ```
    pub const ALL: &'static [DeclineReason] = &[
        DeclineReason::InsufficientFunds,
        DeclineReason::DoNotHonour,
        DeclineReason::LostCard,
        DeclineReason::StolenCard,
        DeclineReason::ExpiredCard,
        DeclineReason::IncorrectSecurityCode,
        DeclineReason::ProcessingError,
        DeclineReason::AuthenticationFailed,
        DeclineReason::AuthenticationRequired,
    ];

    /// The stable machine code (`"do_not_honour"`, `"expired_card"`, …).
    ///
    /// ```
    /// use kassa_processor::DeclineReason;
    /// assert_eq!(DeclineReason::DoNotHonour.code(), "do_not_honour");
    /// assert_eq!(DeclineReason::IncorrectSecurityCode.code(), "incorrect_security_code");
    /// ```
    pub const fn code(self) -> &'static str {
        match self {
            Self::InsufficientFunds => "insufficient_funds",
            Self::DoNotHonour => "do_not_honour",
            Self::LostCard => "lost_card",
            Self::StolenCard => "stolen_card",
            Self::ExpiredCard => "expired_card",
            Self::IncorrectSecurityCode => "incorrect_security_code",
            Self::ProcessingError => "processing_error",
            Self::AuthenticationFailed => "authentication_failed",
            Self::AuthenticationRequired => "authentication_required",
        }
    }

    /// The reason a code stands for; `None` for any other text.
    ///
    /// ```
    /// use kassa_processor::DeclineReason;
    /// assert_eq!(DeclineReason::from_code("processing_error"), Some(DeclineReason::ProcessingError));
    /// assert_eq!(DeclineReason::from_code("card_declined"), None);
    /// ```
    pub fn from_code(code: &str) -> Option<DeclineReason> {
        DeclineReason::ALL
            .iter()
            .copied()
            .find(|reason| reason.code() == code)
    }

    /// Whether the shopper may try again on the same invoice, with another
    /// card or corrected details.
    ///
    /// `true` for every reason except [`LostCard`](Self::LostCard) and
    /// [`StolenCard`](Self::StolenCard): a card reported lost or stolen in
    /// someone's hands points to fraud, so the checkout should stop taking
    /// attempts rather than let the same person try the next card. Either
    /// way the decline counts as an attempt toward the invoice's limit;
    /// retryable only means another attempt may follow.
    ///
    /// ```
    /// use kassa_processor::DeclineReason;
    /// let final_reasons: Vec<_> = DeclineReason::ALL.iter().filter(|reason| !reason.is_retryable()).collect();
    /// assert_eq!(final_reasons, [&DeclineReason::LostCard, &DeclineReason::StolenCard]);
    /// ```
    pub const fn is_retryable(self) -> bool {
        !matches!(self, Self::LostCard | Self::StolenCard)
    }
}

//! Cards kept on file: who starts a charge on a saved card, and why.
//!
//! Card networks treat a charge on a stored card differently from one the
//! shopper types in (the "stored credential" rules): the first charge that
//! keeps the card says so, a later charge the shopper makes with a saved
//! card says so, and a charge the merchant makes without the shopper
//! (merchant-initiated) carries its reason. Gateways map these to their own
//! fields (Stripe `setup_future_usage` and `off_session`).

/// Why a merchant charges a saved card without the shopper present.
///
/// ```
/// use kassa_processor::ChargeReason;
/// assert_eq!(ChargeReason::parse("recurring"), Some(ChargeReason::Recurring));
/// assert_eq!(ChargeReason::Recurring.as_str(), "recurring");
/// assert_eq!(ChargeReason::parse("weekly"), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChargeReason {
    /// A one-off charge at a time the shopper agreed to in advance (a
    /// hotel's no-show fee, a top-up).
    Unscheduled,
    /// One of a series at fixed intervals (a subscription).
    Recurring,
    /// One part of a purchase paid in parts the merchant runs.
    Installment,
}

impl ChargeReason {
    /// Every reason.
    pub const ALL: [ChargeReason; 3] = [
        ChargeReason::Unscheduled,
        ChargeReason::Recurring,
        ChargeReason::Installment,
    ];

    /// The reason as the API writes it.
    pub const fn as_str(self) -> &'static str {
        match self {
            ChargeReason::Unscheduled => "unscheduled",
            ChargeReason::Recurring => "recurring",
            ChargeReason::Installment => "installment",
        }
    }

    /// The reason for its API name.
    pub fn parse(text: &str) -> Option<ChargeReason> {
        ChargeReason::ALL
            .into_iter()
            .find(|reason| reason.as_str() == text)
    }
}

/// How a charge relates to a card kept on file (`None` on
/// [`ChargeRequest::stored`](crate::ChargeRequest::stored): a card typed in
/// and not kept).
///
/// ```
/// use kassa_processor::{ChargeReason, StoredCredential};
/// let later = StoredCredential::MerchantInitiated { reason: ChargeReason::Recurring, gateway_token: None };
/// assert!(later.merchant_initiated());
/// assert!(!StoredCredential::SaveOnFile.merchant_initiated());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoredCredential<'a> {
    /// The shopper is paying and agreed to keep the card for this merchant:
    /// the first charge of a stored credential. A gateway with its own
    /// tokens returns one in [`Approval::gateway_token`](crate::Approval::gateway_token).
    SaveOnFile,
    /// The shopper pays with a card saved earlier (present, with a fresh
    /// security code).
    CustomerOnFile {
        /// The gateway's token for the card, when it gave one.
        gateway_token: Option<&'a str>,
    },
    /// The merchant charges a saved card without the shopper.
    MerchantInitiated {
        /// Why.
        reason: ChargeReason,
        /// The gateway's token for the card, when it gave one.
        gateway_token: Option<&'a str>,
    },
}

impl<'a> StoredCredential<'a> {
    /// Whether the shopper is absent (no security code, no challenge).
    pub const fn merchant_initiated(&self) -> bool {
        matches!(self, StoredCredential::MerchantInitiated { .. })
    }

    /// The gateway's token for the card, when there is one (borrowed for
    /// as long as the request, not just the credential).
    pub const fn gateway_token(&self) -> Option<&'a str> {
        match self {
            StoredCredential::SaveOnFile => None,
            StoredCredential::CustomerOnFile { gateway_token }
            | StoredCredential::MerchantInitiated { gateway_token, .. } => *gateway_token,
        }
    }
}

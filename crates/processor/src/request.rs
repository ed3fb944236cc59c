//! What a charge asks of a processor.

use kassa_card::{
    BillingAddress, Brand, CardNumber, CardholderName, Currency, Expiry, IsraeliId, SecurityCode,
};

/// One charge attempt, as the server hands it to a [`Processor`](crate::Processor).
///
/// A plain record with public fields, built by the server from parsed
/// `kassa-card` types just before the call. It borrows the card data instead
/// of owning it, so no copy of the number outlives the call. `Debug` is safe
/// to log: the card number prints masked and the security code as `***`.
///
/// ```
/// use kassa_card::{CardNumber, CardholderName, Currency, Expiry, SecurityCode};
/// use kassa_processor::ChargeRequest;
///
/// let card = CardNumber::parse("4242 4242 4242 4242").unwrap();
/// let code = SecurityCode::parse("123", Some(card.brand())).unwrap();
/// let holder = CardholderName::parse("Ada Lovelace").unwrap();
/// let request = ChargeRequest {
///     invoice_id: "inv_42",
///     attempt: 1,
///     amount_minor: 1_500,
///     currency: Currency::from_code("EUR").unwrap(),
///     card: &card,
///     expiry: Expiry::parse("12/30").unwrap(),
///     security_code: Some(&code),
///     holder: &holder,
///     billing: None,
///     holder_id: None,
///     installments: 1,
///     installment_kind: kassa_processor::InstallmentKind::Equal,
///     network: card.brand(),
///     capture: kassa_processor::Capture::Automatic,
///     stored: None,
///     three_d_secure: kassa_processor::ThreeDSecureMode::Automatic,
///     return_url: None,
///     now_unix_ms: 1_795_219_200_000,
/// };
/// let logged = format!("{request:?}");
/// assert!(logged.contains("424242******4242"));
/// assert!(!logged.contains("4242424242424242"));
/// ```
#[derive(Clone, Copy, Debug)]
pub struct ChargeRequest<'a> {
    /// The invoice being paid. With `attempt` it names the charge, and the
    /// processor's references are derived from the pair.
    pub invoice_id: &'a str,
    /// Which charge on this invoice this is, counted from 1. Every charge
    /// the server starts gets a new number, even one that did not count as
    /// a shopper's attempt (an unreachable gateway), so the references a
    /// processor derives from `(invoice_id, attempt)` never repeat.
    pub attempt: u32,
    /// The amount in the currency's minor units (cents for EUR, yen for
    /// JPY); must be positive.
    pub amount_minor: i64,
    /// The currency of `amount_minor`.
    pub currency: Currency,
    /// The card number.
    pub card: &'a CardNumber,
    /// The card's expiry month.
    pub expiry: Expiry,
    /// The security code, when the shopper gave one.
    pub security_code: Option<&'a SecurityCode>,
    /// The name on the card.
    pub holder: &'a CardholderName,
    /// The billing address, when the checkout asked for one.
    pub billing: Option<&'a BillingAddress>,
    /// The card holder's Israeli ID number, which CreditGuard and iCount
    /// terminals commonly require for Israeli cards (see
    /// [`Processor::needs_holder_id`](crate::Processor::needs_holder_id)).
    pub holder_id: Option<&'a IsraeliId>,
    /// The number of payments: 1 for a single payment, at most
    /// [`kassa_card::MAX_INSTALLMENTS`].
    pub installments: u8,
    /// How payments after the first are financed: the merchant's own equal
    /// payments, or the issuer's credit (only with `installments` > 1).
    pub installment_kind: crate::InstallmentKind,
    /// The network to route through: one of [`CardNumber::networks`] (the
    /// shopper's choice on a co-badged card).
    pub network: Brand,
    /// Whether an approval takes the money now or only reserves it (see
    /// [`Processor::supports_manual_capture`](crate::Processor::supports_manual_capture)).
    pub capture: crate::Capture,
    /// Whether the card is being kept on file, or was (`None`: typed in,
    /// not kept). See [`StoredCredential`](crate::StoredCredential).
    pub stored: Option<crate::StoredCredential<'a>>,
    /// Whether the charge must be authenticated with 3-D Secure.
    pub three_d_secure: crate::ThreeDSecureMode,
    /// Where a gateway's own 3-D Secure page sends the shopper back (a
    /// Kassa address) once the challenge is answered; `None` when no
    /// shopper is there to answer one (a server-to-server or
    /// merchant-initiated charge): a connector then must not start a
    /// challenge, and declines a card whose issuer insists
    /// ([`DeclineReason::AuthenticationRequired`](crate::DeclineReason::AuthenticationRequired)).
    pub return_url: Option<&'a str>,
    /// When the request is made, in milliseconds since the Unix epoch (UTC).
    pub now_unix_ms: i64,
}

/// How a payment in instalments is financed.
///
/// ```
/// use kassa_processor::InstallmentKind;
/// assert_eq!(InstallmentKind::default(), InstallmentKind::Equal);
/// assert_eq!(InstallmentKind::Credit.code(), "credit");
/// assert_eq!(InstallmentKind::parse("equal"), Some(InstallmentKind::Equal));
/// assert_eq!(InstallmentKind::parse("loan"), None);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum InstallmentKind {
    /// The merchant's own payments: the card is charged the first payment
    /// now and the others month by month (CreditGuard `creditType=Payments`,
    /// iCount `is_credit: false`).
    #[default]
    Equal,
    /// Issuer-financed credit: the issuer pays the merchant the whole amount
    /// and the shopper repays the issuer in instalments, with the issuer's
    /// fee (CreditGuard `creditType=SpecialCredit`, iCount `is_credit: true`).
    Credit,
}

impl InstallmentKind {
    /// `equal` or `credit`.
    pub const fn code(self) -> &'static str {
        match self {
            Self::Equal => "equal",
            Self::Credit => "credit",
        }
    }

    /// The kind a code stands for; `None` for any other text.
    pub fn parse(code: &str) -> Option<InstallmentKind> {
        [Self::Equal, Self::Credit]
            .into_iter()
            .find(|kind| kind.code() == code)
    }
}

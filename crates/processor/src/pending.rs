//! Pending charges, and their text form for storage.

use crate::{AvsResult, SecurityCodeResult};

/// The version tag every token starts with.
const TOKEN_VERSION: &str = "v1";
/// Separates the fields of a token; escaped inside text fields.
const SEPARATOR: char = '|';

/// A charge the issuer has not decided yet. A plain record with public
/// fields.
///
/// The server stores it with [`to_token`](Self::to_token) (one line of text,
/// fit for a `TEXT` column) and later, even after a restart, rebuilds it with
/// [`from_token`](Self::from_token) and asks [`Processor::settle`](crate::Processor::settle)
/// how it ended. It holds no card data, and `processor_state` must never
/// hold any either.
///
/// ```
/// use kassa_processor::{AvsResult, PendingCharge, SecurityCodeResult};
///
/// let pending = PendingCharge {
///     transaction_ref: "tp_0123456789abcdef01234567".into(),
///     settles_at_unix_ms: 1_795_219_205_000,
///     avs: AvsResult::StreetAndPostal,
///     security_code: SecurityCodeResult::Match,
///     processor_state: "succeed:A1B2C3".into(),
/// };
/// let token = pending.to_token();
/// assert_eq!(token, "v1|tp_0123456789abcdef01234567|1795219205000|Y|M|succeed:A1B2C3");
/// assert_eq!(PendingCharge::from_token(&token), Ok(pending));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PendingCharge {
    /// The processor's reference for the charge; the settlement keeps it.
    pub transaction_ref: String,
    /// The earliest time, in milliseconds since the Unix epoch, at which
    /// asking again may give an answer.
    pub settles_at_unix_ms: i64,
    /// The address check, done when the charge was made.
    pub avs: AvsResult,
    /// The security code check, done when the charge was made.
    pub security_code: SecurityCodeResult,
    /// Whatever else the processor needs to settle the charge, in its own
    /// format. Opaque to the server, and never card data.
    pub processor_state: String,
}

/// Why a token could not be read back into a [`PendingCharge`].
///
/// ```
/// use kassa_processor::{PendingCharge, PendingTokenError};
///
/// assert_eq!(PendingCharge::from_token("v9|tp_1|0|Y|M|"), Err(PendingTokenError::UnsupportedVersion));
/// assert_eq!(PendingCharge::from_token("v1|tp_1|soon|Y|M|"), Err(PendingTokenError::Malformed));
/// assert_eq!(PendingTokenError::Malformed.to_string(), "the pending-charge token is malformed");
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PendingTokenError {
    /// The token was written by a format this version does not read.
    #[error("the pending-charge token has an unsupported version")]
    UnsupportedVersion,
    /// The token is not a pending charge: wrong number of fields, a time
    /// that is not a number, an unknown result code or a bad escape.
    #[error("the pending-charge token is malformed")]
    Malformed,
}

impl PendingCharge {
    /// The pending charge a connector's
    /// [`lost_charge`](crate::Processor::lost_charge) answers: the attempt's
    /// [`charge_reference`](crate::charge_reference) as its reference, due at
    /// once, no checks known, and `processor_state` saying how to look it up.
    ///
    /// ```
    /// use kassa_card::{CardNumber, CardholderName, Currency, Expiry};
    /// use kassa_processor::{AvsResult, ChargeRequest, PendingCharge};
    ///
    /// let card = CardNumber::parse("4242 4242 4242 4242").unwrap();
    /// let holder = CardholderName::parse("Ada Lovelace").unwrap();
    /// let request = ChargeRequest {
    ///     invoice_id: "inv_42", attempt: 2, amount_minor: 1_500,
    ///     currency: Currency::from_code("EUR").unwrap(), card: &card,
    ///     expiry: Expiry::parse("12/30").unwrap(), security_code: None, holder: &holder,
    ///     billing: None, holder_id: None, installments: 1, network: card.brand(),
    ///     capture: kassa_processor::Capture::Automatic, stored: None, three_d_secure: Default::default(), return_url: None, installment_kind: Default::default(), now_unix_ms: 1_000,
    /// };
    /// let pending = PendingCharge::lost(&request, "lookup:kassa-inv_42-2".into());
    /// assert_eq!(pending.transaction_ref, "kassa-inv_42-2");
    /// assert_eq!((pending.settles_at_unix_ms, pending.avs), (1_000, AvsResult::Unavailable));
    /// ```
    pub fn lost(request: &crate::ChargeRequest<'_>, processor_state: String) -> PendingCharge {
        PendingCharge {
            transaction_ref: crate::charge_reference(request.invoice_id, request.attempt),
            settles_at_unix_ms: request.now_unix_ms,
            avs: AvsResult::Unavailable,
            security_code: SecurityCodeResult::NotProvided,
            processor_state,
        }
    }

    /// The charge as one line of text:
    /// `v1|transaction_ref|settles_at_unix_ms|avs|security_code|processor_state`,
    /// with `%` and `|` inside the text fields written as `%25` and `%7C`.
    ///
    /// ```
    /// use kassa_processor::{AvsResult, PendingCharge, SecurityCodeResult};
    ///
    /// let pending = PendingCharge {
    ///     transaction_ref: "ref|with%odd".into(),
    ///     settles_at_unix_ms: -5,
    ///     avs: AvsResult::Unavailable,
    ///     security_code: SecurityCodeResult::NotProvided,
    ///     processor_state: String::new(),
    /// };
    /// assert_eq!(pending.to_token(), "v1|ref%7Cwith%25odd|-5|U|P|");
    /// ```
    pub fn to_token(&self) -> String {
        format!(
            "{TOKEN_VERSION}{SEPARATOR}{}{SEPARATOR}{}{SEPARATOR}{}{SEPARATOR}{}{SEPARATOR}{}",
            escape(&self.transaction_ref),
            self.settles_at_unix_ms,
            self.avs.code(),
            self.security_code.code(),
            escape(&self.processor_state),
        )
    }

    /// Reads a token written by [`to_token`](Self::to_token).
    ///
    /// ```
    /// use kassa_processor::{AvsResult, PendingCharge};
    ///
    /// let pending = PendingCharge::from_token("v1|tp_9|1000|Z|U|fail:do_not_honour").unwrap();
    /// assert_eq!(pending.settles_at_unix_ms, 1000);
    /// assert_eq!(pending.avs, AvsResult::PostalFiveDigitsOnly);
    /// assert_eq!(pending.processor_state, "fail:do_not_honour");
    /// ```
    ///
    /// # Errors
    /// [`PendingTokenError::UnsupportedVersion`] for a token of another
    /// format version, [`PendingTokenError::Malformed`] for anything else
    /// that is not a token.
    pub fn from_token(token: &str) -> Result<PendingCharge, PendingTokenError> {
        let mut fields = token.split(SEPARATOR);
        if fields.next() != Some(TOKEN_VERSION) {
            return Err(PendingTokenError::UnsupportedVersion);
        }
        let mut next = || fields.next().ok_or(PendingTokenError::Malformed);
        let transaction_ref = unescape(next()?)?;
        let settles_at_unix_ms = next()?.parse().map_err(|_| PendingTokenError::Malformed)?;
        let avs = AvsResult::from_code(next()?).ok_or(PendingTokenError::Malformed)?;
        let security_code =
            SecurityCodeResult::from_code(next()?).ok_or(PendingTokenError::Malformed)?;
        let processor_state = unescape(next()?)?;
        if fields.next().is_some() {
            return Err(PendingTokenError::Malformed);
        }
        Ok(PendingCharge {
            transaction_ref,
            settles_at_unix_ms,
            avs,
            security_code,
            processor_state,
        })
    }
}

/// Writes `%` as `%25` and the separator as `%7C`.
fn escape(text: &str) -> String {
    text.replace('%', "%25").replace(SEPARATOR, "%7C")
}

/// Reverses [`escape`]; any other `%` sequence is an error.
fn unescape(text: &str) -> Result<String, PendingTokenError> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(index) = rest.find('%') {
        out.push_str(&rest[..index]);
        let escaped = rest.get(index..index + 3);
        out.push(match escaped {
            Some("%25") => '%',
            Some("%7C") => SEPARATOR,
            _ => return Err(PendingTokenError::Malformed),
        });
        rest = &rest[index + 3..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::{escape, unescape};

    #[test]
    fn escaping_round_trips_separators_and_percent_signs() {
        for text in ["", "plain", "a|b", "100%", "%7C", "|%|%%||", "ünï|cödé%"] {
            assert_eq!(unescape(&escape(text)).unwrap(), text);
            assert!(!escape(text).contains('|'));
        }
    }

    #[test]
    fn unknown_or_truncated_escapes_are_refused() {
        for text in ["%", "%2", "%41", "abc%7", "%7c"] {
            assert!(unescape(text).is_err(), "{text}");
        }
    }
}

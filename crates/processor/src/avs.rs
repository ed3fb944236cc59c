//! Address verification (AVS) results.

/// What the issuer said about the billing address (and, for the digit codes,
/// the cardholder's name).
///
/// The letter codes follow the Visa and Mastercard AVS response codes; the
/// digit codes are American Express's enhanced AVS, which also checks the
/// cardholder's name, as TSYS reports them: `5` to `8` are the four answers in
/// which the name did **not** match. [`AvsResult::code`] is the code as
/// processors send it; [`AvsResult::description`] an English sentence for logs
/// and dashboards. An AVS result never declines a charge by itself: what to do
/// with a mismatch is the merchant's policy.
///
/// ```
/// use kassa_processor::AvsResult;
///
/// assert_eq!(AvsResult::StreetAndPostal.code(), "Y");
/// assert_eq!(AvsResult::from_code("Z"), Some(AvsResult::PostalFiveDigitsOnly));
/// assert_eq!(AvsResult::from_code("5"), Some(AvsResult::NameMismatchPostalMatch));
/// assert_eq!(AvsResult::from_code("X"), None);
/// assert_eq!(AvsResult::ALL.len(), 13);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AvsResult {
    /// `Y`: street address and postal code both match.
    StreetAndPostal,
    /// `A`: the street address matches, the postal code does not.
    StreetOnly,
    /// `W`: the nine-digit postal code (ZIP+4) matches, the street does not.
    PostalNineDigitsOnly,
    /// `Z`: the five-digit postal code matches, the street does not.
    PostalFiveDigitsOnly,
    /// `N`: neither the street address nor the postal code matches.
    NoMatch,
    /// `U`: no address information is available: none was sent, or the
    /// issuer has none on file.
    Unavailable,
    /// `R`: the issuer's system was unavailable; the check may be retried.
    Retry,
    /// `S`: the issuer does not support AVS.
    NotSupported,
    /// `Q`: the address data sent was malformed, so it could not be checked.
    BadData,
    /// `5`: the cardholder name does not match; the postal code does.
    NameMismatchPostalMatch,
    /// `6`: the cardholder name does not match; street and postal code do.
    NameMismatchStreetAndPostalMatch,
    /// `7`: the cardholder name does not match; the street address does.
    NameMismatchStreetMatch,
    /// `8`: the cardholder name, street address and postal code all do not match.
    NameStreetAndPostalMismatch,
}

impl AvsResult {
    /// Every result, in the order of the crate's README table.
    ///
    /// ```
    /// use kassa_processor::AvsResult;
    /// let codes: Vec<_> = AvsResult::ALL.iter().map(|avs| avs.code()).collect();
    /// assert_eq!(codes, ["Y", "A", "W", "Z", "N", "U", "R", "S", "Q", "5", "6", "7", "8"]);
    /// ```
    pub const ALL: &'static [AvsResult] = &[
        AvsResult::StreetAndPostal,
        AvsResult::StreetOnly,
        AvsResult::PostalNineDigitsOnly,
        AvsResult::PostalFiveDigitsOnly,
        AvsResult::NoMatch,
        AvsResult::Unavailable,
        AvsResult::Retry,
        AvsResult::NotSupported,
        AvsResult::BadData,
        AvsResult::NameMismatchPostalMatch,
        AvsResult::NameMismatchStreetAndPostalMatch,
        AvsResult::NameMismatchStreetMatch,
        AvsResult::NameStreetAndPostalMismatch,
    ];

    /// The one-character code processors send (`"Y"`, `"A"`, …, `"8"`).
    ///
    /// ```
    /// use kassa_processor::AvsResult;
    /// assert_eq!(AvsResult::PostalNineDigitsOnly.code(), "W");
    /// assert_eq!(AvsResult::NameStreetAndPostalMismatch.code(), "8");
    /// ```
    pub const fn code(self) -> &'static str {
        match self {
            Self::StreetAndPostal => "Y",
            Self::StreetOnly => "A",
            Self::PostalNineDigitsOnly => "W",
            Self::PostalFiveDigitsOnly => "Z",
            Self::NoMatch => "N",
            Self::Unavailable => "U",
            Self::Retry => "R",
            Self::NotSupported => "S",
            Self::BadData => "Q",
            Self::NameMismatchPostalMatch => "5",
            Self::NameMismatchStreetAndPostalMatch => "6",
            Self::NameMismatchStreetMatch => "7",
            Self::NameStreetAndPostalMismatch => "8",
        }
    }

    /// An English sentence saying what the code means.
    ///
    /// ```
    /// use kassa_processor::AvsResult;
    /// assert_eq!(AvsResult::StreetOnly.description(), "Street address matches; postal code does not.");
    /// ```
    pub const fn description(self) -> &'static str {
        match self {
            Self::StreetAndPostal => "Street address and postal code match.",
            Self::StreetOnly => "Street address matches; postal code does not.",
            Self::PostalNineDigitsOnly => {
                "Nine-digit postal code matches; street address does not."
            }
            Self::PostalFiveDigitsOnly => {
                "Five-digit postal code matches; street address does not."
            }
            Self::NoMatch => "Neither street address nor postal code matches.",
            Self::Unavailable => "Address information is unavailable.",
            Self::Retry => "The issuer's system is unavailable; retry.",
            Self::NotSupported => "The issuer does not support address verification.",
            Self::BadData => "The address data was malformed and could not be checked.",
            Self::NameMismatchPostalMatch => "Cardholder name does not match; postal code matches.",
            Self::NameMismatchStreetAndPostalMatch => {
                "Cardholder name does not match; street address and postal code match."
            }
            Self::NameMismatchStreetMatch => {
                "Cardholder name does not match; street address matches."
            }
            Self::NameStreetAndPostalMismatch => {
                "Cardholder name, street address and postal code do not match."
            }
        }
    }

    /// The result a code stands for; `None` for a code not in the list.
    /// Exact and case-sensitive, the inverse of [`AvsResult::code`].
    ///
    /// ```
    /// use kassa_processor::AvsResult;
    /// assert_eq!(AvsResult::from_code("Q"), Some(AvsResult::BadData));
    /// assert_eq!(AvsResult::from_code("q"), None);
    /// ```
    pub fn from_code(code: &str) -> Option<AvsResult> {
        AvsResult::ALL
            .iter()
            .copied()
            .find(|result| result.code() == code)
    }
}

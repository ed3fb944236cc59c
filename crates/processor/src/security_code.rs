//! Security code (CVV/CVC/CID) check results.

/// What the issuer said about the security code.
///
/// A code that does not match declines the charge
/// ([`DeclineReason::IncorrectSecurityCode`](crate::DeclineReason::IncorrectSecurityCode));
/// the other results are reported with the outcome and leave the decision to
/// the rest of the checks.
///
/// ```
/// use kassa_processor::SecurityCodeResult;
///
/// assert_eq!(SecurityCodeResult::Match.code(), "M");
/// assert_eq!(SecurityCodeResult::from_code("P"), Some(SecurityCodeResult::NotProvided));
/// assert_eq!(SecurityCodeResult::from_code("Z"), None);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SecurityCodeResult {
    /// `M`: the code matches.
    Match,
    /// `N`: the code does not match.
    NoMatch,
    /// `P`: no code was provided, or the issuer says it was not processed.
    NotProvided,
    /// `U`: the issuer did not check the code (not certified, or unavailable).
    NotChecked,
}

impl SecurityCodeResult {
    /// Every result.
    ///
    /// ```
    /// use kassa_processor::SecurityCodeResult;
    /// let codes: Vec<_> = SecurityCodeResult::ALL.iter().map(|result| result.code()).collect();
    /// assert_eq!(codes, ["M", "N", "P", "U"]);
    /// ```
    pub const ALL: &'static [SecurityCodeResult] = &[
        SecurityCodeResult::Match,
        SecurityCodeResult::NoMatch,
        SecurityCodeResult::NotProvided,
        SecurityCodeResult::NotChecked,
    ];

    /// The one-letter code processors send: `M`, `N`, `P` or `U`.
    ///
    /// ```
    /// use kassa_processor::SecurityCodeResult;
    /// assert_eq!(SecurityCodeResult::NotChecked.code(), "U");
    /// ```
    pub const fn code(self) -> &'static str {
        match self {
            Self::Match => "M",
            Self::NoMatch => "N",
            Self::NotProvided => "P",
            Self::NotChecked => "U",
        }
    }

    /// An English sentence saying what the code means.
    ///
    /// ```
    /// use kassa_processor::SecurityCodeResult;
    /// assert_eq!(SecurityCodeResult::NoMatch.description(), "The security code does not match.");
    /// ```
    pub const fn description(self) -> &'static str {
        match self {
            Self::Match => "The security code matches.",
            Self::NoMatch => "The security code does not match.",
            Self::NotProvided => "No security code was provided.",
            Self::NotChecked => "The issuer did not check the security code.",
        }
    }

    /// The result a code stands for; `None` for any other text. Exact and
    /// case-sensitive, the inverse of [`SecurityCodeResult::code`].
    ///
    /// ```
    /// use kassa_processor::SecurityCodeResult;
    /// assert_eq!(SecurityCodeResult::from_code("N"), Some(SecurityCodeResult::NoMatch));
    /// assert_eq!(SecurityCodeResult::from_code("m"), None);
    /// ```
    pub fn from_code(code: &str) -> Option<SecurityCodeResult> {
        SecurityCodeResult::ALL
            .iter()
            .copied()
            .find(|result| result.code() == code)
    }
}

//! 3-D Secure as the API shows it: what authentication said about a
//! payment, and the challenge a shopper is asked to pass.

use serde::{Deserialize, Serialize};

/// What 3-D Secure said about a payment: on the invoice, in its callback
/// and in search results.
///
/// ```
/// use kassa_api::ThreeDSecureResult;
///
/// let result: ThreeDSecureResult = serde_json::from_str(
///     r#"{"flow": "challenge", "authenticated": true, "eci": "05", "liability_shift": true}"#,
/// ).unwrap();
/// assert!(result.liability_shift);
/// assert_eq!(result.status(), "authenticated");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ThreeDSecureResult {
    /// How it went: `frictionless` (authenticated without asking),
    /// `challenge` (the shopper answered the issuer's challenge),
    /// `attempted` (the issuer is not enrolled; the network stood in) or
    /// `unavailable` (the issuer's service could not be reached).
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = "^(frictionless|challenge|attempted|unavailable)$")
    )]
    pub flow: String,
    /// Whether the issuer authenticated the shopper.
    pub authenticated: bool,
    /// The Electronic Commerce Indicator, two digits (Visa and most
    /// networks: `05` authenticated, `06` attempted, `07` not; Mastercard:
    /// `02`, `01`, `00`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eci: Option<String>,
    /// Whether a fraud chargeback is now the issuer's loss, not the
    /// merchant's.
    pub liability_shift: bool,
}

impl ThreeDSecureResult {
    /// What the search filter `three_d_secure` matches: `authenticated`,
    /// `attempted` (not authenticated, liability shifted), or `failed`.
    ///
    /// ```
    /// use kassa_api::ThreeDSecureResult;
    /// let attempt = ThreeDSecureResult {
    ///     flow: "attempted".into(), authenticated: false, eci: Some("06".into()), liability_shift: true,
    /// };
    /// assert_eq!(attempt.status(), "attempted");
    /// ```
    pub fn status(&self) -> &'static str {
        match (self.authenticated, self.liability_shift) {
            (true, _) => "authenticated",
            (false, true) => "attempted",
            (false, false) => "failed",
        }
    }
}

/// The issuer's challenge a payment waits for: the page shows `url` in a
/// frame and asks `GET /api/v1/checkout/{id}/challenges/{challenge_id}`
/// how it ended.
///
/// ```
/// use kassa_api::ChallengeInfo;
/// let challenge = ChallengeInfo { id: "ch_1".into(), url: "/challenge/ch_1".into() };
/// assert_eq!(serde_json::to_value(&challenge).unwrap()["url"], "/challenge/ch_1");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChallengeInfo {
    /// The challenge's id (`ch_` and 32 hex digits).
    pub id: String,
    /// The issuer's challenge page: on Kassa's origin in test mode
    /// (`/challenge/{challenge_id}`).
    pub url: String,
}

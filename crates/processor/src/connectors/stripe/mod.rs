//! Stripe: a PaymentIntent created and confirmed server-side in one call,
//! with the card given inline as its PaymentMethod, or a card saved on a
//! Customer named by its PaymentMethod.
//!
//! # The wire
//!
//! `POST {base_url}/v1/payment_intents`, form-encoded, with
//! `Authorization: Bearer <secret_key>`, `Stripe-Version:
//! 2024-09-30.acacia` (pinned, so the answers keep the shape read here;
//! the first version with the charge's `authorization_code`),
//! `Stripe-Account` when [`Config::account`] is set, and the
//! [charge reference](crate::charge_reference) as the `Idempotency-Key`
//! and as `metadata[kassa_reference]` (every field is in `wire.rs`).
//! `payment_method_types[0]=card` keeps confirmation free of redirects
//! other than 3-D Secure's.
//!
//! # 3-D Secure
//!
//! Stripe hosts the challenge. With a shopper present
//! ([`ChargeRequest::return_url`] set, not off session) the PaymentIntent
//! carries `return_url` and no `error_on_requires_action` (Stripe's
//! description: `return_url` and `error_on_requires_action` "can only be
//! used with `confirm=true`"); a card whose issuer asks for
//! authentication answers `requires_action` with
//! `next_action.redirect_to_url.url`, which becomes
//! [`Challenge::issuer_url`]; the challenge's state is
//! `challenge:<PaymentIntent id>`. Without a shopper,
//! `error_on_requires_action=true` turns such a card into a decline
//! (`authentication_required`) instead of a PaymentIntent left waiting.
//! [`ThreeDSecureMode::Required`] sends
//! `payment_method_options[card][request_three_d_secure]=any`.
//!
//! [`Processor::complete_authentication`] reads the PaymentIntent, which
//! knows how the challenge went: `succeeded` or `requires_capture`
//! approve; `requires_payment_method` declines
//! (`payment_intent_authentication_failure`: authentication failed);
//! still `requires_action` after a failed or abandoned answer is canceled
//! (`cancellation_reason=abandoned`, key `kassa-abandon-<id>`) and
//! declined; `processing`, or still waiting after a passed answer, is
//! pending, and [`Processor::settle`] releases a challenge still open two
//! minutes later. What 3-D Secure said is read from the charge's
//! `payment_method_details.card.three_d_secure` (`result`,
//! `authentication_flow`, `electronic_commerce_indicator`).
//!
//! Amounts are in the currency's smallest unit as Stripe counts it, which
//! differs from ISO 4217 for two currencies: ISK (Stripe: two decimals,
//! whole krónur) and MGA (Stripe: none). An amount Stripe cannot express
//! is refused before any request (`invalid_amount`). Installments: Stripe
//! has none for ordinary cards (its own are for Mexico and Japan), so a
//! charge of more than one payment is refused before any request
//! (`installments_not_supported`), and so is issuer-financed credit
//! ([`InstallmentKind::Credit`](crate::InstallmentKind::Credit), an Israeli
//! issuer's product Stripe cannot ask for), whatever the number of payments.
//!
//! # Saved cards
//!
//! Stripe charges a card again only as a PaymentMethod attached to a
//! Customer, so keeping one takes two calls, per
//! [`StoredCredential`](crate::StoredCredential):
//!
//! * `SaveOnFile`: `POST /v1/customers` (`name`, `description`,
//!   `metadata[kassa_reference]`, under the `Idempotency-Key`
//!   `<reference>-customer`, so a charge sent again finds the same
//!   Customer), then the PaymentIntent as above with `customer` and
//!   `setup_future_usage=off_session`: Stripe attaches its new
//!   PaymentMethod to the Customer once the charge succeeds. The approval's
//!   [`gateway_token`](crate::Approval::gateway_token) is `cus_…/pm_…`,
//!   read from the PaymentIntent (so a charge settled after a lost answer
//!   has it too). A declined charge keeps nothing; its Customer stays,
//!   empty.
//! * `CustomerOnFile` and `MerchantInitiated` with a token: `customer` and
//!   `payment_method` instead of `payment_method_data` (no card number, no
//!   address: the PaymentMethod has them), and for a merchant-initiated
//!   charge `off_session=true`. No CVC travels, even when the shopper gave
//!   one: Stripe takes a fresh CVC for a saved card only as a token made in
//!   the browser by Stripe.js. A token that is not `cus_…/pm_…` is refused
//!   before any request (`invalid_gateway_token`); one Stripe does not
//!   have, or whose parts do not belong together, is
//!   `unknown_gateway_token`.
//! * Without a token (a card saved before the merchant used Stripe): the
//!   card data as for any charge, with `off_session=true` when merchant
//!   initiated. The reason (recurring, unscheduled, installment) is not
//!   sent: `off_session` also takes `recurring` and `one_off`, but Stripe's
//!   reference documents only `true`.
//!
//! # Answers
//!
//! * `200` with the PaymentIntent: `succeeded` is an approval, and so is
//!   `requires_capture` (an authorization, with manual capture); the
//!   authorization code and the address and CVC checks come from the
//!   expanded `latest_charge`. `processing` is pending;
//!   `requires_payment_method` a decline.
//! * `402 card_error`: a decline, its `decline_code` (else its `code`)
//!   mapped to a [`DeclineReason`].
//! * `401`, `403`: [`ProcessorError::Unauthorized`]. `429` (rate limits
//!   run before anything is executed): [`ProcessorError::Unavailable`].
//!   Other `4xx`: [`ProcessorError::Rejected`] with a code from Stripe's.
//! * A lost exchange (a timeout, a dropped connection, a `502`/`503`/`504`
//!   from Stripe's edge, a `409` for a key still in use, an answer that
//!   cannot be read): pending, looked up by [`Processor::settle`].
//! * `500`: Stripe's own API answered that the request failed; its outcome
//!   is "indeterminate", so the connector looks the charge up at once. No
//!   PaymentIntent with the reference: nothing was charged
//!   ([`ProcessorError::Unavailable`]); one: pending, settled later.
//!
//! # Looking a charge up
//!
//! A charge whose answer was lost is found by listing the PaymentIntents
//! created around the request (`GET /v1/payment_intents?created[gte]=…&
//! created[lte]=…`, newest first, every page) and picking the one whose
//! `metadata[kassa_reference]` is the charge reference. Not Stripe's search
//! (`metadata['kassa_reference']:'…'`): Stripe says search must not serve
//! read-after-write, as new objects reach it up to a minute late (more in
//! an outage), and a charge missed that way would be reported as never
//! made and paid twice; lists have no such lag. The window is in
//! [`PendingCharge::processor_state`]:
//! `list:<created_gte>:<created_lte>:<reference>` (Unix seconds, five
//! minutes before the request to fifteen after, for clock drift and slow
//! requests). Nothing found within two minutes of the request is "not yet"
//! (`Ok(None)`), since Stripe may still be executing it; after that it is
//! [`Settlement::NotCharged`].
//!
//! # Refunds
//!
//! `POST /v1/refunds` with `payment_intent`, `amount` and
//! `metadata[kassa_reference]`, the [refund reference](crate::refund_reference)
//! as `Idempotency-Key`. The charge is the transaction reference when it is
//! a PaymentIntent id (`pi_…`, an approval's); a charge settled after a lost
//! answer keeps Kassa's charge reference, found with Stripe's search (fit
//! for it: a refund comes long after the charge). A lost refund answer is
//! asked again with the same key (Stripe replays the first answer, or runs
//! the refund if it never arrived); lost twice, the PaymentIntent's refunds
//! are listed for the reference.
//!
//! # Manual capture
//!
//! A charge with [`Capture::Manual`](crate::Capture::Manual) creates its
//! PaymentIntent with `capture_method=manual`: approved, it stays
//! `requires_capture`, the amount held on the card. Then, on the
//! PaymentIntent found as for refunds:
//!
//! * capture: `POST /v1/payment_intents/{id}/capture` with
//!   `amount_to_capture` (Stripe releases the rest), under the
//!   `Idempotency-Key` `kassa-capture-<invoice_id>`: a capture asked again
//!   replays the first answer instead of taking the money twice. The
//!   capture's reference is the PaymentIntent id.
//! * void: `POST /v1/payment_intents/{id}/cancel`, under
//!   `kassa-void-<invoice_id>`, with no `cancellation_reason` (Kassa is not
//!   told why).
//!
//! A lost answer is asked again with the same key; lost twice, the
//! PaymentIntent is read: captured for this amount (or canceled, for a
//! void) is done; still `requires_capture` is
//! [`ProcessorError::Unavailable`] (nothing happened yet, and asking again
//! under the same key is safe). Stripe keeps keys for 24 hours, so a call
//! repeated later meets `payment_intent_unexpected_state`; the PaymentIntent
//! is read then too, and a capture or void already made is answered as
//! done. Otherwise a PaymentIntent that cannot be captured or voided in its
//! status is refused (`authorization_not_capturable`,
//! `authorization_not_voidable`); more than Stripe holds is
//! `amount_too_large`.

mod saved;
mod wire;

use kassa_card::{Brand, Currency};
use reqwest::{Method, RequestBuilder, StatusCode};

use crate::http::{self, Failure};
use crate::{
    Approval, AuthenticationFlow, AvsResult, CaptureConfirmation, CaptureRequest, Challenge,
    ChallengeAnswer, ChargeOutcome, ChargeRequest, ConnectorOptions, Decline, DeclineReason,
    PendingCharge, Processor, ProcessorError, RefundConfirmation, RefundRequest,
    SecurityCodeResult, Settlement, ThreeDSecure, ThreeDSecureMode, VoidRequest,
};
use saved::{Plan, SavedCard};
use wire::REFERENCE_KEY;

/// The origin of Stripe's hosted 3-D Secure pages
/// (`next_action.redirect_to_url.url`).
const CHALLENGE_ORIGIN: &str = "https://hooks.stripe.com";

/// The API version Kassa's requests and its reading of the answers follow.
const API_VERSION: &str = "2024-09-30.acacia";

/// How long before the request a PaymentIntent may be stamped, for clocks
/// that disagree.
const LOOKUP_BEFORE_SECONDS: i64 = 5 * 60;

/// How long after the request a PaymentIntent may be stamped: the request
/// may be slow to arrive and Stripe's clock may run ahead.
const LOOKUP_AFTER_SECONDS: i64 = 15 * 60;

/// How long after the request a missing PaymentIntent may still be in the
/// making; after this, it was never made.
const NOT_CHARGED_AFTER_MS: i64 = 2 * 60 * 1_000;

/// Pages a look-up reads at most (100 PaymentIntents each) before giving
/// up as unavailable rather than guess.
const MAX_PAGES: usize = 50;

/// The largest page Stripe serves.
const PAGE_SIZE: u8 = 100;

/// Currencies Stripe counts in whole units (its "zero-decimal" list).
const ZERO_DECIMAL: [&str; 16] = [
    "BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV",
    "XAF", "XOF", "XPF",
];

/// Stripe's settings, named as Stripe names them. `Debug` hides the credentials.
///
/// ```
/// use kassa_processor::connectors::stripe::Config;
///
/// let config: Config = serde_json::from_value(serde_json::json!({
///     "base_url": "https://api.stripe.com",
///     "secret_key": "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
///     "account": "acct_1032D82eZvKYlo2C",
/// })).unwrap();
/// assert!(!format!("{config:?}").contains("sk_test_4eC39HqLyjWDarjtT1zdp7dc"));
/// ```
#[derive(Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// `https://api.stripe.com`; `/v1/…` is appended.
    pub base_url: String,
    /// The secret API key, `sk_live_…` or `sk_test_…` (a restricted key
    /// `rk_…` needs write access to PaymentIntents and Refunds).
    pub secret_key: String,
    /// A connected account (`acct_…`), sent as `Stripe-Account`.
    #[serde(default)]
    pub account: Option<String>,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

/// The Stripe connector.
///
/// ```
/// use kassa_processor::connectors::stripe::{Config, Stripe};
/// use kassa_processor::{ConnectorOptions, Processor};
///
/// let config = Config {
///     base_url: "https://api.stripe.com".into(),
///     secret_key: "sk_test_123".into(),
///     account: None,
/// };
/// let stripe = Stripe::new(config, &ConnectorOptions::default());
/// assert_eq!(stripe.name(), "stripe");
/// assert!(!stripe.needs_holder_id());
/// assert!(stripe.supports_manual_capture());
/// ```
#[derive(Debug)]
pub struct Stripe {
    config: Config,
    http: reqwest::Client,
}

/// An HTTP answer, read whole.
struct Answer {
    status: StatusCode,
    body: Vec<u8>,
}

/// Where to look for a charge: its reference and the window its
/// PaymentIntent was created in.
#[derive(Debug, PartialEq, Eq)]
struct Lookup {
    created_gte: i64,
    created_lte: i64,
    reference: String,
}

impl Lookup {
    /// The window around a request made at `now_unix_ms`.
    fn around(now_unix_ms: i64, reference: String) -> Lookup {
        let now = now_unix_ms.div_euclid(1_000);
        Lookup {
            created_gte: now - LOOKUP_BEFORE_SECONDS,
            created_lte: now + LOOKUP_AFTER_SECONDS,
            reference,
        }
    }

    /// `list:<created_gte>:<created_lte>:<reference>`.
    fn to_state(&self) -> String {
        format!(
            "list:{}:{}:{}",
            self.created_gte, self.created_lte, self.reference
        )
    }

    fn from_state(state: &str) -> Option<Lookup> {
        let mut parts = state.strip_prefix("list:")?.splitn(3, ':');
        let created_gte = parts.next()?.parse().ok()?;
        let created_lte = parts.next()?.parse().ok()?;
        let reference = parts.next().filter(|reference| !reference.is_empty())?;
        Some(Lookup {
            created_gte,
            created_lte,
            reference: reference.to_owned(),
        })
    }
}

/// Why a look-up found nothing to go on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LookupError {
    /// Stripe could not be asked, or its answer not read.
    Unavailable,
    /// Stripe refused the key.
    Unauthorized,
}

impl From<LookupError> for ProcessorError {
    fn from(error: LookupError) -> ProcessorError {
        match error {
            LookupError::Unavailable => ProcessorError::Unavailable,
            LookupError::Unauthorized => ProcessorError::Unauthorized,
        }
    }
}

/// What Stripe answered to a capture or a cancel.
enum Changed {
    /// `200`: the PaymentIntent as it now stands.
    Done(Box<wire::PaymentIntent>),
    /// `payment_intent_unexpected_state`: not in a status that allows it,
    /// perhaps because the same call already ran under an expired key.
    WrongState,
    /// An answer that settles it: refused credentials, a rate limit (Stripe
    /// limits before executing), or a refusal.
    Failed(ProcessorError),
    /// No answer that can be read: the call may or may not have run.
    Lost,
}

/// What a PaymentIntent says about its charge.
enum Decided {
    Approved(Approval),
    Declined(Decline),
    InProgress,
    /// `requires_action` with a `redirect_to_url`: the shopper must pass
    /// 3-D Secure on this page of Stripe's.
    Challenge(String),
}

/// The state of a charge waiting for (or just past) its 3-D Secure
/// challenge: `challenge:<PaymentIntent id>`. No card data.
const CHALLENGE_STATE: &str = "challenge:";

/// The PaymentIntent a challenge's `processor_state` names.
fn challenged_intent(state: &str) -> Option<&str> {
    state.strip_prefix(CHALLENGE_STATE).filter(|id| {
        id.starts_with("pi_")
            && id
                .bytes()
                .all(|byte| byte.is_ascii_alphanumeric() || byte == b'_')
    })
}

impl Stripe {
    /// A connector for these settings.
    pub fn new(config: Config, options: &ConnectorOptions) -> Stripe {
        Stripe {
            config,
            http: http::client(options),
        }
    }

    /// A request to `path` (`/v1/…`) with the key, the pinned version and
    /// the connected account.
    fn request(&self, method: Method, path: &str) -> RequestBuilder {
        let url = format!("{}{path}", self.config.base_url.trim_end_matches('/'));
        let builder = self
            .http
            .request(method, url)
            .bearer_auth(&self.config.secret_key)
            .header("Stripe-Version", API_VERSION);
        match &self.config.account {
            Some(account) => builder.header("Stripe-Account", account),
            None => builder,
        }
    }

    /// Sends a request and reads the whole answer.
    async fn send(&self, builder: RequestBuilder) -> Result<Answer, Failure> {
        let response = builder
            .send()
            .await
            .map_err(|error| http::failure(&error))?;
        let status = response.status();
        let body = response.bytes().await.map_err(|_| Failure::Lost)?;
        Ok(Answer {
            status,
            body: body.to_vec(),
        })
    }

    /// A form POST under an idempotency key.
    async fn post<T: serde::Serialize>(
        &self,
        path: &str,
        idempotency_key: &str,
        form: &T,
    ) -> Result<Answer, Failure> {
        let builder = self
            .request(Method::POST, path)
            .header("Idempotency-Key", idempotency_key)
            .form(form);
        self.send(builder).await
    }

    /// A GET with query parameters, its `200` answer read as `T`.
    async fn get<T, Q>(&self, path: &str, query: &Q) -> Result<T, LookupError>
    where
        T: serde::de::DeserializeOwned,
        Q: serde::Serialize,
    {
        let answer = self
            .send(self.request(Method::GET, path).query(query))
            .await
            .map_err(|_| LookupError::Unavailable)?;
        match answer.status {
            StatusCode::OK => {
                serde_json::from_slice(&answer.body).map_err(|_| LookupError::Unavailable)
            }
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => Err(LookupError::Unauthorized),
            status => {
                tracing::warn!(processor = "stripe", %status, path, "look-up refused");
                Err(LookupError::Unavailable)
            }
        }
    }

    /// The PaymentIntent made for `lookup`'s reference, if any: every page
    /// of the window, newest first; a succeeded one wins over others.
    async fn find_charge(
        &self,
        lookup: &Lookup,
    ) -> Result<Option<wire::PaymentIntent>, LookupError> {
        let mut found: Vec<wire::PaymentIntent> = Vec::new();
        let mut starting_after: Option<String> = None;
        for _ in 0..MAX_PAGES {
            let query = wire::ListPaymentIntents {
                created_gte: lookup.created_gte,
                created_lte: lookup.created_lte,
                limit: PAGE_SIZE,
                starting_after: starting_after.as_deref(),
                expand: "data.latest_charge",
            };
            let page: wire::List<wire::PaymentIntent> =
                self.get("/v1/payment_intents", &query).await?;
            let last = page.data.last().map(|intent| intent.id.clone());
            found.extend(page.data.into_iter().filter(|intent| {
                intent.metadata.get(REFERENCE_KEY).map(String::as_str)
                    == Some(lookup.reference.as_str())
            }));
            match (page.has_more, last) {
                (true, Some(last)) => starting_after = Some(last),
                _ => {
                    let best = found
                        .iter()
                        .position(|intent| {
                            matches!(intent.status.as_str(), "succeeded" | "requires_capture")
                        })
                        .or_else(|| {
                            found
                                .iter()
                                .position(|intent| intent.status == "processing")
                        })
                        .unwrap_or(0);
                    return Ok((best < found.len()).then(|| found.swap_remove(best)));
                }
            }
        }
        tracing::warn!(
            processor = "stripe",
            reference = %lookup.reference,
            "too many PaymentIntents in the look-up window"
        );
        Err(LookupError::Unavailable)
    }

    /// The Customer a card saved by this charge is attached to: made
    /// under an idempotency key of its own, derived from the charge's, so
    /// a charge sent again finds the same Customer (and its PaymentIntent
    /// the same parameters). Nothing is charged yet, so any failure is
    /// only "unavailable" or a refusal.
    async fn create_customer(
        &self,
        request: &ChargeRequest<'_>,
        reference: &str,
    ) -> Result<String, ProcessorError> {
        let form = wire::CreateCustomer {
            name: request.holder.as_str(),
            description: format!("Kassa card saved with invoice {}", request.invoice_id),
            reference,
        };
        let key = format!("{reference}-customer");
        let answer = self
            .post("/v1/customers", &key, &form)
            .await
            .map_err(|_| ProcessorError::Unavailable)?;
        match answer.status {
            StatusCode::OK => serde_json::from_slice::<wire::Customer>(&answer.body)
                .map(|customer| customer.id)
                .map_err(|_| ProcessorError::Unavailable),
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => Err(ProcessorError::Unauthorized),
            status
                if status.is_server_error() || status.as_u16() == 409 || status.as_u16() == 429 =>
            {
                Err(ProcessorError::Unavailable)
            }
            status => Err(ProcessorError::Rejected {
                code: rejection(&answer.body, status),
            }),
        }
    }

    /// The charge outcome of Stripe's answer to the charge request.
    async fn charge_answer(
        &self,
        request: &ChargeRequest<'_>,
        reference: &str,
        cvc_sent: bool,
        answer: Answer,
    ) -> Result<ChargeOutcome, ProcessorError> {
        match answer.status {
            StatusCode::OK => {
                let Ok(intent) = serde_json::from_slice::<wire::PaymentIntent>(&answer.body) else {
                    return Ok(self.lost(request, reference, "unreadable answer"));
                };
                Ok(match decide(&intent, intent.id.clone(), cvc_sent) {
                    Decided::Approved(approval) => ChargeOutcome::Approved(approval),
                    Decided::Declined(decline) => ChargeOutcome::Declined(decline),
                    Decided::InProgress => ChargeOutcome::Pending(self.lost_charge(request)),
                    // Only a charge sent with a `return_url` gets here.
                    Decided::Challenge(url) => ChargeOutcome::ChallengeRequired(Challenge {
                        charge: PendingCharge {
                            transaction_ref: intent.id.clone(),
                            settles_at_unix_ms: request.now_unix_ms,
                            // Nothing is checked before the issuer's charge.
                            avs: AvsResult::Unavailable,
                            security_code: declined_security_code(
                                DeclineReason::DoNotHonour,
                                cvc_sent,
                            ),
                            processor_state: format!("{CHALLENGE_STATE}{}", intent.id),
                        },
                        issuer_url: Some(url),
                    }),
                })
            }
            StatusCode::PAYMENT_REQUIRED => {
                let Ok(body) = serde_json::from_slice::<wire::ErrorBody>(&answer.body) else {
                    return Ok(self.lost(request, reference, "unreadable decline"));
                };
                let transaction_ref = body
                    .error
                    .payment_intent
                    .as_ref()
                    .map_or_else(|| reference.to_owned(), |intent| intent.id.clone());
                let reason = decline_reason(&body.error);
                Ok(ChargeOutcome::Declined(Decline {
                    reason,
                    transaction_ref,
                    avs: AvsResult::Unavailable,
                    security_code: declined_security_code(reason, cvc_sent),
                    three_d_secure: None,
                }))
            }
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => Err(ProcessorError::Unauthorized),
            StatusCode::TOO_MANY_REQUESTS => Err(ProcessorError::Unavailable),
            StatusCode::CONFLICT => Ok(self.lost(request, reference, "idempotency key in use")),
            StatusCode::INTERNAL_SERVER_ERROR => {
                // Stripe's API ran and failed: whatever it made is listed now.
                let lookup = Lookup::around(request.now_unix_ms, reference.to_owned());
                match self.find_charge(&lookup).await {
                    Ok(None) => Err(ProcessorError::Unavailable),
                    Ok(Some(_)) | Err(_) => Ok(self.lost(request, reference, "server error")),
                }
            }
            status if status.is_server_error() => {
                Ok(self.lost(request, reference, "gateway error"))
            }
            status => Err(ProcessorError::Rejected {
                code: rejection(&answer.body, status),
            }),
        }
    }

    /// A lost exchange: logged (no card data), and pending.
    fn lost(&self, request: &ChargeRequest<'_>, reference: &str, why: &str) -> ChargeOutcome {
        tracing::warn!(
            processor = "stripe",
            reference,
            why,
            "charge answer lost; the charge will be looked up"
        );
        ChargeOutcome::Pending(self.lost_charge(request))
    }

    /// The PaymentIntent whose charge `reference` names, by Stripe's
    /// search (a refund or a capture comes long after its charge was
    /// indexed), in `status` when given; never a declined one.
    async fn find_by_reference(
        &self,
        reference: &str,
        status: Option<&str>,
    ) -> Result<String, ProcessorError> {
        let mut query = format!(
            "metadata['{REFERENCE_KEY}']:'{}'",
            reference.replace('\\', "\\\\").replace('\'', "\\'")
        );
        if let Some(status) = status {
            query.push_str(&format!(" AND status:'{status}'"));
        }
        let query = wire::SearchPaymentIntents { query, limit: 10 };
        let page: wire::List<wire::PaymentIntent> = self
            .get("/v1/payment_intents/search", &query)
            .await
            .map_err(ProcessorError::from)?;
        page.data
            .into_iter()
            .find(|intent| {
                intent.metadata.get(REFERENCE_KEY).map(String::as_str) == Some(reference)
                    && intent.status != "requires_payment_method"
            })
            .map(|intent| intent.id)
            .ok_or(ProcessorError::Rejected {
                code: "charge_not_found",
            })
    }

    /// The PaymentIntent of an authorization: its id when the charge's
    /// answer gave one, else found by Kassa's charge reference (a charge
    /// settled after a lost answer keeps it).
    async fn authorization(&self, transaction_ref: &str) -> Result<String, ProcessorError> {
        if transaction_ref.starts_with("pi_") {
            Ok(transaction_ref.to_owned())
        } else {
            self.find_by_reference(transaction_ref, None).await
        }
    }

    /// The PaymentIntent `id` as it stands now.
    async fn retrieve(&self, id: &str) -> Result<wire::PaymentIntent, LookupError> {
        let no_query: &[(&str, &str)] = &[];
        self.get(&format!("/v1/payment_intents/{id}"), &no_query)
            .await
    }

    /// Captures or cancels (`path`) under `key`; a lost answer is asked
    /// once more with the same key, which Stripe answers with the first
    /// call's result or by running it if it never arrived.
    async fn change<T: serde::Serialize>(&self, path: &str, key: &str, form: &T) -> Changed {
        let first = match self.post(path, key, form).await {
            Err(Failure::NotSent) => return Changed::Failed(ProcessorError::Unavailable),
            answer => changed(answer),
        };
        if !matches!(first, Changed::Lost) {
            return first;
        }
        tracing::warn!(
            processor = "stripe",
            path,
            key,
            "answer lost; asking again with the same idempotency key"
        );
        match changed(self.post(path, key, form).await) {
            // Refused or never sent, the second call says nothing of the first.
            Changed::Failed(ProcessorError::Unavailable) => Changed::Lost,
            second => second,
        }
    }

    /// The PaymentIntent `id` as it stands now, with its charge (for the
    /// checks and what 3-D Secure said).
    async fn retrieve_with_charge(&self, id: &str) -> Result<wire::PaymentIntent, LookupError> {
        let query = wire::RetrievePaymentIntent {
            expand: "latest_charge",
        };
        self.get(&format!("/v1/payment_intents/{id}"), &query).await
    }

    /// Cancels a PaymentIntent left waiting for a 3-D Secure challenge
    /// nobody will answer (`cancellation_reason=abandoned`, under the
    /// `Idempotency-Key` `kassa-abandon-<id>`), so it cannot be completed
    /// later; answers the PaymentIntent as it then stands. When Stripe
    /// will not cancel it (the shopper answered meanwhile) or the answer
    /// is lost, it is read again; still waiting is unavailable.
    async fn abandon(&self, id: &str) -> Result<wire::PaymentIntent, ProcessorError> {
        let path = format!("/v1/payment_intents/{id}/cancel");
        let form = wire::AbandonPaymentIntent {
            cancellation_reason: "abandoned",
        };
        match self
            .change(&path, &format!("kassa-abandon-{id}"), &form)
            .await
        {
            Changed::Done(intent) => Ok(*intent),
            Changed::Failed(error) => Err(error),
            Changed::WrongState | Changed::Lost => {
                let now = self.retrieve_with_charge(id).await?;
                if now.status == "requires_action" {
                    Err(ProcessorError::Unavailable)
                } else {
                    Ok(now)
                }
            }
        }
    }

    /// The refund made with `reference` on `intent`, after its answers were
    /// lost.
    async fn find_refund(
        &self,
        intent: &str,
        reference: &str,
    ) -> Result<RefundConfirmation, ProcessorError> {
        let mut starting_after: Option<String> = None;
        for _ in 0..MAX_PAGES {
            let query = wire::ListRefunds {
                payment_intent: intent,
                limit: PAGE_SIZE,
                starting_after: starting_after.as_deref(),
            };
            let page: wire::List<wire::Refund> = self
                .get("/v1/refunds", &query)
                .await
                .map_err(ProcessorError::from)?;
            let last = page.data.last().map(|refund| refund.id.clone());
            if let Some(refund) = page.data.into_iter().find(|refund| {
                refund.metadata.get(REFERENCE_KEY).map(String::as_str) == Some(reference)
            }) {
                return refund_confirmation(refund);
            }
            match (page.has_more, last) {
                (true, Some(last)) => starting_after = Some(last),
                _ => break,
            }
        }
        tracing::warn!(
            processor = "stripe",
            reference,
            "refund answers lost and no refund found; reporting unavailable"
        );
        Err(ProcessorError::Unavailable)
    }
}

#[async_trait::async_trait]
impl Processor for Stripe {
    fn name(&self) -> &'static str {
        "stripe"
    }

    fn lost_charge(&self, request: &ChargeRequest<'_>) -> PendingCharge {
        let reference = crate::charge_reference(request.invoice_id, request.attempt);
        PendingCharge::lost(
            request,
            Lookup::around(request.now_unix_ms, reference).to_state(),
        )
    }

    async fn charge(&self, request: &ChargeRequest<'_>) -> Result<ChargeOutcome, ProcessorError> {
        if request.installments > 1 || request.installment_kind == crate::InstallmentKind::Credit {
            return Err(ProcessorError::Rejected {
                code: "installments_not_supported",
            });
        }
        let amount = stripe_amount(request.amount_minor, request.currency).ok_or(
            ProcessorError::Rejected {
                code: "invalid_amount",
            },
        )?;
        // A token that is not Stripe's is refused before anything is made.
        let plan = Plan::of(request.stored).ok_or(ProcessorError::Rejected {
            code: "invalid_gateway_token",
        })?;
        let reference = crate::charge_reference(request.invoice_id, request.attempt);
        let address = request.billing.map(|billing| wire::BillingAddress {
            line1: billing.line1(),
            line2: billing.line2(),
            city: billing.city(),
            state: billing.region(),
            postal_code: billing.postal_code().as_str(),
            country: billing.country().code(),
        });
        let new_customer = match plan {
            Plan::Save => Some(self.create_customer(request, &reference).await?),
            _ => None,
        };
        let (customer, payment_method, off_session) = match &plan {
            Plan::Card { off_session } => (None, None, *off_session),
            Plan::Save => (new_customer.as_deref(), None, false),
            Plan::Saved { card, off_session } => {
                (Some(card.customer), Some(card.payment_method), *off_session)
            }
        };
        // A saved PaymentMethod is charged without its CVC: Stripe takes a
        // fresh one only as a token made in the shopper's browser.
        let card = payment_method.is_none().then(|| wire::CardData {
            method_type: "card",
            number: request.card.expose_digits(),
            exp_month: request.expiry.month(),
            exp_year: request.expiry.year(),
            cvc: request.security_code.map(|code| code.expose_digits()),
            name: request.holder.as_str(),
            address,
        });
        let cvc_sent = card.as_ref().is_some_and(|card| card.cvc.is_some());
        // A challenge needs a shopper to answer it: none off session.
        let return_url = request.return_url.filter(|_| !off_session);
        let form = wire::CreatePaymentIntent {
            amount,
            currency: request.currency.code().to_ascii_lowercase(),
            confirm: true,
            capture_method: request.capture.as_str(),
            payment_method_type: "card",
            error_on_requires_action: return_url.is_none().then_some(true),
            return_url,
            request_three_d_secure: (request.three_d_secure == ThreeDSecureMode::Required)
                .then_some("any"),
            description: format!("Kassa invoice {}", request.invoice_id),
            reference: &reference,
            invoice_id: request.invoice_id,
            card,
            payment_method,
            customer,
            setup_future_usage: matches!(plan, Plan::Save).then_some("off_session"),
            off_session: off_session.then_some(true),
            network: (request.network != request.card.brand())
                .then(|| stripe_network(request.network))
                .flatten(),
            expand: "latest_charge",
        };
        match self.post("/v1/payment_intents", &reference, &form).await {
            Err(Failure::NotSent) => Err(ProcessorError::Unavailable),
            Err(Failure::Lost) => Ok(self.lost(request, &reference, "no answer")),
            Ok(answer) => {
                self.charge_answer(request, &reference, cvc_sent, answer)
                    .await
            }
        }
    }

    async fn settle(
        &self,
        pending: &PendingCharge,
        now_unix_ms: i64,
    ) -> Result<Option<Settlement>, ProcessorError> {
        if let Some(id) = challenged_intent(&pending.processor_state) {
            // After a challenge: Stripe was still deciding, or still
            // waiting for the shopper, who has two minutes more.
            let mut intent = self.retrieve_with_charge(id).await?;
            if intent.status == "requires_action" {
                if now_unix_ms
                    < pending
                        .settles_at_unix_ms
                        .saturating_add(NOT_CHARGED_AFTER_MS)
                {
                    return Ok(None);
                }
                intent = self.abandon(id).await?;
            }
            return Ok(match after_challenge(&intent, pending) {
                Decided::Approved(approval) => Some(Settlement::Succeeded(approval)),
                Decided::Declined(decline) => Some(Settlement::Failed(decline)),
                Decided::InProgress | Decided::Challenge(_) => None,
            });
        }
        let lookup =
            Lookup::from_state(&pending.processor_state).ok_or(ProcessorError::Rejected {
                code: "unknown_pending_charge",
            })?;
        let Some(mut intent) = self.find_charge(&lookup).await? else {
            let still_possible = now_unix_ms
                < pending
                    .settles_at_unix_ms
                    .saturating_add(NOT_CHARGED_AFTER_MS);
            return Ok((!still_possible).then_some(Settlement::NotCharged));
        };
        // A charge whose answer was lost while its card asked for 3-D
        // Secure: the shopper never saw the challenge, so nobody will
        // answer it. Released, it is a card that needed authentication.
        if intent.status == "requires_action" {
            intent = self.abandon(&intent.id).await?;
            if intent.status == "canceled" {
                return Ok(Some(Settlement::Failed(Decline {
                    reason: DeclineReason::AuthenticationRequired,
                    transaction_ref: pending.transaction_ref.clone(),
                    avs: AvsResult::Unavailable,
                    security_code: SecurityCodeResult::NotProvided,
                    three_d_secure: None,
                })));
            }
        }
        Ok(
            match decide(&intent, pending.transaction_ref.clone(), false) {
                Decided::Approved(approval) => Some(Settlement::Succeeded(approval)),
                Decided::Declined(decline) => Some(Settlement::Failed(decline)),
                Decided::InProgress | Decided::Challenge(_) => None,
            },
        )
    }

    fn challenge_origins(&self) -> Vec<String> {
        let Ok(base) = url::Url::parse(&self.config.base_url) else {
            return Vec::new();
        };
        // Stripe's hosted 3-D Secure pages are on hooks.stripe.com; a
        // double (any other base URL) serves its page itself.
        if base.host_str() == Some("api.stripe.com") {
            vec![CHALLENGE_ORIGIN.to_owned()]
        } else {
            vec![base.origin().ascii_serialization()]
        }
    }

    async fn complete_authentication(
        &self,
        challenge: &PendingCharge,
        answer: ChallengeAnswer,
        now_unix_ms: i64,
    ) -> Result<ChargeOutcome, ProcessorError> {
        let id = challenged_intent(&challenge.processor_state).ok_or(ProcessorError::Rejected {
            code: "unknown_challenge",
        })?;
        // Stripe knows how the challenge went; the shopper's answer only
        // says whether to stop waiting for one still open.
        let mut intent = self.retrieve_with_charge(id).await?;
        if intent.status == "requires_action" && answer != ChallengeAnswer::Passed {
            intent = self.abandon(id).await?;
        }
        Ok(match after_challenge(&intent, challenge) {
            Decided::Approved(approval) => ChargeOutcome::Approved(approval),
            Decided::Declined(decline) => ChargeOutcome::Declined(decline),
            // Still deciding, or the shopper says passed while Stripe
            // still waits: asked again by `settle`.
            Decided::InProgress | Decided::Challenge(_) => ChargeOutcome::Pending(PendingCharge {
                settles_at_unix_ms: now_unix_ms,
                ..challenge.clone()
            }),
        })
    }

    async fn refund(
        &self,
        request: &RefundRequest<'_>,
    ) -> Result<RefundConfirmation, ProcessorError> {
        let amount = stripe_amount(request.amount_minor, request.currency).ok_or(
            ProcessorError::Rejected {
                code: "invalid_amount",
            },
        )?;
        let intent = if request.transaction_ref.starts_with("pi_") {
            request.transaction_ref.to_owned()
        } else {
            self.find_by_reference(request.transaction_ref, Some("succeeded"))
                .await?
        };
        let reference = crate::refund_reference(request.refund_id);
        let form = wire::CreateRefund {
            payment_intent: &intent,
            amount,
            reference: &reference,
        };
        let first = match self.post("/v1/refunds", &reference, &form).await {
            Err(Failure::NotSent) => return Err(ProcessorError::Unavailable),
            Err(Failure::Lost) => None,
            Ok(answer) => refund_answer(&answer),
        };
        if let Some(result) = first {
            return result;
        }
        tracing::warn!(
            processor = "stripe",
            reference = %reference,
            "refund answer lost; asking again with the same idempotency key"
        );
        let second = match self.post("/v1/refunds", &reference, &form).await {
            Ok(answer) => refund_answer(&answer),
            Err(_) => None,
        };
        match second {
            Some(result) => result,
            None => self.find_refund(&intent, &reference).await,
        }
    }

    fn supports_manual_capture(&self) -> bool {
        true
    }

    async fn capture(
        &self,
        request: &CaptureRequest<'_>,
    ) -> Result<CaptureConfirmation, ProcessorError> {
        let amount = stripe_amount(request.amount_minor, request.currency)
            .filter(|amount| *amount > 0)
            .ok_or(ProcessorError::Rejected {
                code: "invalid_amount",
            })?;
        let intent = self.authorization(request.transaction_ref).await?;
        let path = format!("/v1/payment_intents/{intent}/capture");
        let form = wire::CapturePaymentIntent {
            amount_to_capture: amount,
        };
        let confirmation = |intent: wire::PaymentIntent| CaptureConfirmation {
            capture_ref: intent.id,
        };
        let not_capturable = ProcessorError::Rejected {
            code: "authorization_not_capturable",
        };
        let changed = self
            .change(&path, &capture_key(request.invoice_id), &form)
            .await;
        let lost = match changed {
            Changed::Done(intent) if intent.status == "succeeded" => {
                return Ok(confirmation(*intent));
            }
            Changed::Done(_) => return Err(not_capturable),
            Changed::Failed(error) => return Err(error),
            Changed::WrongState => false,
            Changed::Lost => true,
        };
        // Captured already (the answer lost, or the key expired), or not:
        // an automatic charge was never an authorization to capture.
        let now = self.retrieve(&intent).await?;
        let manual = now.capture_method == "manual";
        match now.status.as_str() {
            "succeeded" if manual && now.amount_received == amount => Ok(confirmation(now)),
            "requires_capture" if lost => Err(ProcessorError::Unavailable),
            _ => Err(not_capturable),
        }
    }

    async fn void(&self, request: &VoidRequest<'_>) -> Result<(), ProcessorError> {
        let intent = self.authorization(request.transaction_ref).await?;
        let path = format!("/v1/payment_intents/{intent}/cancel");
        let not_voidable = ProcessorError::Rejected {
            code: "authorization_not_voidable",
        };
        let changed = self
            .change(
                &path,
                &void_key(request.invoice_id),
                &wire::CancelPaymentIntent {},
            )
            .await;
        let lost = match changed {
            Changed::Done(intent) if intent.status == "canceled" => return Ok(()),
            Changed::Done(_) => return Err(not_voidable),
            Changed::Failed(error) => return Err(error),
            Changed::WrongState => false,
            Changed::Lost => true,
        };
        // Released already (the answer lost, or the key expired), or not.
        let now = self.retrieve(&intent).await?;
        match now.status.as_str() {
            "canceled" => Ok(()),
            "requires_capture" if lost => Err(ProcessorError::Unavailable),
            _ => Err(not_voidable),
        }
    }
}

/// The idempotency key of an authorization's capture: one per invoice, so
/// a capture asked again is never a second one.
fn capture_key(invoice_id: &str) -> String {
    format!("kassa-capture-{invoice_id}")
}

/// The idempotency key of an authorization's release.
fn void_key(invoice_id: &str) -> String {
    format!("kassa-void-{invoice_id}")
}

/// What Stripe's answer to a capture or a cancel says.
fn changed(answer: Result<Answer, Failure>) -> Changed {
    let Ok(answer) = answer else {
        return Changed::Lost;
    };
    match answer.status {
        StatusCode::OK => serde_json::from_slice(&answer.body).map_or(Changed::Lost, Changed::Done),
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => {
            Changed::Failed(ProcessorError::Unauthorized)
        }
        StatusCode::TOO_MANY_REQUESTS => Changed::Failed(ProcessorError::Unavailable),
        StatusCode::CONFLICT => Changed::Lost,
        status if status.is_server_error() => Changed::Lost,
        status => {
            let code = serde_json::from_slice::<wire::ErrorBody>(&answer.body)
                .ok()
                .and_then(|body| body.error.code);
            if code.as_deref() == Some("payment_intent_unexpected_state") {
                Changed::WrongState
            } else {
                Changed::Failed(ProcessorError::Rejected {
                    code: rejection(&answer.body, status),
                })
            }
        }
    }
}

/// What Stripe's answer to a refund says; `None` when it was lost.
fn refund_answer(answer: &Answer) -> Option<Result<RefundConfirmation, ProcessorError>> {
    match answer.status {
        StatusCode::OK => serde_json::from_slice::<wire::Refund>(&answer.body)
            .ok()
            .map(refund_confirmation),
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => Some(Err(ProcessorError::Unauthorized)),
        StatusCode::TOO_MANY_REQUESTS => Some(Err(ProcessorError::Unavailable)),
        StatusCode::CONFLICT => None,
        status if status.is_server_error() => None,
        status => Some(Err(ProcessorError::Rejected {
            code: rejection(&answer.body, status),
        })),
    }
}

/// A refund Stripe made, unless it failed.
fn refund_confirmation(refund: wire::Refund) -> Result<RefundConfirmation, ProcessorError> {
    match refund.status.as_deref() {
        Some("failed" | "canceled") => Err(ProcessorError::Rejected {
            code: "refund_failed",
        }),
        _ => Ok(RefundConfirmation {
            refund_ref: refund.id,
        }),
    }
}

/// What a PaymentIntent says about its charge.
fn decide(intent: &wire::PaymentIntent, transaction_ref: String, cvc_sent: bool) -> Decided {
    let card = match &intent.latest_charge {
        Some(wire::Expandable::Object(charge)) => charge
            .payment_method_details
            .as_ref()
            .and_then(|details| details.card.as_ref()),
        _ => None,
    };
    let checks = card.and_then(|card| card.checks.as_ref());
    let three_d_secure = card
        .and_then(|card| card.three_d_secure.as_ref())
        .and_then(three_d_secure);
    let decline = |reason: DeclineReason| {
        Decided::Declined(Decline {
            reason,
            transaction_ref: transaction_ref.clone(),
            avs: AvsResult::Unavailable,
            security_code: match checks {
                Some(checks) if reason != DeclineReason::IncorrectSecurityCode => {
                    security_code(checks.cvc_check.as_deref())
                }
                _ => declined_security_code(reason, cvc_sent),
            },
            three_d_secure: three_d_secure.clone().or_else(|| {
                // A failed challenge makes no charge to say so.
                (reason == DeclineReason::AuthenticationFailed).then_some(ThreeDSecure {
                    flow: AuthenticationFlow::Challenge,
                    authenticated: false,
                    eci: None,
                    liability_shift: false,
                })
            }),
        })
    };
    match intent.status.as_str() {
        // `requires_capture`: authorized, the amount held for a capture
        // (only a manual-capture charge can be left so).
        "succeeded" | "requires_capture" => Decided::Approved(Approval {
            gateway_token: saved_token(intent),
            authorization_code: card
                .and_then(|card| card.authorization_code.as_deref())
                .unwrap_or_default()
                .to_ascii_uppercase(),
            transaction_ref: transaction_ref.clone(),
            avs: checks.map_or(AvsResult::Unavailable, |checks| {
                avs(
                    checks.address_line1_check.as_deref(),
                    checks.address_postal_code_check.as_deref(),
                )
            }),
            security_code: checks.map_or(SecurityCodeResult::NotProvided, |checks| {
                security_code(checks.cvc_check.as_deref())
            }),
            three_d_secure: three_d_secure.clone(),
        }),
        "processing" => Decided::InProgress,
        "requires_payment_method" => decline(
            intent
                .last_payment_error
                .as_ref()
                .map_or(DeclineReason::DoNotHonour, decline_reason),
        ),
        // 3-D Secure on Stripe's page (a charge sent with a `return_url`);
        // any other action (Stripe.js's `use_stripe_sdk`) no server can
        // take, so the card needed an authentication Kassa could not give.
        "requires_action" => match intent
            .next_action
            .as_ref()
            .filter(|action| action.kind == "redirect_to_url")
            .and_then(|action| action.redirect_to_url.as_ref())
            .and_then(|redirect| redirect.url.clone())
        {
            Some(url) => Decided::Challenge(url),
            None => decline(DeclineReason::AuthenticationRequired),
        },
        // Never asked for (`requires_confirmation`), or cancelled: no money
        // moved as Kassa asked.
        _ => decline(DeclineReason::ProcessingError),
    }
}

/// What a PaymentIntent says once its 3-D Secure challenge is over: as
/// [`decide`], but a PaymentIntent canceled (the shopper gave up) is a
/// failed authentication.
fn after_challenge(intent: &wire::PaymentIntent, challenge: &PendingCharge) -> Decided {
    if intent.status == "canceled" {
        return Decided::Declined(Decline {
            reason: DeclineReason::AuthenticationFailed,
            transaction_ref: challenge.transaction_ref.clone(),
            avs: challenge.avs,
            security_code: challenge.security_code,
            three_d_secure: Some(ThreeDSecure {
                flow: AuthenticationFlow::Challenge,
                authenticated: false,
                eci: None,
                liability_shift: false,
            }),
        });
    }
    let cvc_sent = challenge.security_code != SecurityCodeResult::NotProvided;
    decide(intent, challenge.transaction_ref.clone(), cvc_sent)
}

/// The token of the card a charge kept: its Customer and PaymentMethod,
/// when the PaymentIntent asked to keep it (`setup_future_usage`) and
/// names both. Read from the PaymentIntent, so a charge settled after a
/// lost answer gives it too.
fn saved_token(intent: &wire::PaymentIntent) -> Option<String> {
    intent.setup_future_usage.as_ref()?;
    Some(SavedCard::token(
        intent.customer.as_deref()?,
        intent.payment_method.as_deref()?,
    ))
}

/// `payment_method_details.card.three_d_secure` as Kassa's record:
/// `result` (`authenticated`, `attempt_acknowledged`, `failed`,
/// `not_supported`, `processing_error`, `exempted`),
/// `authentication_flow` (`challenge`, `frictionless`) and
/// `electronic_commerce_indicator` (`01`, `02`, `05`, `06`, `07`), the
/// field names of Stripe's OpenAPI description
/// (`three_d_secure_details_charge`). `None` when `result` is missing.
fn three_d_secure(details: &wire::ThreeDSecureDetails) -> Option<ThreeDSecure> {
    let flow = match details.authentication_flow.as_deref() {
        Some("frictionless") => AuthenticationFlow::Frictionless,
        _ => AuthenticationFlow::Challenge,
    };
    let (flow, authenticated, liability_shift) = match details.result.as_deref()? {
        "authenticated" => (flow, true, true),
        // The issuer does not take part; the network's attempt server
        // stood in, and liability still shifts.
        "attempt_acknowledged" => (AuthenticationFlow::Attempted, false, true),
        "processing_error" | "not_supported" => (AuthenticationFlow::Unavailable, false, false),
        // Stripe asked for an exemption: no one was authenticated, and
        // liability stays with the merchant.
        "exempted" => (AuthenticationFlow::Frictionless, false, false),
        // `failed`, and any result Stripe adds later.
        _ => (flow, false, false),
    };
    Some(ThreeDSecure {
        flow,
        authenticated,
        eci: details.electronic_commerce_indicator.clone(),
        liability_shift,
    })
}

/// Stripe's decline (its `decline_code`, else its `code`) as a reason.
fn decline_reason(error: &wire::ApiError) -> DeclineReason {
    let reason = |code: &str| match code {
        "insufficient_funds" | "card_velocity_exceeded" | "withdrawal_count_limit_exceeded" => {
            Some(DeclineReason::InsufficientFunds)
        }
        "lost_card" => Some(DeclineReason::LostCard),
        "stolen_card" | "pickup_card" => Some(DeclineReason::StolenCard),
        "expired_card" | "invalid_expiry_month" | "invalid_expiry_year" => {
            Some(DeclineReason::ExpiredCard)
        }
        "incorrect_cvc" | "invalid_cvc" => Some(DeclineReason::IncorrectSecurityCode),
        "processing_error" | "issuer_not_available" | "try_again_later" | "reenter_transaction" => {
            Some(DeclineReason::ProcessingError)
        }
        "generic_decline" | "do_not_honor" | "card_declined" => Some(DeclineReason::DoNotHonour),
        // The card asks for 3-D Secure and the charge could not show it
        // (`error_on_requires_action`, or off session).
        "authentication_required" => Some(DeclineReason::AuthenticationRequired),
        // The shopper failed (or gave up) Stripe's 3-D Secure page.
        "payment_intent_authentication_failure" => Some(DeclineReason::AuthenticationFailed),
        _ => None,
    };
    error
        .decline_code
        .as_deref()
        .and_then(reason)
        .or_else(|| error.code.as_deref().and_then(reason))
        .unwrap_or(DeclineReason::DoNotHonour)
}

/// The security-code result of a decline whose charge checks are unknown.
fn declined_security_code(reason: DeclineReason, cvc_sent: bool) -> SecurityCodeResult {
    match (reason, cvc_sent) {
        (DeclineReason::IncorrectSecurityCode, _) => SecurityCodeResult::NoMatch,
        (_, true) => SecurityCodeResult::NotChecked,
        (_, false) => SecurityCodeResult::NotProvided,
    }
}

/// `cvc_check` as a result.
fn security_code(check: Option<&str>) -> SecurityCodeResult {
    match check {
        Some("pass") => SecurityCodeResult::Match,
        Some("fail") => SecurityCodeResult::NoMatch,
        Some(_) => SecurityCodeResult::NotChecked,
        None => SecurityCodeResult::NotProvided,
    }
}

/// `address_line1_check` and `address_postal_code_check` as one AVS result.
/// Stripe does not say whether a postal code matched on five or nine
/// digits: a passing one alone reads as `Z`. A check that did not run next
/// to one that did reads as the one that did.
fn avs(line1: Option<&str>, postal_code: Option<&str>) -> AvsResult {
    match (line1, postal_code) {
        (Some("pass"), Some("pass")) => AvsResult::StreetAndPostal,
        (Some("pass"), _) => AvsResult::StreetOnly,
        (_, Some("pass")) => AvsResult::PostalFiveDigitsOnly,
        (Some("fail"), _) | (_, Some("fail")) => AvsResult::NoMatch,
        _ => AvsResult::Unavailable,
    }
}

/// A refusal's machine code, from Stripe's error.
fn rejection(body: &[u8], status: StatusCode) -> &'static str {
    let Ok(body) = serde_json::from_slice::<wire::ErrorBody>(body) else {
        return "invalid_request";
    };
    let error = body.error;
    if error.kind == "idempotency_error" {
        return "idempotency_error";
    }
    match (error.code.as_deref(), error.param.as_deref()) {
        (Some("amount_too_small"), _) => "amount_too_small",
        (Some("amount_too_large"), _) => "amount_too_large",
        (Some("charge_already_refunded"), _) => "charge_already_refunded",
        // A saved card's Customer or PaymentMethod that Stripe does not
        // have, or will not charge together.
        (_, Some("customer" | "payment_method")) => "unknown_gateway_token",
        (Some("resource_missing"), _) => "charge_not_found",
        (_, Some("amount" | "amount_to_capture")) => "invalid_amount",
        (_, Some("currency")) => "unsupported_currency",
        _ if status == StatusCode::NOT_FOUND => "not_found",
        _ => "invalid_request",
    }
}

/// Kassa's amount (ISO 4217 minor units) in Stripe's unit for the
/// currency; `None` when Stripe's unit cannot express it.
fn stripe_amount(amount_minor: i64, currency: Currency) -> Option<i64> {
    let iso = u32::from(currency.minor_units());
    let stripe = match currency.code() {
        "ISK" => 2,
        code if ZERO_DECIMAL.contains(&code) => 0,
        _ => iso,
    };
    if stripe >= iso {
        amount_minor.checked_mul(10_i64.checked_pow(stripe - iso)?)
    } else {
        let divisor = 10_i64.checked_pow(iso - stripe)?;
        (amount_minor % divisor == 0).then(|| amount_minor / divisor)
    }
}

/// Stripe's name of a card network, for `payment_method_options[card][network]`.
fn stripe_network(brand: Brand) -> Option<&'static str> {
    Some(match brand {
        Brand::Visa => "visa",
        Brand::Mastercard => "mastercard",
        Brand::AmericanExpress => "amex",
        Brand::Discover => "discover",
        Brand::DinersClub => "diners",
        Brand::Jcb => "jcb",
        Brand::UnionPay => "unionpay",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pending_state_round_trips_and_refuses_other_text() {
        let lookup = Lookup::around(1_795_219_200_999, "kassa-inv_1:x-2".into());
        assert_eq!(lookup.created_gte, 1_795_219_200 - 300);
        assert_eq!(lookup.created_lte, 1_795_219_200 + 900);
        assert_eq!(Lookup::from_state(&lookup.to_state()), Some(lookup));
        for state in ["", "list:1:2:", "list:a:2:r", "search:r", "list:1"] {
            assert_eq!(Lookup::from_state(state), None, "{state}");
        }
    }

    #[test]
    fn amounts_follow_stripes_unit_where_it_differs_from_iso() {
        let currency = |code| Currency::from_code(code).unwrap();
        assert_eq!(stripe_amount(1_500, currency("USD")), Some(1_500));
        assert_eq!(stripe_amount(500, currency("JPY")), Some(500));
        assert_eq!(stripe_amount(5, currency("ISK")), Some(500));
        assert_eq!(stripe_amount(1_200, currency("MGA")), Some(12));
        assert_eq!(stripe_amount(1_250, currency("MGA")), None);
        assert_eq!(stripe_amount(5_120, currency("KWD")), Some(5_120));
    }

    #[test]
    fn address_checks_read_as_avs_codes() {
        assert_eq!(avs(Some("pass"), Some("pass")), AvsResult::StreetAndPostal);
        assert_eq!(avs(Some("pass"), Some("fail")), AvsResult::StreetOnly);
        assert_eq!(
            avs(Some("fail"), Some("pass")),
            AvsResult::PostalFiveDigitsOnly
        );
        assert_eq!(avs(Some("fail"), Some("fail")), AvsResult::NoMatch);
        assert_eq!(avs(None, None), AvsResult::Unavailable);
        assert_eq!(
            avs(Some("unavailable"), Some("unavailable")),
            AvsResult::Unavailable
        );
    }
}

//! A double of iCount's API v3 (`https://api.icount.co.il/api/v3.php`), for
//! the iCount connector's tests.
//!
//! Written from iCount's API document (seed 000) and what public iCount
//! clients show of the wire (`docs/gateways.md`), not from Kassa's
//! connector. Every call is `POST <base_url>/{module}/{method}` and every
//! answer is HTTP 200 with a JSON body carrying `status` (`true` or `false`)
//! and `api` (`"module/method"`); a refusal adds `reason` (a machine code),
//! `error_description` and `error_details`.
//!
//! # Calls
//!
//! * `auth/login` with `cid`, `user`, `pass` answers `{"status": true, "sid": "…"}`.
//!   A missing field answers `reason: "missing_<field>"`, wrong credentials
//!   `reason: "auth_failed"`.
//! * `cc/bill` charges a card (the fields are listed under "Choices" below).
//! * `cc_storage/store` keeps a card for a client (`client_id` of a client
//!   the double made, else `client_name` makes one; `client_not_found` for
//!   another id; neither: `missing_client_id`) with the card fields of
//!   `cc/bill` (`cc_number`, `cc_validity`, `cc_holder_id`, `cc_holder_name`;
//!   `cc_cvv` is checked but never kept) and answers `{"status": true,
//!   "cc_token_id": …, "client_id": …}` (both integers). Nothing is charged.
//! * `cc/transactions` searches the charges made: `custom_client_id` and
//!   `confirmation_code` filter (both optional); it answers `results_count`
//!   and `results`, one object per approved charge, oldest first.
//! * Anything else (`cc/refund` included) answers `reason: "unknown_method"`.
//!
//! # Card numbers
//!
//! With `is_test: true`, as seed 000 says, no card company is asked: every
//! valid card number is approved. Otherwise the outcome is scripted by the
//! card number:
//!
//! | Card number        | Answer                                        |
//! |--------------------|-----------------------------------------------|
//! | `4580000000000000` | approved (as is any valid number not listed)  |
//! | `4580000000000018` | declined, `reason: "insufficient_funds"`      |
//! | `4580000000000026` | declined, `reason: "card_declined"` (generic) |
//! | `4580000000000034` | declined, `reason: "stolen_card"`             |
//! | `4580000000000042` | declined, `reason: "lost_card"`               |
//! | `4580000000000059` | declined, `reason: "card_expired"`            |
//! | `4580000000000067` | declined, `reason: "bad_cvv"`                 |
//! | `4580000000000075` | declined, `reason: "cc_provider_error"`       |
//!
//! Approvals carry a seven-digit `confirmation_code`, counted from
//! `0000001` (Israeli authorization numbers have seven digits).
//!
//! # Choices where the documents are silent
//!
//! The double is strict about each of these:
//!
//! * Bodies are JSON (`Content-Type: application/json`, an object); iCount
//!   also takes form bodies, Kassa sends JSON. Anything else answers
//!   `reason: "invalid_json"`.
//! * Calls other than `auth/login` authenticate with `sid` only. A missing,
//!   unknown or expired `sid` answers `reason: "bad_sid"`; iCount's session
//!   lifetime is unknown, so tests expire sessions on demand
//!   ([`ICountDouble::expire_sessions`]).
//! * Refusals of a field follow the `missing_<field>` pattern seen from the
//!   live API (`missing_paypage_id`); a present but malformed field answers
//!   `invalid_<field>`.
//! * `cc/bill`:
//!   * `sum` (required): a JSON number in major units (`15.04`), positive,
//!     with no more decimals than the currency has (none for JPY), else
//!     `invalid_sum`.
//!   * `currency_code` (required): an ISO 4217 code. The seed's alternatives
//!     `currency_id` and `currency` are not taken.
//!   * `cc_number`, `cc_validity` (MMYY), `cc_cvv` (3 or 4 digits, optional)
//!     and `cc_holder_id`: strings of digits. The seed types them as numbers,
//!     but a number loses the leading zero of a CVV (`012`) or of a month
//!     (`0130`); public clients send strings.
//!   * `cc_validity` is checked for form only: expired cards are scripted
//!     by number (above), so the double does not read the clock.
//!   * `cc_holder_id` is required and must be a valid Israeli ID (check
//!     digit), as Israeli terminals require.
//!   * `num_of_payments`: an integer from 1 to 36 (default 1). `first_payment`
//!     only when `num_of_payments` > 1, positive, leaving at least one minor
//!     unit for each later payment; without it the payments are equal.
//!     `is_credit: true` only when `num_of_payments` > 1 (seed 000: "Is
//!     Credit? Applicable only if `num_of_payments`>1"), else
//!     `invalid_is_credit`; with it, `first_payment` is `invalid_first_payment`.
//!     The seed does not say whether iCount takes a first payment with a
//!     credit deal; the double's choice is no: the issuer, who finances a
//!     credit deal, sets its schedule (CreditGuard's credit deals likewise
//!     carry only the number of payments).
//!   * `custom_client_id` and `payment_description` are optional strings,
//!     recorded with the charge; `cc/transactions` searches by
//!     `custom_client_id`.
//!   * A stored card: `cc_token_id` (an integer, as seed 000 types it) with
//!     its `client_id` (the docs' "+ `client_id`"; missing:
//!     `missing_client_id`), instead of `cc_number`: both is
//!     `invalid_cc_number`, a token the double never issued
//!     `cc_token_not_found`, another client's `invalid_client_id`.
//!     `cc_validity`, `cc_cvv` and `cc_holder_id` are optional with a token
//!     (the stored card has them) and checked when sent. The charge is
//!     scripted by the stored card's number and recorded like any other.
//!   * No field marks a charge as merchant-initiated or recurring: the
//!     documents show none, and like iCount the double ignores fields it
//!     does not know.
//! * A declined charge is not a transaction: `cc/transactions` lists
//!   approved charges only.
//! * No refund call: none is documented, and the public clients refund only
//!   by cancelling an iCount *document* (`doc/cancel` with `refund_cc`),
//!   which a bare `cc/bill` does not create. [`ICountCharge::refunded_minor`]
//!   therefore stays 0.

mod storage;

use std::collections::HashSet;
use std::sync::{Arc, Mutex, PoisonError};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::routing::post;
use kassa_card::{Brand, Currency};
use serde_json::{Map, Number, Value, json};

use crate::{Control, Running};
pub use storage::ICountStoredCard;
use storage::StoredCard;

/// The most payments `num_of_payments` may ask for.
const MAX_PAYMENTS: u64 = 36;

/// The scripted declines: card number, `reason`, `error_description`.
const DECLINES: [(&str, &str, &str); 7] = [
    (
        "4580000000000018",
        "insufficient_funds",
        "Insufficient funds",
    ),
    ("4580000000000026", "card_declined", "Card declined"),
    ("4580000000000034", "stolen_card", "Stolen card, confiscate"),
    ("4580000000000042", "lost_card", "Lost card, confiscate"),
    ("4580000000000059", "card_expired", "Card expired"),
    ("4580000000000067", "bad_cvv", "Wrong CVV"),
    (
        "4580000000000075",
        "cc_provider_error",
        "Credit card provider error",
    ),
];

/// A running iCount double.
///
/// ```no_run
/// # async fn example() {
/// use kassa_gateway_doubles::icount::ICountDouble;
///
/// let double = ICountDouble::start("acme", "api", "secret").await;
/// assert!(double.base_url().ends_with("/api/v3.php"));
/// assert!(double.charges().is_empty());
/// # }
/// ```
#[derive(Debug)]
pub struct ICountDouble {
    running: Running,
    state: Arc<Mutex<DoubleState>>,
}

/// One `cc/bill` the double decided (approved or declined). Never the card
/// number or the CVV.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ICountCharge {
    /// `custom_client_id` as sent: the reference the charge is found by.
    pub reference: Option<String>,
    /// `payment_description` as sent.
    pub payment_description: Option<String>,
    /// `sum` in the currency's minor units.
    pub amount_minor: i64,
    /// `currency_code`.
    pub currency: String,
    /// `num_of_payments` (1 when not sent).
    pub installments: u8,
    /// `first_payment` in minor units, when sent.
    pub first_payment_minor: Option<i64>,
    /// `is_credit` (false when not sent).
    pub is_credit: bool,
    /// `is_test` (false when not sent).
    pub is_test: bool,
    /// `cc_holder_id`, nine digits (the stored card's, for a token charge
    /// without one).
    pub holder_id: String,
    /// `cc_token_id`, for a charge on a stored card.
    pub cc_token_id: Option<u64>,
    /// `client_id`, for a charge on a stored card.
    pub client_id: Option<u64>,
    /// Whether `cc_number` was sent (not for a stored card).
    pub card_number_sent: bool,
    /// Whether `cc_cvv` was sent.
    pub cvv_sent: bool,
    /// The answer.
    pub outcome: ICountOutcome,
    /// How much was refunded, in minor units: always 0, as iCount has no
    /// documented card refund call (see the module's documentation).
    pub refunded_minor: i64,
}

/// How a charge at the double ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ICountOutcome {
    /// Approved, with this `confirmation_code`.
    Approved {
        /// The seven-digit confirmation code.
        confirmation_code: String,
    },
    /// Declined, with this `reason`.
    Declined {
        /// The `reason` answered.
        reason: String,
    },
}

impl ICountCharge {
    /// Whether the charge was approved.
    pub fn is_approved(&self) -> bool {
        matches!(self.outcome, ICountOutcome::Approved { .. })
    }
}

#[derive(Debug)]
struct DoubleState {
    cid: String,
    user: String,
    pass: String,
    sessions: HashSet<String>,
    logins: usize,
    charges: Vec<ICountCharge>,
    /// The clients `cc_storage/store` made: ids 1 to `clients`.
    clients: u64,
    stored: Vec<StoredCard>,
}

type Shared = Arc<Mutex<DoubleState>>;

impl ICountDouble {
    /// Starts a double that accepts these credentials at `auth/login`.
    pub async fn start(cid: &str, user: &str, pass: &str) -> ICountDouble {
        let state = Arc::new(Mutex::new(DoubleState {
            cid: cid.to_owned(),
            user: user.to_owned(),
            pass: pass.to_owned(),
            sessions: HashSet::new(),
            logins: 0,
            charges: Vec::new(),
            clients: 0,
            stored: Vec::new(),
        }));
        let router = Router::new()
            .route("/api/v3.php/{module}/{method}", post(call))
            .with_state(Arc::clone(&state));
        ICountDouble {
            running: crate::start(router).await,
            state,
        }
    }

    /// What goes into the connector's `base_url` setting:
    /// `http://127.0.0.1:<port>/api/v3.php`.
    pub fn base_url(&self) -> String {
        format!("{}/api/v3.php", self.running.origin)
    }

    /// Every charge decided so far, oldest first.
    pub fn charges(&self) -> Vec<ICountCharge> {
        self.lock().charges.clone()
    }

    /// Every card `cc_storage/store` kept, oldest first.
    pub fn stored_cards(&self) -> Vec<ICountStoredCard> {
        self.lock().stored.iter().map(StoredCard::view).collect()
    }

    /// How many sessions `auth/login` has opened.
    pub fn logins(&self) -> usize {
        self.lock().logins
    }

    /// Ends every open session: the next call with an old `sid` answers
    /// `reason: "bad_sid"`.
    pub fn expire_sessions(&self) {
        self.lock().sessions.clear();
    }

    /// The request log and the scripted faults.
    pub fn control(&self) -> &Control {
        &self.running.control
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, DoubleState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Every call: HTTP 200 and a JSON answer.
async fn call(
    State(state): State<Shared>,
    Path((module, method)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> axum::Json<Value> {
    let api = format!("{module}/{method}");
    let answer = match parse_body(&headers, &body) {
        Err(refusal) => Err(refusal),
        Ok(fields) => {
            let mut state = state.lock().unwrap_or_else(PoisonError::into_inner);
            match api.as_str() {
                "auth/login" => login(&mut state, &Fields(&fields)),
                "cc/bill" => {
                    authenticated(&state, &fields).and_then(|()| bill(&mut state, &Fields(&fields)))
                }
                "cc_storage/store" => authenticated(&state, &fields)
                    .and_then(|()| storage::store(&mut state, &Fields(&fields))),
                "cc/transactions" => authenticated(&state, &fields)
                    .and_then(|()| transactions(&state, &Fields(&fields))),
                _ => Err(Refusal::new("unknown_method", "Unknown API method")),
            }
        }
    };
    let mut answer = match answer {
        Ok(Value::Object(fields)) => fields,
        Ok(_) => Map::new(),
        Err(refusal) => refusal.into_json(),
    };
    answer.insert("api".to_owned(), Value::String(api));
    axum::Json(Value::Object(answer))
}

/// A `status: false` answer.
#[derive(Debug)]
struct Refusal {
    reason: String,
    description: String,
}

impl Refusal {
    fn new(reason: &str, description: &str) -> Refusal {
        Refusal {
            reason: reason.to_owned(),
            description: description.to_owned(),
        }
    }

    fn missing(field: &str) -> Refusal {
        Refusal {
            reason: format!("missing_{field}"),
            description: format!("Missing required parameter: {field}"),
        }
    }

    fn invalid(field: &str) -> Refusal {
        Refusal {
            reason: format!("invalid_{field}"),
            description: format!("Invalid value for parameter: {field}"),
        }
    }

    fn into_json(self) -> Map<String, Value> {
        let answer = json!({
            "status": false,
            "reason": self.reason,
            "error_description": self.description,
            "error_details": [],
        });
        match answer {
            Value::Object(fields) => fields,
            _ => Map::new(),
        }
    }
}

/// A JSON object, sent as `application/json`.
fn parse_body(headers: &HeaderMap, body: &[u8]) -> Result<Map<String, Value>, Refusal> {
    let is_json = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| {
            value
                .split(';')
                .next()
                .is_some_and(|media| media.trim().eq_ignore_ascii_case("application/json"))
        });
    let refusal = || Refusal::new("invalid_json", "The request body is not a JSON object");
    if !is_json {
        return Err(refusal());
    }
    match serde_json::from_slice(body) {
        Ok(Value::Object(fields)) => Ok(fields),
        _ => Err(refusal()),
    }
}

/// The request's fields, read with iCount's refusals.
struct Fields<'a>(&'a Map<String, Value>);

impl Fields<'_> {
    /// A string field: absent is `None`, a non-string is `invalid_<field>`.
    fn string(&self, name: &str) -> Result<Option<&str>, Refusal> {
        match self.0.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(text)) => Ok(Some(text)),
            Some(_) => Err(Refusal::invalid(name)),
        }
    }

    /// A required, non-empty string field.
    fn required_string(&self, name: &str) -> Result<&str, Refusal> {
        match self.string(name)? {
            Some(text) if !text.trim().is_empty() => Ok(text),
            _ => Err(Refusal::missing(name)),
        }
    }

    /// A required string of digits whose length is in `lengths`.
    fn digits(
        &self,
        name: &str,
        lengths: std::ops::RangeInclusive<usize>,
    ) -> Result<&str, Refusal> {
        let text = self.required_string(name)?;
        if lengths.contains(&text.len()) && text.bytes().all(|byte| byte.is_ascii_digit()) {
            Ok(text)
        } else {
            Err(Refusal::invalid(name))
        }
    }

    /// A boolean field, false when absent.
    fn flag(&self, name: &str) -> Result<bool, Refusal> {
        match self.0.get(name) {
            None | Some(Value::Null) => Ok(false),
            Some(Value::Bool(flag)) => Ok(*flag),
            Some(_) => Err(Refusal::invalid(name)),
        }
    }

    /// A number field: absent is `None`, a non-number is `invalid_<field>`.
    fn number(&self, name: &str) -> Result<Option<&Number>, Refusal> {
        match self.0.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(number)) => Ok(Some(number)),
            Some(_) => Err(Refusal::invalid(name)),
        }
    }

    /// An amount in major units of `currency`, as minor units; positive.
    fn amount(&self, name: &str, currency: Currency) -> Result<Option<i64>, Refusal> {
        let Some(number) = self.number(name)? else {
            return Ok(None);
        };
        to_minor_units(&number.to_string(), currency.minor_units())
            .filter(|minor| *minor > 0)
            .map(Some)
            .ok_or_else(|| Refusal::invalid(name))
    }
}

/// `15.04` in a currency with 2 decimals is 1504; `None` for a negative
/// number, an exponent, or more decimals than the currency has.
fn to_minor_units(text: &str, decimals: u8) -> Option<i64> {
    let (integer, fraction) = text.split_once('.').unwrap_or((text, ""));
    let fraction = fraction.trim_end_matches('0');
    let digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
    if integer.is_empty() || !digits(integer) || !digits(fraction) {
        return None;
    }
    if fraction.len() > usize::from(decimals) || integer.len() > 15 {
        return None;
    }
    let scale = 10_i64.checked_pow(u32::from(decimals))?;
    let fraction_scale = 10_i64.checked_pow(u32::from(decimals) - fraction.len() as u32)?;
    let integer: i64 = integer.parse().ok()?;
    let fraction: i64 = if fraction.is_empty() {
        0
    } else {
        fraction.parse().ok()?
    };
    integer
        .checked_mul(scale)?
        .checked_add(fraction.checked_mul(fraction_scale)?)
}

fn login(state: &mut DoubleState, fields: &Fields<'_>) -> Result<Value, Refusal> {
    let cid = fields.required_string("cid")?;
    let user = fields.required_string("user")?;
    let pass = fields.required_string("pass")?;
    if cid != state.cid || user != state.user || pass != state.pass {
        return Err(Refusal::new(
            "auth_failed",
            "Authentication failed: wrong company id, user or password",
        ));
    }
    state.logins += 1;
    let sid = format!("icount-double-session-{:08}", state.logins);
    state.sessions.insert(sid.clone());
    Ok(json!({"status": true, "sid": sid}))
}

/// A known `sid`, else `bad_sid`.
fn authenticated(state: &DoubleState, fields: &Map<String, Value>) -> Result<(), Refusal> {
    match fields.get("sid") {
        Some(Value::String(sid)) if state.sessions.contains(sid) => Ok(()),
        _ => Err(Refusal::new("bad_sid", "Session expired or invalid")),
    }
}

fn bill(state: &mut DoubleState, fields: &Fields<'_>) -> Result<Value, Refusal> {
    if fields.number("sum")?.is_none() {
        return Err(Refusal::missing("sum"));
    }
    let currency = Currency::from_code(fields.required_string("currency_code")?)
        .ok_or_else(|| Refusal::invalid("currency_code"))?;
    let amount_minor = fields
        .amount("sum", currency)?
        .ok_or_else(|| Refusal::missing("sum"))?;
    let card = storage::bill_card(state, fields)?;
    let month: u8 = card.validity[..2].parse().unwrap_or(0);
    let year: u16 = card.validity[2..].parse().unwrap_or(0);
    fields.string("cc_holder_name")?;
    fields.string("client_name")?;
    fields.string("email")?;
    let installments = match fields.number("num_of_payments")? {
        None => 1,
        Some(number) => number
            .as_u64()
            .filter(|count| (1..=MAX_PAYMENTS).contains(count))
            .and_then(|count| u8::try_from(count).ok())
            .ok_or_else(|| Refusal::invalid("num_of_payments"))?,
    };
    let first_payment_minor = fields.amount("first_payment", currency)?;
    if let Some(first) = first_payment_minor {
        let later = i64::from(installments) - 1;
        if later == 0 || amount_minor - first < later {
            return Err(Refusal::invalid("first_payment"));
        }
    }
    if installments > 1 && first_payment_minor.is_none() && amount_minor < i64::from(installments) {
        return Err(Refusal::invalid("num_of_payments"));
    }
    let is_credit = fields.flag("is_credit")?;
    if is_credit && installments == 1 {
        return Err(Refusal::invalid("is_credit"));
    }
    if is_credit && first_payment_minor.is_some() {
        return Err(Refusal::invalid("first_payment"));
    }
    let is_test = fields.flag("is_test")?;
    let reference = fields.string("custom_client_id")?.map(str::to_owned);
    let payment_description = fields.string("payment_description")?.map(str::to_owned);

    let decline = if is_test {
        None
    } else {
        card.decline.and_then(|index| DECLINES.get(index))
    };
    let approved_before = state
        .charges
        .iter()
        .filter(|charge| charge.is_approved())
        .count();
    let confirmation_code = format!("{:07}", approved_before + 1);
    let outcome = match decline {
        Some((_, reason, _)) => ICountOutcome::Declined {
            reason: (*reason).to_owned(),
        },
        None => ICountOutcome::Approved {
            confirmation_code: confirmation_code.clone(),
        },
    };
    state.charges.push(ICountCharge {
        reference,
        payment_description,
        amount_minor,
        currency: currency.code().to_owned(),
        installments,
        first_payment_minor,
        is_credit,
        is_test,
        holder_id: card.holder_id.clone(),
        cc_token_id: card.token.map(|(token_id, _)| token_id),
        client_id: card.token.map(|(_, client_id)| client_id),
        card_number_sent: card.token.is_none(),
        cvv_sent: fields.0.contains_key("cc_cvv"),
        outcome,
        refunded_minor: 0,
    });
    if let Some((_, reason, description)) = decline {
        return Err(Refusal::new(reason, description));
    }
    let (cc_type, cc_card_type) = card_type(card.brand);
    Ok(json!({
        "status": true,
        "confirmation_code": confirmation_code,
        "cc_type": cc_type,
        "cc_card_type": cc_card_type,
        "currency_code": currency.code(),
        "sum": major_units(amount_minor, currency),
        "num_of_payments": installments,
        "exp_month": month,
        "exp_year": 2000 + year,
    }))
}

fn transactions(state: &DoubleState, fields: &Fields<'_>) -> Result<Value, Refusal> {
    let reference = fields.string("custom_client_id")?;
    let confirmation = fields.string("confirmation_code")?;
    let results: Vec<Value> = state
        .charges
        .iter()
        .filter_map(|charge| match &charge.outcome {
            ICountOutcome::Approved { confirmation_code } => Some((charge, confirmation_code)),
            ICountOutcome::Declined { .. } => None,
        })
        .filter(|(charge, _)| reference.is_none_or(|wanted| charge.reference.as_deref() == Some(wanted)))
        .filter(|(_, code)| confirmation.is_none_or(|wanted| code.as_str() == wanted))
        .map(|(charge, code)| {
            let currency = Currency::from_code(&charge.currency);
            json!({
                "confirmation_code": code,
                "sum": currency.map_or(Value::Null, |currency| major_units(charge.amount_minor, currency)),
                "currency_code": charge.currency,
                "num_of_payments": charge.installments,
                "custom_client_id": charge.reference,
                "payment_description": charge.payment_description,
                "is_test": charge.is_test,
            })
        })
        .collect();
    Ok(json!({
        "status": true,
        "results_count": results.len(),
        "results": results,
    }))
}

/// Minor units as a JSON number in major units (1504 → 15.04).
fn major_units(minor: i64, currency: Currency) -> Value {
    let decimals = u32::from(currency.minor_units());
    let text = match 10_i64.checked_pow(decimals) {
        Some(scale) if decimals > 0 => format!(
            "{}.{:0width$}",
            minor / scale,
            minor % scale,
            width = decimals as usize
        ),
        _ => minor.to_string(),
    };
    text.parse::<Number>().map_or(Value::Null, Value::Number)
}

/// iCount's card type code and name for a brand.
fn card_type(brand: Brand) -> (u8, &'static str) {
    match brand {
        Brand::Visa => (1, "VISA"),
        Brand::Mastercard => (2, "MASTERCARD"),
        Brand::AmericanExpress => (3, "AMEX"),
        Brand::DinersClub => (5, "DINERS"),
        Brand::Jcb => (6, "JCB"),
        Brand::Maestro => (7, "MAESTRO"),
        Brand::Isracard => (22, "ISRACARD"),
        _ => (0, "OTHER"),
    }
}

#[cfg(test)]
mod tests {
    use super::to_minor_units;

    #[test]
    fn major_units_become_minor_units_only_within_the_currency_precision() {
        assert_eq!(to_minor_units("15.04", 2), Some(1504));
        assert_eq!(to_minor_units("15.0", 2), Some(1500));
        assert_eq!(to_minor_units("1500", 0), Some(1500));
        assert_eq!(to_minor_units("1500.0", 0), Some(1500));
        assert_eq!(to_minor_units("1.5", 0), None);
        assert_eq!(to_minor_units("15.041", 2), None);
        assert_eq!(to_minor_units("1.234", 3), Some(1234));
        assert_eq!(to_minor_units("-1.00", 2), None);
        assert_eq!(to_minor_units("1e3", 2), None);
    }
}

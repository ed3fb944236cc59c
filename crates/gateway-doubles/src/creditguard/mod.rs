//! A double of CreditGuard's XML relay (`POST …/xpo/Relay`), for the
//! CreditGuard connector's tests.
//!
//! Written from what CreditGuard (now Hyp) publishes and what public
//! CreditGuard clients show of the wire, not from Kassa's connector:
//!
//! * Hyp's developer pages (`developers.hyp.co.il`, "API Request & Response
//!   General Structure", `doDeal`, `refundDeal`, "Refunds & Cancellations",
//!   "Examples of Transaction Inquiries"): a form-encoded `POST` of `user`,
//!   `password` and `int_in` (the `<ashrait>` XML); `version` 2000;
//!   `refundDeal` refunds all or part of a deal by its `tranId` and never
//!   more than the deal; a refund shares the deal's `cgUid`;
//!   `inquireTransactions` finds transactions by `tranId`, `user` or `cgUid`.
//! * CreditGuard's "CG Gateway Inquire Transactions XML API" 3.2.11: the
//!   inquiry is meant for transactions "distinguished by the `user` XML tag
//!   or transaction unique identifier `tranId`".
//! * Public clients (Wix's `libpay-creditguard`, `MordiSacks/creditguard`,
//!   BillRun, WooCommerce plugins): the element names, `user` as "the
//!   merchant's unique identifier for the transaction", at most 19
//!   characters, `customerData/userData1..10` (256 characters, echoed back),
//!   `numberOfPayments` for `Payments` being the number of payments *minus
//!   one*, `cvv` and `id`, the answer's `result`, `tranId` and `doDeal`
//!   (`status`, `statusText`, `authNumber`, `cardMask`, `cvvStatus`,
//!   `idStatus`), and `inquireTransactions/transactions/transaction` rows.
//! * The three-digit result codes below 300 are Shva's (the Israeli
//!   clearing house's) codes, which CreditGuard passes through; their
//!   table is reproduced by many Israeli gateway clients. `405` for refused
//!   credentials is what Wix's CreditGuard testkit answers for an invalid
//!   merchant.
//!
//! Where the sources are silent the double chooses, and is strict about
//! its choice:
//!
//! | Choice | What the double does |
//! |---|---|
//! | credentials | `user` and `password` form fields (not HTTP Basic); wrong or missing ones, or a `terminalNumber` that is not the terminal's, answer `405` |
//! | `version` | must be `2000` (EMV terminals); anything else is `300` |
//! | request errors without a Shva code | `300` ("invalid request"), naming the field in `additionalInfo`: unreadable XML, unknown `command`, a missing or non-numeric `total` (minor units, digits only), a malformed `cardExpiration` (not `MMYY`), `user` over 19 characters, `validation` other than `AutoComm` or `Verify` |
//! | refunds | `refundDeal` by `tranId` or `cgUid`; an unknown or declined deal is `310`; more than what remains of the deal is `311` |
//! | the terminal | requires the holder's ID (`id`: missing `057`, not nine digits with a valid check digit `006`) and the CVV (`cvv`: missing, empty or `0` is `058`, `9` only for brands without one); takes `RegularCredit`, `Payments` and `SpecialCredit` (`064` for others, `Credit` included: it is a `transactionType`, not a `creditType`), `Phone` and `Internet` (`063` for others), ILS, USD, EUR and GBP (`065` for others); no standalone credits (`doDeal` with `Credit` is `300`) |
//! | installments | `Payments` needs `numberOfPayments` (payments after the first, 1 to 35), `firstPayment` and `periodicalPayment` with `first + numberOfPayments × periodical = total`, else `037`; `RegularCredit` with payment amounts is `066`, with `numberOfPayments` `067` |
//! | credit deals | `SpecialCredit` (the issuer's credit; Wix's `libpay-creditguard` and `MordiSacks/creditguard` transcribe CreditGuard's XML API: `numberOfPayments` "mandatory" and "the total number of payments", `firstPayment` and `periodicalPayment` mandatory only for `Payments`) needs `numberOfPayments` from 3 to 18 (Cal's credit plan as Mercantile publishes it; 19 to 36 is its super credit, `SpecialAlpha`, which the terminal does not take), at most one payment per minor unit of `total`, else `037`; `firstPayment` or `periodicalPayment` with it is `066` (the issuer sets the payments). A J5 in credit is captured as `SpecialCredit`, and only it is (`300` naming `creditType`) |
//! | inquiries | by `tranId`, `user` or `cgUid` (at least one, else `300`); `result` `000` with an empty `transactions` list when nothing matches |
//! | J5 authorizations | `validation` `Verify` (Hyp's "Verify (J5): places a temporary hold"; seed 003's `PaymentType` J5): checked as any deal (card, expiry, CVV, ID, total, currency, installments), recorded with its `cgUid`, takes nothing; `refundDeal` on it is `310` |
//! | captures | `doDeal` `AutoComm` with the J5's `cgUid` (the shared notes; Hyp's two-phase commit pages), without `cardNo` (`300` naming it; the J5 is the card), with `cardId`, `cardExpiration`, `authNumber` only if they are the J5's (else `300` naming them), the J5's `currency` (`300`), a `total` up to the J5's (`312` above it): a new debit sharing the J5's `cgUid` and `authNumber`. Unknown or declined J5: `310`; a J5 captured or cancelled already: `313` |
//! | cancellations | `cancelDeal` (Hyp: cancels a J5, or a deal not yet transmitted, in full) by `tranId` or `cgUid` (neither: `300`); a `total` other than the deal's is `300`; unknown `310`; already cancelled, captured or refunded `313`. Recorded as a `Cancel` transaction (type `52`) sharing the deal's `cgUid`; the deal's `financialStatus` becomes `Cancelled` |
//! | recorded deals | every `doDeal` that reaches the card check is recorded, approved or declined, with a `tranId` (declines included), and found by inquiries |
//! | card tokens | every approved deal on a `cardNo` answers a new `cardId` (16 digits ending in the card's last four, as the token in seed 003 looks); the terminal keeps them. A deal may carry `cardId` instead of `cardNo` (both: `300` naming `cardNo`), still with `cardExpiration`; a `cardId` the terminal never issued is `300` naming `cardId`. A token deal needs neither the CVV nor the ID (both were checked when the token was made; when sent, they are checked as above), and is recorded and refunded like any other. The documents show no field that marks a deal as merchant-initiated or recurring, so the double takes none (an unknown element is ignored, as in every request) |
//!
//! ## Cards
//!
//! Any other card number that passes its check digit is approved; an
//! expiry before the current month (by the machine's clock) is `036`.
//!
//! | Card number | Brand | Result | Meaning |
//! |---|---|---|---|
//! | `4580458045804580` | Visa | `000` | approved (CreditGuard's usual test card) |
//! | `5555555555554444` | Mastercard | `000` | approved |
//! | `010830529` | Isracard | `000` | approved |
//! | `4000000000009995` | Visa | `038` | above the card's ceiling (insufficient funds) |
//! | `4000000000000002` | Visa | `004` | refusal (generic decline) |
//! | `4000000000009987` | Visa | `001` | blocked card (lost), confiscate |
//! | `4000000000009979` | Visa | `002` | stolen card, confiscate |
//! | `4000000000000069` | Visa | `036` | expired card |
//! | `4000000000000127` | Visa | `006` | wrong ID or CVV (`cvvStatus` `Invalid`) |
//! | `4000000000000119` | Visa | `003` | call the credit company |

mod relay;
mod wire;

use std::sync::{Arc, Mutex, PoisonError};

use axum::Router;
use axum::routing::post;

use crate::{Control, Running};

/// Card numbers with a scripted answer (see the module's table).
pub mod cards {
    /// Approved: CreditGuard's usual Visa test card.
    pub const APPROVED: &str = "4580458045804580";
    /// Approved: a Mastercard.
    pub const APPROVED_MASTERCARD: &str = "5555555555554444";
    /// Approved: a nine-digit Isracard.
    pub const APPROVED_ISRACARD: &str = "010830529";
    /// `038`: above the card's ceiling (insufficient funds).
    pub const INSUFFICIENT_FUNDS: &str = "4000000000009995";
    /// `004`: refusal, the generic decline.
    pub const REFUSED: &str = "4000000000000002";
    /// `001`: blocked card (lost).
    pub const BLOCKED: &str = "4000000000009987";
    /// `002`: stolen card.
    pub const STOLEN: &str = "4000000000009979";
    /// `036`: expired card.
    pub const EXPIRED: &str = "4000000000000069";
    /// `006`: wrong ID or CVV.
    pub const WRONG_CVV: &str = "4000000000000127";
    /// `003`: call the credit company.
    pub const CALL_ISSUER: &str = "4000000000000119";
}

/// One deal the double made (`doDeal` with `Debit`), as a test sees it.
/// Holds no card data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Charge {
    /// CreditGuard's transaction id.
    pub tran_id: String,
    /// The three-digit result: `000` approved, anything else declined.
    pub result: String,
    /// Whether the deal was approved.
    pub approved: bool,
    /// `total`, in minor units.
    pub amount_minor: i64,
    /// `currency`, as sent.
    pub currency: String,
    /// `creditType` as accepted: `RegularCredit`, `Payments` or
    /// `SpecialCredit` (the issuer's credit).
    pub credit_type: String,
    /// The number of payments: 1 for `RegularCredit`, `numberOfPayments + 1`
    /// for `Payments`, `numberOfPayments` for `SpecialCredit`.
    pub installments: u8,
    /// `firstPayment`, for `Payments`.
    pub first_payment_minor: Option<i64>,
    /// `periodicalPayment`, for `Payments`.
    pub periodical_payment_minor: Option<i64>,
    /// What was refunded of it so far, in minor units.
    pub refunded_minor: i64,
    /// The `user` field sent with the deal.
    pub user: Option<String>,
    /// The reference sent in `customerData/userData1`.
    pub reference: Option<String>,
    /// The holder's ID sent in `id`.
    pub holder_id: Option<String>,
    /// The card token: the `cardId` the deal was made with, or the one
    /// issued with its approval.
    pub card_id: Option<String>,
    /// Whether the deal carried a card number (`cardNo`) rather than a
    /// token (`cardId`).
    pub card_number_sent: bool,
    /// Whether a CVV was sent (`cvv`, other than the markers `0` and `9`).
    pub cvv_sent: bool,
    /// `transactionCode` as sent (`Internet`, `Phone`).
    pub transaction_code: String,
    /// `validation`: `AutoComm` for a charge or a capture, `Verify` for a
    /// J5 authorization (which takes nothing).
    pub validation: String,
    /// CreditGuard's `cgUid`, shared by a J5, its capture and their
    /// cancellations.
    pub cg_uid: String,
    /// For a J5: what its capture took, once captured.
    pub captured_minor: Option<i64>,
    /// Cancelled by `cancelDeal`.
    pub cancelled: bool,
}

/// A running CreditGuard double: a relay that knows one user, password and
/// terminal.
///
/// ```
/// use kassa_gateway_doubles::creditguard::CreditGuardDouble;
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// let double = CreditGuardDouble::start("kassa", "secret", "0962832").await;
/// assert!(double.base_url().ends_with("/xpo/Relay"));
/// assert!(double.charges().is_empty());
/// # }
/// ```
#[derive(Debug)]
pub struct CreditGuardDouble {
    running: Running,
    state: Arc<Mutex<relay::State>>,
}

impl CreditGuardDouble {
    /// Serves a relay for this `user`, `password` and terminal number on a
    /// free loopback port.
    ///
    /// # Panics
    /// When no loopback port can be bound.
    pub async fn start(user: &str, password: &str, terminal: &str) -> CreditGuardDouble {
        let state = Arc::new(Mutex::new(relay::State::new(user, password, terminal)));
        let router = Router::new()
            .route("/xpo/Relay", post(relay::relay))
            .with_state(Arc::clone(&state));
        CreditGuardDouble {
            running: crate::start(router).await,
            state,
        }
    }

    /// The relay URL itself, what goes into the connector's `base_url`:
    /// `http://127.0.0.1:<port>/xpo/Relay`.
    pub fn base_url(&self) -> String {
        format!("{}/xpo/Relay", self.running.origin)
    }

    /// Every deal made so far, approved or declined, oldest first.
    pub fn charges(&self) -> Vec<Charge> {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .charges()
    }

    /// The request log and the scripted faults (use the pattern `/xpo/Relay`).
    pub fn control(&self) -> &Control {
        &self.running.control
    }
}

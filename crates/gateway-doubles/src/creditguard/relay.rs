//! The relay: checks a request as CreditGuard does, keeps the deals and
//! refunds, and answers in the relay's shape.

mod j5;

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use axum::Form;
use axum::extract::State as AxumState;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use kassa_card::{Brand, CardNumber, CardNumberError, IsraeliId};

use super::wire::{
    AnswerDocument, CancelDeal, Coded, CustomerData, DealAnswer, DoDeal, Inquiry, InquiryAnswer,
    RefundAnswer, RefundDeal, Request, RequestDocument, Response as Answer, Totals, TransactionRow,
    Transactions,
};
use super::{Charge, cards};

/// Longest `user` field CreditGuard takes.
const USER_MAX: usize = 19;
/// Longest `customerData/userData1`.
const USER_DATA_MAX: usize = 256;
/// Most payments in one `Payments` deal.
const MAX_PAYMENTS: u8 = 36;
/// CreditGuard's `creditType` of an issuer's credit deal (Wix's
/// `libpay-creditguard` and `MordiSacks/creditguard`: "Special credit -
/// 'credit'/'fixed payments credit'"; there is no `creditType` `Credit`).
const CREDIT_DEAL: &str = "SpecialCredit";
/// The payments a credit deal may have: one issuer's credit plan (Cal, as
/// Mercantile publishes it: "קרדיט", 3 to 18 monthly payments; 19 to 36 is
/// its "super credit", CreditGuard's `SpecialAlpha`, which the terminal
/// does not take).
const CREDIT_PAYMENTS: std::ops::RangeInclusive<u8> = 3..=18;
/// The currencies the double's terminal is set up for.
const CURRENCIES: [&str; 4] = ["ILS", "USD", "EUR", "GBP"];

/// The relay's state: the terminal's credentials, its deals and refunds.
#[derive(Debug)]
pub(super) struct State {
    user: String,
    password: String,
    terminal: String,
    next_id: u64,
    deals: Vec<Deal>,
    refunds: Vec<Refund>,
    tokens: Vec<Token>,
}

/// A card token the terminal issued: what a deal on it needs, without the
/// card number.
#[derive(Clone, Debug)]
struct Token {
    card_id: String,
    facts: CardFacts,
}

/// What a deal needs to know of its card, however it was given.
#[derive(Clone, Debug)]
struct CardFacts {
    /// The scripted result code and CVV check.
    scripted: (&'static str, &'static str),
    brand: Brand,
    bin: String,
    mask: String,
    length: usize,
    last4: String,
}

impl CardFacts {
    fn of(card: &CardNumber) -> CardFacts {
        CardFacts {
            scripted: scripted(card.expose_digits()),
            brand: card.brand(),
            bin: card.bin().to_owned(),
            mask: card.masked(),
            length: card.len(),
            last4: card.last4().to_owned(),
        }
    }
}

/// A `doDeal` debit that reached the card check: a charge (`AutoComm`,
/// J4), a J5 authorization (`Verify`), or the capture of one (`AutoComm`
/// with the J5's `cgUid`).
#[derive(Clone, Debug)]
struct Deal {
    tran_id: String,
    cg_uid: String,
    result: &'static str,
    /// `AutoComm` or `Verify`.
    validation: &'static str,
    /// For a J5: what its capture charged, once captured.
    captured: Option<i64>,
    /// Cancelled by `cancelDeal`.
    cancelled: bool,
    /// `cardExpiration` as sent (a capture must repeat it if it sends one).
    expiration: String,
    /// What the deal knows of its card (a capture charges the J5's).
    card: CardFacts,
    cvv_status: Option<Coded>,
    amount: i64,
    currency: String,
    credit_type: &'static str,
    number_of_payments: Option<u8>,
    first_payment: Option<i64>,
    periodical_payment: Option<i64>,
    auth_number: Option<String>,
    card_mask: String,
    refunded: i64,
    user: Option<String>,
    reference: Option<String>,
    holder_id: Option<String>,
    card_id: Option<String>,
    card_number_sent: bool,
    cvv_sent: bool,
    transaction_code: String,
}

/// A refund or a cancellation of a deal.
#[derive(Clone, Debug)]
struct Refund {
    /// `Refund` or `Cancel`.
    kind: &'static str,
    tran_id: String,
    cg_uid: String,
    amount: i64,
    currency: String,
    card_mask: String,
    user: Option<String>,
}

impl State {
    pub(super) fn new(user: &str, password: &str, terminal: &str) -> State {
        State {
            user: user.to_owned(),
            password: password.to_owned(),
            terminal: terminal.to_owned(),
            next_id: 0,
            deals: Vec::new(),
            refunds: Vec::new(),
            tokens: Vec::new(),
        }
    }

    pub(super) fn charges(&self) -> Vec<Charge> {
        self.deals
            .iter()
            .map(|deal| Charge {
                tran_id: deal.tran_id.clone(),
                result: deal.result.to_owned(),
                approved: deal.result == APPROVED,
                amount_minor: deal.amount,
                currency: deal.currency.clone(),
                credit_type: deal.credit_type.to_owned(),
                installments: match (deal.credit_type, deal.number_of_payments) {
                    (CREDIT_DEAL, Some(all)) => all,
                    (_, later) => later.map_or(1, |n| n + 1),
                },
                first_payment_minor: deal.first_payment,
                periodical_payment_minor: deal.periodical_payment,
                refunded_minor: deal.refunded,
                user: deal.user.clone(),
                reference: deal.reference.clone(),
                holder_id: deal.holder_id.clone(),
                card_id: deal.card_id.clone(),
                card_number_sent: deal.card_number_sent,
                cvv_sent: deal.cvv_sent,
                transaction_code: deal.transaction_code.clone(),
                validation: deal.validation.to_owned(),
                cg_uid: deal.cg_uid.clone(),
                captured_minor: deal.captured,
                cancelled: deal.cancelled,
            })
            .collect()
    }

    /// A fresh transaction id and `cgUid`.
    fn ids(&mut self) -> (String, String) {
        self.next_id += 1;
        (
            format!("{}", 60_000_000 + self.next_id),
            format!("{}", 119_000_000 + self.next_id),
        )
    }
}

/// The shared state as the handler holds it.
type Shared = Arc<Mutex<State>>;

/// Success.
const APPROVED: &str = "000";
/// Invalid request (a choice of the double's, see the module's docs).
const INVALID: &str = "300";
/// No such transaction to refund.
const NO_SUCH_DEAL: &str = "310";
/// The refund is more than what remains of the deal.
const OVER_REFUND: &str = "311";
/// The capture is more than the J5 authorized (a choice of the double's).
const OVER_CAPTURE: &str = "312";
/// The J5 was already captured or cancelled (a choice of the double's).
const NOT_OPEN: &str = "313";
/// The user, password or terminal is refused.
const DENIED: &str = "405";

/// The English text of a result code.
fn message(code: &str) -> &'static str {
    match code {
        "000" => "Permitted transaction.",
        "001" => "Blocked card, confiscate.",
        "002" => "Stolen card, confiscate.",
        "003" => "Call the credit company.",
        "004" => "Refusal.",
        "006" => "Wrong ID or CVV.",
        "033" => "Invalid card.",
        "036" => "Expired card.",
        "037" => {
            "Installments error: the total must equal the first payment plus the periodical payment times the number of payments."
        }
        "038" => "Cannot exceed the ceiling of this card.",
        "039" => "Wrong check digit.",
        "057" => "ID number not entered.",
        "058" => "CVV2 not entered.",
        "061" => "Card number missing.",
        "062" => "Invalid transaction type.",
        "063" => "Invalid transaction code.",
        "064" => "Invalid credit type.",
        "065" => "Invalid currency.",
        "066" => "First or periodical payment with a credit type other than Payments.",
        "067" => "Number of payments with a credit type that takes none.",
        "310" => "Transaction not found.",
        "311" => "The refund exceeds what remains of the transaction.",
        "312" => "The capture exceeds the authorized amount.",
        "313" => "The transaction was already captured or cancelled.",
        "405" => "Permission denied: wrong user, password or terminal.",
        _ => "Invalid request.",
    }
}

/// A refusal: a result code and, for `300`, the field at fault.
#[derive(Debug)]
struct Refusal {
    code: &'static str,
    info: &'static str,
}

fn refuse<T>(code: &'static str, info: &'static str) -> Result<T, Refusal> {
    Err(Refusal { code, info })
}

/// `POST /xpo/Relay`.
pub(super) async fn relay(
    AxumState(shared): AxumState<Shared>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let field = |name: &str| -> Option<&str> {
        fields
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    };
    let request = field("int_in").and_then(|xml| {
        quick_xml::de::from_str::<RequestDocument>(xml)
            .ok()
            .and_then(|document| document.request)
    });
    let command = request
        .as_ref()
        .and_then(|request| request.command.clone())
        .unwrap_or_default();
    let mut state = shared.lock().unwrap_or_else(PoisonError::into_inner);
    let authenticated = field("user") == Some(state.user.as_str())
        && field("password") == Some(state.password.as_str());
    if !authenticated {
        return answer(gateway_error(&command, None, DENIED, ""));
    }
    let Some(request) = request else {
        return answer(gateway_error(&command, None, INVALID, "int_in"));
    };
    if request.version.as_deref() != Some("2000") {
        return answer(gateway_error(&command, None, INVALID, "version"));
    }
    let request_id = request.request_id.clone();
    let document = match command.as_str() {
        "doDeal" => do_deal(&mut state, request),
        "refundDeal" => refund_deal(&mut state, request),
        "cancelDeal" => j5::cancel_deal(&mut state, request),
        "inquireTransactions" => inquire(&state, request),
        _ => gateway_error(&command, None, INVALID, "command"),
    };
    drop(state);
    let mut document = document;
    document.response.request_id = request_id.unwrap_or_default();
    answer(document)
}

/// Writes an answer document.
fn answer(document: AnswerDocument) -> Response {
    match quick_xml::se::to_string(&document) {
        Ok(xml) => (
            [(CONTENT_TYPE, "application/xml; charset=UTF-8")],
            format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>{xml}"),
        )
            .into_response(),
        Err(_) => axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// The general part of an answer.
fn response(command: &str, tran_id: Option<String>, code: &str, info: &str) -> Answer {
    Answer {
        command: command.to_owned(),
        date_time: now_text(),
        request_id: String::new(),
        tran_id,
        result: code.to_owned(),
        message: message(code).to_owned(),
        user_message: message(code).to_owned(),
        additional_info: info.to_owned(),
        version: "2000".to_owned(),
        language: "ENG".to_owned(),
        do_deal: None,
        refund_deal: None,
        cancel_deal: None,
        inquire_transactions: None,
    }
}

/// An answer refusing the request before any deal: the code in `result`
/// and, for `doDeal` and `refundDeal`, in the command's `status` too (as
/// Wix's testkit shows for a refused merchant).
fn gateway_error(
    command: &str,
    tran_id: Option<String>,
    code: &str,
    info: &'static str,
) -> AnswerDocument {
    let mut response = response(command, tran_id, code, info);
    match command {
        "doDeal" => {
            response.do_deal = Some(DealAnswer {
                status: code.to_owned(),
                status_text: message(code).to_owned(),
                ..DealAnswer::default()
            });
        }
        "refundDeal" => {
            response.refund_deal = Some(RefundAnswer {
                status: code.to_owned(),
                status_text: message(code).to_owned(),
                ..RefundAnswer::default()
            });
        }
        "cancelDeal" => {
            response.cancel_deal = Some(RefundAnswer {
                status: code.to_owned(),
                status_text: message(code).to_owned(),
                ..RefundAnswer::default()
            });
        }
        _ => {}
    }
    AnswerDocument { response }
}

/// A present, non-empty field.
fn given(value: Option<&String>) -> Option<&str> {
    value
        .map(|text| text.trim())
        .filter(|text| !text.is_empty())
}

/// Digits only, as a positive amount in minor units.
fn minor_units(text: &str) -> Option<i64> {
    if text.is_empty() || text.len() > 12 || !text.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// A `doDeal`, checked in the order the relay reports problems.
fn do_deal(state: &mut State, request: Request) -> AnswerDocument {
    let Some(deal) = request.do_deal else {
        return gateway_error("doDeal", None, INVALID, "doDeal");
    };
    if given(deal.cg_uid.as_ref()).is_some() {
        return match j5::check_capture(state, &deal) {
            Ok(capture) => j5::record_capture(state, capture),
            Err(refusal) => gateway_error("doDeal", None, refusal.code, refusal.info),
        };
    }
    match check_deal(state, &deal) {
        Ok(checked) => record_deal(state, checked),
        Err(refusal) => gateway_error("doDeal", None, refusal.code, refusal.info),
    }
}

/// What a well-formed deal asks for.
struct CheckedDeal {
    validation: &'static str,
    card: CardFacts,
    /// The token the deal was made with (`None`: a card number).
    card_id: Option<String>,
    cvv_sent: bool,
    expiration: String,
    amount: i64,
    currency: String,
    credit_type: &'static str,
    transaction_code: String,
    payments: Option<Plan>,
    expired: bool,
    user: Option<String>,
    reference: Option<String>,
    holder_id: Option<String>,
}

fn check_deal(state: &State, deal: &DoDeal) -> Result<CheckedDeal, Refusal> {
    if given(deal.terminal_number.as_ref()) != Some(state.terminal.as_str()) {
        return refuse(DENIED, "terminalNumber");
    }
    match given(deal.transaction_type.as_ref()) {
        Some("Debit") => {}
        Some("Credit") => return refuse(INVALID, "transactionType"),
        _ => return refuse("062", ""),
    }
    // J4 charges; J5 only holds the amount (captured later by its cgUid).
    let validation = match given(deal.validation.as_ref()) {
        Some("AutoComm") => "AutoComm",
        Some("Verify") => "Verify",
        _ => return refuse(INVALID, "validation"),
    };
    let transaction_code = match given(deal.transaction_code.as_ref()) {
        Some(code @ ("Phone" | "Internet")) => code.to_owned(),
        _ => return refuse("063", ""),
    };
    let credit_type = match given(deal.credit_type.as_ref()) {
        Some("RegularCredit") => "RegularCredit",
        Some("Payments") => "Payments",
        Some(CREDIT_DEAL) => CREDIT_DEAL,
        _ => return refuse("064", ""),
    };
    let currency = match given(deal.currency.as_ref()) {
        Some(code) if CURRENCIES.contains(&code) => code.to_owned(),
        _ => return refuse("065", ""),
    };
    let Some(total) = given(deal.total.as_ref()) else {
        return refuse(INVALID, "total");
    };
    let amount = minor_units(total)
        .filter(|amount| *amount > 0)
        .map_or_else(|| refuse(INVALID, "total"), Ok)?;
    let card_id = given(deal.card_id.as_ref());
    let (card, card_id) = match (given(deal.card_no.as_ref()), card_id) {
        (Some(_), Some(_)) => return refuse(INVALID, "cardNo"),
        (None, Some(card_id)) => match state.tokens.iter().find(|token| token.card_id == card_id) {
            Some(token) => (token.facts.clone(), Some(card_id.to_owned())),
            None => return refuse(INVALID, "cardId"),
        },
        (None, None) => return refuse("061", ""),
        (Some(number), None) => {
            if !number.bytes().all(|byte| byte.is_ascii_digit()) {
                return refuse("033", "");
            }
            match CardNumber::parse(number) {
                Ok(card) => (CardFacts::of(&card), None),
                Err(CardNumberError::Checksum) => return refuse("039", ""),
                Err(_) => return refuse("033", ""),
            }
        }
    };
    let expiration = given(deal.card_expiration.as_ref()).unwrap_or_default();
    let expired = match parse_mmyy(expiration) {
        Some((month, year)) => (year, month) < current_year_month(),
        None => return refuse(INVALID, "cardExpiration"),
    };
    // A token stands for a card whose CVV and ID were checked when it was
    // made: a deal on it may leave them out, but what it sends is checked.
    let by_token = card_id.is_some();
    let cvv = given(deal.cvv.as_ref());
    if !(by_token && cvv.is_none()) {
        check_cvv(deal.cvv.as_ref(), card.brand)?;
    }
    let cvv_sent = cvv.is_some_and(|cvv| cvv != "0" && cvv != "9");
    let holder_id = match given(deal.id.as_ref()) {
        None if by_token => None,
        None => return refuse("057", ""),
        Some(id) if id.len() == 9 && IsraeliId::parse(id).is_ok() => Some(id.to_owned()),
        Some(_) => return refuse("006", ""),
    };
    let payments = check_payments(deal, credit_type, amount)?;
    let user = given(deal.user.as_ref()).map(str::to_owned);
    if user
        .as_ref()
        .is_some_and(|user| user.chars().count() > USER_MAX)
    {
        return refuse(INVALID, "user");
    }
    let reference = deal
        .customer_data
        .as_ref()
        .and_then(|data| given(data.user_data1.as_ref()))
        .map(str::to_owned);
    if reference
        .as_ref()
        .is_some_and(|reference| reference.chars().count() > USER_DATA_MAX)
    {
        return refuse(INVALID, "customerData");
    }
    Ok(CheckedDeal {
        validation,
        card,
        card_id,
        cvv_sent,
        expiration: expiration.to_owned(),
        amount,
        currency,
        credit_type,
        transaction_code,
        payments,
        expired,
        user,
        reference,
        holder_id,
    })
}

/// `MMYY` with a month from 01 to 12.
fn parse_mmyy(text: &str) -> Option<(u32, u32)> {
    if text.len() != 4 || !text.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    let month: u32 = text[..2].parse().ok()?;
    let year: u32 = text[2..].parse().ok()?;
    (1..=12).contains(&month).then_some((month, 2000 + year))
}

/// The terminal requires the CVV: 3 or 4 digits of the brand's size, or
/// `9` for a brand without one.
fn check_cvv(cvv: Option<&String>, brand: Brand) -> Result<(), Refusal> {
    let size = usize::from(brand.security_code_size());
    match given(cvv) {
        None | Some("0") => refuse("058", ""),
        Some("9") if size == 0 => Ok(()),
        Some(code) if code.len() == size && code.bytes().all(|byte| byte.is_ascii_digit()) => {
            Ok(())
        }
        Some(_) => refuse("006", ""),
    }
}

/// A deal's installment fields, as checked: `numberOfPayments` (for
/// `Payments` the payments after the first, for `SpecialCredit` all of
/// them), and for `Payments` only, `firstPayment` and `periodicalPayment`.
type Plan = (u8, Option<i64>, Option<i64>);

/// The installment fields against the credit type.
fn check_payments(deal: &DoDeal, credit_type: &str, amount: i64) -> Result<Option<Plan>, Refusal> {
    let number = given(deal.number_of_payments.as_ref());
    let first = given(deal.first_payment.as_ref());
    let periodical = given(deal.periodical_payment.as_ref());
    if credit_type == "RegularCredit" {
        if first.is_some() || periodical.is_some() {
            return refuse("066", "");
        }
        if number.is_some() {
            return refuse("067", "");
        }
        return Ok(None);
    }
    if credit_type == CREDIT_DEAL {
        // The issuer sets a credit deal's payments: only their number goes.
        if first.is_some() || periodical.is_some() {
            return refuse("066", "");
        }
        return match number.map(str::parse::<u8>) {
            Some(Ok(all)) if CREDIT_PAYMENTS.contains(&all) && amount >= i64::from(all) => {
                Ok(Some((all, None, None)))
            }
            _ => refuse("037", ""),
        };
    }
    let (Some(number), Some(first), Some(periodical)) = (number, first, periodical) else {
        return refuse("037", "");
    };
    let number: u8 = match number.parse() {
        Ok(number) if (1..MAX_PAYMENTS).contains(&number) => number,
        _ => return refuse("037", ""),
    };
    let (Some(first), Some(periodical)) = (minor_units(first), minor_units(periodical)) else {
        return refuse("037", "");
    };
    if periodical == 0 || first + i64::from(number) * periodical != amount {
        return refuse("037", "");
    }
    Ok(Some((number, Some(first), Some(periodical))))
}

/// The card's scripted answer: the result code and the CVV check.
fn scripted(digits: &str) -> (&'static str, &'static str) {
    match digits {
        cards::INSUFFICIENT_FUNDS => ("038", "Valid"),
        cards::REFUSED => ("004", "Valid"),
        cards::BLOCKED => ("001", "Valid"),
        cards::STOLEN => ("002", "Valid"),
        cards::EXPIRED => ("036", "Valid"),
        cards::WRONG_CVV => ("006", "Invalid"),
        cards::CALL_ISSUER => ("003", "Valid"),
        _ => (APPROVED, "Valid"),
    }
}

/// The CVV check with the code CreditGuard puts beside it.
fn cvv_status(text: &'static str) -> Coded {
    let code = match text {
        "Valid" => "1",
        "Invalid" => "2",
        _ => "3",
    };
    Coded { code, text }
}

/// Records a checked deal with its scripted answer, and answers it.
fn record_deal(state: &mut State, checked: CheckedDeal) -> AnswerDocument {
    let (mut result, cvv) = checked.card.scripted;
    if checked.expired && result == APPROVED {
        result = "036";
    }
    let (tran_id, cg_uid) = state.ids();
    let auth_number = (result == APPROVED).then(|| format!("{:07}", 4_760_000 + state.next_id));
    let card_mask = checked.card.mask.clone();
    let card_number_sent = checked.card_id.is_none();
    // An approved deal on a card number issues the card's token.
    let card_id = match checked.card_id {
        Some(card_id) => Some(card_id),
        None if result == APPROVED => {
            let card_id = format!(
                "10{:010}{}",
                1_216_390_000 + state.next_id,
                checked.card.last4
            );
            state.tokens.push(Token {
                card_id: card_id.clone(),
                facts: checked.card.clone(),
            });
            Some(card_id)
        }
        None => None,
    };
    let deal = Deal {
        tran_id: tran_id.clone(),
        cg_uid: cg_uid.clone(),
        result,
        validation: checked.validation,
        captured: None,
        cancelled: false,
        expiration: checked.expiration.clone(),
        card: checked.card.clone(),
        cvv_status: Some(cvv_status(cvv)),
        amount: checked.amount,
        currency: checked.currency.clone(),
        credit_type: checked.credit_type,
        number_of_payments: checked.payments.map(|(number, _, _)| number),
        first_payment: checked.payments.and_then(|(_, first, _)| first),
        periodical_payment: checked.payments.and_then(|(_, _, periodical)| periodical),
        auth_number: auth_number.clone(),
        card_mask: card_mask.clone(),
        refunded: 0,
        user: checked.user.clone(),
        reference: checked.reference.clone(),
        holder_id: checked.holder_id,
        card_id: card_id.clone(),
        card_number_sent,
        cvv_sent: checked.cvv_sent,
        transaction_code: checked.transaction_code.clone(),
    };
    state.deals.push(deal.clone());
    let last4 = checked.card.last4.clone();
    let mut response = response("doDeal", Some(tran_id), result, "");
    response.do_deal = Some(DealAnswer {
        status: result.to_owned(),
        status_text: message(result).to_owned(),
        terminal_number: Some(state.terminal.clone()),
        card_bin: Some(checked.card.bin.clone()),
        card_mask: Some(card_mask),
        card_length: Some(checked.card.length),
        card_no: Some(format!("{}{last4}", "x".repeat(checked.card.length - 4))),
        card_id,
        card_expiration: Some(checked.expiration),
        card_brand: Some(checked.card.brand.display_name().to_owned()),
        transaction_type: Some("RegularDebit".to_owned()),
        credit_type: Some(checked.credit_type.to_owned()),
        currency: Some(checked.currency),
        transaction_code: Some(checked.transaction_code),
        total: Some(checked.amount),
        first_payment: deal.first_payment,
        periodical_payment: deal.periodical_payment,
        number_of_payments: deal.number_of_payments,
        validation: Some(checked.validation.to_owned()),
        id_status: Some(Coded {
            code: "1",
            text: "Valid",
        }),
        cvv_status: deal.cvv_status,
        auth_source: (result == APPROVED).then(|| "Credit Company".to_owned()),
        auth_number,
        user: checked.user,
        customer_data: checked.reference.map(|reference| CustomerData {
            user_data1: Some(reference),
        }),
        cg_uid: Some(cg_uid),
    });
    AnswerDocument { response }
}

/// A `refundDeal`: all or part of what remains of an approved deal.
fn refund_deal(state: &mut State, request: Request) -> AnswerDocument {
    let Some(refund) = request.refund_deal else {
        return gateway_error("refundDeal", None, INVALID, "refundDeal");
    };
    match check_refund(state, &refund) {
        Ok((index, amount, user)) => record_refund(state, index, amount, user),
        Err(refusal) => gateway_error("refundDeal", None, refusal.code, refusal.info),
    }
}

fn check_refund(
    state: &State,
    refund: &RefundDeal,
) -> Result<(usize, i64, Option<String>), Refusal> {
    if given(refund.terminal_number.as_ref()) != Some(state.terminal.as_str()) {
        return refuse(DENIED, "terminalNumber");
    }
    let tran_id = given(refund.tran_id.as_ref());
    let cg_uid = given(refund.cg_uid.as_ref());
    if tran_id.is_none() && cg_uid.is_none() {
        return refuse(INVALID, "tranId");
    }
    let index = state
        .deals
        .iter()
        .position(|deal| {
            tran_id.is_none_or(|id| deal.tran_id == id)
                && cg_uid.is_none_or(|id| deal.cg_uid == id)
                // A J5 took nothing to give back (cancelDeal releases it).
                && deal.validation == "AutoComm"
        })
        .filter(|index| state.deals[*index].result == APPROVED && !state.deals[*index].cancelled)
        .map_or_else(|| refuse(NO_SUCH_DEAL, ""), Ok)?;
    let remaining = state.deals[index].amount - state.deals[index].refunded;
    let amount = match given(refund.total.as_ref()) {
        None => remaining,
        Some(total) => minor_units(total)
            .filter(|amount| *amount > 0)
            .map_or_else(|| refuse(INVALID, "total"), Ok)?,
    };
    if amount > remaining || remaining == 0 {
        return refuse(OVER_REFUND, "");
    }
    let user = given(refund.user.as_ref()).map(str::to_owned);
    if user
        .as_ref()
        .is_some_and(|user| user.chars().count() > USER_MAX)
    {
        return refuse(INVALID, "user");
    }
    Ok((index, amount, user))
}

fn record_refund(
    state: &mut State,
    index: usize,
    amount: i64,
    user: Option<String>,
) -> AnswerDocument {
    let (tran_id, _) = state.ids();
    let deal = &mut state.deals[index];
    deal.refunded += amount;
    let refund = Refund {
        kind: "Refund",
        tran_id: tran_id.clone(),
        cg_uid: deal.cg_uid.clone(),
        amount,
        currency: deal.currency.clone(),
        card_mask: deal.card_mask.clone(),
        user: user.clone(),
    };
    let original = deal.tran_id.clone();
    state.refunds.push(refund.clone());
    let mut response = response("refundDeal", Some(tran_id.clone()), APPROVED, "");
    response.refund_deal = Some(RefundAnswer {
        status: APPROVED.to_owned(),
        status_text: message(APPROVED).to_owned(),
        tran_id: Some(tran_id),
        original_tran_id: Some(original),
        total: Some(amount),
        currency: Some(refund.currency),
        user,
        cg_uid: Some(refund.cg_uid),
    });
    AnswerDocument { response }
}

/// An `inquireTransactions` by `tranId`, `user` or `cgUid`.
fn inquire(state: &State, request: Request) -> AnswerDocument {
    let Some(inquiry) = request.inquire_transactions else {
        return gateway_error("inquireTransactions", None, INVALID, "inquireTransactions");
    };
    if given(inquiry.terminal_number.as_ref()) != Some(state.terminal.as_str()) {
        return gateway_error("inquireTransactions", None, DENIED, "terminalNumber");
    }
    let criteria = Criteria::from(&inquiry);
    if criteria.is_empty() {
        return gateway_error("inquireTransactions", None, INVALID, "user");
    }
    let mut rows: Vec<(u64, TransactionRow)> = Vec::new();
    for deal in &state.deals {
        if criteria.matches(&deal.tran_id, &deal.cg_uid, deal.user.as_deref()) {
            rows.push((sequence(&deal.tran_id), deal_row(state, deal)));
        }
    }
    for refund in &state.refunds {
        if criteria.matches(&refund.tran_id, &refund.cg_uid, refund.user.as_deref()) {
            rows.push((sequence(&refund.tran_id), refund_row(state, refund)));
        }
    }
    rows.sort_by_key(|(sequence, _)| *sequence);
    let count = rows.len();
    let mut response = response("inquireTransactions", None, APPROVED, "");
    response.inquire_transactions = Some(InquiryAnswer {
        totals: Totals {
            page_number: 1,
            pages_amount: 1,
            total: count,
            total_match: count,
        },
        transactions: Transactions {
            transaction: rows.into_iter().map(|(_, row)| row).collect(),
        },
    });
    AnswerDocument { response }
}

/// The search criteria of an inquiry; all given ones must match.
struct Criteria<'a> {
    tran_id: Option<&'a str>,
    user: Option<&'a str>,
    cg_uid: Option<&'a str>,
}

impl<'a> Criteria<'a> {
    fn from(inquiry: &'a Inquiry) -> Criteria<'a> {
        Criteria {
            tran_id: given(inquiry.tran_id.as_ref()),
            user: given(inquiry.user.as_ref()),
            cg_uid: given(inquiry.cg_uid.as_ref()),
        }
    }

    fn is_empty(&self) -> bool {
        self.tran_id.is_none() && self.user.is_none() && self.cg_uid.is_none()
    }

    fn matches(&self, tran_id: &str, cg_uid: &str, user: Option<&str>) -> bool {
        self.tran_id.is_none_or(|wanted| wanted == tran_id)
            && self.cg_uid.is_none_or(|wanted| wanted == cg_uid)
            && self.user.is_none_or(|wanted| Some(wanted) == user)
    }
}

/// The order transactions were made in.
fn sequence(tran_id: &str) -> u64 {
    tran_id.parse().unwrap_or(u64::MAX)
}

fn deal_row(state: &State, deal: &Deal) -> TransactionRow {
    TransactionRow {
        tran_id: deal.tran_id.clone(),
        cg_uid: deal.cg_uid.clone(),
        terminal_number: state.terminal.clone(),
        status: deal.result.to_owned(),
        status_text: message(deal.result).to_owned(),
        transaction_type: Coded {
            code: "01",
            text: "RegularDebit",
        },
        credit_type: deal.credit_type.to_owned(),
        currency: deal.currency.clone(),
        total: deal.amount,
        number_of_payments: deal.number_of_payments,
        first_payment: deal.first_payment,
        periodical_payment: deal.periodical_payment,
        auth_number: deal.auth_number.clone(),
        card_mask: deal.card_mask.clone(),
        validation: deal.validation.to_owned(),
        financial_status: financial_status(deal),
        user: deal.user.clone(),
        customer_data: deal.reference.clone().map(|reference| CustomerData {
            user_data1: Some(reference),
        }),
    }
}

/// A deal's `financialStatus`: `Captured` for a charge, `Cancelled` once
/// cancelled; a J5 takes nothing, so it has none until cancelled.
fn financial_status(deal: &Deal) -> Option<String> {
    if deal.result != APPROVED {
        return None;
    }
    if deal.cancelled {
        return Some("Cancelled".to_owned());
    }
    (deal.validation == "AutoComm").then(|| "Captured".to_owned())
}

fn refund_row(state: &State, refund: &Refund) -> TransactionRow {
    TransactionRow {
        tran_id: refund.tran_id.clone(),
        cg_uid: refund.cg_uid.clone(),
        terminal_number: state.terminal.clone(),
        status: APPROVED.to_owned(),
        status_text: message(APPROVED).to_owned(),
        transaction_type: if refund.kind == "Cancel" {
            Coded {
                code: "52",
                text: "Cancel",
            }
        } else {
            Coded {
                code: "53",
                text: "Refund",
            }
        },
        credit_type: "RegularCredit".to_owned(),
        currency: refund.currency.clone(),
        total: refund.amount,
        number_of_payments: None,
        first_payment: None,
        periodical_payment: None,
        auth_number: None,
        card_mask: refund.card_mask.clone(),
        validation: "AutoComm".to_owned(),
        financial_status: Some("Captured".to_owned()),
        user: refund.user.clone(),
        customer_data: None,
    }
}

/// Seconds since the Unix epoch, by the machine's clock.
fn now_seconds() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| i64::try_from(elapsed.as_secs()).unwrap_or(0))
}

/// The civil date of a day count since 1970-01-01 (Howard Hinnant's
/// `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = u32::try_from(day_of_year - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let month = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// This year and month, by the machine's clock.
fn current_year_month() -> (u32, u32) {
    let (year, month, _) = civil_from_days(now_seconds().div_euclid(86_400));
    (u32::try_from(year).unwrap_or(0), month)
}

/// `YYYY-MM-DD hh:mm:ss`, UTC.
fn now_text() -> String {
    let seconds = now_seconds();
    let (year, month, day) = civil_from_days(seconds.div_euclid(86_400));
    let of_day = seconds.rem_euclid(86_400);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02}",
        of_day / 3_600,
        of_day % 3_600 / 60,
        of_day % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_are_right() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_413), (2025, 11, 21));
    }

    #[test]
    fn expiry_is_mmyy() {
        assert_eq!(parse_mmyy("1230"), Some((12, 2030)));
        assert_eq!(parse_mmyy("1330"), None);
        assert_eq!(parse_mmyy("12/30"), None);
        assert_eq!(parse_mmyy("123"), None);
    }

    #[test]
    fn amounts_are_digits_in_minor_units() {
        assert_eq!(minor_units("1500"), Some(1500));
        assert_eq!(minor_units("15.00"), None);
        assert_eq!(minor_units("-15"), None);
        assert_eq!(minor_units(""), None);
    }

    #[test]
    fn answers_carry_attributes_and_rows() {
        let mut state = State::new("u", "p", "t");
        let (tran_id, cg_uid) = state.ids();
        state.deals.push(Deal {
            tran_id,
            cg_uid,
            result: APPROVED,
            validation: "AutoComm",
            captured: None,
            cancelled: false,
            expiration: "1230".to_owned(),
            card: CardFacts::of(&CardNumber::parse(cards::APPROVED).unwrap()),
            cvv_status: None,
            amount: 100,
            currency: "ILS".to_owned(),
            credit_type: "RegularCredit",
            number_of_payments: None,
            first_payment: None,
            periodical_payment: None,
            auth_number: Some("0000001".to_owned()),
            card_mask: "458045******4580".to_owned(),
            refunded: 0,
            user: Some("k1".to_owned()),
            reference: Some("kassa-inv_1-1".to_owned()),
            holder_id: None,
            card_id: None,
            card_number_sent: true,
            cvv_sent: true,
            transaction_code: "Internet".to_owned(),
        });
        let request = Request {
            inquire_transactions: Some(Inquiry {
                terminal_number: Some("t".to_owned()),
                user: Some("k1".to_owned()),
                ..Inquiry::default()
            }),
            ..Request::default()
        };
        let xml = quick_xml::se::to_string(&inquire(&state, request)).unwrap_or_default();
        assert!(
            xml.contains("<transactionType code=\"01\">RegularDebit</transactionType>"),
            "{xml}"
        );
        assert!(
            xml.contains("<userData1>kassa-inv_1-1</userData1>"),
            "{xml}"
        );
    }
}

//! Two-phase deals: capturing a J5 authorization (`validation` `Verify`)
//! and cancelling a deal before it is transmitted.
//!
//! A J5 deal is an ordinary `doDeal` with `validation` `Verify`, checked
//! like any other (card or `cardId`, `cardExpiration`, CVV, the holder's
//! `id`, `total`, `currency`: the fields seed 003's J5 record carries). It
//! holds the amount and takes nothing.
//!
//! Its capture is a `doDeal` with `validation` `AutoComm` and the J5's
//! `cgUid` (the shared notes: "capturing an earlier Verify: AutoComm with
//! the same cgUid"; Hyp's two-phase pages). The J5 stands for the card:
//! `cardNo` is refused (`300` naming it); `cardId`, `cardExpiration` and
//! `authNumber` may be sent and must then be the J5's. `total` may be less
//! than the J5's, never more (`312`); `currency` must be the J5's. A J5 is
//! captured once: a second capture, or a capture of a cancelled J5, is
//! `313`. An unknown `cgUid`, or one whose J5 was declined, is `310`.
//!
//! `cancelDeal` (Hyp's "cancel approval (J5) requests in two-phase
//! commits") finds the deal by `tranId` or `cgUid`, cancels only the full
//! amount (a `total` other than the deal's is `300`), and records a
//! `Cancel` transaction sharing the deal's `cgUid`. A J5 already captured,
//! or a deal already cancelled, is `313`; a charge already refunded is
//! `313` too (the double never transmits, so nothing else stops it).
//!
//! The codes `312` and `313` are the double's choice: the documents give
//! none for these refusals.

use super::{
    APPROVED, AnswerDocument, CancelDeal, CustomerData, Deal, DealAnswer, DoDeal, INVALID,
    NO_SUCH_DEAL, NOT_OPEN, OVER_CAPTURE, Refund, RefundAnswer, Refusal, Request, State,
    USER_DATA_MAX, USER_MAX, check_payments, given, message, minor_units, refuse, response,
};
use super::{CREDIT_DEAL, Plan};

/// A well-formed capture of an open J5.
pub(super) struct CheckedCapture {
    /// The J5's index in the terminal's deals.
    j5: usize,
    amount: i64,
    credit_type: &'static str,
    transaction_code: String,
    payments: Option<Plan>,
    user: Option<String>,
    reference: Option<String>,
}

/// Checks a `doDeal` that names a J5 by its `cgUid`.
pub(super) fn check_capture(state: &State, deal: &DoDeal) -> Result<CheckedCapture, Refusal> {
    if given(deal.terminal_number.as_ref()) != Some(state.terminal.as_str()) {
        return refuse(super::DENIED, "terminalNumber");
    }
    if given(deal.validation.as_ref()) != Some("AutoComm") {
        // Only a charge captures; a second Verify on a J5 means nothing.
        return refuse(INVALID, "validation");
    }
    if given(deal.transaction_type.as_ref()) != Some("Debit") {
        return refuse("062", "");
    }
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
    let cg_uid = given(deal.cg_uid.as_ref()).unwrap_or_default();
    let j5 = state
        .deals
        .iter()
        .position(|held| held.cg_uid == cg_uid && held.validation == "Verify")
        .filter(|index| state.deals[*index].result == APPROVED)
        .map_or_else(|| refuse(NO_SUCH_DEAL, ""), Ok)?;
    let held = &state.deals[j5];
    if held.captured.is_some() || held.cancelled {
        return refuse(NOT_OPEN, "");
    }
    // The issuer approved a credit deal as credit: it is captured as one,
    // and nothing else is.
    if (credit_type == CREDIT_DEAL) != (held.credit_type == CREDIT_DEAL) {
        return refuse(INVALID, "creditType");
    }
    // The J5 is the card: a number is refused, a token or expiry must be its own.
    if given(deal.card_no.as_ref()).is_some() {
        return refuse(INVALID, "cardNo");
    }
    if given(deal.card_id.as_ref()).is_some_and(|card_id| held.card_id.as_deref() != Some(card_id))
    {
        return refuse(INVALID, "cardId");
    }
    if given(deal.card_expiration.as_ref()).is_some_and(|expiry| expiry != held.expiration) {
        return refuse(INVALID, "cardExpiration");
    }
    if given(deal.auth_number.as_ref())
        .is_some_and(|number| held.auth_number.as_deref() != Some(number))
    {
        return refuse(INVALID, "authNumber");
    }
    if given(deal.currency.as_ref()) != Some(held.currency.as_str()) {
        return refuse(INVALID, "currency");
    }
    let amount = given(deal.total.as_ref())
        .and_then(minor_units)
        .filter(|amount| *amount > 0)
        .map_or_else(|| refuse(INVALID, "total"), Ok)?;
    if amount > held.amount {
        return refuse(OVER_CAPTURE, "");
    }
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
    Ok(CheckedCapture {
        j5,
        amount,
        credit_type,
        transaction_code,
        payments,
        user,
        reference,
    })
}

/// Records the capture as a new debit sharing the J5's `cgUid` and
/// authorization number, and answers it.
pub(super) fn record_capture(state: &mut State, capture: CheckedCapture) -> AnswerDocument {
    let (tran_id, _) = state.ids();
    let terminal = state.terminal.clone();
    let held = &mut state.deals[capture.j5];
    held.captured = Some(capture.amount);
    let deal = Deal {
        tran_id: tran_id.clone(),
        cg_uid: held.cg_uid.clone(),
        result: APPROVED,
        validation: "AutoComm",
        captured: None,
        cancelled: false,
        expiration: held.expiration.clone(),
        card: held.card.clone(),
        cvv_status: None,
        amount: capture.amount,
        currency: held.currency.clone(),
        credit_type: capture.credit_type,
        number_of_payments: capture.payments.map(|(number, _, _)| number),
        first_payment: capture.payments.and_then(|(_, first, _)| first),
        periodical_payment: capture.payments.and_then(|(_, _, periodical)| periodical),
        auth_number: held.auth_number.clone(),
        card_mask: held.card_mask.clone(),
        refunded: 0,
        user: capture.user,
        reference: capture.reference,
        holder_id: held.holder_id.clone(),
        card_id: held.card_id.clone(),
        card_number_sent: false,
        cvv_sent: false,
        transaction_code: capture.transaction_code,
    };
    state.deals.push(deal.clone());
    let mut response = response("doDeal", Some(tran_id), APPROVED, "");
    response.do_deal = Some(DealAnswer {
        status: APPROVED.to_owned(),
        status_text: message(APPROVED).to_owned(),
        terminal_number: Some(terminal),
        card_mask: Some(deal.card_mask),
        card_id: deal.card_id,
        card_expiration: Some(deal.expiration),
        transaction_type: Some("RegularDebit".to_owned()),
        credit_type: Some(deal.credit_type.to_owned()),
        currency: Some(deal.currency),
        transaction_code: Some(deal.transaction_code),
        total: Some(deal.amount),
        first_payment: deal.first_payment,
        periodical_payment: deal.periodical_payment,
        number_of_payments: deal.number_of_payments,
        validation: Some("AutoComm".to_owned()),
        auth_number: deal.auth_number,
        user: deal.user,
        customer_data: deal.reference.map(|reference| CustomerData {
            user_data1: Some(reference),
        }),
        cg_uid: Some(deal.cg_uid),
        ..DealAnswer::default()
    });
    AnswerDocument { response }
}

/// A `cancelDeal`: the full amount of an open deal.
pub(super) fn cancel_deal(state: &mut State, request: Request) -> AnswerDocument {
    let Some(cancel) = request.cancel_deal else {
        return super::gateway_error("cancelDeal", None, INVALID, "cancelDeal");
    };
    match check_cancel(state, &cancel) {
        Ok((index, user)) => record_cancel(state, index, user),
        Err(refusal) => super::gateway_error("cancelDeal", None, refusal.code, refusal.info),
    }
}

fn check_cancel(state: &State, cancel: &CancelDeal) -> Result<(usize, Option<String>), Refusal> {
    if given(cancel.terminal_number.as_ref()) != Some(state.terminal.as_str()) {
        return refuse(super::DENIED, "terminalNumber");
    }
    let tran_id = given(cancel.tran_id.as_ref());
    let cg_uid = given(cancel.cg_uid.as_ref());
    if tran_id.is_none() && cg_uid.is_none() {
        return refuse(INVALID, "tranId");
    }
    // By cgUid a J5 and its capture match: the first one is the J5, which
    // a capture made no longer open.
    let index = state
        .deals
        .iter()
        .position(|deal| {
            tran_id.is_none_or(|id| deal.tran_id == id) && cg_uid.is_none_or(|id| deal.cg_uid == id)
        })
        .filter(|index| state.deals[*index].result == APPROVED)
        .map_or_else(|| refuse(NO_SUCH_DEAL, ""), Ok)?;
    let deal = &state.deals[index];
    if deal.cancelled || deal.captured.is_some() || deal.refunded > 0 {
        return refuse(NOT_OPEN, "");
    }
    if let Some(total) = given(cancel.total.as_ref())
        && minor_units(total) != Some(deal.amount)
    {
        // Only the full amount can be cancelled.
        return refuse(INVALID, "total");
    }
    let user = given(cancel.user.as_ref()).map(str::to_owned);
    if user
        .as_ref()
        .is_some_and(|user| user.chars().count() > USER_MAX)
    {
        return refuse(INVALID, "user");
    }
    Ok((index, user))
}

fn record_cancel(state: &mut State, index: usize, user: Option<String>) -> AnswerDocument {
    let (tran_id, _) = state.ids();
    let deal = &mut state.deals[index];
    deal.cancelled = true;
    let cancel = Refund {
        kind: "Cancel",
        tran_id: tran_id.clone(),
        cg_uid: deal.cg_uid.clone(),
        amount: deal.amount,
        currency: deal.currency.clone(),
        card_mask: deal.card_mask.clone(),
        user: user.clone(),
    };
    let original = deal.tran_id.clone();
    state.refunds.push(cancel.clone());
    let mut response = response("cancelDeal", Some(tran_id.clone()), APPROVED, "");
    response.cancel_deal = Some(RefundAnswer {
        status: APPROVED.to_owned(),
        status_text: message(APPROVED).to_owned(),
        tran_id: Some(tran_id),
        original_tran_id: Some(original),
        total: Some(cancel.amount),
        currency: Some(cancel.currency),
        user,
        cg_uid: Some(cancel.cg_uid),
    });
    AnswerDocument { response }
}

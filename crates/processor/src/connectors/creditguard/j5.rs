//! Manual capture at CreditGuard: the J5 authorization, its capture and
//! its cancellation.
//!
//! * **Authorize.** A charge with [`Capture::Manual`](crate::Capture::Manual)
//!   is the same `doDeal` as any charge with `validation` `Verify` (J5): the
//!   issuer holds the amount, nothing is taken. Its approval is recorded as
//!   any other, under the charge's `user` key.
//! * **Capture** is a `doDeal` with `validation` `AutoComm` (J4) and the
//!   J5's `cgUid` and `authNumber`, found by inquiring the charge's key:
//!   "capturing an earlier Verify: AutoComm with the same cgUid" (the
//!   shared notes; Hyp's two-phase commit pages). No card goes: Kassa keeps
//!   none after the charge, and the J5 stands for it. `total` may be less
//!   than the J5's (Hyp: "authorize an amount and later charge that amount
//!   or less"), never more (`amount_too_large`, before any request);
//!   installments keep the J5's number of payments, split again over the
//!   captured total, and its credit type: a J5 in credit instalments
//!   (`SpecialCredit`) is captured as `SpecialCredit` with the same total
//!   number of payments and no payment amounts. The capture's `user` is `c` and 18 hex digits of the
//!   SHA-256 of `kassa-capture-<invoice>`, and its reference is its
//!   `tranId`.
//! * **Void** is `cancelDeal` with the J5's `tranId` (Hyp's `cancelDeal`:
//!   "cancel approval (J5) requests in two-phase commits", the full amount
//!   only), `user` `v` and the hash of `kassa-void-<invoice>`.
//!
//! **Never twice.** CreditGuard has no idempotency key, but a J5, its
//! capture and its cancellation share the J5's `cgUid`, which inquiries
//! search by. Before capturing or voiding, and after an answer is lost or
//! refused, the connector lists the J5's transactions: a capture of this
//! amount already made, or a cancellation, is answered as done (a repeated
//! call); a J5 still open after a lost answer is
//! [`ProcessorError::Unavailable`] (nothing happened, asking again is safe:
//! CreditGuard captures a J5 once). A capture of another amount, a captured
//! J5 asked to void, or a cancelled one asked to capture is refused
//! (`authorization_not_capturable`, `authorization_not_voidable`), as is a
//! charge made with automatic capture (a J4 holds nothing).

use super::{
    APPROVED, CreditGuard, Trouble, Verdict, deals_of, is_debit, lookup_key, payment_plan,
    recorded_plan, verdict, wire,
};
use crate::{CaptureConfirmation, CaptureRequest, ProcessorError, VoidRequest};

/// Whether a row is a J5 authorization.
pub(super) fn is_j5(row: &wire::Transaction) -> bool {
    row.validation.as_deref() == Some("Verify")
}

fn is_approved(row: &wire::Transaction) -> bool {
    row.status.as_deref() == Some(APPROVED)
}

fn is_cancellation(row: &wire::Transaction) -> bool {
    row.transaction_type
        .as_ref()
        .and_then(|kind| kind.text.as_deref())
        == Some("Cancel")
}

/// The approved capture among a J5's transactions.
fn captured(rows: &[wire::Transaction]) -> Option<&wire::Transaction> {
    rows.iter()
        .find(|row| is_debit(row) && !is_j5(row) && is_approved(row))
}

/// Whether a J5's transactions include its cancellation.
fn cancelled(rows: &[wire::Transaction]) -> bool {
    rows.iter()
        .any(|row| is_cancellation(row) && is_approved(row))
}

/// The capture's `user` key: one per invoice.
fn capture_key(invoice_id: &str) -> String {
    lookup_key('c', &format!("kassa-capture-{invoice_id}"))
}

/// The cancellation's `user` key: one per invoice.
fn void_key(invoice_id: &str) -> String {
    lookup_key('v', &format!("kassa-void-{invoice_id}"))
}

const fn rejected(code: &'static str) -> ProcessorError {
    ProcessorError::Rejected { code }
}

/// A capture already made answers a repeated call only if it took the
/// same amount.
fn confirmation(
    capture: &wire::Transaction,
    amount: i64,
) -> Result<CaptureConfirmation, ProcessorError> {
    match (&capture.tran_id, capture.total) {
        (Some(tran_id), Some(total)) if total == amount => Ok(CaptureConfirmation {
            capture_ref: tran_id.clone(),
        }),
        _ => Err(rejected("authorization_not_capturable")),
    }
}

impl CreditGuard {
    /// The J5 an authorization holds, found by the charge's key. A charge
    /// that was no J5 is refused with `not_j5`.
    async fn j5_of(
        &self,
        transaction_ref: &str,
        not_j5: &'static str,
    ) -> Result<wire::Transaction, ProcessorError> {
        let rows = self.inquire(&lookup_key('k', transaction_ref)).await?;
        let deals = deals_of(&rows, transaction_ref);
        if let Some(j5) = deals.iter().find(|row| is_j5(row) && is_approved(row)) {
            return Ok((*j5).clone());
        }
        Err(if deals.iter().any(|row| is_approved(row)) {
            rejected(not_j5)
        } else {
            rejected("unknown_charge")
        })
    }

    /// Every transaction sharing the J5's `cgUid`: the J5, its capture,
    /// cancellations.
    async fn family(
        &self,
        j5: &wire::Transaction,
    ) -> Result<Vec<wire::Transaction>, ProcessorError> {
        let cg_uid = j5.cg_uid.as_deref().ok_or(rejected("unknown_charge"))?;
        let rows = self
            .inquiry(wire::Inquiry {
                terminal_number: &self.config.terminal,
                user: None,
                cg_uid: Some(cg_uid),
            })
            .await?;
        Ok(rows
            .into_iter()
            .filter(|row| row.cg_uid.as_deref() == Some(cg_uid))
            .collect())
    }

    /// The capture of a J5, once made (what a refund gives back).
    pub(super) async fn capture_of(
        &self,
        j5: &wire::Transaction,
    ) -> Result<Option<wire::Transaction>, ProcessorError> {
        Ok(captured(&self.family(j5).await?).cloned())
    }

    /// [`Processor::capture`](crate::Processor::capture).
    pub(super) async fn capture_j5(
        &self,
        request: &CaptureRequest<'_>,
    ) -> Result<CaptureConfirmation, ProcessorError> {
        let amount = request.amount_minor;
        if amount <= 0 {
            return Err(rejected("invalid_amount"));
        }
        if amount > request.authorized_minor {
            return Err(rejected("amount_too_large"));
        }
        let j5 = self
            .j5_of(request.transaction_ref, "authorization_not_capturable")
            .await?;
        if j5
            .currency
            .as_deref()
            .is_some_and(|currency| currency != request.currency.code())
        {
            return Err(rejected("currency_mismatch"));
        }
        if j5.total.is_some_and(|held| amount > held) {
            return Err(rejected("amount_too_large"));
        }
        let family = self.family(&j5).await?;
        if let Some(capture) = captured(&family) {
            return confirmation(capture, amount);
        }
        if cancelled(&family) {
            return Err(rejected("authorization_not_capturable"));
        }
        let cg_uid = j5.cg_uid.as_deref().unwrap_or_default();
        let (installments, kind) = recorded_plan(&j5);
        let plan = payment_plan(amount, request.currency, installments, kind)?;
        let key = capture_key(request.invoice_id);
        let deal = wire::Command::DoDeal(Box::new(wire::DoDeal {
            terminal_number: &self.config.terminal,
            card_no: None,
            card_id: None,
            card_expiration: None,
            cvv: None,
            id: None,
            total: amount,
            transaction_type: "Debit",
            credit_type: plan.credit_type,
            currency: request.currency.code(),
            transaction_code: "Internet",
            validation: "AutoComm",
            number_of_payments: plan.number_of_payments,
            first_payment: plan.first_payment,
            periodical_payment: plan.periodical_payment,
            user: &key,
            customer_data: wire::CustomerData {
                user_data1: request.transaction_ref,
            },
            cg_uid: Some(cg_uid),
            auth_number: j5.auth_number.as_deref(),
        }));
        let answer = match self.exchange(deal, "doDeal").await {
            Ok(answer) => answer,
            Err(Trouble::Lost | Trouble::Finished) => {
                tracing::warn!(
                    invoice_id = request.invoice_id,
                    "creditguard capture answer lost; looking it up"
                );
                return self.after_capture(&j5, amount, true).await;
            }
            Err(Trouble::NotSent) => return Err(ProcessorError::Unavailable),
            Err(Trouble::Unauthorized) => return Err(ProcessorError::Unauthorized),
            Err(Trouble::Refused) => return Err(rejected("request_refused")),
        };
        let code = answer.result.as_deref().or_else(|| {
            answer
                .do_deal
                .as_ref()
                .and_then(|deal| deal.status.as_deref())
        });
        match code.map(verdict) {
            Some(Verdict::Approved) => Ok(CaptureConfirmation {
                capture_ref: answer.tran_id.unwrap_or(key),
            }),
            Some(Verdict::Unauthorized) => Err(ProcessorError::Unauthorized),
            // Refused, perhaps because the same capture was made meanwhile.
            Some(_) => self.after_capture(&j5, amount, false).await,
            None => self.after_capture(&j5, amount, true).await,
        }
    }

    /// After a capture's answer was lost (`lost`) or refused: made already,
    /// or not.
    async fn after_capture(
        &self,
        j5: &wire::Transaction,
        amount: i64,
        lost: bool,
    ) -> Result<CaptureConfirmation, ProcessorError> {
        let family = match self.family(j5).await {
            Ok(family) => family,
            Err(_) if lost => return Err(ProcessorError::Unavailable),
            Err(error) => return Err(error),
        };
        match captured(&family) {
            Some(capture) => confirmation(capture, amount),
            None if lost && !cancelled(&family) => Err(ProcessorError::Unavailable),
            None => Err(rejected("authorization_not_capturable")),
        }
    }

    /// [`Processor::void`](crate::Processor::void).
    pub(super) async fn void_j5(&self, request: &VoidRequest<'_>) -> Result<(), ProcessorError> {
        let j5 = self
            .j5_of(request.transaction_ref, "authorization_not_voidable")
            .await?;
        let family = self.family(&j5).await?;
        if cancelled(&family) {
            return Ok(());
        }
        if captured(&family).is_some() {
            return Err(rejected("authorization_not_voidable"));
        }
        let tran_id = j5.tran_id.as_deref().ok_or(rejected("unknown_charge"))?;
        let key = void_key(request.invoice_id);
        let cancel = wire::Command::CancelDeal(wire::CancelDeal {
            terminal_number: &self.config.terminal,
            tran_id,
            user: &key,
        });
        let answer = match self.exchange(cancel, "cancelDeal").await {
            Ok(answer) => answer,
            Err(Trouble::Lost | Trouble::Finished) => {
                tracing::warn!(
                    invoice_id = request.invoice_id,
                    "creditguard cancel answer lost; looking it up"
                );
                return self.after_void(&j5, true).await;
            }
            Err(Trouble::NotSent) => return Err(ProcessorError::Unavailable),
            Err(Trouble::Unauthorized) => return Err(ProcessorError::Unauthorized),
            Err(Trouble::Refused) => return Err(rejected("request_refused")),
        };
        let code = answer.result.as_deref().or_else(|| {
            answer
                .cancel_deal
                .as_ref()
                .and_then(|cancel| cancel.status.as_deref())
        });
        match code.map(verdict) {
            Some(Verdict::Approved) => Ok(()),
            Some(Verdict::Unauthorized) => Err(ProcessorError::Unauthorized),
            Some(_) => self.after_void(&j5, false).await,
            None => self.after_void(&j5, true).await,
        }
    }

    /// After a cancellation's answer was lost (`lost`) or refused: made
    /// already, or not.
    async fn after_void(&self, j5: &wire::Transaction, lost: bool) -> Result<(), ProcessorError> {
        let family = match self.family(j5).await {
            Ok(family) => family,
            Err(_) if lost => return Err(ProcessorError::Unavailable),
            Err(error) => return Err(error),
        };
        if cancelled(&family) {
            Ok(())
        } else if lost && captured(&family).is_none() {
            Err(ProcessorError::Unavailable)
        } else {
            Err(rejected("authorization_not_voidable"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capture_and_void_keys_fit_the_user_field_and_differ() {
        let capture = capture_key("inv_0123456789abcdef0123456789abcdef");
        let void = void_key("inv_0123456789abcdef0123456789abcdef");
        assert_eq!(capture.len(), 19);
        assert_eq!(void.len(), 19);
        assert!(capture.starts_with('c') && void.starts_with('v'));
        assert_ne!(capture[1..], void[1..]);
    }
}

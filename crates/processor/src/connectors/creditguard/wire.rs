//! CreditGuard's relay as it travels: the `int_in` XML of the commands
//! Kassa sends (`doDeal`, `refundDeal`, `cancelDeal`, `inquireTransactions`) and
//! the parts of the `<ashrait><response>` answers it reads.
//!
//! Element names are CreditGuard's (Hyp's `doDeal`, `refundDeal` and
//! "Inquiring Transactions" pages, CreditGuard's XML API documents, and
//! public clients). Amounts are integers in minor units (agorot, cents).

use serde::{Deserialize, Serialize};

/// The API version every request names (EMV terminals).
pub(super) const VERSION: &str = "2000";

/// `<ashrait><request>…</request></ashrait>`, the `int_in` form field.
#[derive(Debug, Serialize)]
#[serde(rename = "ashrait")]
pub(super) struct RequestDocument<'a> {
    pub(super) request: Request<'a>,
}

/// The `request` element: the general part, then the command's element.
#[derive(Debug, Serialize)]
pub(super) struct Request<'a> {
    pub(super) version: &'static str,
    pub(super) language: &'static str,
    pub(super) command: &'static str,
    /// Written as an empty `<requestId/>`.
    #[serde(rename = "requestId")]
    pub(super) request_id: (),
    #[serde(rename = "$value")]
    pub(super) body: Command<'a>,
}

/// The command element, named as the command.
#[derive(Debug, Serialize)]
pub(super) enum Command<'a> {
    /// A charge (boxed: it is much the largest).
    #[serde(rename = "doDeal")]
    DoDeal(Box<DoDeal<'a>>),
    /// A refund of a deal.
    #[serde(rename = "refundDeal")]
    RefundDeal(RefundDeal<'a>),
    /// A cancellation of a deal not yet transmitted (a J5's release).
    #[serde(rename = "cancelDeal")]
    CancelDeal(CancelDeal<'a>),
    /// A look-up of transactions.
    #[serde(rename = "inquireTransactions")]
    InquireTransactions(Inquiry<'a>),
}

/// `doDeal`: a debit (`J4`, `validation` `AutoComm`), a J5 authorization
/// (`Verify`), or a J5's capture (`AutoComm` with the J5's `cgUid`, and no
/// card: the J5 stands for it). Carries the card number (or its token) and
/// CVV: it has no `Debug`, and lives only while it is written.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct DoDeal<'a> {
    pub(super) terminal_number: &'a str,
    /// The card number; absent when the card is given by its token.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) card_no: Option<&'a str>,
    /// The card's token (`cardId`), instead of `cardNo`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) card_id: Option<&'a str>,
    /// `MMYY`; absent on a capture.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) card_expiration: Option<String>,
    /// The CVV, or CreditGuard's markers `9` (the card has none) and `0`
    /// (not passed); absent on a token deal without one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) cvv: Option<&'a str>,
    /// The holder's Israeli ID, nine digits; absent on a capture.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) id: Option<&'a str>,
    /// Minor units.
    pub(super) total: i64,
    /// `Debit`.
    pub(super) transaction_type: &'static str,
    /// `RegularCredit` (one payment), `Payments` (the merchant's
    /// installments) or `SpecialCredit` (the issuer's credit installments).
    pub(super) credit_type: &'static str,
    /// ISO 4217 letters: `ILS`, `USD`, `EUR`.
    pub(super) currency: &'static str,
    /// `Internet`.
    pub(super) transaction_code: &'static str,
    /// `AutoComm` (J4: a charge, or a J5's capture) or `Verify` (J5:
    /// the amount held, nothing taken).
    pub(super) validation: &'static str,
    /// For `Payments`: the payments after the first; for `SpecialCredit`:
    /// all the payments.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) number_of_payments: Option<u8>,
    /// For `Payments`: the first payment, minor units.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) first_payment: Option<i64>,
    /// For `Payments`: each later payment, minor units.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) periodical_payment: Option<i64>,
    /// The look-up key (at most 19 characters).
    pub(super) user: &'a str,
    /// The charge reference, in full.
    pub(super) customer_data: CustomerData<'a>,
    /// On a capture: the J5's `cgUid`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) cg_uid: Option<&'a str>,
    /// On a capture: the J5's authorization number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) auth_number: Option<&'a str>,
}

impl std::fmt::Debug for DoDeal<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DoDeal")
            .field("user", &self.user)
            .finish_non_exhaustive()
    }
}

/// `customerData`: the merchant's fields, echoed back and shown in
/// CreditGuard's back office.
#[derive(Debug, Serialize)]
pub(super) struct CustomerData<'a> {
    #[serde(rename = "userData1")]
    pub(super) user_data1: &'a str,
}

/// `refundDeal`: gives back part or all of a deal, found by its `tranId`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct RefundDeal<'a> {
    pub(super) terminal_number: &'a str,
    pub(super) tran_id: &'a str,
    /// Minor units.
    pub(super) total: i64,
    /// The refund's look-up key.
    pub(super) user: &'a str,
}

/// `cancelDeal`: cancels the full amount of a deal found by its `tranId`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct CancelDeal<'a> {
    pub(super) terminal_number: &'a str,
    pub(super) tran_id: &'a str,
    /// The cancellation's look-up key.
    pub(super) user: &'a str,
}

/// `inquireTransactions` by the `user` field or by `cgUid`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Inquiry<'a> {
    pub(super) terminal_number: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) user: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) cg_uid: Option<&'a str>,
}

/// `<ashrait><response>…</response></ashrait>`.
#[derive(Debug, Deserialize)]
pub(super) struct AnswerDocument {
    pub(super) response: Answer,
}

/// The `response` element. Every field is optional: what is missing is
/// judged by the mapping, not by the parser.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Answer {
    /// The three-digit result: `000` is success.
    pub(super) result: Option<String>,
    /// What a refusal is about (a field's name, for some).
    pub(super) additional_info: Option<String>,
    /// The transaction's id.
    pub(super) tran_id: Option<String>,
    pub(super) do_deal: Option<DealAnswer>,
    pub(super) refund_deal: Option<RefundAnswer>,
    pub(super) cancel_deal: Option<RefundAnswer>,
    pub(super) inquire_transactions: Option<InquiryAnswer>,
}

/// A text element that may carry attributes (`<cvvStatus code="1">Valid</cvvStatus>`).
#[derive(Clone, Debug, Deserialize)]
pub(super) struct Text {
    #[serde(rename = "$text")]
    pub(super) text: Option<String>,
}

/// `doDeal` in an answer.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct DealAnswer {
    /// The deal's status, Shva's three-digit code.
    pub(super) status: Option<String>,
    pub(super) auth_number: Option<String>,
    /// `Valid`, `Invalid`, `Absent` or `NotValidated`.
    pub(super) cvv_status: Option<Text>,
    /// The card's token, when the terminal issues them.
    pub(super) card_id: Option<String>,
}

/// `refundDeal` (or `cancelDeal`) in an answer.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct RefundAnswer {
    pub(super) status: Option<String>,
    pub(super) tran_id: Option<String>,
}

/// `inquireTransactions` in an answer.
#[derive(Debug, Deserialize)]
pub(super) struct InquiryAnswer {
    pub(super) transactions: Option<Transactions>,
}

/// The matching transactions.
#[derive(Debug, Deserialize)]
pub(super) struct Transactions {
    #[serde(default)]
    pub(super) transaction: Vec<Transaction>,
}

/// One transaction of an inquiry.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Transaction {
    pub(super) tran_id: Option<String>,
    /// Shared by a J5, its capture and their cancellations.
    pub(super) cg_uid: Option<String>,
    /// `AutoComm` or `Verify` (a J5).
    pub(super) validation: Option<String>,
    /// Minor units.
    pub(super) total: Option<i64>,
    /// `RegularCredit`, `Payments` or `SpecialCredit`.
    pub(super) credit_type: Option<String>,
    /// For `Payments`: the payments after the first; for `SpecialCredit`:
    /// all of them.
    pub(super) number_of_payments: Option<u8>,
    /// Shva's three-digit code; empty while the deal is in progress.
    pub(super) status: Option<String>,
    /// `RegularDebit`, `Refund`, …
    pub(super) transaction_type: Option<Text>,
    pub(super) currency: Option<String>,
    pub(super) auth_number: Option<String>,
    pub(super) user: Option<String>,
    pub(super) customer_data: Option<CustomerDataAnswer>,
}

/// `customerData` in an answer.
#[derive(Clone, Debug, Deserialize)]
pub(super) struct CustomerDataAnswer {
    #[serde(rename = "userData1")]
    pub(super) user_data1: Option<String>,
}

/// The `int_in` XML of a request.
///
/// # Errors
/// When the serializer fails (it does not for these types).
pub(super) fn to_xml(request: &RequestDocument<'_>) -> Result<String, quick_xml::SeError> {
    quick_xml::se::to_string(request)
}

/// Reads an answer; `None` when it is not the relay's XML.
pub(super) fn from_xml(body: &str) -> Option<Answer> {
    quick_xml::de::from_str::<AnswerDocument>(body)
        .ok()
        .map(|document| document.response)
}

//! The relay's XML as it travels: the requests the double reads (every
//! field optional, so that a missing one gets CreditGuard's code rather
//! than a parse error) and the answers it writes.

use serde::{Deserialize, Serialize};

/// `<ashrait><request>…</request></ashrait>`.
#[derive(Debug, Deserialize)]
pub(super) struct RequestDocument {
    pub(super) request: Option<Request>,
}

/// The `request` element: the general part and one command element.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Request {
    pub(super) version: Option<String>,
    pub(super) command: Option<String>,
    pub(super) request_id: Option<String>,
    pub(super) do_deal: Option<DoDeal>,
    pub(super) refund_deal: Option<RefundDeal>,
    pub(super) cancel_deal: Option<CancelDeal>,
    pub(super) inquire_transactions: Option<Inquiry>,
}

/// `doDeal`'s fields, as text.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct DoDeal {
    pub(super) terminal_number: Option<String>,
    pub(super) card_no: Option<String>,
    /// A card token the terminal issued, instead of `cardNo`.
    pub(super) card_id: Option<String>,
    pub(super) card_expiration: Option<String>,
    pub(super) cvv: Option<String>,
    pub(super) id: Option<String>,
    pub(super) total: Option<String>,
    pub(super) transaction_type: Option<String>,
    pub(super) credit_type: Option<String>,
    pub(super) currency: Option<String>,
    pub(super) transaction_code: Option<String>,
    pub(super) validation: Option<String>,
    pub(super) number_of_payments: Option<String>,
    pub(super) first_payment: Option<String>,
    pub(super) periodical_payment: Option<String>,
    pub(super) user: Option<String>,
    pub(super) customer_data: Option<CustomerData>,
    /// A capture (`AutoComm`) names the J5 (`Verify`) deal it charges by
    /// the deal's `cgUid`.
    pub(super) cg_uid: Option<String>,
    /// The J5's authorization number, when a capture repeats it.
    pub(super) auth_number: Option<String>,
}

/// `customerData`: the merchant's own fields, echoed back.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub(super) struct CustomerData {
    #[serde(rename = "userData1", skip_serializing_if = "Option::is_none")]
    pub(super) user_data1: Option<String>,
}

/// `refundDeal`'s fields.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct RefundDeal {
    pub(super) terminal_number: Option<String>,
    pub(super) tran_id: Option<String>,
    pub(super) cg_uid: Option<String>,
    pub(super) total: Option<String>,
    pub(super) user: Option<String>,
}

/// `cancelDeal`'s fields: the deal by `tranId` or `cgUid`, its full
/// `total` at most.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct CancelDeal {
    pub(super) terminal_number: Option<String>,
    pub(super) tran_id: Option<String>,
    pub(super) cg_uid: Option<String>,
    pub(super) total: Option<String>,
    pub(super) user: Option<String>,
}

/// `inquireTransactions`' search criteria.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Inquiry {
    pub(super) terminal_number: Option<String>,
    pub(super) tran_id: Option<String>,
    pub(super) user: Option<String>,
    pub(super) cg_uid: Option<String>,
}

/// `<ashrait><response>…</response></ashrait>`.
#[derive(Debug, Serialize)]
#[serde(rename = "ashrait")]
pub(super) struct AnswerDocument {
    pub(super) response: Response,
}

/// The `response` element.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Response {
    pub(super) command: String,
    pub(super) date_time: String,
    pub(super) request_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) tran_id: Option<String>,
    pub(super) result: String,
    pub(super) message: String,
    pub(super) user_message: String,
    pub(super) additional_info: String,
    pub(super) version: String,
    pub(super) language: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) do_deal: Option<DealAnswer>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) refund_deal: Option<RefundAnswer>,
    /// Shaped as a refund's answer: the new transaction, the original one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) cancel_deal: Option<RefundAnswer>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) inquire_transactions: Option<InquiryAnswer>,
}

/// A text element with a `code` attribute: `<cvvStatus code="1">Valid</cvvStatus>`.
#[derive(Clone, Debug, Serialize)]
pub(super) struct Coded {
    #[serde(rename = "@code")]
    pub(super) code: &'static str,
    #[serde(rename = "$text")]
    pub(super) text: &'static str,
}

/// `doDeal` in an answer (the deal as CreditGuard recorded it). Every field
/// but `status` is absent from a gateway-level error.
#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct DealAnswer {
    pub(super) status: String,
    pub(super) status_text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) terminal_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) card_bin: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) card_mask: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) card_length: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) card_no: Option<String>,
    /// The card's token: issued with an approved deal on a card number,
    /// echoed on a deal made with one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) card_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) card_expiration: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) card_brand: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) transaction_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) credit_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) currency: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) transaction_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) total: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) first_payment: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) periodical_payment: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) number_of_payments: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) validation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) id_status: Option<Coded>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) cvv_status: Option<Coded>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) auth_source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) auth_number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) user: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) customer_data: Option<CustomerData>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) cg_uid: Option<String>,
}

/// `refundDeal` (and `cancelDeal`) in an answer.
#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct RefundAnswer {
    pub(super) status: String,
    pub(super) status_text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) tran_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) original_tran_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) total: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) currency: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) user: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) cg_uid: Option<String>,
}

/// `inquireTransactions` in an answer.
#[derive(Debug, Serialize)]
pub(super) struct InquiryAnswer {
    pub(super) totals: Totals,
    pub(super) transactions: Transactions,
}

/// How many transactions matched (the double answers in one page).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Totals {
    pub(super) page_number: u32,
    pub(super) pages_amount: u32,
    pub(super) total: usize,
    pub(super) total_match: usize,
}

/// The matching transactions.
#[derive(Debug, Serialize)]
pub(super) struct Transactions {
    pub(super) transaction: Vec<TransactionRow>,
}

/// One transaction of an inquiry.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct TransactionRow {
    pub(super) tran_id: String,
    pub(super) cg_uid: String,
    pub(super) terminal_number: String,
    pub(super) status: String,
    pub(super) status_text: String,
    pub(super) transaction_type: Coded,
    pub(super) credit_type: String,
    pub(super) currency: String,
    pub(super) total: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) number_of_payments: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) first_payment: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) periodical_payment: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) auth_number: Option<String>,
    pub(super) card_mask: String,
    pub(super) validation: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) financial_status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) user: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) customer_data: Option<CustomerData>,
}

//! `/v1/refunds`: create, list, retrieve.

use serde_json::Value;

use super::error::StripeError;
use super::params::Params;
use super::store::{Refund, Store, list_json, refund_json};
use super::{Call, Failure};

/// `POST /v1/refunds`: `payment_intent` (or `charge`), optional `amount`
/// (what remains of the charge by default), never more than what remains.
pub(super) fn create(
    store: &mut Store,
    call: &Call<'_>,
    params: &Params,
) -> Result<Value, Failure> {
    params.check_known(&[
        "payment_intent",
        "charge",
        "amount",
        "reason",
        "metadata[*]",
        "expand[]",
    ])?;
    if !params.list("expand").is_empty() {
        return Err(StripeError::invalid_request(
            "This double expands nothing on refunds.",
            Some("expand"),
            None,
        )
        .into());
    }
    let reason = params.one_of(
        "reason",
        &["duplicate", "fraudulent", "requested_by_customer"],
    )?;
    let metadata = super::metadata(params, "metadata")?;
    let amount = params.integer("amount")?;
    let index = match (params.get("payment_intent"), params.get("charge")) {
        (Some(_), Some(_)) => {
            return Err(StripeError::invalid_request(
                "You may only specify one of these parameters: charge, payment_intent.",
                Some("charge"),
                Some("parameters_exclusive"),
            )
            .into());
        }
        (None, None) => {
            return Err(StripeError::invalid_request(
                "One of the following params should be provided for this request: payment_intent or charge.",
                None,
                None,
            )
            .into());
        }
        (Some(id), None) => store
            .intents
            .iter()
            .position(|intent| intent.id == id && intent.account.as_deref() == call.account)
            .ok_or_else(|| StripeError::resource_missing("payment_intent", id, "payment_intent"))?,
        (None, Some(id)) => store
            .intents
            .iter()
            .position(|intent| {
                intent.account.as_deref() == call.account
                    && intent.charge.as_ref().is_some_and(|charge| charge.id == id)
            })
            .ok_or_else(|| StripeError::resource_missing("charge", id, "charge"))?,
    };
    let intent = &store.intents[index];
    let paid = intent.status == "succeeded"
        && intent
            .charge
            .as_ref()
            .is_some_and(|charge| charge.failure.is_none());
    let Some(charge) = intent.charge.as_ref().filter(|_| paid) else {
        return Err(StripeError::invalid_request(
            &format!(
                "This PaymentIntent ({}) does not have a successful charge to refund.",
                intent.id
            ),
            Some("payment_intent"),
            None,
        )
        .into());
    };
    // What was taken and not yet given back: a partial capture released
    // the rest of its authorization, which cannot be refunded.
    let remaining = charge.amount_captured - charge.amount_refunded;
    if remaining == 0 {
        return Err(StripeError::invalid_request(
            &format!("Charge {} has already been refunded.", charge.id),
            Some("charge"),
            Some("charge_already_refunded"),
        )
        .into());
    }
    let amount = amount.unwrap_or(remaining);
    if amount < 1 {
        return Err(StripeError::invalid_request(
            "This value must be greater than or equal to 1.",
            Some("amount"),
            None,
        )
        .into());
    }
    if amount > remaining {
        return Err(StripeError::invalid_request(
            &format!(
                "Refund amount ({amount} {}) is greater than unrefunded amount on charge ({remaining} {})",
                intent.currency, intent.currency
            ),
            Some("amount"),
            Some("amount_too_large"),
        )
        .into());
    }
    let (intent_id, charge_id, currency) = (
        intent.id.clone(),
        charge.id.clone(),
        intent.currency.clone(),
    );
    let refund = Refund {
        id: store.next_id("re"),
        account: call.account.map(str::to_owned),
        created: call.now,
        amount,
        currency,
        intent: intent_id,
        charge: charge_id,
        reason: reason.map(str::to_owned),
        metadata,
        idempotency_key: call.idempotency_key.map(str::to_owned),
    };
    if let Some(charge) = store.intents[index].charge.as_mut() {
        charge.amount_refunded += amount;
    }
    let answer = refund_json(&refund);
    store.refunds.push(refund);
    Ok(answer)
}

/// `GET /v1/refunds`: newest first, optionally of one `payment_intent` or
/// `charge`.
pub(super) fn list(store: &Store, call: &Call<'_>, params: &Params) -> Result<Value, Failure> {
    params.check_known(&[
        "payment_intent",
        "charge",
        "created",
        "created[gt]",
        "created[gte]",
        "created[lt]",
        "created[lte]",
        "ending_before",
        "starting_after",
        "limit",
    ])?;
    let limit = params.limit()?;
    let created = super::created_filter(params)?;
    let intent = params.get("payment_intent");
    if let Some(id) = intent
        && store.intent(call.account, id).is_none()
    {
        return Err(StripeError::resource_missing("payment_intent", id, "payment_intent").into());
    }
    let charge = params.get("charge");
    let visible: Vec<&Refund> = store
        .refunds
        .iter()
        .rev()
        .filter(|refund| refund.account.as_deref() == call.account)
        .filter(|refund| intent.is_none_or(|id| refund.intent == id))
        .filter(|refund| charge.is_none_or(|id| refund.charge == id))
        .filter(|refund| created(refund.created))
        .collect();
    let ids: Vec<&str> = visible.iter().map(|refund| refund.id.as_str()).collect();
    let (start, end, has_more) = super::page(&ids, params, limit, "refund")?;
    let data = visible[start..end]
        .iter()
        .map(|refund| refund_json(refund))
        .collect();
    Ok(list_json("/v1/refunds", data, has_more))
}

/// `GET /v1/refunds/{id}`.
pub(super) fn retrieve(
    store: &Store,
    call: &Call<'_>,
    id: &str,
    params: &Params,
) -> Result<Value, Failure> {
    params.check_known(&["expand[]"])?;
    store
        .refunds
        .iter()
        .find(|refund| refund.id == id && refund.account.as_deref() == call.account)
        .map(refund_json)
        .ok_or_else(|| StripeError::resource_missing("refund", id, "id").into())
}

//! Where a payment meets the vault: opening the saved card a payment uses,
//! and preparing the card a payment keeps once approved.

use kassa_api::{PayRequest, SaveCardMode};
use kassa_processor::{ChargeReason, StoredCredential};

use super::{DataKey, KeptCard, VaultError};
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::{CardToSave, InvoiceRecord, PaymentMethodRecord};

/// A saved card a payment charges, opened from the vault.
#[derive(Debug)]
pub struct SavedUse {
    /// The saved card's row.
    pub method: PaymentMethodRecord,
    /// The card itself.
    pub card: KeptCard,
    /// `Some` for a merchant-initiated charge (the shopper is absent).
    pub reason: Option<ChargeReason>,
    /// The gateway's token, when the gateway charging now issued it.
    pub gateway_token: Option<String>,
}

impl SavedUse {
    /// The charge's stored-credential terms for the processor.
    pub fn credential(&self) -> StoredCredential<'_> {
        let gateway_token = self.gateway_token.as_deref();
        match self.reason {
            Some(reason) => StoredCredential::MerchantInitiated {
                reason,
                gateway_token,
            },
            None => StoredCredential::CustomerOnFile { gateway_token },
        }
    }

    /// The pay request with the saved card's number, expiry and name in
    /// place of the empty fields, for the same checks as a typed card.
    pub fn fill(&self, request: &PayRequest) -> PayRequest {
        let mut filled = request.clone();
        filled.card.number = self.card.number.expose_digits().to_owned();
        filled.card.expiry = format!(
            "{:02}/{}",
            self.card.expiry.month(),
            self.card.expiry.year()
        );
        if filled.card.name.trim().is_empty() {
            filled.card.name = self.card.holder.as_str().to_owned();
        }
        if filled
            .holder_id
            .as_deref()
            .is_none_or(|id| id.trim().is_empty())
            && let Some(id) = self.card.holder_id
        {
            filled.holder_id = Some(id.as_str().to_owned());
        }
        filled
    }
}

/// The 404 for a saved card that is not this customer's to use (never
/// saying whether it exists for someone else).
fn not_found() -> ApiError {
    ApiError::field(
        "payment_method.not_found",
        "There is no such saved card for this customer.",
        "payment_method",
    )
}

fn vault_failure(error: VaultError) -> ApiError {
    match error {
        VaultError::Store(error) => error.into(),
        VaultError::Open => {
            tracing::error!("a saved card did not open with the merchant's data key");
            ApiError::internal("vault value did not open")
        }
    }
}

/// Opens saved card `id` for a charge on `invoice`: the page's (the
/// invoice offers the customer's saved cards) or a merchant-initiated one
/// (`invoice.card_saving.reason`). An expired card is refused here, before
/// any gateway hears of it.
///
/// # Errors
/// 400 `payment_method.not_found` (unknown, deleted, another merchant's or
/// customer's, or not offered), 400 `payment_method.expired`.
pub async fn saved_card_for_charge(
    state: &AppState,
    invoice: &InvoiceRecord,
    id: &str,
    processor_config_id: Option<&str>,
    now: i64,
) -> Result<SavedUse, ApiError> {
    let terms = &invoice.card_saving;
    let reason = terms.reason.as_deref().and_then(ChargeReason::parse);
    if !terms.offer_saved && reason.is_none() {
        return Err(not_found());
    }
    let method = state
        .store
        .payment_method(id)
        .await?
        .filter(|method| {
            method.merchant_id == invoice.merchant_id
                && Some(&method.customer) == terms.customer.as_ref()
        })
        .ok_or_else(not_found)?;
    if super::expired(&method, now) {
        return Err(ApiError::field(
            "payment_method.expired",
            "This saved card has expired. Use another card.",
            "payment_method",
        ));
    }
    let sealed = method.sealed_card.as_deref().ok_or_else(not_found)?;
    let key = DataKey::of_merchant(&*state.store, &state.sealing_key, &method.merchant_id, now)
        .await
        .map_err(vault_failure)?;
    let card = key
        .open_card(
            sealed,
            [&method.merchant_id, &method.customer, &method.fingerprint],
        )
        .map_err(vault_failure)?;
    // A gateway's token is good only with the settings that issued it.
    let gateway_token = method
        .gateway_token
        .clone()
        .filter(|_| method.processor_config_id.as_deref() == processor_config_id);
    Ok(SavedUse {
        method,
        card,
        reason,
        gateway_token,
    })
}

/// The card to keep if this payment is approved, when the invoice asks for
/// saving and the shopper consented; `None` when nothing is to be kept.
///
/// # Errors
/// 400 `save_card.consent_required` when the invoice requires saving and
/// the request did not carry the consent; 400 `save_card.not_offered` when
/// the request asks to save a card the invoice does not offer to keep.
pub async fn card_to_save(
    state: &AppState,
    invoice: &InvoiceRecord,
    request: &PayRequest,
    card: KeptCard,
    processor_config_id: Option<&str>,
    now: i64,
) -> Result<Option<CardToSave>, ApiError> {
    let consented = request.save_card == Some(true);
    let (mode, customer) = match (
        invoice.card_saving.save_card,
        invoice.card_saving.customer.as_deref(),
    ) {
        (Some(mode), Some(customer)) => (mode, customer),
        _ if consented => {
            return Err(ApiError::field(
                "save_card.not_offered",
                "This payment does not offer to keep the card.",
                "save_card",
            ));
        }
        _ => return Ok(None),
    };
    match (mode, consented) {
        (SaveCardMode::Required, false) => {
            return Err(ApiError::field(
                "save_card.consent_required",
                "This payment keeps the card for the merchant's later payments; agree to continue.",
                "save_card",
            ));
        }
        (SaveCardMode::Optional, false) => return Ok(None),
        (_, true) => {}
    }
    let key = DataKey::of_merchant(&*state.store, &state.sealing_key, &invoice.merchant_id, now)
        .await
        .map_err(vault_failure)?;
    let fingerprint = key.fingerprint(&card.number);
    let sealed = key.seal_card(&card, [&invoice.merchant_id, customer, &fingerprint]);
    let id = crate::ids::new_id("pm");
    Ok(Some(CardToSave {
        new_id: id.clone(),
        method: PaymentMethodRecord {
            id,
            merchant_id: invoice.merchant_id.clone(),
            customer: customer.to_owned(),
            email: invoice.email.clone(),
            fingerprint,
            sealed_card: Some(sealed),
            brand: card.number.brand().id().to_owned(),
            last4: card.number.last4().to_owned(),
            exp_month: card.expiry.month(),
            exp_year: card.expiry.year(),
            gateway_token: None,
            processor_config_id: processor_config_id.map(str::to_owned),
            created_at: now,
            updated_at: now,
        },
        wording_version: kassa_api::words::CARD_CONSENT_VERSION.to_owned(),
        locale: invoice.locale.clone().unwrap_or_else(|| "en".to_owned()),
    }))
}

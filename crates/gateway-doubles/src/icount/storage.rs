//! Stored cards: `cc_storage/store` keeps a card for a client and answers
//! its `cc_token_id`; `cc/bill` then charges it by `cc_token_id` with its
//! `client_id` instead of the card fields.

use kassa_card::{Brand, CardNumber, IsraeliId};
use serde_json::{Value, json};

use super::{DECLINES, DoubleState, Fields, Refusal};

/// A card the double keeps: never its number or CVV, only what a charge on
/// it needs.
#[derive(Clone, Debug)]
pub(super) struct StoredCard {
    pub(super) token_id: u64,
    pub(super) client_id: u64,
    /// The card's scripted decline (an index into [`DECLINES`]), if any.
    pub(super) decline: Option<usize>,
    pub(super) brand: Brand,
    /// MMYY.
    pub(super) validity: String,
    pub(super) holder_id: String,
    pub(super) last4: String,
}

/// A card kept by the double, as a test sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ICountStoredCard {
    /// The token `cc/bill` charges it by.
    pub cc_token_id: u64,
    /// The client it is kept for.
    pub client_id: u64,
    /// The card's last four digits.
    pub last4: String,
}

impl StoredCard {
    pub(super) fn view(&self) -> ICountStoredCard {
        ICountStoredCard {
            cc_token_id: self.token_id,
            client_id: self.client_id,
            last4: self.last4.clone(),
        }
    }
}

/// The card a `cc/bill` charges: sent whole, or stored.
#[derive(Debug)]
pub(super) struct BillCard {
    pub(super) brand: Brand,
    pub(super) decline: Option<usize>,
    /// MMYY.
    pub(super) validity: String,
    pub(super) holder_id: String,
    /// `Some` for a stored card: its token and client.
    pub(super) token: Option<(u64, u64)>,
}

/// An integer field (`cc_token_id`, `client_id`): a JSON number without a
/// fraction; absent is `None`.
fn integer(fields: &Fields<'_>, name: &str) -> Result<Option<u64>, Refusal> {
    match fields.number(name)? {
        None => Ok(None),
        Some(number) => number
            .as_u64()
            .filter(|value| *value > 0)
            .map(Some)
            .ok_or_else(|| Refusal::invalid(name)),
    }
}

/// MMYY with a month from 01 to 12.
fn validity(fields: &Fields<'_>) -> Result<String, Refusal> {
    let validity = fields.digits("cc_validity", 4..=4)?;
    let month: u8 = validity[..2].parse().unwrap_or(0);
    if (1..=12).contains(&month) {
        Ok(validity.to_owned())
    } else {
        Err(Refusal::invalid("cc_validity"))
    }
}

/// A valid Israeli ID in `cc_holder_id`.
fn holder_id(fields: &Fields<'_>) -> Result<String, Refusal> {
    let holder_id = fields.required_string("cc_holder_id")?;
    if !holder_id.bytes().all(|byte| byte.is_ascii_digit()) {
        return Err(Refusal::invalid("cc_holder_id"));
    }
    IsraeliId::parse(holder_id)
        .map(|id| id.as_str().to_owned())
        .map_err(|_| Refusal::invalid("cc_holder_id"))
}

/// The card fields of a request (`cc_number`, `cc_validity`, `cc_cvv`,
/// `cc_holder_id`), checked.
fn card_fields(fields: &Fields<'_>) -> Result<(CardNumber, String, String), Refusal> {
    let number = fields.digits("cc_number", 8..=19)?;
    let card = CardNumber::parse(number).map_err(|_| Refusal::invalid("cc_number"))?;
    let validity = validity(fields)?;
    if fields.0.contains_key("cc_cvv") {
        fields.digits("cc_cvv", 3..=4)?;
    }
    let holder_id = holder_id(fields)?;
    Ok((card, validity, holder_id))
}

/// The scripted decline of a card number.
fn decline_of(card: &CardNumber) -> Option<usize> {
    DECLINES
        .iter()
        .position(|(number, _, _)| *number == card.expose_digits())
}

/// The card a `cc/bill` charges: `cc_token_id` with its `client_id` (no
/// `cc_number`; `cc_validity`, `cc_cvv` and `cc_holder_id` optional and
/// checked when sent), or the card fields.
pub(super) fn bill_card(state: &DoubleState, fields: &Fields<'_>) -> Result<BillCard, Refusal> {
    let Some(token_id) = integer(fields, "cc_token_id")? else {
        let (card, validity, holder_id) = card_fields(fields)?;
        return Ok(BillCard {
            brand: card.brand(),
            decline: decline_of(&card),
            validity,
            holder_id,
            token: None,
        });
    };
    if fields.0.contains_key("cc_number") {
        return Err(Refusal::new(
            "invalid_cc_number",
            "A stored card is charged by cc_token_id without cc_number",
        ));
    }
    let client_id = integer(fields, "client_id")?.ok_or_else(|| Refusal::missing("client_id"))?;
    let stored = state
        .stored
        .iter()
        .find(|stored| stored.token_id == token_id)
        .ok_or_else(|| Refusal::new("cc_token_not_found", "Credit card token not found"))?;
    if stored.client_id != client_id {
        return Err(Refusal::new(
            "invalid_client_id",
            "The credit card token belongs to another client",
        ));
    }
    let validity = if fields.0.contains_key("cc_validity") {
        validity(fields)?
    } else {
        stored.validity.clone()
    };
    if fields.0.contains_key("cc_cvv") {
        fields.digits("cc_cvv", 3..=4)?;
    }
    let holder_id = if fields.0.contains_key("cc_holder_id") {
        holder_id(fields)?
    } else {
        stored.holder_id.clone()
    };
    Ok(BillCard {
        brand: stored.brand,
        decline: stored.decline,
        validity,
        holder_id,
        token: Some((token_id, client_id)),
    })
}

/// `cc_storage/store`: keeps a card for a client (`client_id`, one the
/// double made, or `client_name` for a new one) and answers its
/// `cc_token_id` and `client_id`. Nothing is charged.
pub(super) fn store(state: &mut DoubleState, fields: &Fields<'_>) -> Result<Value, Refusal> {
    let client_id = match integer(fields, "client_id")? {
        Some(client_id) if client_id <= state.clients => client_id,
        Some(_) => return Err(Refusal::new("client_not_found", "Client not found")),
        None => {
            fields.required_string("client_name").map_err(|_| {
                Refusal::new(
                    "missing_client_id",
                    "Missing required parameter: client_id or client_name",
                )
            })?;
            state.clients += 1;
            state.clients
        }
    };
    let (card, validity, holder_id) = card_fields(fields)?;
    fields.string("cc_holder_name")?;
    let token_id = 9_000 + state.stored.len() as u64 + 1;
    state.stored.push(StoredCard {
        token_id,
        client_id,
        decline: decline_of(&card),
        brand: card.brand(),
        validity,
        holder_id,
        last4: card.last4().to_owned(),
    });
    Ok(json!({
        "status": true,
        "cc_token_id": token_id,
        "client_id": client_id,
    }))
}

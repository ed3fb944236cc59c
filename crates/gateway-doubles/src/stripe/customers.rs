//! `/v1/customers`: create and retrieve. A Customer is what a card
//! PaymentMethod is attached to (by a PaymentIntent with `customer` and
//! `setup_future_usage`) so that it can be charged again.

use serde_json::Value;

use super::error::StripeError;
use super::params::Params;
use super::store::{Customer, Store, customer_json};
use super::{Call, Failure};

/// The parameters `POST /v1/customers` takes (a subset of Stripe's: no
/// addresses, balances, tax or invoicing settings, which a card on file
/// does not need).
const CREATE_PARAMS: &[&str] = &[
    "name",
    "email",
    "phone",
    "description",
    "metadata[*]",
    "expand[]",
];

/// The longest `name`, `email`, `phone` or `description` Stripe takes.
const MAX_TEXT: usize = 5000;

/// `POST /v1/customers`.
pub(super) fn create(
    store: &mut Store,
    call: &Call<'_>,
    params: &Params,
) -> Result<Value, Failure> {
    params.check_known(CREATE_PARAMS)?;
    no_expansions(params)?;
    let metadata = super::metadata(params, "metadata")?;
    let text = |key: &str| -> Result<Option<String>, StripeError> {
        match params.get(key) {
            Some(value) if value.chars().count() > MAX_TEXT => Err(StripeError::invalid_request(
                &format!("Invalid {key}: must be at most {MAX_TEXT} characters"),
                Some(key),
                None,
            )),
            Some("") | None => Ok(None),
            Some(value) => Ok(Some(value.to_owned())),
        }
    };
    let name = text("name")?;
    let email = text("email")?;
    let phone = text("phone")?;
    let description = text("description")?;
    let customer = Customer {
        id: store.next_id("cus"),
        account: call.account.map(str::to_owned),
        created: call.now,
        name,
        email,
        phone,
        description,
        metadata,
    };
    let body = customer_json(&customer);
    store.customers.push(customer);
    Ok(body)
}

/// `GET /v1/customers/{id}`.
pub(super) fn retrieve(
    store: &Store,
    call: &Call<'_>,
    id: &str,
    params: &Params,
) -> Result<Value, Failure> {
    params.check_known(&["expand[]"])?;
    no_expansions(params)?;
    store
        .customer(call.account, id)
        .map(customer_json)
        .ok_or_else(|| StripeError::resource_missing("customer", id, "id").into())
}

/// The double's Customers have nothing to expand.
fn no_expansions(params: &Params) -> Result<(), StripeError> {
    match params.list("expand").first() {
        Some(path) => Err(StripeError::invalid_request(
            &format!("This property cannot be expanded ({path})."),
            Some("expand"),
            None,
        )),
        None => Ok(()),
    }
}

//! What the double's issuer answers, by card number: Stripe's published
//! test cards (<https://docs.stripe.com/testing>). The table is in the
//! module documentation of [`super`].

use kassa_card::{Brand, CardNumber};

/// The result of one address or security-code check, as Stripe reports it
/// in `payment_method_details.card.checks`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Check {
    /// Nothing was sent to check (`null`).
    NotSent,
    /// `pass`.
    Pass,
    /// `fail`.
    Fail,
    /// `unavailable`.
    Unavailable,
}

impl Check {
    /// The JSON value.
    pub(super) fn as_json(self) -> serde_json::Value {
        match self {
            Check::NotSent => serde_json::Value::Null,
            Check::Pass => "pass".into(),
            Check::Fail => "fail".into(),
            Check::Unavailable => "unavailable".into(),
        }
    }
}

/// A decline as Stripe reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Refusal {
    /// `code`.
    pub(super) code: &'static str,
    /// `decline_code`.
    pub(super) decline_code: &'static str,
    /// `message`.
    pub(super) message: &'static str,
    /// `param`, when the refusal names a field.
    pub(super) param: Option<&'static str>,
}

/// What the issuer does with a card number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Scripted {
    /// Approves, reporting these address checks (line 1, postal code) when
    /// an address was sent.
    Approve {
        /// `address_line1_check` when a line 1 was sent.
        line1: Check,
        /// `address_postal_code_check` when a postal code was sent.
        postal_code: Check,
    },
    /// Declines.
    Decline(Refusal),
    /// Asks for 3-D Secure authentication (`requires_action`); once the
    /// shopper passes it, approves (every check sent passing) or, with a
    /// refusal, declines.
    Authenticate(Option<Refusal>),
    /// Supports 3-D Secure without requiring it: approves like an
    /// ordinary card, authenticated without a challenge when the request
    /// asks for 3-D Secure (`request_three_d_secure=any`), challenged when
    /// it asks for a challenge (`challenge`).
    Frictionless,
}

const GENERIC: Refusal = Refusal {
    code: "card_declined",
    decline_code: "generic_decline",
    message: "Your card was declined.",
    param: None,
};

/// The decline of `4000008400001629` once the shopper has authenticated:
/// Stripe's testing page says "card_declined" after authentication.
const GENERIC_AFTER_AUTHENTICATION: Refusal = GENERIC;

/// Stripe's answer to a real card number in test mode.
const LIVE_CARD_IN_TEST_MODE: Refusal = Refusal {
    code: "card_declined",
    decline_code: "test_mode_live_card",
    message: "Your card was declined. Your request was in test mode, but used a non test (live) card. For a list of valid test cards, visit: https://stripe.com/docs/testing.",
    param: None,
};

/// The decline given when authentication was required and the request
/// said it cannot handle it (`error_on_requires_action=true`).
pub(super) const AUTHENTICATION_NOT_HANDLED: Refusal = Refusal {
    code: "authentication_required",
    decline_code: "authentication_not_handled",
    message: "Your card was declined. This transaction requires authentication.",
    param: None,
};

/// Approved everywhere, every check passing.
const APPROVING: [&str; 14] = [
    "4242424242424242",
    "4000056655665556",
    "5555555555554444",
    "2223003122003222",
    "5200828282828210",
    "5105105105105100",
    "378282246310005",
    "371449635398431",
    "6011111111111117",
    "6011000990139424",
    "3056930009020004",
    "36227206271667",
    "3566002020360505",
    "6200000000000005",
];

/// What the issuer does with `number` (digits only).
pub(super) fn scripted(number: &str) -> Scripted {
    let approve = |line1, postal_code| Scripted::Approve { line1, postal_code };
    let decline = |code, decline_code, message, param| {
        Scripted::Decline(Refusal {
            code,
            decline_code,
            message,
            param,
        })
    };
    match number {
        _ if APPROVING.contains(&number) => approve(Check::Pass, Check::Pass),
        "4000000000000028" => approve(Check::Fail, Check::Pass),
        "4000000000000036" => approve(Check::Pass, Check::Fail),
        "4000000000000010" => approve(Check::Fail, Check::Fail),
        "4000000000000044" => approve(Check::Unavailable, Check::Unavailable),
        "4000000000000002" => Scripted::Decline(GENERIC),
        "4000000000009995" => decline(
            "card_declined",
            "insufficient_funds",
            "Your card has insufficient funds.",
            None,
        ),
        "4000000000009987" => decline(
            "card_declined",
            "lost_card",
            "Your card was declined.",
            None,
        ),
        "4000000000009979" => decline(
            "card_declined",
            "stolen_card",
            "Your card was declined.",
            None,
        ),
        "4000000000000069" => decline(
            "expired_card",
            "expired_card",
            "Your card has expired.",
            Some("exp_month"),
        ),
        "4000000000000127" => decline(
            "incorrect_cvc",
            "incorrect_cvc",
            "Your card's security code is incorrect.",
            Some("cvc"),
        ),
        "4000000000000119" => decline(
            "processing_error",
            "processing_error",
            "An error occurred while processing your card. Try again in a little bit.",
            None,
        ),
        "4000000000003220" | "4000002760003184" | "4000000000003063" => {
            Scripted::Authenticate(None)
        }
        "4000008400001629" => Scripted::Authenticate(Some(GENERIC_AFTER_AUTHENTICATION)),
        "4000000000003055" => Scripted::Frictionless,
        _ => Scripted::Decline(LIVE_CARD_IN_TEST_MODE),
    }
}

/// Stripe's name of the card's brand (`card.brand`), or `None` for a number
/// that is not a card number (wrong length or check digit).
pub(super) fn brand(number: &str) -> Option<&'static str> {
    let card = CardNumber::parse(number).ok()?;
    Some(match card.brand() {
        Brand::Visa => "visa",
        Brand::Mastercard => "mastercard",
        Brand::AmericanExpress => "amex",
        Brand::Discover => "discover",
        Brand::DinersClub => "diners",
        Brand::Jcb => "jcb",
        Brand::UnionPay => "unionpay",
        _ => "unknown",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_scripted_number_is_a_valid_card_number() {
        for number in APPROVING.iter().copied().chain([
            "4000000000000028",
            "4000000000000036",
            "4000000000000010",
            "4000000000000044",
            "4000000000000002",
            "4000000000009995",
            "4000000000009987",
            "4000000000009979",
            "4000000000000069",
            "4000000000000127",
            "4000000000000119",
            "4000000000003220",
            "4000002760003184",
            "4000000000003063",
            "4000008400001629",
            "4000000000003055",
        ]) {
            assert!(brand(number).is_some(), "{number}");
        }
    }
}

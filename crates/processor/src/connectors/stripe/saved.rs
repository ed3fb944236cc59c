//! A card kept at Stripe, as Kassa stores it: Stripe charges a saved
//! PaymentMethod only together with the Customer it is attached to, so the
//! gateway token carries both, `cus_…/pm_…`.

use crate::StoredCredential;

/// What a charge on a saved card needs from Stripe: its Customer and
/// PaymentMethod.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct SavedCard<'a> {
    pub(super) customer: &'a str,
    pub(super) payment_method: &'a str,
}

impl<'a> SavedCard<'a> {
    /// Reads `cus_…/pm_…`; `None` for anything else (a token from another
    /// gateway, or damaged).
    pub(super) fn parse(token: &'a str) -> Option<SavedCard<'a>> {
        let (customer, payment_method) = token.split_once('/')?;
        let well_formed = |id: &str, prefix: &str| {
            id.strip_prefix(prefix).is_some_and(|rest| {
                !rest.is_empty() && rest.bytes().all(|byte| byte.is_ascii_alphanumeric())
            })
        };
        (well_formed(customer, "cus_") && well_formed(payment_method, "pm_")).then_some(SavedCard {
            customer,
            payment_method,
        })
    }

    /// The token Kassa keeps.
    pub(super) fn token(customer: &str, payment_method: &str) -> String {
        format!("{customer}/{payment_method}")
    }
}

/// How a stored credential reaches Stripe's PaymentIntent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Plan<'a> {
    /// A card typed in and not kept, or a saved card with no Stripe token
    /// (kept before the merchant moved to Stripe): the card data is sent.
    Card {
        /// `off_session=true`: the merchant charges without the shopper.
        off_session: bool,
    },
    /// Keep the card: a Customer is made first, and the charge asks
    /// Stripe to attach its PaymentMethod to it (`setup_future_usage`).
    Save,
    /// Charge the saved PaymentMethod; no card data travels.
    Saved {
        card: SavedCard<'a>,
        /// `off_session=true`: the merchant charges without the shopper.
        off_session: bool,
    },
}

impl<'a> Plan<'a> {
    /// The plan for a charge's `stored`; `None` for a token that is not
    /// Stripe's.
    pub(super) fn of(stored: Option<StoredCredential<'a>>) -> Option<Plan<'a>> {
        let off_session = stored.is_some_and(|stored| stored.merchant_initiated());
        Some(match stored {
            Some(StoredCredential::SaveOnFile) => Plan::Save,
            Some(
                StoredCredential::CustomerOnFile {
                    gateway_token: Some(token),
                }
                | StoredCredential::MerchantInitiated {
                    gateway_token: Some(token),
                    ..
                },
            ) => Plan::Saved {
                card: SavedCard::parse(token)?,
                off_session,
            },
            _ => Plan::Card { off_session },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ChargeReason;

    #[test]
    fn tokens_round_trip_and_refuse_other_text() {
        let token = SavedCard::token("cus_Abc123", "pm_Xyz789");
        assert_eq!(
            SavedCard::parse(&token),
            Some(SavedCard {
                customer: "cus_Abc123",
                payment_method: "pm_Xyz789"
            })
        );
        for other in [
            "",
            "cus_1",
            "pm_1/cus_1",
            "cus_/pm_1",
            "cus_1/pm_1/x",
            "cus_1/card_1",
            "tok_1",
        ] {
            assert_eq!(SavedCard::parse(other), None, "{other}");
        }
    }

    #[test]
    fn merchant_initiated_charges_go_off_session_with_or_without_a_token() {
        let mit = |gateway_token| {
            Plan::of(Some(StoredCredential::MerchantInitiated {
                reason: ChargeReason::Recurring,
                gateway_token,
            }))
        };
        assert_eq!(mit(None), Some(Plan::Card { off_session: true }));
        assert!(matches!(
            mit(Some("cus_1/pm_2")),
            Some(Plan::Saved {
                off_session: true,
                ..
            })
        ));
        assert_eq!(mit(Some("7290000000000001")), None);
        assert_eq!(Plan::of(None), Some(Plan::Card { off_session: false }));
        assert_eq!(
            Plan::of(Some(StoredCredential::SaveOnFile)),
            Some(Plan::Save)
        );
        assert!(matches!(
            Plan::of(Some(StoredCredential::CustomerOnFile {
                gateway_token: Some("cus_1/pm_2")
            })),
            Some(Plan::Saved {
                off_session: false,
                ..
            })
        ));
    }
}

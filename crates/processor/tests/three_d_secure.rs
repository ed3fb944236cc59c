//! 3-D Secure on the test processor: Stripe's challenged and frictionless
//! numbers, Kassa's own for an unavailable service and an issuer not
//! enrolled, the merchant's requirement, and completing a challenge from
//! its stored token alone.

#![allow(clippy::unwrap_used)]

mod support;

use kassa_processor::{
    AuthenticationFlow, ChallengeAnswer, ChargeOutcome, DeclineReason, PendingCharge, Processor,
    TestProcessor, ThreeDSecure, ThreeDSecureMode,
};
use support::{Charge, NOW};

const CHALLENGED: &str = "4000000000003063";
const CHALLENGED_THEN_DECLINED: &str = "4000008400001629";

fn result(
    flow: AuthenticationFlow,
    authenticated: bool,
    eci: &str,
    liability_shift: bool,
) -> Option<ThreeDSecure> {
    Some(ThreeDSecure {
        flow,
        authenticated,
        eci: Some(eci.to_owned()),
        liability_shift,
    })
}

/// Charges `number` and expects a challenge; its stored token.
async fn challenge_token(charge: &Charge) -> String {
    match charge.run().await.unwrap() {
        ChargeOutcome::ChallengeRequired(challenge) => {
            assert!(
                challenge.issuer_url.is_none(),
                "Kassa shows the test issuer itself"
            );
            challenge.charge.to_token()
        }
        other => panic!("expected a challenge, got {other:?}"),
    }
}

/// Completes a challenge the way the server does: from its token, in a
/// processor built afresh.
async fn complete(token: &str, answer: ChallengeAnswer) -> ChargeOutcome {
    let challenge = PendingCharge::from_token(token).unwrap();
    TestProcessor::new()
        .complete_authentication(&challenge, answer, NOW + 60_000)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_challenged_card_is_approved_once_the_shopper_passes() {
    let token = challenge_token(&Charge::with_card(CHALLENGED)).await;
    assert!(
        !token.contains(CHALLENGED),
        "no card data in the token: {token}"
    );
    let ChargeOutcome::Approved(approval) = complete(&token, ChallengeAnswer::Passed).await else {
        panic!("a passed challenge is approved");
    };
    assert_eq!(
        approval.three_d_secure,
        result(AuthenticationFlow::Challenge, true, "05", true)
    );
    assert_eq!(approval.authorization_code.len(), 6);
}

#[tokio::test]
async fn a_failed_or_abandoned_challenge_is_declined_without_liability_shift() {
    let token = challenge_token(&Charge::with_card(CHALLENGED)).await;
    for answer in [ChallengeAnswer::Failed, ChallengeAnswer::Abandoned] {
        let ChargeOutcome::Declined(decline) = complete(&token, answer).await else {
            panic!("{answer:?} is declined");
        };
        assert_eq!(decline.reason, DeclineReason::AuthenticationFailed);
        assert!(decline.reason.is_retryable());
        assert_eq!(
            decline.three_d_secure,
            result(AuthenticationFlow::Challenge, false, "07", false)
        );
    }
}

#[tokio::test]
async fn the_issuer_may_decline_after_a_passed_challenge() {
    let token = challenge_token(&Charge::with_card(CHALLENGED_THEN_DECLINED)).await;
    let ChargeOutcome::Declined(decline) = complete(&token, ChallengeAnswer::Passed).await else {
        panic!("declined even once passed");
    };
    assert_eq!(decline.reason, DeclineReason::DoNotHonour);
    assert_eq!(
        decline.three_d_secure,
        result(AuthenticationFlow::Challenge, true, "05", true)
    );
}

#[tokio::test]
async fn a_challenged_card_with_a_wrong_security_code_is_declined_for_it_after_the_challenge() {
    let charge = Charge::with_card(CHALLENGED).security_code(Some("234"));
    let token = challenge_token(&charge).await;
    let ChargeOutcome::Declined(decline) = complete(&token, ChallengeAnswer::Passed).await else {
        panic!("declined");
    };
    assert_eq!(decline.reason, DeclineReason::IncorrectSecurityCode);
}

#[tokio::test]
async fn frictionless_attempted_and_unavailable_results_follow_the_number() {
    let cases = [
        (
            "4000000000003055",
            result(AuthenticationFlow::Frictionless, true, "05", true),
        ),
        (
            "4000000000003600",
            result(AuthenticationFlow::Attempted, false, "06", true),
        ),
        (
            "4000000000003402",
            result(AuthenticationFlow::Unavailable, false, "07", false),
        ),
        ("4242424242424242", None),
    ];
    for (number, expected) in cases {
        let approval = Charge::with_card(number).approval().await;
        assert_eq!(approval.three_d_secure, expected, "{number}");
    }
}

#[tokio::test]
async fn a_required_authentication_authenticates_any_card_and_refuses_an_unavailable_one() {
    let mut visa = Charge::with_card("4242424242424242");
    visa.three_d_secure = ThreeDSecureMode::Required;
    assert_eq!(
        visa.approval().await.three_d_secure,
        result(AuthenticationFlow::Frictionless, true, "05", true)
    );

    // Mastercard numbers its ECIs its own way.
    let mut mastercard = Charge::with_card("5555555555554444");
    mastercard.three_d_secure = ThreeDSecureMode::Required;
    assert_eq!(
        mastercard.approval().await.three_d_secure,
        result(AuthenticationFlow::Frictionless, true, "02", true)
    );

    let mut unavailable = Charge::with_card("4000000000003402");
    unavailable.three_d_secure = ThreeDSecureMode::Required;
    let decline = unavailable.decline().await;
    assert_eq!(decline.reason, DeclineReason::AuthenticationRequired);
    assert_eq!(
        decline.three_d_secure,
        result(AuthenticationFlow::Unavailable, false, "07", false)
    );

    // An attempt shifts liability: good enough for a merchant requiring it.
    let mut attempted = Charge::with_card("4000000000003600");
    attempted.three_d_secure = ThreeDSecureMode::Required;
    assert_eq!(
        attempted.approval().await.three_d_secure,
        result(AuthenticationFlow::Attempted, false, "06", true)
    );
}

#[tokio::test]
async fn a_token_that_is_not_a_challenge_is_refused() {
    let pending = Charge::with_card("4000000000003220").pending().await;
    let refused = TestProcessor::new()
        .complete_authentication(&pending, ChallengeAnswer::Passed, NOW)
        .await;
    assert!(refused.is_err(), "a pending charge is not a challenge");
}

//! How the test processor answers a charge: the README's trigger table, as
//! code.

use kassa_card::{BillingAddress, MAX_INSTALLMENTS};

use super::calendar::year_month_utc;
use super::reference::References;
use super::state::PendingState;
use super::table::{AVS_BY_POSTAL_CODE, NUMBER_RULES, NumberRule, SECURITY_CODE_BY_FIRST_DIGIT};
use super::three_d_secure::{AfterChallenge, ChallengeState, EciScheme};
use crate::{
    Approval, AuthenticationFlow, AvsResult, Challenge, ChallengeAnswer, ChargeOutcome,
    ChargeRequest, Decline, DeclineReason, PendingCharge, ProcessorError, SecurityCodeResult,
    ThreeDSecureMode,
};

/// What the card data says, read once; nothing else here sees the digits.
#[derive(Clone, Copy, Debug)]
struct Triggers {
    number: Option<NumberRule>,
    security_code: SecurityCodeResult,
}

/// The test processor's decision function: the answer to `request`, pending
/// charges settling `pending_delay_ms` after it.
pub(crate) fn decide(
    request: &ChargeRequest<'_>,
    pending_delay_ms: i64,
) -> Result<ChargeOutcome, ProcessorError> {
    check_request(request)?;
    // The one place the card number's digits leave the card: the test
    // processor's outcomes are keyed by public test numbers. The digits are
    // only compared with the table; they are never kept, logged or returned.
    let digits = request.card.expose_digits();
    let number = NUMBER_RULES
        .iter()
        .find(|(trigger, _)| *trigger == digits)
        .map(|(_, rule)| *rule);
    // Likewise the security code: only its first digit is read, to look up
    // its trigger.
    let first_code_digit = request
        .security_code
        .map(|code| code.expose_digits().bytes().next());
    let security_code = match (number, first_code_digit) {
        // The number that simulates a wrong code says so whatever was typed.
        (Some(NumberRule::Decline(DeclineReason::IncorrectSecurityCode)), _) => {
            SecurityCodeResult::NoMatch
        }
        (_, None) => SecurityCodeResult::NotProvided,
        (_, Some(first)) => SECURITY_CODE_BY_FIRST_DIGIT
            .iter()
            .find(|(trigger, _)| Some(*trigger) == first)
            .map_or(SecurityCodeResult::Match, |(_, result)| *result),
    };
    outcome(
        request,
        Triggers {
            number,
            security_code,
        },
        pending_delay_ms,
    )
}

/// Refuses requests no processor would take.
fn check_request(request: &ChargeRequest<'_>) -> Result<(), ProcessorError> {
    if request.amount_minor <= 0 {
        return Err(ProcessorError::Rejected {
            code: "invalid_amount",
        });
    }
    let credit_alone =
        request.installment_kind == crate::InstallmentKind::Credit && request.installments < 2;
    if !(1..=MAX_INSTALLMENTS).contains(&request.installments) || credit_alone {
        return Err(ProcessorError::Rejected {
            code: "invalid_installments",
        });
    }
    if !request.card.networks().contains(request.network) {
        return Err(ProcessorError::Rejected {
            code: "network_not_on_card",
        });
    }
    Ok(())
}

/// The outcome, from the triggers and the card-free parts of the request.
fn outcome(
    request: &ChargeRequest<'_>,
    triggers: Triggers,
    pending_delay_ms: i64,
) -> Result<ChargeOutcome, ProcessorError> {
    if triggers.number == Some(NumberRule::Unavailable) {
        return Err(ProcessorError::Unavailable);
    }
    let References {
        transaction_ref,
        authorization_code,
    } = References::derive(request.invoice_id, request.attempt);
    let avs = avs_result(request.billing);
    let security_code = triggers.security_code;
    let reason = match triggers.number {
        Some(NumberRule::Decline(reason)) => Some(reason),
        _ if has_expired(request) => Some(DeclineReason::ExpiredCard),
        _ if security_code == SecurityCodeResult::NoMatch => {
            Some(DeclineReason::IncorrectSecurityCode)
        }
        _ => None,
    };
    let scheme = EciScheme::of(request.network);
    let required = request.three_d_secure == ThreeDSecureMode::Required;
    let three_d_secure = match triggers.number {
        Some(NumberRule::Challenge(after)) => {
            // The issuer decides only once the shopper has answered; the
            // checks that would decline the card decline it then.
            let then = match reason.or(after) {
                Some(reason) => AfterChallenge::Decline(reason),
                None => AfterChallenge::Approve { authorization_code },
            };
            return Ok(ChargeOutcome::ChallengeRequired(Challenge {
                charge: PendingCharge {
                    transaction_ref,
                    settles_at_unix_ms: request.now_unix_ms,
                    avs,
                    security_code,
                    processor_state: ChallengeState { scheme, then }.encode(),
                },
                issuer_url: None,
            }));
        }
        Some(NumberRule::Frictionless) => {
            Some(scheme.result(AuthenticationFlow::Frictionless, true))
        }
        Some(NumberRule::NotEnrolled) => Some(scheme.result(AuthenticationFlow::Attempted, true)),
        Some(NumberRule::AuthenticationUnavailable) => {
            let result = scheme.result(AuthenticationFlow::Unavailable, false);
            if required {
                return Ok(ChargeOutcome::Declined(Decline {
                    reason: DeclineReason::AuthenticationRequired,
                    transaction_ref,
                    avs,
                    security_code,
                    three_d_secure: Some(result),
                }));
            }
            Some(result)
        }
        // Any other card authenticates without a challenge when the
        // merchant asks for 3-D Secure, and skips it otherwise.
        _ if required => Some(scheme.result(AuthenticationFlow::Frictionless, true)),
        _ => None,
    };
    if let Some(reason) = reason {
        return Ok(ChargeOutcome::Declined(Decline {
            reason,
            transaction_ref,
            avs,
            security_code,
            three_d_secure,
        }));
    }
    let pending_state = match triggers.number {
        Some(NumberRule::PendingThenSucceed) => PendingState::Succeed { authorization_code },
        Some(NumberRule::PendingThenFail) => PendingState::Fail(DeclineReason::DoNotHonour),
        _ => {
            return Ok(ChargeOutcome::Approved(Approval {
                gateway_token: None,
                authorization_code,
                transaction_ref,
                avs,
                security_code,
                three_d_secure,
            }));
        }
    };
    Ok(ChargeOutcome::Pending(PendingCharge {
        transaction_ref,
        settles_at_unix_ms: request.now_unix_ms.saturating_add(pending_delay_ms),
        avs,
        security_code,
        processor_state: pending_state.encode(),
    }))
}

/// The outcome of a challenged charge once the shopper has answered.
pub(crate) fn after_challenge(
    challenge: &PendingCharge,
    answer: ChallengeAnswer,
) -> Result<ChargeOutcome, ProcessorError> {
    let state =
        ChallengeState::decode(&challenge.processor_state).ok_or(ProcessorError::Rejected {
            code: "unknown_challenge",
        })?;
    let passed = answer == ChallengeAnswer::Passed;
    let three_d_secure = Some(state.scheme.result(AuthenticationFlow::Challenge, passed));
    let (transaction_ref, avs, security_code) = (
        challenge.transaction_ref.clone(),
        challenge.avs,
        challenge.security_code,
    );
    let reason = match (passed, state.then) {
        (false, _) => DeclineReason::AuthenticationFailed,
        (true, AfterChallenge::Decline(reason)) => reason,
        (true, AfterChallenge::Approve { authorization_code }) => {
            return Ok(ChargeOutcome::Approved(Approval {
                gateway_token: None,
                authorization_code,
                transaction_ref,
                avs,
                security_code,
                three_d_secure,
            }));
        }
    };
    Ok(ChargeOutcome::Declined(Decline {
        reason,
        transaction_ref,
        avs,
        security_code,
        three_d_secure,
    }))
}

/// Whether the card's expiry month ended before the request's month (UTC).
fn has_expired(request: &ChargeRequest<'_>) -> bool {
    let expiry = (
        i64::from(request.expiry.year()),
        i64::from(request.expiry.month()),
    );
    expiry < year_month_utc(request.now_unix_ms)
}

/// The AVS result: `U` without an address, the postal-code trigger's result
/// (ZIP+4 counts by its first five digits), `Y` for any other address.
fn avs_result(billing: Option<&BillingAddress>) -> AvsResult {
    let Some(address) = billing else {
        return AvsResult::Unavailable;
    };
    let postal_code = address.postal_code().as_str();
    let five_digits = postal_code.split('-').next().unwrap_or(postal_code);
    AVS_BY_POSTAL_CODE
        .iter()
        .find(|(trigger, _)| *trigger == five_digits)
        .map_or(AvsResult::StreetAndPostal, |(_, result)| *result)
}

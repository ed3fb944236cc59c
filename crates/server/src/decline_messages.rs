//! What a shopper reads after a decline, in plain words.

use kassa_card::Locale;
use kassa_processor::DeclineReason;

/// The message for a decline reason.
///
/// English is the fallback arm: `Locale` is `#[non_exhaustive]`, so this
/// match cannot be exhaustive over it; the tests below check that every
/// other locale of [`Locale::ALL`] has its own text for every reason.
///
/// ```
/// use kassa_card::Locale;
/// use kassa_processor::DeclineReason;
/// let message = kassa_server::decline_messages::message(DeclineReason::InsufficientFunds, Locale::En);
/// assert!(message.contains("funds"));
/// let spanish = kassa_server::decline_messages::message(DeclineReason::ExpiredCard, Locale::Es);
/// assert_eq!(spanish, "Esta tarjeta ha caducado. Pruebe con otra tarjeta.");
/// ```
pub fn message(reason: DeclineReason, locale: Locale) -> &'static str {
    use DeclineReason as R;
    match (locale, reason) {
        (Locale::Fr, R::InsufficientFunds) => {
            "Le paiement a été refusé : fonds insuffisants. Essayez une autre carte."
        }
        (Locale::Fr, R::DoNotHonour) => {
            "Votre banque a refusé le paiement. Essayez une autre carte ou contactez votre banque."
        }
        (Locale::Fr, R::LostCard | R::StolenCard) => {
            "Cette carte ne peut pas être utilisée. Contactez votre banque."
        }
        (Locale::Fr, R::ExpiredCard) => "Cette carte a expiré. Essayez une autre carte.",
        (Locale::Fr, R::IncorrectSecurityCode) => {
            "Le cryptogramme visuel est incorrect. Vérifiez-le et réessayez."
        }
        (Locale::Fr, R::AuthenticationFailed) => {
            "L'authentification auprès de votre banque n'a pas abouti. Réessayez ou utilisez une autre carte."
        }
        (Locale::Fr, R::AuthenticationRequired) => {
            "Ce paiement exige une authentification par votre banque, indisponible pour le moment. Essayez une autre carte."
        }
        (Locale::Fr, _) => "Le paiement n'a pas pu être traité. Réessayez dans un instant.",
        (Locale::He, R::InsufficientFunds) => "התשלום נדחה: אין די כסף בחשבון. נסו כרטיס אחר.",
        (Locale::He, R::DoNotHonour) => "הבנק דחה את התשלום. נסו כרטיס אחר או פנו לבנק.",
        (Locale::He, R::LostCard | R::StolenCard) => "לא ניתן להשתמש בכרטיס הזה. פנו לבנק.",
        (Locale::He, R::ExpiredCard) => "תוקף הכרטיס פג. נסו כרטיס אחר.",
        (Locale::He, R::IncorrectSecurityCode) => "קוד האבטחה שגוי. בדקו אותו ונסו שוב.",
        (Locale::He, R::AuthenticationFailed) => {
            "האימות מול הבנק לא הושלם. נסו שוב או השתמשו בכרטיס אחר."
        }
        (Locale::He, R::AuthenticationRequired) => {
            "התשלום הזה דורש אימות מול הבנק, והאימות אינו זמין כעת. נסו כרטיס אחר."
        }
        (Locale::He, _) => "לא ניתן היה לעבד את התשלום. נסו שוב בעוד רגע.",
        (Locale::Es, R::InsufficientFunds) => {
            "Se rechazó el pago por fondos insuficientes. Pruebe con otra tarjeta."
        }
        (Locale::Es, R::DoNotHonour) => {
            "Su banco rechazó el pago. Pruebe con otra tarjeta o póngase en contacto con su banco."
        }
        (Locale::Es, R::LostCard | R::StolenCard) => {
            "No se puede usar esta tarjeta. Póngase en contacto con su banco."
        }
        (Locale::Es, R::ExpiredCard) => "Esta tarjeta ha caducado. Pruebe con otra tarjeta.",
        (Locale::Es, R::IncorrectSecurityCode) => {
            "El código de seguridad es incorrecto. Compruébelo y vuelva a intentarlo."
        }
        (Locale::Es, R::AuthenticationFailed) => {
            "No se completó la autenticación con su banco. Vuelva a intentarlo o use otra tarjeta."
        }
        (Locale::Es, R::AuthenticationRequired) => {
            "Este pago requiere la autenticación de su banco, que no está disponible ahora. Pruebe con otra tarjeta."
        }
        (Locale::Es, _) => "No se pudo procesar el pago. Vuelva a intentarlo en unos instantes.",
        (Locale::De, R::InsufficientFunds) => {
            "Die Zahlung wurde wegen fehlender Deckung abgelehnt. Bitte versuchen Sie es mit einer anderen Karte."
        }
        (Locale::De, R::DoNotHonour) => {
            "Ihre Bank hat die Zahlung abgelehnt. Bitte versuchen Sie es mit einer anderen Karte oder wenden Sie sich an Ihre Bank."
        }
        (Locale::De, R::LostCard | R::StolenCard) => {
            "Diese Karte kann nicht verwendet werden. Bitte wenden Sie sich an Ihre Bank."
        }
        (Locale::De, R::ExpiredCard) => {
            "Diese Karte ist abgelaufen. Bitte versuchen Sie es mit einer anderen Karte."
        }
        (Locale::De, R::IncorrectSecurityCode) => {
            "Die Prüfnummer ist falsch. Bitte prüfen Sie sie und versuchen Sie es erneut."
        }
        (Locale::De, R::AuthenticationFailed) => {
            "Die Bestätigung bei Ihrer Bank wurde nicht abgeschlossen. Bitte versuchen Sie es erneut oder nutzen Sie eine andere Karte."
        }
        (Locale::De, R::AuthenticationRequired) => {
            "Diese Zahlung erfordert eine Bestätigung durch Ihre Bank, die gerade nicht verfügbar ist. Bitte versuchen Sie es mit einer anderen Karte."
        }
        (Locale::De, _) => {
            "Die Zahlung konnte nicht verarbeitet werden. Bitte versuchen Sie es gleich noch einmal."
        }
        (_, R::InsufficientFunds) => {
            "The payment was declined: insufficient funds. Try another card."
        }
        (_, R::DoNotHonour) => {
            "Your bank declined the payment. Try another card or contact your bank."
        }
        (_, R::LostCard | R::StolenCard) => "This card cannot be used. Contact your bank.",
        (_, R::ExpiredCard) => "This card has expired. Try another card.",
        (_, R::IncorrectSecurityCode) => "The security code is incorrect. Check it and try again.",
        (_, R::AuthenticationFailed) => {
            "Your bank could not confirm it was you. Try again or use another card."
        }
        (_, R::AuthenticationRequired) => {
            "This payment needs your bank to confirm it is you, and that is not available right now. Try another card."
        }
        (_, _) => "The payment could not be processed. Try again in a moment.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_locale_but_english_has_its_own_decline_messages() {
        for &locale in Locale::ALL.iter().filter(|&&locale| locale != Locale::En) {
            for &reason in DeclineReason::ALL {
                let translated = message(reason, locale);
                assert!(!translated.trim().is_empty(), "{reason:?} in {locale:?}");
                assert_ne!(
                    translated,
                    message(reason, Locale::En),
                    "{reason:?} in {locale:?} falls back to English"
                );
            }
        }
    }

    #[test]
    fn decline_messages_end_with_a_period_in_every_locale() {
        for &locale in Locale::ALL {
            for &reason in DeclineReason::ALL {
                let text = message(reason, locale);
                assert!(text.ends_with('.'), "{reason:?} in {locale:?}: {text:?}");
            }
        }
    }
}

//! What a shopper reads after a decline, in plain words.

use kassa_card::Locale;
use kassa_processor::DeclineReason;

/// The message for a decline reason.
///
/// ```
/// use kassa_card::Locale;
/// use kassa_processor::DeclineReason;
/// let message = kassa_server::decline_messages::message(DeclineReason::InsufficientFunds, Locale::En);
/// assert!(message.contains("funds"));
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
        (Locale::Fr, _) => "Le paiement n'a pas pu être traité. Réessayez dans un instant.",
        (Locale::He, R::InsufficientFunds) => "התשלום נדחה: אין די כסף בחשבון. נסו כרטיס אחר.",
        (Locale::He, R::DoNotHonour) => "הבנק דחה את התשלום. נסו כרטיס אחר או פנו לבנק.",
        (Locale::He, R::LostCard | R::StolenCard) => "לא ניתן להשתמש בכרטיס הזה. פנו לבנק.",
        (Locale::He, R::ExpiredCard) => "תוקף הכרטיס פג. נסו כרטיס אחר.",
        (Locale::He, R::IncorrectSecurityCode) => "קוד האבטחה שגוי. בדקו אותו ונסו שוב.",
        (Locale::He, _) => "לא ניתן היה לעבד את התשלום. נסו שוב בעוד רגע.",
        (_, R::InsufficientFunds) => {
            "The payment was declined: insufficient funds. Try another card."
        }
        (_, R::DoNotHonour) => {
            "Your bank declined the payment. Try another card or contact your bank."
        }
        (_, R::LostCard | R::StolenCard) => "This card cannot be used. Contact your bank.",
        (_, R::ExpiredCard) => "This card has expired. Try another card.",
        (_, R::IncorrectSecurityCode) => "The security code is incorrect. Check it and try again.",
        (_, _) => "The payment could not be processed. Try again in a moment.",
    }
}

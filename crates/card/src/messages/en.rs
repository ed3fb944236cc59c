//! English messages.

use crate::ErrorCode;

/// The English message for `code`.
pub(super) fn message(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::CardNumberEmpty => "Enter your card number.",
        ErrorCode::CardNumberInvalidCharacter => "A card number has only digits.",
        ErrorCode::CardNumberTooShort => "This card number is too short.",
        ErrorCode::CardNumberTooLong => "This card number is too long.",
        ErrorCode::CardNumberLength => {
            "This card number has the wrong number of digits for its brand."
        }
        ErrorCode::CardNumberChecksum => "This card number is not valid. Check it for typos.",
        ErrorCode::CardNumberUnknownBrand => {
            "We do not recognise this card. Check the number or use another card."
        }
        ErrorCode::BrandUnknown => "This card brand is not supported.",
        ErrorCode::ExpiryEmpty => "Enter the expiry date.",
        ErrorCode::ExpiryFormat => "Enter the expiry date as MM/YY.",
        ErrorCode::ExpiryMonth => "The expiry month must be between 01 and 12.",
        ErrorCode::ExpiryInPast => "This card has expired.",
        ErrorCode::ExpiryTooFar => "The expiry year is too far in the future.",
        ErrorCode::CvvEmpty => "Enter the security code.",
        ErrorCode::CvvFormat => "The security code has only digits.",
        ErrorCode::CvvLength => "The security code has the wrong number of digits.",
        ErrorCode::NameEmpty => "Enter the name on the card.",
        ErrorCode::NameTooLong => "The name on the card can be at most 30 characters.",
        ErrorCode::NameNoLetter => "The name on the card must contain letters.",
        ErrorCode::NameInvalidCharacter => {
            "The name on the card contains a character that is not allowed."
        }
        ErrorCode::NameLooksLikeCardNumber => {
            "This looks like a card number. Enter the name on the card."
        }
        ErrorCode::IsraeliIdFormat => "An ID number has up to 9 digits.",
        ErrorCode::IsraeliIdChecksum => "This ID number is not valid. Check it for typos.",
        ErrorCode::AmountEmpty => "Enter an amount.",
        ErrorCode::AmountFormat => "Enter the amount as a number, with a dot for decimals.",
        ErrorCode::AmountNotPositive => "The amount must be more than zero.",
        ErrorCode::AmountTooPrecise => "The amount has more decimals than the currency allows.",
        ErrorCode::AmountTooSmall => "The amount is below the minimum.",
        ErrorCode::AmountTooLarge => "The amount is above the maximum.",
        ErrorCode::CurrencyUnknown => "This currency is not supported.",
        ErrorCode::InstallmentsCount => "Choose between 1 and 36 payments.",
        ErrorCode::InstallmentsFirstPaymentNotPositive => {
            "The first payment must be more than zero."
        }
        ErrorCode::InstallmentsFirstPaymentNotBelowTotal => {
            "The first payment must be less than the total."
        }
        ErrorCode::InstallmentsTooSmall => "The amount is too small for that many payments.",
        ErrorCode::CountryUnknown => "Choose a country from the list.",
        ErrorCode::RegionRequired => "Choose a state or province.",
        ErrorCode::RegionUnknown => "Choose a state or province from the list.",
        ErrorCode::RegionTooLong => "The region can be at most 100 characters.",
        ErrorCode::PostalCodeRequired => "Enter the postal code.",
        ErrorCode::PostalCodeFormat => "This postal code is not valid for the country.",
        ErrorCode::Line1Required => "Enter the street address.",
        ErrorCode::Line1TooLong => "The street address can be at most 100 characters.",
        ErrorCode::Line2TooLong => "The second address line can be at most 100 characters.",
        ErrorCode::CityRequired => "Enter the city.",
        ErrorCode::CityTooLong => "The city can be at most 100 characters.",
        ErrorCode::EmailEmpty => "Enter your email address.",
        ErrorCode::EmailFormat => "Enter an email address like name@example.com.",
        ErrorCode::EmailTooLong => "This email address is too long.",
        ErrorCode::PhoneEmpty => "Enter your phone number.",
        ErrorCode::PhoneFormat => "A phone number has only digits, spaces and + ( ) - signs.",
        ErrorCode::PhoneCountryCode => "Start the phone number with + and the country code.",
        ErrorCode::PhoneLength => "This phone number has too few or too many digits.",
        ErrorCode::IpFormat => "This is not a valid IP address.",
        ErrorCode::DateFormat => "Enter the date as YYYY-MM-DD.",
        ErrorCode::DateInvalid => "This date does not exist.",
        ErrorCode::DateOfBirthInFuture => "The date of birth cannot be in the future.",
        ErrorCode::SurchargeEmpty => "A card surcharge needs a percentage or a fixed amount.",
        ErrorCode::SurchargePercentAboveCap => "The card surcharge percentage is above its cap.",
        ErrorCode::SurchargeCapTooHigh => {
            "A card surcharge cannot be capped above 100% of the amount."
        }
        ErrorCode::SurchargeCurrencyMismatch => {
            "The fixed card surcharge is in another currency than the amount."
        }
    }
}

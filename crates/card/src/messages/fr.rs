//! French messages.

use crate::ErrorCode;

/// The French message for `code`.
pub(super) fn message(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::CardNumberEmpty => "Saisissez votre numéro de carte.",
        ErrorCode::CardNumberInvalidCharacter => {
            "Le numéro de carte ne doit contenir que des chiffres."
        }
        ErrorCode::CardNumberTooShort => "Ce numéro de carte est trop court.",
        ErrorCode::CardNumberTooLong => "Ce numéro de carte est trop long.",
        ErrorCode::CardNumberLength => {
            "Ce numéro n'a pas le bon nombre de chiffres pour ce type de carte."
        }
        ErrorCode::CardNumberChecksum => {
            "Ce numéro de carte n'est pas valide. Vérifiez qu'il ne contient pas d'erreur de saisie."
        }
        ErrorCode::CardNumberUnknownBrand => {
            "Nous ne reconnaissons pas cette carte. Vérifiez le numéro ou utilisez une autre carte."
        }
        ErrorCode::BrandUnknown => "Ce type de carte n'est pas accepté.",
        ErrorCode::ExpiryEmpty => "Saisissez la date d'expiration.",
        ErrorCode::ExpiryFormat => "Saisissez la date d'expiration au format MM/AA.",
        ErrorCode::ExpiryMonth => "Le mois d'expiration doit être compris entre 01 et 12.",
        ErrorCode::ExpiryInPast => "Cette carte a expiré.",
        ErrorCode::ExpiryTooFar => "L'année d'expiration est trop lointaine.",
        ErrorCode::CvvEmpty => "Saisissez le cryptogramme visuel.",
        ErrorCode::CvvFormat => "Le cryptogramme visuel ne doit contenir que des chiffres.",
        ErrorCode::CvvLength => "Le cryptogramme visuel n'a pas le bon nombre de chiffres.",
        ErrorCode::NameEmpty => "Saisissez le nom figurant sur la carte.",
        ErrorCode::NameTooLong => {
            "Le nom figurant sur la carte ne doit pas dépasser 30 caractères."
        }
        ErrorCode::NameNoLetter => "Le nom figurant sur la carte doit contenir des lettres.",
        ErrorCode::NameInvalidCharacter => {
            "Le nom figurant sur la carte contient un caractère non autorisé."
        }
        ErrorCode::NameLooksLikeCardNumber => {
            "Ceci ressemble à un numéro de carte. Saisissez le nom figurant sur la carte."
        }
        ErrorCode::IsraeliIdFormat => "Un numéro d'identité comporte 9 chiffres au maximum.",
        ErrorCode::IsraeliIdChecksum => {
            "Ce numéro d'identité n'est pas valide. Vérifiez qu'il ne contient pas d'erreur de saisie."
        }
        ErrorCode::AmountEmpty => "Saisissez un montant.",
        ErrorCode::AmountFormat => {
            "Saisissez le montant en chiffres, avec un point pour les décimales."
        }
        ErrorCode::AmountNotPositive => "Le montant doit être supérieur à zéro.",
        ErrorCode::AmountTooPrecise => {
            "Le montant comporte plus de décimales que la devise ne le permet."
        }
        ErrorCode::AmountTooSmall => "Le montant est inférieur au minimum.",
        ErrorCode::AmountTooLarge => "Le montant est supérieur au maximum.",
        ErrorCode::CurrencyUnknown => "Cette devise n'est pas acceptée.",
        ErrorCode::InstallmentsCount => "Choisissez un nombre d'échéances compris entre 1 et 36.",
        ErrorCode::InstallmentsFirstPaymentNotPositive => {
            "La première échéance doit être supérieure à zéro."
        }
        ErrorCode::InstallmentsFirstPaymentNotBelowTotal => {
            "La première échéance doit être inférieure au montant total."
        }
        ErrorCode::InstallmentsTooSmall => "Le montant est trop faible pour ce nombre d'échéances.",
        ErrorCode::CountryUnknown => "Choisissez un pays dans la liste.",
        ErrorCode::RegionRequired => "Choisissez un État ou une province.",
        ErrorCode::RegionUnknown => "Choisissez un État ou une province dans la liste.",
        ErrorCode::RegionTooLong => "La région ne doit pas dépasser 100 caractères.",
        ErrorCode::PostalCodeRequired => "Saisissez le code postal.",
        ErrorCode::PostalCodeFormat => "Ce code postal n'est pas valide pour ce pays.",
        ErrorCode::Line1Required => "Saisissez l'adresse.",
        ErrorCode::Line1TooLong => "L'adresse ne doit pas dépasser 100 caractères.",
        ErrorCode::Line2TooLong => "Le complément d'adresse ne doit pas dépasser 100 caractères.",
        ErrorCode::CityRequired => "Saisissez la ville.",
        ErrorCode::CityTooLong => "Le nom de la ville ne doit pas dépasser 100 caractères.",
        ErrorCode::EmailEmpty => "Saisissez votre adresse e-mail.",
        ErrorCode::EmailFormat => "Saisissez une adresse e-mail du type nom@example.com.",
        ErrorCode::EmailTooLong => "Cette adresse e-mail est trop longue.",
        ErrorCode::PhoneEmpty => "Saisissez votre numéro de téléphone.",
        ErrorCode::PhoneFormat => {
            "Un numéro de téléphone ne contient que des chiffres, des espaces et les signes + ( ) -."
        }
        ErrorCode::PhoneCountryCode => {
            "Commencez le numéro de téléphone par + suivi de l'indicatif du pays."
        }
        ErrorCode::PhoneLength => "Ce numéro de téléphone comporte trop ou trop peu de chiffres.",
        ErrorCode::IpFormat => "Cette adresse IP n'est pas valide.",
        ErrorCode::DateFormat => "Saisissez la date au format AAAA-MM-JJ.",
        ErrorCode::DateInvalid => "Cette date n'existe pas.",
        ErrorCode::DateOfBirthInFuture => "La date de naissance ne peut pas être dans le futur.",
        ErrorCode::SurchargeEmpty => {
            "Un supplément carte nécessite un pourcentage ou un montant fixe."
        }
        ErrorCode::SurchargePercentAboveCap => {
            "Le pourcentage du supplément carte dépasse son plafond."
        }
        ErrorCode::SurchargeCapTooHigh => {
            "Le plafond d'un supplément carte ne peut pas dépasser 100 % du montant."
        }
        ErrorCode::SurchargeCurrencyMismatch => {
            "Le supplément carte fixe n'est pas dans la devise du montant."
        }
    }
}

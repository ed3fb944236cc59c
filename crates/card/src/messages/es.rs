//! Spanish messages, in neutral Spanish for Spain and Latin America, addressing
//! the shopper as *usted*.

use crate::ErrorCode;

/// The Spanish message for `code`.
pub(super) fn message(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::CardNumberEmpty => "Introduzca su número de tarjeta.",
        ErrorCode::CardNumberInvalidCharacter => {
            "El número de tarjeta solo puede contener dígitos."
        }
        ErrorCode::CardNumberTooShort => "Este número de tarjeta es demasiado corto.",
        ErrorCode::CardNumberTooLong => "Este número de tarjeta es demasiado largo.",
        ErrorCode::CardNumberLength => {
            "Este número de tarjeta no tiene la cantidad correcta de dígitos para este tipo de tarjeta."
        }
        ErrorCode::CardNumberChecksum => {
            "Este número de tarjeta no es válido. Compruebe que esté bien escrito."
        }
        ErrorCode::CardNumberUnknownBrand => {
            "No reconocemos esta tarjeta. Compruebe el número o utilice otra tarjeta."
        }
        ErrorCode::BrandUnknown => "No se acepta este tipo de tarjeta.",
        ErrorCode::ExpiryEmpty => "Introduzca la fecha de caducidad.",
        ErrorCode::ExpiryFormat => "Introduzca la fecha de caducidad con el formato MM/AA.",
        ErrorCode::ExpiryMonth => "El mes de caducidad debe estar entre 01 y 12.",
        ErrorCode::ExpiryInPast => "Esta tarjeta ha caducado.",
        ErrorCode::ExpiryTooFar => "El año de caducidad está demasiado lejos en el futuro.",
        ErrorCode::CvvEmpty => "Introduzca el código de seguridad.",
        ErrorCode::CvvFormat => "El código de seguridad solo puede contener dígitos.",
        ErrorCode::CvvLength => "El código de seguridad no tiene la cantidad correcta de dígitos.",
        ErrorCode::NameEmpty => "Introduzca el nombre que figura en la tarjeta.",
        ErrorCode::NameTooLong => {
            "El nombre que figura en la tarjeta no puede superar los 30 caracteres."
        }
        ErrorCode::NameNoLetter => "El nombre que figura en la tarjeta debe contener letras.",
        ErrorCode::NameInvalidCharacter => {
            "El nombre que figura en la tarjeta contiene un carácter no permitido."
        }
        ErrorCode::NameLooksLikeCardNumber => {
            "Esto parece un número de tarjeta. Introduzca el nombre que figura en la tarjeta."
        }
        ErrorCode::IsraeliIdFormat => "Un número de identidad tiene como máximo 9 dígitos.",
        ErrorCode::IsraeliIdChecksum => {
            "Este número de identidad no es válido. Compruebe que esté bien escrito."
        }
        ErrorCode::AmountEmpty => "Introduzca un importe.",
        ErrorCode::AmountFormat => {
            "Introduzca el importe en cifras, con un punto para los decimales."
        }
        ErrorCode::AmountNotPositive => "El importe debe ser mayor que cero.",
        ErrorCode::AmountTooPrecise => {
            "El importe tiene más decimales de los que permite la moneda."
        }
        ErrorCode::AmountTooSmall => "El importe es inferior al mínimo.",
        ErrorCode::AmountTooLarge => "El importe es superior al máximo.",
        ErrorCode::CurrencyUnknown => "No se acepta esta moneda.",
        ErrorCode::InstallmentsCount => "Elija entre 1 y 36 pagos.",
        ErrorCode::InstallmentsFirstPaymentNotPositive => "El primer pago debe ser mayor que cero.",
        ErrorCode::InstallmentsFirstPaymentNotBelowTotal => {
            "El primer pago debe ser inferior al importe total."
        }
        ErrorCode::InstallmentsTooSmall => "El importe es demasiado bajo para tantos pagos.",
        ErrorCode::CountryUnknown => "Elija un país de la lista.",
        ErrorCode::RegionRequired => "Elija un estado o una provincia.",
        ErrorCode::RegionUnknown => "Elija un estado o una provincia de la lista.",
        ErrorCode::RegionTooLong => "La región no puede superar los 100 caracteres.",
        ErrorCode::PostalCodeRequired => "Introduzca el código postal.",
        ErrorCode::PostalCodeFormat => "Este código postal no es válido para el país elegido.",
        ErrorCode::Line1Required => "Introduzca la dirección.",
        ErrorCode::Line1TooLong => "La dirección no puede superar los 100 caracteres.",
        ErrorCode::Line2TooLong => {
            "La segunda línea de la dirección no puede superar los 100 caracteres."
        }
        ErrorCode::CityRequired => "Introduzca la ciudad.",
        ErrorCode::CityTooLong => "El nombre de la ciudad no puede superar los 100 caracteres.",
        ErrorCode::EmailEmpty => "Introduzca su dirección de correo electrónico.",
        ErrorCode::EmailFormat => {
            "Introduzca una dirección de correo electrónico como nombre@example.com."
        }
        ErrorCode::EmailTooLong => "Esta dirección de correo electrónico es demasiado larga.",
        ErrorCode::PhoneEmpty => "Introduzca su número de teléfono.",
        ErrorCode::PhoneFormat => {
            "Un número de teléfono solo puede contener dígitos, espacios y los signos + ( ) -."
        }
        ErrorCode::PhoneCountryCode => "Empiece el número de teléfono con + y el código de país.",
        ErrorCode::PhoneLength => "Este número de teléfono tiene demasiados dígitos o muy pocos.",
        ErrorCode::IpFormat => "Esta dirección IP no es válida.",
        ErrorCode::DateFormat => "Introduzca la fecha con el formato AAAA-MM-DD.",
        ErrorCode::DateInvalid => "Esta fecha no existe.",
        ErrorCode::DateOfBirthInFuture => "La fecha de nacimiento no puede estar en el futuro.",
        ErrorCode::SurchargeEmpty => {
            "Un recargo por tarjeta necesita un porcentaje o un importe fijo."
        }
        ErrorCode::SurchargePercentAboveCap => {
            "El porcentaje del recargo por tarjeta supera su límite."
        }
        ErrorCode::SurchargeCapTooHigh => {
            "El límite de un recargo por tarjeta no puede superar el 100 % del importe."
        }
        ErrorCode::SurchargeCurrencyMismatch => {
            "El recargo fijo por tarjeta está en otra moneda que el importe."
        }
    }
}

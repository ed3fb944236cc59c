//! Stable error codes shared by the core, the server, the page and the JS
//! module, and the locales their messages come in.

use core::fmt;

/// Every validation failure the crate can report, as a stable machine code.
///
/// The code string (`card_number.checksum`) never changes once released: the
/// server puts it in JSON, the page keys its messages on it, and merchants
/// match on it. Human text comes from [`ErrorCode::message`].
///
/// ```
/// use kassa_card::{ErrorCode, Locale};
///
/// let code = ErrorCode::CardNumberChecksum;
/// assert_eq!(code.as_str(), "card_number.checksum");
/// assert_eq!(ErrorCode::from_code("card_number.checksum"), Some(code));
/// assert_eq!(code.message(Locale::En), "This card number is not valid. Check it for typos.");
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ErrorCode {
    /// `card_number.empty`: no digits were given.
    CardNumberEmpty,
    /// `card_number.invalid_character`: something other than digits, spaces or dashes.
    CardNumberInvalidCharacter,
    /// `card_number.too_short`: fewer digits than any card has.
    CardNumberTooShort,
    /// `card_number.too_long`: more than 19 digits.
    CardNumberTooLong,
    /// `card_number.length`: a length the detected brand does not issue.
    CardNumberLength,
    /// `card_number.checksum`: the check digit is wrong (a typo).
    CardNumberChecksum,
    /// `card_number.unknown_brand`: no known network issues this number.
    CardNumberUnknownBrand,
    /// `brand.unknown`: a brand name that is not in the table.
    BrandUnknown,
    /// `expiry.empty`: no expiry date was given.
    ExpiryEmpty,
    /// `expiry.format`: not a recognisable month and year.
    ExpiryFormat,
    /// `expiry.month`: the month is not between 1 and 12.
    ExpiryMonth,
    /// `expiry.in_past`: the card has expired.
    ExpiryInPast,
    /// `expiry.too_far`: more than 20 years ahead.
    ExpiryTooFar,
    /// `cvv.empty`: no security code was given.
    CvvEmpty,
    /// `cvv.format`: the security code has something other than digits.
    CvvFormat,
    /// `cvv.length`: the wrong number of digits for the brand.
    CvvLength,
    /// `name.empty`: no cardholder name.
    NameEmpty,
    /// `name.too_long`: more than 30 characters.
    NameTooLong,
    /// `name.no_letter`: no letter at all.
    NameNoLetter,
    /// `name.invalid_character`: a character that has no place in a name.
    NameInvalidCharacter,
    /// `name.looks_like_card_number`: a card number typed into the name field.
    NameLooksLikeCardNumber,
    /// `israeli_id.format`: not 1 to 9 digits.
    IsraeliIdFormat,
    /// `israeli_id.checksum`: the check digit is wrong.
    IsraeliIdChecksum,
    /// `amount.empty`: no amount.
    AmountEmpty,
    /// `amount.format`: not a plain decimal number with `.` as the separator.
    AmountFormat,
    /// `amount.not_positive`: zero or negative.
    AmountNotPositive,
    /// `amount.too_precise`: more decimals than the currency has minor units.
    AmountTooPrecise,
    /// `amount.too_small`: below the caller's minimum.
    AmountTooSmall,
    /// `amount.too_large`: above the caller's maximum.
    AmountTooLarge,
    /// `currency.unknown`: not an ISO 4217 currency.
    CurrencyUnknown,
    /// `installments.count`: not between 1 and 36 payments.
    InstallmentsCount,
    /// `installments.first_payment_not_positive`: a first payment of zero or less.
    InstallmentsFirstPaymentNotPositive,
    /// `installments.first_payment_not_below_total`: a first payment that leaves nothing for the rest.
    InstallmentsFirstPaymentNotBelowTotal,
    /// `installments.too_small`: too little left to split into that many payments.
    InstallmentsTooSmall,
    /// `country.unknown`: not an ISO 3166-1 alpha-2 country.
    CountryUnknown,
    /// `region.required`: the country needs a state or province.
    RegionRequired,
    /// `region.unknown`: not a state or province of that country.
    RegionUnknown,
    /// `region.too_long`: a free-form region over 100 characters.
    RegionTooLong,
    /// `postal_code.required`: the country has postal codes and none was given.
    PostalCodeRequired,
    /// `postal_code.format`: not a postal code of that country.
    PostalCodeFormat,
    /// `line1.required`: no street address.
    Line1Required,
    /// `line1.too_long`: a street line over 100 characters.
    Line1TooLong,
    /// `line2.too_long`: a second street line over 100 characters.
    Line2TooLong,
    /// `city.required`: no city.
    CityRequired,
    /// `city.too_long`: a city over 100 characters.
    CityTooLong,
    /// `email.empty`: no email address.
    EmailEmpty,
    /// `email.format`: not an email address.
    EmailFormat,
    /// `email.too_long`: over 254 characters.
    EmailTooLong,
    /// `phone.empty`: no phone number.
    PhoneEmpty,
    /// `phone.format`: characters a phone number does not have.
    PhoneFormat,
    /// `phone.country_code`: no country calling code, or an unknown one.
    PhoneCountryCode,
    /// `phone.length`: too few or too many digits for a phone number.
    PhoneLength,
    /// `ip.format`: not an IPv4 or IPv6 address.
    IpFormat,
    /// `date.format`: not a `YYYY-MM-DD` date.
    DateFormat,
    /// `date.invalid`: a day that does not exist (February 30th).
    DateInvalid,
    /// `date_of_birth.in_future`: a birth date after today.
    DateOfBirthInFuture,
    /// `surcharge.empty`: a surcharge rule with neither a percentage nor a fixed amount.
    SurchargeEmpty,
    /// `surcharge.percent_above_cap`: a surcharge percentage above the rule's cap.
    SurchargePercentAboveCap,
    /// `surcharge.cap_too_high`: a surcharge cap above 100% of the amount.
    SurchargeCapTooHigh,
    /// `surcharge.currency_mismatch`: a fixed surcharge in another currency than the amount.
    SurchargeCurrencyMismatch,
}

impl ErrorCode {
    /// Every code, in declaration order; handy for message catalogues and docs.
    ///
    /// ```
    /// use kassa_card::ErrorCode;
    /// assert!(ErrorCode::ALL.contains(&ErrorCode::ExpiryInPast));
    /// ```
    pub const ALL: &'static [ErrorCode] = &[
        Self::CardNumberEmpty,
        Self::CardNumberInvalidCharacter,
        Self::CardNumberTooShort,
        Self::CardNumberTooLong,
        Self::CardNumberLength,
        Self::CardNumberChecksum,
        Self::CardNumberUnknownBrand,
        Self::BrandUnknown,
        Self::ExpiryEmpty,
        Self::ExpiryFormat,
        Self::ExpiryMonth,
        Self::ExpiryInPast,
        Self::ExpiryTooFar,
        Self::CvvEmpty,
        Self::CvvFormat,
        Self::CvvLength,
        Self::NameEmpty,
        Self::NameTooLong,
        Self::NameNoLetter,
        Self::NameInvalidCharacter,
        Self::NameLooksLikeCardNumber,
        Self::IsraeliIdFormat,
        Self::IsraeliIdChecksum,
        Self::AmountEmpty,
        Self::AmountFormat,
        Self::AmountNotPositive,
        Self::AmountTooPrecise,
        Self::AmountTooSmall,
        Self::AmountTooLarge,
        Self::CurrencyUnknown,
        Self::InstallmentsCount,
        Self::InstallmentsFirstPaymentNotPositive,
        Self::InstallmentsFirstPaymentNotBelowTotal,
        Self::InstallmentsTooSmall,
        Self::CountryUnknown,
        Self::RegionRequired,
        Self::RegionUnknown,
        Self::RegionTooLong,
        Self::PostalCodeRequired,
        Self::PostalCodeFormat,
        Self::Line1Required,
        Self::Line1TooLong,
        Self::Line2TooLong,
        Self::CityRequired,
        Self::CityTooLong,
        Self::EmailEmpty,
        Self::EmailFormat,
        Self::EmailTooLong,
        Self::PhoneEmpty,
        Self::PhoneFormat,
        Self::PhoneCountryCode,
        Self::PhoneLength,
        Self::IpFormat,
        Self::DateFormat,
        Self::DateInvalid,
        Self::DateOfBirthInFuture,
        Self::SurchargeEmpty,
        Self::SurchargePercentAboveCap,
        Self::SurchargeCapTooHigh,
        Self::SurchargeCurrencyMismatch,
    ];

    /// The stable machine code, `<field>.<reason>`.
    ///
    /// ```
    /// use kassa_card::ErrorCode;
    /// assert_eq!(ErrorCode::PostalCodeFormat.as_str(), "postal_code.format");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::CardNumberEmpty => "card_number.empty",
            Self::CardNumberInvalidCharacter => "card_number.invalid_character",
            Self::CardNumberTooShort => "card_number.too_short",
            Self::CardNumberTooLong => "card_number.too_long",
            Self::CardNumberLength => "card_number.length",
            Self::CardNumberChecksum => "card_number.checksum",
            Self::CardNumberUnknownBrand => "card_number.unknown_brand",
            Self::BrandUnknown => "brand.unknown",
            Self::ExpiryEmpty => "expiry.empty",
            Self::ExpiryFormat => "expiry.format",
            Self::ExpiryMonth => "expiry.month",
            Self::ExpiryInPast => "expiry.in_past",
            Self::ExpiryTooFar => "expiry.too_far",
            Self::CvvEmpty => "cvv.empty",
            Self::CvvFormat => "cvv.format",
            Self::CvvLength => "cvv.length",
            Self::NameEmpty => "name.empty",
            Self::NameTooLong => "name.too_long",
            Self::NameNoLetter => "name.no_letter",
            Self::NameInvalidCharacter => "name.invalid_character",
            Self::NameLooksLikeCardNumber => "name.looks_like_card_number",
            Self::IsraeliIdFormat => "israeli_id.format",
            Self::IsraeliIdChecksum => "israeli_id.checksum",
            Self::AmountEmpty => "amount.empty",
            Self::AmountFormat => "amount.format",
            Self::AmountNotPositive => "amount.not_positive",
            Self::AmountTooPrecise => "amount.too_precise",
            Self::AmountTooSmall => "amount.too_small",
            Self::AmountTooLarge => "amount.too_large",
            Self::CurrencyUnknown => "currency.unknown",
            Self::InstallmentsCount => "installments.count",
            Self::InstallmentsFirstPaymentNotPositive => "installments.first_payment_not_positive",
            Self::InstallmentsFirstPaymentNotBelowTotal => {
                "installments.first_payment_not_below_total"
            }
            Self::InstallmentsTooSmall => "installments.too_small",
            Self::CountryUnknown => "country.unknown",
            Self::RegionRequired => "region.required",
            Self::RegionUnknown => "region.unknown",
            Self::RegionTooLong => "region.too_long",
            Self::PostalCodeRequired => "postal_code.required",
            Self::PostalCodeFormat => "postal_code.format",
            Self::Line1Required => "line1.required",
            Self::Line1TooLong => "line1.too_long",
            Self::Line2TooLong => "line2.too_long",
            Self::CityRequired => "city.required",
            Self::CityTooLong => "city.too_long",
            Self::EmailEmpty => "email.empty",
            Self::EmailFormat => "email.format",
            Self::EmailTooLong => "email.too_long",
            Self::PhoneEmpty => "phone.empty",
            Self::PhoneFormat => "phone.format",
            Self::PhoneCountryCode => "phone.country_code",
            Self::PhoneLength => "phone.length",
            Self::IpFormat => "ip.format",
            Self::DateFormat => "date.format",
            Self::DateInvalid => "date.invalid",
            Self::DateOfBirthInFuture => "date_of_birth.in_future",
            Self::SurchargeEmpty => "surcharge.empty",
            Self::SurchargePercentAboveCap => "surcharge.percent_above_cap",
            Self::SurchargeCapTooHigh => "surcharge.cap_too_high",
            Self::SurchargeCurrencyMismatch => "surcharge.currency_mismatch",
        }
    }

    /// Looks a code up by its string, as it arrives in JSON.
    ///
    /// ```
    /// use kassa_card::ErrorCode;
    /// assert_eq!(ErrorCode::from_code("expiry.in_past"), Some(ErrorCode::ExpiryInPast));
    /// assert_eq!(ErrorCode::from_code("nope"), None);
    /// ```
    pub fn from_code(code: &str) -> Option<ErrorCode> {
        Self::ALL
            .iter()
            .copied()
            .find(|candidate| candidate.as_str() == code)
    }

    /// The field the code is about: the part before the dot.
    ///
    /// ```
    /// use kassa_card::ErrorCode;
    /// assert_eq!(ErrorCode::CvvLength.field(), "cvv");
    /// ```
    pub fn field(self) -> &'static str {
        let code = self.as_str();
        match code.find('.') {
            Some(dot) => &code[..dot],
            None => code,
        }
    }

    /// A message for the shopper, in the given locale.
    ///
    /// ```
    /// use kassa_card::{ErrorCode, Locale};
    /// assert_eq!(ErrorCode::ExpiryInPast.message(Locale::Fr), "Cette carte a expiré.");
    /// assert_eq!(ErrorCode::ExpiryInPast.message(Locale::Es), "Esta tarjeta ha caducado.");
    /// assert_eq!(ErrorCode::ExpiryInPast.message(Locale::De), "Diese Karte ist abgelaufen.");
    /// ```
    pub fn message(self, locale: Locale) -> &'static str {
        crate::messages::message(self, locale)
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A language for shopper-facing messages.
///
/// ```
/// use kassa_card::Locale;
/// assert_eq!(Locale::parse("fr-CA"), Locale::Fr);
/// assert_eq!(Locale::parse("he"), Locale::He);
/// assert_eq!(Locale::parse("es-MX"), Locale::Es);
/// assert_eq!(Locale::parse("de-AT"), Locale::De);
/// assert_eq!(Locale::parse("pt-BR"), Locale::En, "unknown languages fall back to English");
/// assert!(Locale::He.is_right_to_left());
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Locale {
    /// English.
    En,
    /// French.
    Fr,
    /// Hebrew (written right to left).
    He,
    /// Spanish.
    Es,
    /// German.
    De,
}

impl Locale {
    /// Every locale with messages.
    ///
    /// ```
    /// use kassa_card::Locale;
    /// assert_eq!(
    ///     Locale::ALL,
    ///     &[Locale::En, Locale::Fr, Locale::He, Locale::Es, Locale::De]
    /// );
    /// ```
    pub const ALL: &'static [Locale] =
        &[Locale::En, Locale::Fr, Locale::He, Locale::Es, Locale::De];

    /// Picks the locale for a BCP 47 tag (`fr`, `fr-CA`, `he-IL`, `iw`,
    /// `es-MX`, `de-AT`), falling back to English.
    ///
    /// Only the language subtag counts: every region of a language gets its
    /// one set of messages.
    ///
    /// ```
    /// use kassa_card::Locale;
    /// assert_eq!(Locale::parse("es-419"), Locale::Es);
    /// assert_eq!(Locale::parse("de_CH"), Locale::De);
    /// assert_eq!(Locale::parse("it"), Locale::En);
    /// ```
    pub fn parse(tag: &str) -> Locale {
        let language = tag.split(['-', '_']).next().unwrap_or_default();
        if language.eq_ignore_ascii_case("fr") {
            Locale::Fr
        } else if language.eq_ignore_ascii_case("he") || language.eq_ignore_ascii_case("iw") {
            Locale::He
        } else if language.eq_ignore_ascii_case("es") {
            Locale::Es
        } else if language.eq_ignore_ascii_case("de") {
            Locale::De
        } else {
            Locale::En
        }
    }

    /// The BCP 47 language tag.
    ///
    /// ```
    /// use kassa_card::Locale;
    /// assert_eq!(Locale::parse("he-IL").tag(), "he");
    /// assert_eq!(Locale::Fr.tag(), "fr");
    /// assert_eq!(Locale::parse("es-MX").tag(), "es");
    /// assert_eq!(Locale::De.tag(), "de");
    /// ```
    pub const fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Fr => "fr",
            Locale::He => "he",
            Locale::Es => "es",
            Locale::De => "de",
        }
    }

    /// Whether text in this locale runs right to left.
    ///
    /// ```
    /// use kassa_card::Locale;
    /// assert!(Locale::He.is_right_to_left());
    /// assert!(!Locale::Es.is_right_to_left());
    /// ```
    pub const fn is_right_to_left(self) -> bool {
        matches!(self, Locale::He)
    }
}

/// An error that carries a stable [`ErrorCode`]; every error type of the crate
/// implements it.
///
/// ```
/// use kassa_card::{CardNumber, Coded, ErrorCode, Locale};
///
/// let error = CardNumber::parse("4242 4242 4242 4241").unwrap_err();
/// assert_eq!(error.code(), ErrorCode::CardNumberChecksum);
/// assert_eq!(error.message(Locale::He), ErrorCode::CardNumberChecksum.message(Locale::He));
/// ```
pub trait Coded {
    /// The stable machine code.
    fn code(&self) -> ErrorCode;

    /// The shopper-facing message in `locale`.
    fn message(&self, locale: Locale) -> &'static str {
        self.code().message(locale)
    }
}

/// Implements `Display` (the code, then the English message starting in lower
/// case) and `core::error::Error` for an error type that is `Coded`.
macro_rules! coded_error {
    ($type:ty) => {
        impl core::fmt::Display for $type {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                use $crate::error::Coded as _;
                // "card_number.checksum: this card number is not valid. …"
                let message = self.code().message($crate::Locale::En);
                let mut characters = message.chars();
                write!(f, "{}: ", self.code())?;
                if let Some(first) = characters.next() {
                    write!(f, "{}", first.to_lowercase())?;
                }
                f.write_str(characters.as_str())
            }
        }

        impl core::error::Error for $type {}
    };
}
pub(crate) use coded_error;

//! The payment form as data: its fields, what the shopper typed, and the
//! checks, all with kassa-card so the page and the server never disagree.
//! Plain Rust with no browser in sight, so it is tested natively.

use core::fmt;

use kassa_api::{BillingAddressInput, CardInput, PayRequest, SaveCardMode, SavedCardOption};
use kassa_card::{
    AddressInput, BillingAddress, Brand, CardNumber, CardholderName, Coded, Country, Date, Email,
    ErrorCode, Expiry, IsraeliId, Phone, SecurityCode,
};

/// A field of the payment form, in the order the page shows them (the
/// first invalid one takes the focus).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// Email.
    Email,
    /// The choice of a saved card or a new one.
    PaymentMethod,
    /// Card number.
    Number,
    /// Expiry date.
    Expiry,
    /// Security code.
    Cvv,
    /// Name on the card.
    Name,
    /// The card holder's ID number (asked only when the gateway needs it).
    HolderId,
    /// Co-badged network choice.
    Network,
    /// Billing country.
    Country,
    /// Street address.
    Line1,
    /// Second address line.
    Line2,
    /// City.
    City,
    /// State or region.
    Region,
    /// Postal code.
    Postal,
    /// Phone.
    Phone,
    /// Number of installments.
    Installments,
    /// The consent to keep the card.
    SaveCard,
}

impl Field {
    /// Every field, in page order.
    pub const ALL: [Field; 17] = [
        Field::Email,
        Field::PaymentMethod,
        Field::Number,
        Field::Expiry,
        Field::Cvv,
        Field::Name,
        Field::HolderId,
        Field::Network,
        Field::Country,
        Field::Line1,
        Field::Line2,
        Field::City,
        Field::Region,
        Field::Postal,
        Field::Phone,
        Field::Installments,
        Field::SaveCard,
    ];

    /// The element id (and `data-testid`) of the field's control.
    ///
    /// ```
    /// use kassa_checkout::form::Field;
    /// assert_eq!(Field::Number.id(), "card-number");
    /// ```
    pub const fn id(self) -> &'static str {
        match self {
            Field::Email => "email",
            Field::PaymentMethod => "payment-method",
            Field::Number => "card-number",
            Field::Expiry => "card-expiry",
            Field::Cvv => "card-cvv",
            Field::Name => "card-name",
            Field::HolderId => "holder-id",
            Field::Network => "network",
            Field::Country => "country",
            Field::Line1 => "address-line1",
            Field::Line2 => "address-line2",
            Field::City => "city",
            Field::Region => "region",
            Field::Postal => "postal-code",
            Field::Phone => "phone",
            Field::Installments => "installments",
            Field::SaveCard => "save-card",
        }
    }

    /// The id of the element holding the field's error message.
    pub fn error_id(self) -> String {
        [self.id(), "-error"].concat()
    }

    /// The field's name in the server's field errors.
    ///
    /// ```
    /// use kassa_checkout::form::Field;
    /// assert_eq!(Field::from_api_name("billing_address.postal_code"), Some(Field::Postal));
    /// assert_eq!(Field::from_api_name(Field::Cvv.api_name()), Some(Field::Cvv));
    /// ```
    pub const fn api_name(self) -> &'static str {
        match self {
            Field::Email => "email",
            Field::PaymentMethod => "payment_method",
            Field::Number => "card.number",
            Field::Expiry => "card.expiry",
            Field::Cvv => "card.cvv",
            Field::Name => "card.name",
            Field::HolderId => "holder_id",
            Field::Network => "network",
            Field::Country => "billing_address.country",
            Field::Line1 => "billing_address.line1",
            Field::Line2 => "billing_address.line2",
            Field::City => "billing_address.city",
            Field::Region => "billing_address.region",
            Field::Postal => "billing_address.postal_code",
            Field::Phone => "phone",
            Field::Installments => "installments",
            Field::SaveCard => "save_card",
        }
    }

    /// Whether the field has its own error line on the page (the network
    /// and installment choices report through the banner).
    pub const fn has_error_line(self) -> bool {
        !matches!(self, Field::Network | Field::Installments)
    }

    /// The field a server field error names.
    pub fn from_api_name(name: &str) -> Option<Field> {
        Field::ALL
            .into_iter()
            .find(|field| field.api_name() == name)
    }

    /// The address field an address error code is about.
    fn from_address_code(code: ErrorCode) -> Field {
        match code.field() {
            "country" => Field::Country,
            "region" => Field::Region,
            "postal_code" => Field::Postal,
            "line2" => Field::Line2,
            "city" => Field::City,
            _ => Field::Line1,
        }
    }
}

/// What the shopper typed. `Debug` never shows the card number or code.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Values {
    /// Email.
    pub email: String,
    /// Card number as shown (with spaces).
    pub number: String,
    /// Expiry as shown (`MM/YY`).
    pub expiry: String,
    /// Security code.
    pub cvv: String,
    /// Name on the card.
    pub name: String,
    /// ISO 3166-1 alpha-2 country.
    pub country: String,
    /// Street.
    pub line1: String,
    /// Second line.
    pub line2: String,
    /// City.
    pub city: String,
    /// Region code or name.
    pub region: String,
    /// Postal code.
    pub postal: String,
    /// Phone.
    pub phone: String,
    /// The card holder's ID number, when the merchant's gateway needs it.
    pub holder_id: String,
    /// Whether the merchant's gateway needs the holder's ID number
    /// (`CheckoutView::holder_id_required`): without it the field is
    /// neither shown nor checked.
    pub holder_id_required: bool,
    /// The saved card the shopper pays with; `None` for a card typed in.
    /// Only its security code is then asked for.
    pub saved_card: Option<SavedCardOption>,
    /// Whether the merchant keeps the card (`CheckoutView::save_card`).
    pub save_card_mode: Option<SaveCardMode>,
    /// Whether the shopper ticked "save this card" (`optional` mode).
    pub save_card: bool,
}

impl fmt::Debug for Values {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Values")
            .field("email", &self.email)
            .field("number", &"<redacted>")
            .field("expiry", &self.expiry)
            .field("cvv", &"<redacted>")
            .field("country", &self.country)
            .field("saved_card", &self.saved_card.as_ref().map(|card| &card.id))
            .field("save_card", &self.save_card)
            .finish_non_exhaustive()
    }
}

impl Values {
    /// The text of a typed field (empty for choices kept elsewhere).
    pub fn get(&self, field: Field) -> &str {
        match field {
            Field::Email => &self.email,
            Field::Number => &self.number,
            Field::Expiry => &self.expiry,
            Field::Cvv => &self.cvv,
            Field::Name => &self.name,
            Field::HolderId => &self.holder_id,
            Field::Country => &self.country,
            Field::Line1 => &self.line1,
            Field::Line2 => &self.line2,
            Field::City => &self.city,
            Field::Region => &self.region,
            Field::Postal => &self.postal,
            Field::Phone => &self.phone,
            Field::PaymentMethod | Field::Network | Field::Installments | Field::SaveCard => "",
        }
    }

    /// Sets the text of a typed field.
    pub fn set(&mut self, field: Field, text: String) {
        let slot = match field {
            Field::Email => &mut self.email,
            Field::Number => &mut self.number,
            Field::Expiry => &mut self.expiry,
            Field::Cvv => &mut self.cvv,
            Field::Name => &mut self.name,
            Field::HolderId => &mut self.holder_id,
            Field::Country => &mut self.country,
            Field::Line1 => &mut self.line1,
            Field::Line2 => &mut self.line2,
            Field::City => &mut self.city,
            Field::Region => &mut self.region,
            Field::Postal => &mut self.postal,
            Field::Phone => &mut self.phone,
            Field::PaymentMethod | Field::Network | Field::Installments | Field::SaveCard => {
                return;
            }
        };
        *slot = text;
    }

    /// The card's brand once the number says it: the single candidate while
    /// typing, or the parsed card's brand; a saved card's own brand.
    ///
    /// ```
    /// use kassa_card::Brand;
    /// use kassa_checkout::form::Values;
    /// let values = Values { number: "3782".into(), ..Values::default() };
    /// assert_eq!(values.brand(), Some(Brand::AmericanExpress));
    /// ```
    pub fn brand(&self) -> Option<Brand> {
        if let Some(card) = &self.saved_card {
            return card.brand.parse().ok();
        }
        match CardNumber::parse(&self.number) {
            Ok(card) => Some(card.brand()),
            Err(_) => kassa_card::detect(&self.number).single(),
        }
    }

    /// The networks a complete co-badged card runs on (empty otherwise, and
    /// for a saved card).
    pub fn networks(&self) -> Vec<Brand> {
        if self.saved_card.is_some() {
            return Vec::new();
        }
        CardNumber::parse(&self.number)
            .map(|card| card.networks())
            .ok()
            .filter(|networks| networks.iter().count() > 1)
            .map(|networks| networks.iter().collect())
            .unwrap_or_default()
    }

    /// Puts the country and region in the form the lists use (`FR`, `NY`)
    /// however the merchant prefilled them (`fr`, `new york`), and empties
    /// what the chosen country does not use.
    ///
    /// ```
    /// use kassa_checkout::form::Values;
    /// let mut values = Values { country: "us".into(), region: "new york".into(), postal: "10001".into(), ..Values::default() };
    /// values.normalize_address();
    /// assert_eq!((values.country.as_str(), values.region.as_str()), ("US", "NY"));
    /// values.country = "HK".into();
    /// values.normalize_address();
    /// assert_eq!(values.postal, "", "Hong Kong has no postal codes");
    /// ```
    pub fn normalize_address(&mut self) {
        let Some(country) = self.country() else {
            return;
        };
        self.country = country.code().to_owned();
        if country.regions().next().is_some() {
            self.region = country
                .region(&self.region)
                .map(|region| region.code().to_owned())
                .unwrap_or_default();
        }
        if kassa_card::PostalCode::not_used_in(country) {
            self.postal.clear();
        }
    }

    fn country(&self) -> Option<Country> {
        Country::parse(&self.country).ok()
    }

    fn address_errors(&self) -> Vec<(Field, ErrorCode)> {
        let input = AddressInput {
            line1: &self.line1,
            line2: &self.line2,
            city: &self.city,
            region: &self.region,
            postal_code: &self.postal,
            country: &self.country,
        };
        match BillingAddress::parse(&input) {
            Ok(_) => Vec::new(),
            Err(errors) => errors
                .codes()
                .map(|code| (Field::from_address_code(code), code))
                .collect(),
        }
    }

    /// The problem with a field, judged as complete (on leaving it, on submit).
    ///
    /// ```
    /// use kassa_card::{Date, ErrorCode};
    /// use kassa_checkout::form::{Field, Values};
    /// let today = Date::new(2026, 11, 21).unwrap();
    /// let values = Values { expiry: "10/26".into(), ..Values::default() };
    /// assert_eq!(values.check(Field::Expiry, today), Some(ErrorCode::ExpiryInPast));
    /// ```
    pub fn check(&self, field: Field, today: Date) -> Option<ErrorCode> {
        match field {
            // A saved card: the server has its number, expiry and name.
            Field::Number | Field::Expiry | Field::Name if self.saved_card.is_some() => None,
            Field::Email => Email::parse(&self.email).err().map(|e| e.code()),
            Field::Number => CardNumber::parse(&self.number).err().map(|e| e.code()),
            Field::Expiry => Expiry::parse_valid(&self.expiry, today)
                .err()
                .map(|e| e.code()),
            // As the server does: a brand without a code (UATP) needs none.
            Field::Cvv => SecurityCode::parse_optional(&self.cvv, self.brand())
                .err()
                .map(|e| e.code()),
            Field::Name => CardholderName::parse(&self.name).err().map(|e| e.code()),
            Field::HolderId if !self.holder_id_required => None,
            Field::HolderId => IsraeliId::parse(&self.holder_id).err().map(|e| e.code()),
            Field::Phone if self.phone.trim().is_empty() => None,
            Field::Phone => Phone::parse(&self.phone, self.country())
                .err()
                .map(|e| e.code()),
            Field::Country
            | Field::Line1
            | Field::Line2
            | Field::City
            | Field::Region
            | Field::Postal => self
                .address_errors()
                .into_iter()
                .find(|(about, _)| *about == field)
                .map(|(_, code)| code),
            // Chosen from what the server offered (expired cards cannot
            // be), and the consent is the shopper's to give or not.
            Field::PaymentMethod | Field::Network | Field::Installments | Field::SaveCard => None,
        }
    }

    /// The problem with a field while the shopper is still typing in it:
    /// only what no further typing can mend (a letter in a card number, a
    /// 13th month), so nobody is scolded for being halfway.
    ///
    /// ```
    /// use kassa_card::Date;
    /// use kassa_checkout::form::{Field, Values};
    /// let today = Date::new(2026, 11, 21).unwrap();
    /// let halfway = Values { number: "4242 42".into(), expiry: "1".into(), ..Values::default() };
    /// assert_eq!(halfway.check_while_typing(Field::Number, today), None);
    /// let wrong = Values { expiry: "13".into(), ..Values::default() };
    /// assert!(wrong.check_while_typing(Field::Expiry, today).is_some());
    /// ```
    pub fn check_while_typing(&self, field: Field, today: Date) -> Option<ErrorCode> {
        let mendable = match field {
            Field::Number => CardNumber::status(&self.number).is_potentially_valid(),
            Field::Expiry => Expiry::status(&self.expiry, today).is_potentially_valid(),
            Field::Cvv => SecurityCode::is_potentially_valid(&self.cvv, self.brand()),
            _ => true,
        };
        if mendable {
            None
        } else {
            self.check(field, today)
        }
    }

    /// Every problem, in page order.
    pub fn check_all(&self, today: Date) -> Vec<(Field, ErrorCode)> {
        Field::ALL
            .into_iter()
            .filter_map(|field| self.check(field, today).map(|code| (field, code)))
            .collect()
    }

    /// The request to send: the card as typed (the server parses it again),
    /// or the saved card with the security code typed afresh; and the
    /// consent to keep a new card when the merchant asked for it.
    pub fn to_request(&self, installments: u8, network: Option<Brand>) -> PayRequest {
        let saved = self.saved_card.as_ref();
        let typed = |text: &String| {
            if saved.is_some() {
                String::new()
            } else {
                text.clone()
            }
        };
        let save_card = match self.save_card_mode {
            // Paying is consenting, as the notice above the button says.
            Some(SaveCardMode::Required) => Some(true),
            Some(SaveCardMode::Optional) if saved.is_none() && self.save_card => Some(true),
            _ => None,
        };
        PayRequest {
            card: CardInput {
                number: typed(&self.number),
                expiry: typed(&self.expiry),
                cvv: self.cvv.clone(),
                name: typed(&self.name),
            },
            billing_address: Some(BillingAddressInput {
                line1: self.line1.clone(),
                line2: self.line2.clone(),
                city: self.city.clone(),
                region: self.region.clone(),
                postal_code: self.postal.clone(),
                country: self.country.clone(),
            }),
            email: Some(self.email.clone()),
            phone: Some(self.phone.clone()).filter(|phone| !phone.trim().is_empty()),
            installments: Some(installments),
            network: network.map(|brand| brand.id().to_owned()),
            holder_id: Some(self.holder_id.clone()).filter(|id| !id.trim().is_empty()),
            save_card,
            payment_method: saved.map(|card| card.id.clone()),
            // Set by the form, which works it out from the merchant's terms.
            surcharge: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::new(2026, 11, 21).unwrap()
    }

    fn complete() -> Values {
        Values {
            email: "ada@example.com".into(),
            number: "4242 4242 4242 4242".into(),
            expiry: "12/30".into(),
            cvv: "123".into(),
            name: "Ada Lovelace".into(),
            country: "FR".into(),
            line1: "1 rue de Rivoli".into(),
            city: "Paris".into(),
            postal: "75001".into(),
            ..Values::default()
        }
    }

    #[test]
    fn a_complete_form_has_no_problems() {
        assert_eq!(complete().check_all(today()), vec![]);
    }

    #[test]
    fn an_empty_form_reports_every_required_field_in_page_order() {
        let problems: Vec<Field> = Values::default()
            .check_all(today())
            .into_iter()
            .map(|(field, _)| field)
            .collect();
        assert_eq!(problems.first(), Some(&Field::Email));
        assert!(problems.contains(&Field::Number));
        assert!(problems.contains(&Field::Country));
        assert!(!problems.contains(&Field::Phone), "phone is optional");
        assert!(problems.windows(2).all(|pair| pair[0] < pair[1]));
    }

    #[test]
    fn the_security_code_follows_the_brand() {
        let mut values = complete();
        values.number = "3782 822463 10005".into();
        assert_eq!(
            values.check(Field::Cvv, today()),
            Some(ErrorCode::CvvLength)
        );
        values.cvv = "1234".into();
        assert_eq!(values.check(Field::Cvv, today()), None);
    }

    #[test]
    fn a_postal_code_is_checked_for_the_chosen_country() {
        let mut values = complete();
        values.country = "US".into();
        values.region = "NY".into();
        values.postal = "7500A".into();
        assert_eq!(
            values.check(Field::Postal, today()),
            Some(ErrorCode::PostalCodeFormat)
        );
        values.postal = "10001".into();
        assert_eq!(values.check(Field::Postal, today()), None);
    }

    #[test]
    fn the_request_carries_the_card_and_debug_hides_it() {
        let values = complete();
        let request = values.to_request(3, Some(Brand::Visa));
        assert_eq!(request.card.number, "4242 4242 4242 4242");
        assert_eq!(request.installments, Some(3));
        assert_eq!(request.network.as_deref(), Some("visa"));
        assert_eq!(request.phone, None);
        assert!(!format!("{values:?}").contains("4242"));
    }

    #[test]
    fn a_required_holder_id_must_be_given() {
        let values = Values {
            holder_id_required: true,
            ..complete()
        };
        assert_eq!(
            values.check(Field::HolderId, today()),
            Some(ErrorCode::IsraeliIdFormat)
        );
        assert_eq!(
            values.check_all(today()),
            vec![(Field::HolderId, ErrorCode::IsraeliIdFormat)]
        );
    }

    #[test]
    fn a_required_holder_id_is_checked_with_its_check_digit() {
        let mut values = Values {
            holder_id_required: true,
            holder_id: "123456782".into(),
            ..complete()
        };
        assert_eq!(values.check(Field::HolderId, today()), None);
        assert_eq!(values.check_all(today()), vec![]);
        values.holder_id = "123456789".into();
        assert_eq!(
            values.check(Field::HolderId, today()),
            Some(ErrorCode::IsraeliIdChecksum)
        );
        assert_eq!(
            values
                .check(Field::HolderId, today())
                .map(ErrorCode::as_str),
            Some("israeli_id.checksum")
        );
    }

    #[test]
    fn a_holder_id_nobody_asked_for_is_never_a_problem() {
        let mut values = complete();
        assert_eq!(values.check(Field::HolderId, today()), None);
        values.holder_id = "123456789".into();
        assert_eq!(values.check(Field::HolderId, today()), None);
        assert_eq!(values.check_all(today()), vec![]);
    }

    #[test]
    fn the_request_carries_the_holder_id_when_given() {
        let mut values = Values {
            holder_id_required: true,
            holder_id: "123456782".into(),
            ..complete()
        };
        assert_eq!(
            values.to_request(1, None).holder_id.as_deref(),
            Some("123456782")
        );
        values.holder_id = "  ".into();
        assert_eq!(values.to_request(1, None).holder_id, None);
        assert_eq!(complete().to_request(1, None).holder_id, None);
    }

    #[test]
    fn a_server_error_about_the_holder_id_lands_on_its_field() {
        assert_eq!(Field::from_api_name("holder_id"), Some(Field::HolderId));
        assert_eq!(Field::HolderId.id(), "holder-id");
        assert!(Field::HolderId.has_error_line());
    }

    fn saved_visa() -> SavedCardOption {
        SavedCardOption {
            id: "pm_0123456789abcdef0123456789abcdef".into(),
            brand: "visa".into(),
            last4: "4242".into(),
            exp_month: 12,
            exp_year: 2030,
            expired: false,
        }
    }

    #[test]
    fn a_saved_card_needs_only_its_security_code() {
        let values = Values {
            number: String::new(),
            expiry: String::new(),
            name: String::new(),
            cvv: String::new(),
            saved_card: Some(saved_visa()),
            ..complete()
        };
        assert_eq!(values.brand(), Some(Brand::Visa));
        assert_eq!(
            values.check_all(today()),
            vec![(Field::Cvv, ErrorCode::CvvEmpty)]
        );
        let values = Values {
            cvv: "1234".into(),
            ..values
        };
        assert_eq!(
            values.check(Field::Cvv, today()),
            Some(ErrorCode::CvvLength),
            "a Visa code has three digits"
        );
    }

    #[test]
    fn paying_with_a_saved_card_sends_its_id_and_the_fresh_code_only() {
        let values = Values {
            cvv: "321".into(),
            saved_card: Some(saved_visa()),
            save_card_mode: Some(SaveCardMode::Optional),
            save_card: true,
            ..complete()
        };
        let request = values.to_request(1, None);
        assert_eq!(
            request.payment_method.as_deref(),
            Some("pm_0123456789abcdef0123456789abcdef")
        );
        assert_eq!(
            (
                request.card.number.as_str(),
                request.card.expiry.as_str(),
                request.card.name.as_str()
            ),
            ("", "", "")
        );
        assert_eq!(request.card.cvv, "321");
        assert_eq!(request.save_card, None, "the box is for a new card only");
        assert_eq!(request.billing_address.unwrap().country, "FR");
    }

    #[test]
    fn the_consent_is_sent_when_ticked_or_required_and_never_otherwise() {
        let consent = |mode, ticked| {
            Values {
                save_card_mode: mode,
                save_card: ticked,
                ..complete()
            }
            .to_request(1, None)
            .save_card
        };
        assert_eq!(consent(None, false), None);
        assert_eq!(consent(None, true), None, "nobody asked");
        assert_eq!(consent(Some(SaveCardMode::Optional), false), None);
        assert_eq!(consent(Some(SaveCardMode::Optional), true), Some(true));
        assert_eq!(consent(Some(SaveCardMode::Required), false), Some(true));
        assert_eq!(complete().to_request(1, None).payment_method, None);
    }

    #[test]
    fn server_errors_about_the_saved_card_and_the_consent_land_on_their_fields() {
        assert_eq!(
            Field::from_api_name("payment_method"),
            Some(Field::PaymentMethod)
        );
        assert_eq!(Field::from_api_name("save_card"), Some(Field::SaveCard));
        assert!(Field::PaymentMethod.has_error_line() && Field::SaveCard.has_error_line());
    }

    #[test]
    fn every_field_maps_to_and_from_its_server_name() {
        for field in Field::ALL {
            assert_eq!(Field::from_api_name(field.api_name()), Some(field));
        }
    }
}

//! Card brands (networks): the data table and detection from a number's
//! first digits.

use core::fmt;
use core::str::FromStr;

use crate::error::{Coded, ErrorCode, coded_error};

mod detect;
mod range;
mod table;

pub use detect::{BrandSet, Detection, detect};
pub(crate) use detect::{checksum_passes, detect_digits, is_isracard_valid, is_separator};
pub(crate) use range::IinRange;

/// A card network.
///
/// Facts about each brand (lengths, formatting gaps, security code, the
/// two-letter company code) come from one data table with the public source
/// of each row noted beside it.
///
/// ```
/// use kassa_card::{Brand, SecurityCodeName};
///
/// let amex = Brand::AmericanExpress;
/// assert_eq!(amex.id(), "american-express");
/// assert_eq!(amex.display_name(), "American Express");
/// assert_eq!(amex.company_code(), "AX");
/// assert_eq!(amex.lengths(), &[15]);
/// assert_eq!(amex.gaps(), &[4, 10]);
/// assert_eq!(amex.security_code_name(), Some(SecurityCodeName::Cid));
/// assert_eq!(amex.security_code_size(), 4);
/// assert_eq!("american-express".parse::<Brand>(), Ok(amex));
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Brand {
    /// Visa.
    Visa,
    /// Mastercard.
    Mastercard,
    /// American Express.
    AmericanExpress,
    /// Diners Club International.
    DinersClub,
    /// Discover.
    Discover,
    /// JCB.
    Jcb,
    /// UnionPay.
    UnionPay,
    /// Maestro.
    Maestro,
    /// Mir (Russia).
    Mir,
    /// Elo (Brazil).
    Elo,
    /// Hiper (Brazil).
    Hiper,
    /// Hipercard (Brazil).
    Hipercard,
    /// Verve (Nigeria).
    Verve,
    /// Troy (Türkiye).
    Troy,
    /// RuPay (India).
    RuPay,
    /// Dankort (Denmark).
    Dankort,
    /// UATP, the airlines' card.
    Uatp,
    /// mada (Saudi Arabia).
    Mada,
    /// Cartes Bancaires (France).
    CartesBancaires,
    /// Isracard (Israel's local card).
    Isracard,
}

/// How a brand's numbers are checked.
///
/// ```
/// use kassa_card::{Brand, Checksum};
/// assert_eq!(Brand::Visa.checksum(), Checksum::Luhn);
/// assert_eq!(Brand::UnionPay.checksum(), Checksum::LuhnNotRequired);
/// assert_eq!(Brand::Isracard.checksum(), Checksum::Isracard);
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Checksum {
    /// The Luhn check must pass.
    Luhn,
    /// Some of the brand's numbers are issued without a valid Luhn digit, so
    /// a failing check is not an error.
    LuhnNotRequired,
    /// Isracard's own mod-11 check over 8 or 9 digits.
    Isracard,
}

/// What a brand calls its security code.
///
/// ```
/// use kassa_card::SecurityCodeName;
/// assert_eq!(SecurityCodeName::Cvp2.as_str(), "CVP2");
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SecurityCodeName {
    /// Card Verification Value (Visa and most others).
    Cvv,
    /// Card Validation Code (Mastercard).
    Cvc,
    /// Card Identification number (American Express, Discover).
    Cid,
    /// Card Verification Number (UnionPay).
    Cvn,
    /// Código de Verificação Elo.
    Cve,
    /// Card Verification Parameter 2 (Mir).
    Cvp2,
}

impl SecurityCodeName {
    /// The name as printed on a form label.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Cvv => "CVV",
            Self::Cvc => "CVC",
            Self::Cid => "CID",
            Self::Cvn => "CVN",
            Self::Cve => "CVE",
            Self::Cvp2 => "CVP2",
        }
    }
}

impl fmt::Display for SecurityCodeName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One row of the brand table (its source is kept apart, in `table::SOURCES`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct BrandRow {
    pub(crate) brand: Brand,
    pub(crate) id: &'static str,
    pub(crate) name: &'static str,
    pub(crate) company_code: &'static str,
    /// Sorted, non-overlapping IIN ranges. Empty when the brand cannot be told
    /// from its first digits.
    pub(crate) ranges: &'static [IinRange],
    pub(crate) lengths: &'static [u8],
    pub(crate) gaps: &'static [u8],
    pub(crate) security_code: Option<(SecurityCodeName, u8)>,
    pub(crate) checksum: Checksum,
    /// Networks the same card may also run on (the shopper chooses).
    pub(crate) co_badges: &'static [Brand],
    /// Bit `d` is set when some range starts with digit `d`: a cheap first test.
    pub(crate) first_digits: u16,
}

impl Brand {
    /// Every brand, in table order (detection results come in this order).
    ///
    /// ```
    /// use kassa_card::Brand;
    /// assert_eq!(Brand::ALL.len(), 20);
    /// assert_eq!(Brand::ALL.first(), Some(&Brand::Visa));
    /// ```
    pub const ALL: &'static [Brand] = &[
        Brand::Visa,
        Brand::Mastercard,
        Brand::AmericanExpress,
        Brand::DinersClub,
        Brand::Discover,
        Brand::Jcb,
        Brand::UnionPay,
        Brand::Maestro,
        Brand::Mir,
        Brand::Elo,
        Brand::Hiper,
        Brand::Hipercard,
        Brand::Verve,
        Brand::Troy,
        Brand::RuPay,
        Brand::Dankort,
        Brand::Uatp,
        Brand::Mada,
        Brand::CartesBancaires,
        Brand::Isracard,
    ];

    pub(crate) fn row(self) -> &'static BrandRow {
        &table::BRANDS[self as usize]
    }

    /// The stable identifier, kebab-case as in credit-card-type (`"visa"`,
    /// `"american-express"`).
    pub fn id(self) -> &'static str {
        self.row().id
    }

    /// The name to show a person (`"Mastercard"`).
    pub fn display_name(self) -> &'static str {
        self.row().name
    }

    /// The two-letter company code merchants and processors exchange
    /// (`VI`, `MC`, `AX`, `DC`, `DI`, `JC`, …).
    pub fn company_code(self) -> &'static str {
        self.row().company_code
    }

    /// The numbers of digits the brand issues, ascending.
    pub fn lengths(self) -> &'static [u8] {
        self.row().lengths
    }

    /// The longest number the brand issues.
    ///
    /// ```
    /// use kassa_card::Brand;
    /// assert_eq!(Brand::Visa.max_length(), 19);
    /// assert_eq!(Brand::AmericanExpress.max_length(), 15);
    /// ```
    pub fn max_length(self) -> u8 {
        self.row().lengths.last().copied().unwrap_or(19)
    }

    /// Where a formatted number gets a space: after this many digits.
    pub fn gaps(self) -> &'static [u8] {
        self.row().gaps
    }

    /// What the brand calls its security code; `None` when its cards have none
    /// (UATP).
    pub fn security_code_name(self) -> Option<SecurityCodeName> {
        self.row().security_code.map(|(name, _)| name)
    }

    /// Digits in the security code; 0 when the brand's cards have none.
    pub fn security_code_size(self) -> u8 {
        self.row().security_code.map_or(0, |(_, size)| size)
    }

    /// How the number's check digit works.
    ///
    /// ```
    /// use kassa_card::{Brand, Checksum};
    /// assert_eq!(Brand::Mastercard.checksum(), Checksum::Luhn);
    /// ```
    pub fn checksum(self) -> Checksum {
        self.row().checksum
    }

    /// Networks a card of this brand may also run on: Visa for Dankort's
    /// Visa/Dankort cards, Visa and Mastercard for mada.
    ///
    /// ```
    /// use kassa_card::Brand;
    /// assert_eq!(Brand::Mada.co_badges(), &[Brand::Visa, Brand::Mastercard]);
    /// assert!(Brand::Visa.co_badges().is_empty());
    /// ```
    pub fn co_badges(self) -> &'static [Brand] {
        self.row().co_badges
    }

    /// The IIN ranges, as `(first, last)` prefixes of equal length.
    ///
    /// ```
    /// use kassa_card::Brand;
    /// assert_eq!(Brand::Mir.iin_ranges().collect::<Vec<_>>(), [(2200, 2204)]);
    /// ```
    pub fn iin_ranges(self) -> impl Iterator<Item = (u32, u32)> {
        self.row().ranges.iter().map(IinRange::as_written)
    }

    /// Where the row's data comes from.
    ///
    /// ```
    /// use kassa_card::Brand;
    /// assert!(Brand::Mir.source().starts_with("NSPK"));
    /// ```
    pub fn source(self) -> &'static str {
        table::SOURCES[self as usize]
    }

    /// Looks a brand up by id (`"mastercard"`), company code (`"MC"`) or
    /// display name, ignoring case.
    ///
    /// ```
    /// use kassa_card::Brand;
    /// assert_eq!(Brand::from_name("MC"), Some(Brand::Mastercard));
    /// assert_eq!(Brand::from_name("Diners Club"), Some(Brand::DinersClub));
    /// assert_eq!(Brand::from_name("diners-club"), Some(Brand::DinersClub));
    /// assert_eq!(Brand::from_name("nope"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Brand> {
        let name = name.trim();
        Brand::ALL.iter().copied().find(|brand| {
            let row = brand.row();
            row.id.eq_ignore_ascii_case(name)
                || row.company_code.eq_ignore_ascii_case(name)
                || row.name.eq_ignore_ascii_case(name)
        })
    }
}

impl fmt::Display for Brand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.display_name())
    }
}

/// A brand name that is not in the table.
///
/// ```
/// use kassa_card::{Brand, Coded, UnknownBrand};
///
/// assert_eq!("Amex Gold".parse::<Brand>(), Err(UnknownBrand));
/// assert_eq!(UnknownBrand.code().as_str(), "brand.unknown");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnknownBrand;

impl Coded for UnknownBrand {
    fn code(&self) -> ErrorCode {
        ErrorCode::BrandUnknown
    }
}
coded_error!(UnknownBrand);

impl FromStr for Brand {
    type Err = UnknownBrand;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Brand::from_name(name).ok_or(UnknownBrand)
    }
}

#[cfg(feature = "serde")]
mod serde_impls {
    use super::Brand;
    use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error};

    impl Serialize for Brand {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_str(self.id())
        }
    }

    impl<'de> Deserialize<'de> for Brand {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let text = <alloc::borrow::Cow<'de, str>>::deserialize(deserializer)?;
            text.parse().map_err(D::Error::custom)
        }
    }
}

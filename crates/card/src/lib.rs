#![doc = include_str!("../README.md")]
#![no_std]
#![cfg_attr(docsrs, feature(doc_cfg))]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod address;
mod amount;
mod brand;
#[cfg(feature = "compat")]
pub mod compat;
mod country;
mod currency;
mod date;
mod email;
mod error;
mod expiry;
mod format;
mod funding;
mod installments;
mod ip;
mod israeli_id;
mod luhn;
mod messages;
mod name;
mod number;
mod phone;
mod postal;
mod security_code;
mod surcharge;
mod test_cards;

pub use address::{AddressError, AddressInput, BillingAddress};
pub use amount::{Amount, AmountError, AmountLimits};
pub use brand::{Brand, BrandSet, Checksum, Detection, SecurityCodeName, UnknownBrand, detect};
pub use country::{Country, CountryError, Region};
pub use currency::{Currency, CurrencyError};
pub use date::{Date, DateError, YearMonth};
pub use email::{Email, EmailError};
pub use error::{Coded, ErrorCode, Locale};
pub use expiry::{Expiry, ExpiryError, ExpiryStatus};
pub use format::{Formatted, InputKind, format_card_number, format_expiry};
pub use funding::{Funding, PublishedCard, bin_facts};
pub use installments::MAX_INSTALLMENTS;
pub use installments::{InstallmentError, InstallmentPlan};
pub use ip::{CustomerIp, IpError};
pub use israeli_id::{IsraeliId, IsraeliIdError};
pub use luhn::{is_luhn_valid, luhn_check_digit};
pub use name::{CardholderName, NameError, RustUnicode, UnicodeProperties};
pub use number::{CardNumber, CardNumberError, NumberStatus};
pub use phone::{Phone, PhoneError};
pub use postal::{PostalCode, PostalCodeError, PostalKind};
pub use security_code::{SecurityCode, SecurityCodeError};
pub use surcharge::{
    SurchargeError, SurchargeRule, SurchargeRuleBuilder, surcharge, surcharge_applies,
};
pub use test_cards::{TestCard, generate_card_number, test_cards};

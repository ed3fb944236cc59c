//! ISO 3166-1 countries and the regions (states, provinces) some of them
//! require in an address.

use core::fmt;
use core::str::FromStr;

use crate::error::{Coded, ErrorCode, coded_error};

mod eea;
mod regions;
mod table;

/// One row of the country table (the names are a table of their own).
#[derive(Debug, PartialEq, Eq, Hash)]
struct CountryRow {
    alpha2: [u8; 2],
    calling_code: u16,
}

/// One state, province or territory.
#[derive(Debug, PartialEq, Eq, Hash)]
struct RegionRow {
    code: &'static str,
    name: &'static str,
}

/// A country, by its ISO 3166-1 alpha-2 code.
///
/// ```
/// use kassa_card::Country;
///
/// let israel = Country::parse("il").unwrap();
/// assert_eq!(israel.code(), "IL");
/// assert_eq!(israel.name(), "Israel");
/// assert_eq!(israel.calling_code(), 972);
/// assert_eq!(Country::all().count(), 249);
/// assert!(Country::parse("XX").is_err());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Country(u8);

/// A country code that is not in ISO 3166-1.
///
/// ```
/// use kassa_card::{Coded, Country, CountryError};
///
/// assert_eq!(Country::parse("FRA"), Err(CountryError::Unknown), "alpha-3 codes are not accepted");
/// assert_eq!(CountryError::Unknown.code().as_str(), "country.unknown");
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CountryError {
    /// Not an ISO 3166-1 alpha-2 code.
    Unknown,
}

impl Coded for CountryError {
    fn code(&self) -> ErrorCode {
        ErrorCode::CountryUnknown
    }
}
coded_error!(CountryError);

impl Country {
    /// Looks up an alpha-2 code, ignoring case and surrounding spaces.
    ///
    /// # Errors
    /// [`CountryError::Unknown`] for anything else.
    pub fn parse(code: &str) -> Result<Country, CountryError> {
        let code: [u8; 2] = code
            .trim()
            .as_bytes()
            .try_into()
            .map_err(|_| CountryError::Unknown)?;
        let code = code.map(|byte| byte.to_ascii_uppercase());
        table::COUNTRIES
            .binary_search_by(|row| row.alpha2.cmp(&code))
            .map(Country::at)
            .map_err(|_| CountryError::Unknown)
    }

    /// Every country, sorted by code.
    pub fn all() -> impl Iterator<Item = Country> {
        (0..table::COUNTRIES.len()).map(Country::at)
    }

    /// The country of row `index` of the table (249 rows: a `u8` holds it).
    fn at(index: usize) -> Country {
        Country(index as u8)
    }

    fn row(self) -> &'static CountryRow {
        &table::COUNTRIES[usize::from(self.0)]
    }

    /// The alpha-2 code (`"FR"`).
    pub fn code(self) -> &'static str {
        core::str::from_utf8(&self.row().alpha2).unwrap_or_default()
    }

    /// The English short name.
    pub fn name(self) -> &'static str {
        table::NAMES[usize::from(self.0)]
    }

    /// The international calling code (`33` for France).
    pub fn calling_code(self) -> u16 {
        self.row().calling_code
    }

    /// The regions an address in this country must name, or an empty slice
    /// where the region is free text (or absent).
    ///
    /// ```
    /// use kassa_card::Country;
    /// let canada = Country::parse("CA").unwrap();
    /// assert_eq!(canada.regions().count(), 13);
    /// assert_eq!(Country::parse("FR").unwrap().regions().count(), 0);
    /// ```
    pub fn regions(self) -> impl Iterator<Item = Region> {
        self.region_rows().iter().map(Region)
    }

    /// Whether an address here must name one of [`Country::regions`].
    ///
    /// ```
    /// use kassa_card::Country;
    /// assert!(Country::parse("AU").unwrap().requires_region());
    /// assert!(!Country::parse("GB").unwrap().requires_region());
    /// ```
    pub fn requires_region(self) -> bool {
        !self.region_rows().is_empty()
    }

    /// Finds a region by code or English name, ignoring case (`"on"`,
    /// `"Ontario"`).
    ///
    /// ```
    /// use kassa_card::Country;
    /// let us = Country::parse("US").unwrap();
    /// assert_eq!(us.region("new york").unwrap().code(), "NY");
    /// assert_eq!(us.region("ca").unwrap().name(), "California");
    /// assert!(us.region("Bavaria").is_none());
    /// ```
    pub fn region(self, text: &str) -> Option<Region> {
        let text = text.trim();
        self.region_rows()
            .iter()
            .find(|row| row.code.eq_ignore_ascii_case(text) || row.name.eq_ignore_ascii_case(text))
            .map(Region)
    }

    /// Whether the country is in the European Economic Area: the 27 EU
    /// member states (with their outermost regions and the Åland Islands,
    /// which have codes of their own), Iceland, Liechtenstein and Norway.
    /// There, PSD2 forbids surcharging consumer cards.
    ///
    /// ```
    /// use kassa_card::Country;
    /// let eea = |code: &str| Country::parse(code).unwrap().is_in_eea();
    /// assert!(eea("FR") && eea("DE") && eea("NO") && eea("RE"));
    /// assert!(!eea("GB") && !eea("CH") && !eea("US") && !eea("IL"));
    /// assert_eq!(Country::all().filter(|country| country.is_in_eea()).count(), 37);
    /// ```
    pub fn is_in_eea(self) -> bool {
        eea::EEA.binary_search(&self.row().alpha2).is_ok()
    }

    fn region_rows(self) -> &'static [RegionRow] {
        match &self.row().alpha2 {
            b"US" => regions::US,
            b"CA" => regions::CA,
            b"AU" => regions::AU,
            _ => &[],
        }
    }
}

impl fmt::Debug for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Country({})", self.code())
    }
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Country {
    type Err = CountryError;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        Country::parse(code)
    }
}

/// A state, province or territory of a country that requires one.
///
/// ```
/// use kassa_card::Country;
/// let region = Country::parse("AU").unwrap().region("NSW").unwrap();
/// assert_eq!((region.code(), region.name()), ("NSW", "New South Wales"));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Region(&'static RegionRow);

impl Region {
    /// The postal abbreviation (`"CA"`, `"ON"`, `"NSW"`).
    pub fn code(self) -> &'static str {
        self.0.code
    }

    /// The English name.
    pub fn name(self) -> &'static str {
        self.0.name
    }
}

impl fmt::Debug for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Region({})", self.code())
    }
}

#[cfg(feature = "serde")]
mod serde_impls {
    use super::Country;
    use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error};

    impl Serialize for Country {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_str(self.code())
        }
    }

    impl<'de> Deserialize<'de> for Country {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let text = <alloc::borrow::Cow<'de, str>>::deserialize(deserializer)?;
            Country::parse(&text).map_err(D::Error::custom)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{eea::EEA, regions, table::COUNTRIES};

    #[test]
    fn tables_are_sorted_and_unique() {
        assert!(
            COUNTRIES
                .windows(2)
                .all(|pair| pair[0].alpha2 < pair[1].alpha2)
        );
        assert!(EEA.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(
            EEA.iter()
                .all(|code| COUNTRIES.iter().any(|row| row.alpha2 == *code))
        );
        for list in [regions::US, regions::CA, regions::AU] {
            assert!(list.windows(2).all(|pair| pair[0].code < pair[1].code));
        }
    }
}

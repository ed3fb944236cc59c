//! Card funding (credit, debit, prepaid) and issuing country, from a small
//! table of public BIN facts. Anything the table does not know is `None`.

use core::fmt;

use crate::{Brand, CardNumber, Country};

mod table;

/// Where a card's money comes from.
///
/// The crate knows a card's funding only from public facts (see
/// [`CardNumber::funding`]); a processor's answer, such as a gateway's
/// `funding` field, is better and should win whenever there is one:
/// [`Funding::from_code`] reads it.
///
/// ```
/// use kassa_card::{CardNumber, Funding};
///
/// let debit = CardNumber::parse("4000 0566 5566 5556").unwrap();
/// assert_eq!(debit.funding(), Some(Funding::Debit));
/// assert_eq!(Funding::Debit.as_str(), "debit");
/// assert_eq!(Funding::from_code("prepaid"), Some(Funding::Prepaid));
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Funding {
    /// A credit (or charge) card: the issuer lends the money.
    Credit,
    /// A debit card: the money leaves the holder's account.
    Debit,
    /// A prepaid card: the money was loaded beforehand.
    Prepaid,
}

impl Funding {
    /// Every funding, in declaration order.
    ///
    /// ```
    /// use kassa_card::Funding;
    /// assert_eq!(Funding::ALL.len(), 3);
    /// ```
    pub const ALL: &'static [Funding] = &[Funding::Credit, Funding::Debit, Funding::Prepaid];

    /// The lowercase name, as processors write it (`"credit"`).
    ///
    /// ```
    /// use kassa_card::Funding;
    /// assert_eq!(Funding::Credit.as_str(), "credit");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Funding::Credit => "credit",
            Funding::Debit => "debit",
            Funding::Prepaid => "prepaid",
        }
    }

    /// Reads a processor's funding field (`"credit"`, `"debit"`, `"prepaid"`,
    /// ignoring case and surrounding spaces). Anything else, Stripe's
    /// `"unknown"` included, is `None`: not knowing is not an error.
    ///
    /// ```
    /// use kassa_card::Funding;
    /// assert_eq!(Funding::from_code(" Credit "), Some(Funding::Credit));
    /// assert_eq!(Funding::from_code("unknown"), None);
    /// ```
    pub fn from_code(code: &str) -> Option<Funding> {
        let code = code.trim();
        Funding::ALL
            .iter()
            .copied()
            .find(|funding| funding.as_str().eq_ignore_ascii_case(code))
    }
}

impl fmt::Display for Funding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the public table says about one card number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct BinFact {
    funding: Option<Funding>,
    country: Option<Country>,
}

/// The row for `digits`: an exact published test number first, then facts
/// that hold for every card of a brand.
fn lookup(card: &CardNumber) -> BinFact {
    let digits = card.expose_digits(); // compared against public test numbers only
    let row = table::NUMBERS
        .as_bytes()
        .chunks(table::NUMBER_LEN)
        .position(|number| number == digits.as_bytes())
        .and_then(|index| table::ROWS.get(index));
    if let Some(row) = row {
        return BinFact {
            funding: row.funding,
            country: row.country(),
        };
    }
    let funding = table::BRAND_FUNDING
        .iter()
        .find(|(brand, _)| *brand == card.brand())
        .map(|&(_, funding)| funding);
    BinFact {
        funding,
        country: None,
    }
}

impl CardNumber {
    /// The card's funding where public facts tell it, `None` otherwise.
    ///
    /// The answer comes from a small table: the test numbers the networks'
    /// test ranges hold as Stripe publishes them (each with its funding
    /// where Stripe names one), and facts true of a whole brand (Maestro is
    /// debit). Real cards of Visa, Mastercard and the other mixed brands
    /// answer `None`: ask the processor, whose answer always wins.
    ///
    /// ```
    /// use kassa_card::{CardNumber, Funding};
    ///
    /// let funding = |number: &str| CardNumber::parse(number).unwrap().funding();
    /// assert_eq!(funding("5200 8282 8282 8210"), Some(Funding::Debit));
    /// assert_eq!(funding("5105 1051 0510 5100"), Some(Funding::Prepaid));
    /// assert_eq!(funding("4000 0076 4000 0003"), Some(Funding::Credit));
    /// assert_eq!(funding("6759 6498 2643 8453"), Some(Funding::Debit), "Maestro");
    /// assert_eq!(funding("4242 4242 4242 4242"), None, "Stripe does not say");
    /// ```
    pub fn funding(&self) -> Option<Funding> {
        lookup(self).funding
    }

    /// The country of the card's issuer where public facts tell it, `None`
    /// otherwise (Stripe's cards by country; no brand-wide facts).
    ///
    /// ```
    /// use kassa_card::{CardNumber, Country};
    ///
    /// let country = |number: &str| CardNumber::parse(number).unwrap().issuer_country();
    /// assert_eq!(country("4000 0007 6000 0002"), Country::parse("BR").ok());
    /// assert_eq!(country("4000 0012 4000 0000"), Country::parse("CA").ok());
    /// assert_eq!(country("4000 0025 0000 0003"), Country::parse("FR").ok());
    /// assert_eq!(country("4000 0566 5566 5556"), None, "Stripe does not say");
    /// ```
    pub fn issuer_country(&self) -> Option<Country> {
        lookup(self).country
    }
}

/// The published facts, for docs and tests: every test number with what the
/// table says about it.
///
/// ```
/// use kassa_card::{CardNumber, bin_facts};
///
/// for fact in bin_facts() {
///     let card = CardNumber::parse(fact.number()).unwrap();
///     assert_eq!(card.funding(), fact.funding());
///     assert_eq!(card.issuer_country().map(|country| country.code()), fact.country());
///     assert!(fact.source().starts_with("https://"));
/// }
/// ```
pub fn bin_facts() -> impl Iterator<Item = PublishedCard> {
    table::ROWS
        .iter()
        .enumerate()
        .map(|(index, row)| PublishedCard {
            number: &table::NUMBERS[index * table::NUMBER_LEN..][..table::NUMBER_LEN],
            funding: row.funding,
            country: row.country().map(Country::code),
            brand: row.brand,
            source: row.source.url(),
        })
}

/// One published test number and what its publisher says about it.
///
/// ```
/// use kassa_card::{Funding, bin_facts};
///
/// let first = bin_facts().next().unwrap();
/// assert_eq!(first.number(), "4000056655665556");
/// assert_eq!(first.funding(), Some(Funding::Debit));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PublishedCard {
    number: &'static str,
    funding: Option<Funding>,
    country: Option<&'static str>,
    brand: Brand,
    source: &'static str,
}

impl PublishedCard {
    /// The number, digits only. Test numbers are public; this is not card data.
    pub fn number(&self) -> &'static str {
        self.number
    }

    /// The funding the publisher states, if it states one.
    pub fn funding(&self) -> Option<Funding> {
        self.funding
    }

    /// The issuing country's alpha-2 code, if the publisher states one.
    pub fn country(&self) -> Option<&'static str> {
        self.country
    }

    /// The brand the number parses as.
    pub fn brand(&self) -> Brand {
        self.brand
    }

    /// Where the fact is published.
    pub fn source(&self) -> &'static str {
        self.source
    }
}

//! Brand detection from the first digits of a number, as the shopper types.
//!
//! The rules, in order:
//! 1. A brand is a candidate when one of its IIN ranges still agrees with the
//!    digits typed so far.
//! 2. A candidate whose every matching range sits strictly inside another
//!    candidate's range is held back until the shopper reaches it: `"4"` is
//!    Visa, not "Visa or one of the Elo and mada BINs that start with 4".
//! 3. Once every candidate's range is fully typed, the most specific
//!    (narrowest) range wins (`401178…` is Elo, not Visa; mada's single BIN
//!    513213 beats Cartes Bancaires' 513000-513799), and its co-badged
//!    networks stay beside it (`4571…` is Dankort and Visa).

use core::fmt;

use super::range::{IinRange, WIDTH, prefix_interval};
use super::table::{BRANDS, BRANDS_BY_PREFIX3};
use super::{Brand, Checksum};

/// A set of brands, iterated in table order.
///
/// ```
/// use kassa_card::{Brand, detect};
///
/// let brands = detect("5").brands();
/// assert_eq!(brands.len(), 2);
/// assert!(brands.contains(Brand::Mastercard) && brands.contains(Brand::Maestro));
/// assert_eq!(brands.iter().collect::<Vec<_>>(), [Brand::Mastercard, Brand::Maestro]);
/// ```
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct BrandSet(u32);

impl BrandSet {
    /// The empty set.
    ///
    /// ```
    /// use kassa_card::{Brand, BrandSet};
    /// assert!(BrandSet::EMPTY.is_empty());
    /// assert!(!BrandSet::EMPTY.contains(Brand::Visa));
    /// ```
    pub const EMPTY: BrandSet = BrandSet(0);

    /// Whether `brand` is in the set.
    pub const fn contains(self, brand: Brand) -> bool {
        self.0 & (1 << brand as u32) != 0
    }

    /// The number of brands in the set.
    pub const fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// Whether the set is empty.
    ///
    /// ```
    /// use kassa_card::detect;
    /// assert!(detect("0").brands().is_empty());
    /// assert!(!detect("4").brands().is_empty());
    /// ```
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The brands, in table order.
    pub fn iter(self) -> impl Iterator<Item = Brand> {
        let mut bits = self.0;
        core::iter::from_fn(move || {
            let brand = Brand::ALL.get(bits.trailing_zeros() as usize)?;
            bits &= bits - 1;
            Some(*brand)
        })
    }

    /// The only brand, when there is exactly one.
    ///
    /// ```
    /// use kassa_card::{Brand, detect};
    /// assert_eq!(detect("34").brands().single(), Some(Brand::AmericanExpress));
    /// assert_eq!(detect("5").brands().single(), None, "Mastercard or Maestro");
    /// ```
    pub fn single(self) -> Option<Brand> {
        if self.len() == 1 {
            self.iter().next()
        } else {
            None
        }
    }

    const fn with(self, brand: Brand) -> BrandSet {
        BrandSet(self.0 | 1 << brand as u32)
    }

    const fn without(self, brand: Brand) -> BrandSet {
        BrandSet(self.0 & !(1 << brand as u32))
    }
}

impl fmt::Debug for BrandSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl FromIterator<Brand> for BrandSet {
    fn from_iter<I: IntoIterator<Item = Brand>>(brands: I) -> Self {
        brands.into_iter().fold(BrandSet::EMPTY, BrandSet::with)
    }
}

/// What the digits typed so far say about the card's brand.
///
/// ```
/// use kassa_card::{Brand, detect};
///
/// assert_eq!(detect("4").single(), Some(Brand::Visa));
/// assert_eq!(detect("4242 4242").single(), Some(Brand::Visa));
/// assert_eq!(detect("37").single(), Some(Brand::AmericanExpress));
/// assert_eq!(detect("5").single(), None, "Mastercard or Maestro");
///
/// // A Visa/Dankort card runs on both networks; the shopper may choose.
/// let dankort = detect("4571 0000");
/// assert!(dankort.is_co_badged());
/// assert_eq!(dankort.primary(), Some(Brand::Dankort));
/// assert_eq!(dankort.brands().iter().collect::<Vec<_>>(), [Brand::Visa, Brand::Dankort]);
///
/// assert!(detect("0").is_empty(), "no network issues numbers starting with 0");
/// assert!(detect("4x").is_empty(), "not a card number at all");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Detection {
    brands: BrandSet,
    primary: Option<Brand>,
    co_badged: bool,
}

impl Detection {
    const NONE: Detection = Detection {
        brands: BrandSet::EMPTY,
        primary: None,
        co_badged: false,
    };

    /// Every brand the number could still be.
    pub const fn brands(&self) -> BrandSet {
        self.brands
    }

    /// The brand, once only one remains (a co-badged card has two: see
    /// [`Detection::primary`]).
    pub fn single(&self) -> Option<Brand> {
        self.brands.single()
    }

    /// The brand whose range the number belongs to: the single candidate, or
    /// the local network of a co-badged card (Dankort, mada). `None` while
    /// several brands remain possible.
    pub const fn primary(&self) -> Option<Brand> {
        self.primary
    }

    /// Whether the card runs on more than one network, so the shopper may pick.
    pub const fn is_co_badged(&self) -> bool {
        self.co_badged
    }

    /// Whether no brand matches.
    pub const fn is_empty(&self) -> bool {
        self.brands.is_empty()
    }

    /// The most digits any remaining candidate can have (19 when none).
    ///
    /// ```
    /// use kassa_card::detect;
    /// assert_eq!(detect("34").max_length(), 15);
    /// assert_eq!(detect("").max_length(), 19);
    /// ```
    pub fn max_length(&self) -> u8 {
        self.brands
            .iter()
            .map(Brand::max_length)
            .max()
            .unwrap_or(19)
    }

    /// Where a formatted number gets its spaces: the primary brand's gaps, or
    /// `4 8 12 16` while the brand is open.
    ///
    /// ```
    /// use kassa_card::detect;
    /// assert_eq!(detect("37").gaps(), &[4, 10]);
    /// assert_eq!(detect("5").gaps(), &[4, 8, 12, 16]);
    /// ```
    pub fn gaps(&self) -> &'static [u8] {
        match self.primary {
            Some(brand) => brand.gaps(),
            None => &[4, 8, 12, 16],
        }
    }
}

impl fmt::Debug for Detection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Detection")
            .field("brands", &self.brands)
            .field("primary", &self.primary)
            .field("co_badged", &self.co_badged)
            .finish()
    }
}

/// Detects the brand from what is in a card-number field: digits, with any
/// spaces (any whitespace) or dashes. Anything else (a letter) gives an empty
/// detection. Before any digit, every brand that is not nested inside another
/// is a candidate.
///
/// Isracard has no IIN range, so it is never detected here; a complete 8- or
/// 9-digit number passing Isracard's check parses as Isracard
/// ([`CardNumber::parse`](crate::CardNumber::parse)).
///
/// ```
/// use kassa_card::{Brand, detect};
/// assert_eq!(detect("2221").single(), Some(Brand::Mastercard));
/// assert_eq!(detect("2200").single(), Some(Brand::Mir));
/// assert_eq!(detect("6062 82").single(), Some(Brand::Hipercard));
/// ```
pub fn detect(input: &str) -> Detection {
    let mut prefix = [0u8; WIDTH];
    let mut count = 0;
    // Most input is ASCII; decode characters only when it is not.
    let mut read = |character: char| {
        if character.is_ascii_digit() {
            if count < WIDTH {
                prefix[count] = character as u8 - b'0';
            }
            count += 1;
            true
        } else {
            is_separator(character)
        }
    };
    let all_read = if input.is_ascii() {
        input.bytes().all(|byte| read(char::from(byte)))
    } else {
        input.chars().all(read)
    };
    if !all_read {
        return Detection::NONE;
    }
    detect_digits(&prefix[..count.min(WIDTH)])
}

/// Spaces (any Unicode whitespace, so a pasted no-break space is fine) and
/// dashes separate digit groups.
pub(crate) fn is_separator(character: char) -> bool {
    character == '-' || character.is_whitespace()
}

/// Per-brand facts gathered in one pass over the table.
#[derive(Clone, Copy)]
struct Candidate {
    /// Index of the first range overlapping the prefix, and one past the last.
    ranges: (usize, usize),
    /// Width of the narrowest range that contains the whole prefix interval,
    /// if any: the narrower, the more specific.
    covering_width: Option<u32>,
}

/// Detection on digit values (0 to 9), at most [`WIDTH`] of them.
pub(crate) fn detect_digits(prefix: &[u8]) -> Detection {
    if prefix.len() == WIDTH {
        detect_complete(prefix)
    } else {
        detect_partial(prefix)
    }
}

/// With all eight digits typed, the prefix is a single point: each brand
/// either has a range containing it or not, and nothing can be nested. One
/// binary search per brand whose first digit fits, keeping the narrowest.
fn detect_complete(prefix: &[u8]) -> Detection {
    let (value, _) = prefix_interval(prefix);
    let mut found = BrandSet::EMPTY;
    let mut narrowest: Option<(u32, Brand)> = None;
    let mut tied = false;
    let possible = BrandSet(BRANDS_BY_PREFIX3[(value / 100_000) as usize]);
    for brand in possible.iter() {
        let row = brand.row();
        let index = row.ranges.partition_point(|range| range.high() < value);
        let Some(range) = row.ranges.get(index).filter(|range| range.low() <= value) else {
            continue;
        };
        found = found.with(row.brand);
        let width = range.high() - range.low();
        match narrowest {
            Some((best, _)) if best < width => {}
            Some((best, _)) if best == width => tied = true,
            _ => {
                narrowest = Some((width, row.brand));
                tied = false;
            }
        }
    }
    resolve(found, narrowest, tied)
}

/// Detection while fewer than eight digits are typed.
fn detect_partial(prefix: &[u8]) -> Detection {
    let (low, high) = prefix_interval(prefix);
    let first_digit_bit = prefix.first().map_or(u16::MAX, |&digit| 1 << digit);

    let mut candidates = [None::<Candidate>; Brand::ALL.len()];
    let mut found = BrandSet::EMPTY;
    for row in BRANDS.iter() {
        if row.first_digits & first_digit_bit == 0 {
            continue;
        }
        let start = row.ranges.partition_point(|range| range.high() < low);
        let end = start + row.ranges[start..].partition_point(|range| range.low() <= high);
        if start == end {
            continue;
        }
        let covering_width = row.ranges[start..end]
            .iter()
            .filter(|range| range.low() <= low && high <= range.high())
            .map(|range| range.high() - range.low())
            .min();
        candidates[row.brand as usize] = Some(Candidate {
            ranges: (start, end),
            covering_width,
        });
        found = found.with(row.brand);
    }
    if found.len() <= 1 {
        return Detection {
            brands: found,
            primary: found.single(),
            co_badged: false,
        };
    }

    // Rule 2: hold back brands nested inside another candidate's range.
    let mut brands = found;
    for brand in found.iter() {
        if is_nested(brand, found, &candidates, (low, high)) {
            brands = brands.without(brand);
        }
    }

    // Rule 3: once every candidate's range is fully typed, the most specific
    // (narrowest) range wins.
    let mut narrowest: Option<(u32, Brand)> = None;
    let mut tied = false;
    for brand in brands.iter() {
        let Some(width) = candidates[brand as usize].and_then(|candidate| candidate.covering_width)
        else {
            return Detection {
                brands,
                primary: brands.single(),
                co_badged: false,
            };
        };
        match narrowest {
            Some((best, _)) if best < width => {}
            Some((best, _)) if best == width => tied = true,
            _ => {
                narrowest = Some((width, brand));
                tied = false;
            }
        }
    }
    resolve(brands, narrowest, tied)
}

/// The narrowest brand and those of its co-badge partners that also matched;
/// every match when two brands claim the very same range (the table should
/// not allow it, so report both rather than guess).
fn resolve(found: BrandSet, narrowest: Option<(u32, Brand)>, tied: bool) -> Detection {
    match narrowest {
        Some((_, winner)) if !tied => {
            let partners: BrandSet = winner
                .co_badges()
                .iter()
                .copied()
                .filter(|&partner| found.contains(partner))
                .collect();
            let kept = partners.with(winner);
            Detection {
                brands: kept,
                primary: Some(winner),
                co_badged: kept.len() > 1,
            }
        }
        _ => Detection {
            brands: found,
            primary: found.single(),
            co_badged: false,
        },
    }
}

/// Whether every range of `brand` that agrees with the prefix lies strictly
/// inside a range of some other candidate, once both are cut to the prefix.
/// Ranges within a brand are sorted and disjoint, so the one range of another
/// brand that could contain a piece is found by binary search.
fn is_nested(
    brand: Brand,
    found: BrandSet,
    candidates: &[Option<Candidate>],
    interval: (u32, u32),
) -> bool {
    let Some(candidate) = candidates[brand as usize] else {
        return false;
    };
    let own = &brand.row().ranges[candidate.ranges.0..candidate.ranges.1];
    own.iter().all(|range| {
        let piece = clip(range, interval);
        found.without(brand).iter().any(|other| {
            let Some(other_candidate) = candidates[other as usize] else {
                return false;
            };
            let ranges = &other.row().ranges[other_candidate.ranges.0..other_candidate.ranges.1];
            let index = ranges.partition_point(|outer| outer.high() < piece.1);
            ranges.get(index).is_some_and(|outer| {
                let outer = clip(outer, interval);
                outer.0 <= piece.0 && piece.1 <= outer.1 && outer != piece
            })
        })
    })
}

fn clip(range: &IinRange, (low, high): (u32, u32)) -> (u32, u32) {
    (range.low().max(low), range.high().min(high))
}

/// Whether the brand's check passes for these digit values.
pub(crate) fn checksum_passes(checksum: Checksum, digits: &[u8]) -> bool {
    match checksum {
        Checksum::Luhn => crate::luhn::is_luhn_valid_digits(digits),
        Checksum::LuhnNotRequired => true,
        Checksum::Isracard => is_isracard_valid(digits),
    }
}

/// Isracard's check: left-pad to nine digits, weight them 9 down to 1, and the
/// sum must be a multiple of 11.
pub(crate) fn is_isracard_valid(digits: &[u8]) -> bool {
    if !(8..=9).contains(&digits.len()) {
        return false;
    }
    let padding = 9 - digits.len();
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(index, &digit)| u32::from(digit) * (9 - (index + padding)) as u32)
        .sum();
    sum.is_multiple_of(11)
}

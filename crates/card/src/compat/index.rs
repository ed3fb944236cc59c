//! Which patterns can match a number, by its first three digits.
//!
//! credit-card-type tries every pattern of every card type (about 170 for
//! the default table) on each call. Whether a pattern can match a number of
//! digits is decided, or at least bounded, by the number's first three
//! digits, so [`PrefixIndex`] keeps, for each of the 1,110 decimal prefixes of
//! one to three digits, the (card, pattern) pairs that can match a number
//! starting with it, in test order. Detection then tries three or four
//! patterns instead of 170. Like the core's compile-time `BRANDS_BY_PREFIX3`,
//! but built at run time, because `addCard`, `updateCard`, `removeCard` and
//! `changeOrder` change the table: [`super::Registry`] rebuilds it after each
//! change.
//!
//! Why the first three digits are enough to rule a pattern out (a number of
//! one or two digits is looked up as itself, so its entry is exact):
//! * a prefix `p` matches `n` when `p` and `n` agree on their shared length,
//!   so they agree on the first `min(3, len p)` characters too;
//! * a range `[min, max]` of two digit strings of the same length compares
//!   the number's first digits with them as integers of equal length, which
//!   is the lexicographic order, and a string in `[min, max]` has its first
//!   three characters in `[min[..3], max[..3]]`.
//!
//! Any other pattern (bounds of different lengths or not digits) is kept as a
//! candidate for every prefix, and the full match decides.

use alloc::vec::Vec;

use super::Pattern;

/// Slots: one-digit prefixes at 0..10, two digits at 10..110, three at 110..1110.
const SLOTS: usize = 10 + 100 + 1000;

/// One pattern that may match: the card's position in the test order and the
/// pattern's index in that card's `patterns`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Candidate {
    pub(super) position: u16,
    pub(super) pattern: u16,
}

/// The candidate patterns of each decimal prefix of one to three digits.
#[derive(Clone, Debug, Default)]
pub(super) struct PrefixIndex {
    /// `candidates[starts[slot]..starts[slot + 1]]`; empty before [`PrefixIndex::build`].
    starts: Vec<u32>,
    candidates: Vec<Candidate>,
}

/// The slot of a number of ASCII digits (at least one): its first three
/// digits, or all of it when shorter.
fn slot(digits: &[u8]) -> usize {
    let head = &digits[..digits.len().min(3)];
    let value = head
        .iter()
        .fold(0, |value, &digit| value * 10 + usize::from(digit - b'0'));
    match head.len() {
        1 => value,
        2 => 10 + value,
        _ => 110 + value,
    }
}

/// The digits of `slot` in `buffer`.
fn slot_digits(slot: usize, buffer: &mut [u8; 3]) -> &[u8] {
    let (length, mut value) = match slot {
        0..10 => (1, slot),
        10..110 => (2, slot - 10),
        _ => (3, slot - 110),
    };
    for place in (0..length).rev() {
        buffer[place] = b'0' + (value % 10) as u8;
        value /= 10;
    }
    &buffer[..length]
}

/// Whether `pattern` can match a number whose slot is `digits` (see the module
/// documentation).
fn may_match(pattern: &Pattern, digits: &[u8]) -> bool {
    let exact = match pattern {
        Pattern::Prefix(_) => true,
        Pattern::Range(min, max) => {
            min.len() == max.len()
                && (1..=19).contains(&min.len())
                && min.bytes().chain(max.bytes()).all(|b| b.is_ascii_digit())
        }
    };
    !exact || pattern.matches_known_digits(digits)
}

impl PrefixIndex {
    /// The index of `cards` (patterns in test order). Tables with more than
    /// 65,535 card types or patterns per card are not indexed (`None`); they
    /// are scanned as credit-card-type does.
    pub(super) fn build<'a>(cards: impl Iterator<Item = &'a [Pattern]> + Clone) -> Option<Self> {
        let mut starts = Vec::with_capacity(SLOTS + 1);
        let mut candidates = Vec::new();
        let mut buffer = [0; 3];
        for slot in 0..SLOTS {
            starts.push(u32::try_from(candidates.len()).ok()?);
            let digits = slot_digits(slot, &mut buffer);
            for (position, patterns) in cards.clone().enumerate() {
                for (index, pattern) in patterns.iter().enumerate() {
                    if may_match(pattern, digits) {
                        candidates.push(Candidate {
                            position: u16::try_from(position).ok()?,
                            pattern: u16::try_from(index).ok()?,
                        });
                    }
                }
            }
        }
        starts.push(u32::try_from(candidates.len()).ok()?);
        Some(PrefixIndex { starts, candidates })
    }

    /// The patterns that may match `digits` (ASCII digits, at least one), in
    /// test order and pattern order.
    pub(super) fn candidates(&self, digits: &[u8]) -> &[Candidate] {
        let slot = slot(digits);
        match (self.starts.get(slot), self.starts.get(slot + 1)) {
            (Some(&start), Some(&end)) => &self.candidates[start as usize..end as usize],
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_round_trip() {
        let mut buffer = [0; 3];
        for slot_number in 0..SLOTS {
            let digits = slot_digits(slot_number, &mut buffer).to_vec();
            assert_eq!(slot(&digits), slot_number);
        }
        assert_eq!(slot(b"4111111"), 110 + 411);
        assert_eq!(slot(b"05"), 15);
    }

    #[test]
    fn odd_ranges_stay_candidates_everywhere() {
        let odd = [Pattern::Range("1000".into(), "99".into())];
        let index = PrefixIndex::build([&odd[..]].into_iter()).unwrap();
        assert_eq!(index.candidates(b"5").len(), 1);
        assert_eq!(index.candidates(b"123").len(), 1);
    }
}

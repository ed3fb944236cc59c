//! IIN ranges, normalised to eight digits so a prefix of any length compares
//! against them with two integer comparisons.

/// Digits every range is widened to. Eight covers the longest published IINs
/// (Hiper's `63737423`); longer inputs are cut to their first eight digits.
pub(crate) const WIDTH: usize = 8;

const POW10: [u32; WIDTH + 1] = [
    1,
    10,
    100,
    1_000,
    10_000,
    100_000,
    1_000_000,
    10_000_000,
    100_000_000,
];

/// A range of IIN prefixes, `first..=last`, both with the same number of
/// digits, kept as written (`4..=4`, `2221..=2720`) and compared as eight-digit
/// prefixes ([`IinRange::low`], [`IinRange::high`]).
///
/// Kept as written rather than widened because the table goes into every
/// browser's WebAssembly module: numbers as written share their high bytes
/// with their neighbours and gzip to half the size of widened ones (about
/// 1.1 KB against 2.5 KB for the 328 ranges), for two multiplications per
/// comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct IinRange {
    first: u32,
    last: u32,
}

impl IinRange {
    /// The range `first..=last`; both must have the same number of digits.
    pub(crate) const fn new(first: u32, last: u32) -> IinRange {
        let digits = digit_count(first);
        assert!(digits == digit_count(last) && first <= last && digits as usize <= WIDTH);
        IinRange { first, last }
    }

    /// What widens the range's numbers to eight digits: `10^(8 - digits)`.
    const fn scale(&self) -> u32 {
        POW10[WIDTH - digit_count(self.first) as usize]
    }

    /// The first eight-digit prefix in the range (`2221` gives `22210000`).
    pub(crate) const fn low(&self) -> u32 {
        self.first * self.scale()
    }

    /// The last eight-digit prefix in the range (`2720` gives `27209999`).
    pub(crate) const fn high(&self) -> u32 {
        (self.last + 1) * self.scale() - 1
    }

    /// The range as it was written in the table.
    pub(crate) fn as_written(&self) -> (u32, u32) {
        (self.first, self.last)
    }

    /// The leading digit of every number in the range.
    pub(crate) const fn first_digit(&self) -> u32 {
        self.low() / POW10[WIDTH - 1]
    }
}

const fn digit_count(value: u32) -> u8 {
    // Comparisons rather than divisions: this runs in every range comparison.
    let mut count = 1;
    while count < POW10.len() && value >= POW10[count] {
        count += 1;
    }
    count as u8
}

/// The interval of eight-digit prefixes that start with `prefix` (at most eight
/// digit values): `"42"` is `42000000..=42999999`.
pub(crate) fn prefix_interval(prefix: &[u8]) -> (u32, u32) {
    let value = prefix
        .iter()
        .fold(0u32, |value, &digit| value * 10 + u32::from(digit));
    let scale = POW10[WIDTH - prefix.len()];
    (value * scale, (value + 1) * scale - 1)
}

/// The bit mask of leading digits a list of ranges covers.
pub(crate) const fn first_digit_mask(ranges: &[IinRange]) -> u16 {
    let mut mask = 0u16;
    let mut index = 0;
    while index < ranges.len() {
        let first = ranges[index].first_digit();
        let last = ranges[index].high() / POW10[WIDTH - 1];
        let mut digit = first;
        while digit <= last {
            mask |= 1 << digit;
            digit += 1;
        }
        index += 1;
    }
    mask
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_widen_to_eight_digits_and_back() {
        let range = IinRange::new(2221, 2720);
        assert_eq!((range.low(), range.high()), (22_210_000, 27_209_999));
        let visa = IinRange::new(4, 4);
        assert_eq!((visa.low(), visa.high()), (40_000_000, 49_999_999));
        let hiper = IinRange::new(63737423, 63737423);
        assert_eq!((hiper.low(), hiper.high()), (63_737_423, 63_737_423));
        assert_eq!(range.as_written(), (2221, 2720));
        assert_eq!(prefix_interval(&[4, 2]), (42_000_000, 42_999_999));
        assert_eq!(prefix_interval(&[]), (0, 99_999_999));
        assert_eq!(
            first_digit_mask(&[IinRange::new(2221, 2720), IinRange::new(51, 55)]),
            0b10_0100
        );
    }
}

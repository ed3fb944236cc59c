//! Public test card numbers, and a generator of valid numbers for demos and
//! tests. Which numbers a server accepts in test mode is the server's
//! configuration, not this crate's.

use alloc::string::String;

use crate::Brand;
use crate::brand::Checksum;

/// A test number, with who publishes it.
///
/// ```
/// use kassa_card::{Brand, test_cards};
///
/// let card = test_cards().next().unwrap();
/// assert_eq!((card.brand(), card.number()), (Brand::Visa, "4242424242424242"));
/// assert_eq!(card.source(), "Stripe testing docs");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TestCard {
    brand: Brand,
    number: &'static str,
    source: &'static str,
}

impl TestCard {
    /// The brand the number parses as.
    pub fn brand(&self) -> Brand {
        self.brand
    }

    /// The number, digits only. Test numbers are public; this is not card data.
    pub fn number(&self) -> &'static str {
        self.number
    }

    /// Who publishes it.
    pub fn source(&self) -> &'static str {
        self.source
    }
}

const STRIPE: &str = "Stripe testing docs";
const BRAINTREE: &str = "Braintree sandbox test cards";
const ADYEN: &str = "Adyen test card numbers";

static TEST_CARDS: &[TestCard] = &[
    TestCard {
        brand: Brand::Visa,
        number: "4242424242424242",
        source: STRIPE,
    },
    TestCard {
        brand: Brand::Visa,
        number: "4111111111111111",
        source: BRAINTREE,
    },
    TestCard {
        brand: Brand::Mastercard,
        number: "5555555555554444",
        source: STRIPE,
    },
    TestCard {
        brand: Brand::Mastercard,
        number: "2223003122003222",
        source: STRIPE,
    },
    TestCard {
        brand: Brand::AmericanExpress,
        number: "378282246310005",
        source: STRIPE,
    },
    TestCard {
        brand: Brand::AmericanExpress,
        number: "371449635398431",
        source: BRAINTREE,
    },
    TestCard {
        brand: Brand::DinersClub,
        number: "36227206271667",
        source: STRIPE,
    },
    TestCard {
        brand: Brand::DinersClub,
        number: "3056930009020004",
        source: STRIPE,
    },
    TestCard {
        brand: Brand::Discover,
        number: "6011111111111117",
        source: BRAINTREE,
    },
    TestCard {
        brand: Brand::Jcb,
        number: "3566002020360505",
        source: STRIPE,
    },
    TestCard {
        brand: Brand::UnionPay,
        number: "6200000000000005",
        source: STRIPE,
    },
    TestCard {
        brand: Brand::Maestro,
        number: "6759649826438453",
        source: ADYEN,
    },
    TestCard {
        brand: Brand::Mir,
        number: "2200000000000004",
        source: "Russian PSP sandboxes",
    },
    TestCard {
        brand: Brand::Elo,
        number: "5066991111111118",
        source: BRAINTREE,
    },
    TestCard {
        brand: Brand::Hiper,
        number: "6370950000000005",
        source: BRAINTREE,
    },
    TestCard {
        brand: Brand::Hipercard,
        number: "6062820524845321",
        source: BRAINTREE,
    },
    TestCard {
        brand: Brand::Verve,
        number: "5061000000000000007",
        source: "generated in Verve's 506099-506198 range",
    },
    TestCard {
        brand: Brand::Troy,
        number: "9792030394440796",
        source: "PayTR sandbox",
    },
    TestCard {
        brand: Brand::RuPay,
        number: "6074825972083818",
        source: "Cashfree sandbox",
    },
    TestCard {
        brand: Brand::Dankort,
        number: "5019555544445555",
        source: ADYEN,
    },
    TestCard {
        brand: Brand::Dankort,
        number: "4571000000000001",
        source: ADYEN,
    },
    TestCard {
        brand: Brand::Uatp,
        number: "135410014004955",
        source: ADYEN,
    },
    TestCard {
        brand: Brand::Mada,
        number: "4464040000000007",
        source: "Checkout.com mada test card",
    },
    TestCard {
        brand: Brand::CartesBancaires,
        number: "4035501000000008",
        source: ADYEN,
    },
    TestCard {
        brand: Brand::Isracard,
        number: "10830529",
        source: "Business::CreditCard test suite",
    },
];

/// Public test numbers, at least one per brand. Verve's is generated in its
/// public range, since the published sandbox numbers fall outside it.
///
/// ```
/// use kassa_card::{Brand, CardNumber, test_cards};
///
/// for card in test_cards() {
///     assert_eq!(CardNumber::parse(card.number()).unwrap().brand(), card.brand());
/// }
/// assert!(test_cards().any(|card| card.brand() == Brand::Isracard));
/// ```
pub fn test_cards() -> impl Iterator<Item = TestCard> {
    TEST_CARDS.iter().copied()
}

/// Generates a valid number for `brand`: a prefix from one of its IIN
/// ranges, digits from `seed`, a correct check digit, and the brand's most
/// common length; the number always parses as `brand` (a draw that lands in
/// a more specific brand's range, an Elo BIN inside Visa's 4, is redrawn).
/// The same seed always gives the same number. `None` for a brand without
/// IIN ranges (Isracard).
///
/// ```
/// use kassa_card::{Brand, CardNumber, generate_card_number};
///
/// let number = generate_card_number(Brand::Mastercard, 7).unwrap();
/// let card = CardNumber::parse(&number).unwrap();
/// assert_eq!(card.brand(), Brand::Mastercard);
/// assert_eq!(generate_card_number(Brand::Mastercard, 7), Some(number));
/// ```
pub fn generate_card_number(brand: Brand, seed: u64) -> Option<String> {
    const ATTEMPTS: usize = 256;
    let ranges = brand.row().ranges;
    if ranges.is_empty() || brand.checksum() == Checksum::Isracard {
        return None;
    }
    let mut state = seed ^ 0x9E37_79B9_7F4A_7C15;
    // 16 digits where the brand issues them, else its first length.
    let length = if brand.lengths().contains(&16) {
        16
    } else {
        usize::from(brand.lengths()[0])
    };
    (0..ATTEMPTS).find_map(|_| {
        let range = ranges[(next_random(&mut state) % ranges.len() as u64) as usize];
        let (first, last) = range.as_written();
        let prefix = first + (next_random(&mut state) % u64::from(last - first + 1)) as u32;
        let mut number = alloc::format!("{prefix}");
        while number.len() < length - 1 {
            number.push(char::from(b'0' + (next_random(&mut state) % 10) as u8));
        }
        let check = crate::luhn_check_digit(&number)?;
        number.push(char::from(b'0' + check));
        let parsed = crate::CardNumber::parse(&number).ok()?;
        (parsed.brand() == brand).then_some(number)
    })
}

/// SplitMix64: tiny, deterministic, and good enough to spread test digits.
fn next_random(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

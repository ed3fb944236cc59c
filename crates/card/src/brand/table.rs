//! The brand table: one row per network, in the order of [`Brand::ALL`].
//!
//! Each row notes its public source. Where sources disagree, the row says
//! which one it follows and why. Ranges within a row are sorted and do not
//! overlap (a unit test checks this); ranges of different brands may nest, and
//! detection prefers the most specific (see `detect.rs`).

use super::range::{IinRange as R, first_digit_mask};
use super::{Brand, BrandRow, Checksum, SecurityCodeName as Code};

const STANDARD_GAPS: &[u8] = &[4, 8, 12, 16];

const VISA: &[R] = &[R::new(4, 4)];
const MASTERCARD: &[R] = &[R::new(2221, 2720), R::new(51, 55)];
const AMEX: &[R] = &[R::new(34, 34), R::new(37, 37)];
const DINERS: &[R] = &[
    R::new(300, 305),
    R::new(3095, 3095),
    R::new(36, 36),
    R::new(38, 39),
];
const DISCOVER: &[R] = &[R::new(6011, 6011), R::new(644, 649), R::new(65, 65)];
const JCB: &[R] = &[R::new(1800, 1800), R::new(2131, 2131), R::new(3528, 3589)];
const UNIONPAY: &[R] = &[R::new(62, 62), R::new(8100, 8171)];
const MAESTRO: &[R] = &[
    R::new(50, 50),
    R::new(56, 59),
    R::new(63, 63),
    R::new(67, 67),
];
const MIR: &[R] = &[R::new(2200, 2204)];
const ELO: &[R] = &[
    R::new(401178, 401179),
    R::new(431274, 431274),
    R::new(438935, 438935),
    R::new(451416, 451416),
    R::new(457393, 457393),
    R::new(457631, 457632),
    R::new(504175, 504175),
    R::new(506699, 506778),
    R::new(509000, 509999),
    R::new(627780, 627780),
    R::new(636297, 636297),
    R::new(636368, 636368),
    R::new(650031, 650033),
    R::new(650035, 650051),
    R::new(650405, 650439),
    R::new(650485, 650538),
    R::new(650541, 650598),
    R::new(650700, 650718),
    R::new(650720, 650727),
    R::new(650901, 650978),
    R::new(651652, 651679),
    R::new(655000, 655019),
    R::new(655021, 655058),
];
const HIPER: &[R] = &[
    R::new(637095, 637095),
    R::new(63737423, 63737423),
    R::new(63743358, 63743358),
    R::new(637568, 637568),
    R::new(637599, 637599),
    R::new(637609, 637609),
    R::new(637612, 637612),
];
const HIPERCARD: &[R] = &[
    R::new(384100, 384100),
    R::new(384140, 384140),
    R::new(384160, 384160),
    R::new(606282, 606282),
];
const VERVE: &[R] = &[
    R::new(506099, 506198),
    R::new(507865, 507964),
    R::new(650002, 650027),
];
const TROY: &[R] = &[R::new(979200, 979289)];
/// Hyperswitch's RuPay pattern (juspay/hyperswitch `crates/cards/src/validate.rs`).
const RUPAY: &[R] = &[
    R::new(353800, 353800),
    R::new(508227, 508227),
    R::new(508500, 508999),
    R::new(603741, 603741),
    R::new(606985, 607984),
    R::new(608001, 608500),
    R::new(652150, 653149),
    R::new(817290, 817290),
    R::new(817368, 817368),
    R::new(817378, 817378),
    R::new(82, 82),
];
const DANKORT: &[R] = &[R::new(4571, 4571), R::new(5019, 5019)];
const UATP: &[R] = &[R::new(1, 1)];
/// The union of two public lists: creditcards-types `types/mada.js` and
/// Moyasar's `MadaUtil.madaRanges`.
const MADA: &[R] = &[
    R::new(22337902, 22337902),
    R::new(22337986, 22337986),
    R::new(22402030, 22402030),
    R::new(242030, 242030),
    R::new(400861, 400861),
    R::new(401757, 401757),
    R::new(403024, 403024),
    R::new(40545400, 40545400),
    R::new(406136, 406136),
    R::new(406996, 406996),
    R::new(407197, 407197),
    R::new(407395, 407395),
    R::new(407520, 407520),
    R::new(409201, 409201),
    R::new(410621, 410621),
    R::new(410685, 410685),
    R::new(410834, 410834),
    R::new(412565, 412565),
    R::new(417633, 417633),
    R::new(419593, 419593),
    R::new(420132, 420132),
    R::new(421141, 421141),
    R::new(422817, 422819),
    R::new(428331, 428331),
    R::new(428671, 428673),
    R::new(431361, 431361),
    R::new(432328, 432328),
    R::new(434107, 434107),
    R::new(439954, 439954),
    R::new(440533, 440533),
    R::new(440647, 440647),
    R::new(440795, 440795),
    R::new(442463, 442463),
    R::new(445564, 445564),
    R::new(446393, 446393),
    R::new(446404, 446404),
    R::new(446672, 446672),
    R::new(45488707, 45488707),
    R::new(455036, 455036),
    R::new(455708, 455708),
    R::new(457865, 457865),
    R::new(457997, 457997),
    R::new(458456, 458456),
    R::new(462220, 462220),
    R::new(468540, 468543),
    R::new(474491, 474491),
    R::new(483010, 483012),
    R::new(484783, 484783),
    R::new(486094, 486096),
    R::new(489317, 489319),
    R::new(49098000, 49098000),
    R::new(492464, 492464),
    R::new(493428, 493428),
    R::new(504300, 504300),
    R::new(506968, 506968),
    R::new(508160, 508160),
    R::new(513213, 513213),
    R::new(515079, 515079),
    R::new(516138, 516138),
    R::new(520058, 520058),
    R::new(521076, 521076),
    R::new(52166100, 52166100),
    R::new(524130, 524130),
    R::new(524514, 524514),
    R::new(524940, 524940),
    R::new(529415, 529415),
    R::new(529741, 529741),
    R::new(530060, 530060),
    R::new(530906, 530906),
    R::new(531095, 531095),
    R::new(531196, 531196),
    R::new(532013, 532013),
    R::new(535825, 535825),
    R::new(535989, 535989),
    R::new(536023, 536023),
    R::new(537767, 537767),
    R::new(53973776, 53973776),
    R::new(539931, 539931),
    R::new(543085, 543085),
    R::new(543357, 543357),
    R::new(549760, 549760),
    R::new(554180, 554180),
    R::new(555610, 555610),
    R::new(557606, 557606),
    R::new(558563, 558563),
    R::new(558848, 558848),
    R::new(585265, 585265),
    R::new(588845, 588851),
    R::new(588982, 588983),
    R::new(589005, 589005),
    R::new(589206, 589206),
    R::new(604906, 604906),
    R::new(605141, 605141),
    R::new(636120, 636120),
    R::new(968201, 968211),
];
/// CB's co-badged ranges, from Hyperswitch's `CARD_NETWORK_REGEX` (juspay/hyperswitch
/// `crates/cards/src/validate.rs`, Apache-2.0), expanded to BIN ranges.
const CARTES_BANCAIRES: &[R] = &[
    R::new(401005, 401006),
    R::new(401581, 401581),
    R::new(402101, 402102),
    R::new(403550, 403550),
    R::new(405936, 405936),
    R::new(406572, 406572),
    R::new(413849, 413849),
    R::new(414819, 414819),
    R::new(415056, 415056),
    R::new(415059, 415059),
    R::new(415062, 415062),
    R::new(415071, 415071),
    R::new(415074, 415074),
    R::new(416286, 416286),
    R::new(416537, 416537),
    R::new(416579, 416579),
    R::new(417170, 417179),
    R::new(420110, 420110),
    R::new(423460, 423460),
    R::new(434721, 434722),
    R::new(435048, 435052),
    R::new(437875, 437875),
    R::new(439509, 439509),
    R::new(439511, 439511),
    R::new(439515, 439515),
    R::new(439539, 439539),
    R::new(439598, 439598),
    R::new(439603, 439603),
    R::new(439618, 439620),
    R::new(439622, 439622),
    R::new(439672, 439672),
    R::new(442448, 442452),
    R::new(442457, 442457),
    R::new(448412, 448412),
    R::new(450519, 450519),
    R::new(450560, 450560),
    R::new(453300, 453399),
    R::new(455660, 455689),
    R::new(456100, 456229),
    R::new(456240, 456299),
    R::new(456955, 456955),
    R::new(457452, 457452),
    R::new(457717, 457717),
    R::new(459300, 459309),
    R::new(459320, 459339),
    R::new(459370, 459379),
    R::new(459390, 459399),
    R::new(460990, 460999),
    R::new(465476, 465477),
    R::new(466258, 466258),
    R::new(466575, 466575),
    R::new(469800, 469809),
    R::new(469820, 469839),
    R::new(474107, 474107),
    R::new(477173, 477174),
    R::new(477186, 477186),
    R::new(477265, 477265),
    R::new(477293, 477293),
    R::new(479619, 479619),
    R::new(481091, 481091),
    R::new(483622, 483622),
    R::new(486519, 486519),
    R::new(497000, 497999),
    R::new(498350, 498399),
    R::new(499001, 499006),
    R::new(499010, 499016),
    R::new(499020, 499023),
    R::new(499030, 499033),
    R::new(499040, 499043),
    R::new(499050, 499052),
    R::new(499068, 499068),
    R::new(499092, 499092),
    R::new(499095, 499099),
    R::new(507589, 507590),
    R::new(507593, 507594),
    R::new(507597, 507597),
    R::new(510726, 510726),
    R::new(513000, 513799),
    R::new(513850, 513869),
    R::new(513900, 513900),
    R::new(513938, 513938),
    R::new(515214, 515214),
    R::new(516207, 516207),
    R::new(516236, 516236),
    R::new(517222, 517222),
    R::new(517243, 517243),
    R::new(517365, 517366),
    R::new(517502, 517502),
    R::new(517647, 517647),
    R::new(518101, 518101),
    R::new(519920, 519920),
    R::new(520993, 520993),
    R::new(521662, 521662),
    R::new(523718, 523718),
    R::new(527429, 527429),
    R::new(529227, 529227),
    R::new(529313, 529314),
    R::new(529331, 529331),
    R::new(529414, 529414),
    R::new(529421, 529421),
    R::new(529430, 529430),
    R::new(529440, 529440),
    R::new(529447, 529447),
    R::new(529455, 529456),
    R::new(529460, 529499),
    R::new(529542, 529542),
    R::new(530901, 530901),
    R::new(531028, 531028),
    R::new(531030, 531030),
    R::new(531195, 531195),
    R::new(532344, 532347),
    R::new(532459, 532459),
    R::new(532509, 532509),
    R::new(532534, 532534),
    R::new(532554, 532554),
    R::new(532556, 532556),
    R::new(533801, 533801),
    R::new(534102, 534102),
    R::new(534105, 534105),
    R::new(534111, 534111),
    R::new(535029, 535029),
    R::new(535066, 535066),
    R::new(535324, 535324),
    R::new(536107, 536107),
    R::new(536115, 536115),
    R::new(537106, 537106),
    R::new(537112, 537112),
    R::new(538011, 538011),
    R::new(542848, 542848),
    R::new(545157, 545157),
    R::new(549538, 549538),
    R::new(549858, 549859),
    R::new(553979, 553979),
    R::new(553993, 553993),
    R::new(554205, 554205),
    R::new(554260, 554260),
    R::new(554965, 554965),
    R::new(557008, 557008),
    R::new(558867, 558867),
    R::new(558882, 558882),
    R::new(558929, 558929),
    R::new(558942, 558943),
    R::new(559618, 559618),
    R::new(559809, 559810),
    R::new(560408, 560408),
    R::new(561202, 561206),
    R::new(561241, 561241),
    R::new(561243, 561244),
    R::new(561250, 561250),
    R::new(561254, 561254),
    R::new(561256, 561258),
    R::new(581700, 581707),
    R::new(581715, 581715),
    R::new(581721, 581721),
    R::new(581724, 581724),
    R::new(581731, 581731),
    R::new(581736, 581751),
    R::new(581756, 581756),
    R::new(581762, 581762),
    R::new(581766, 581766),
    R::new(581769, 581769),
    R::new(581773, 581773),
    R::new(581777, 581787),
    R::new(581790, 581791),
    R::new(581797, 581797),
    R::new(585502, 585505),
    R::new(585577, 585582),
];

/// A row and where its data comes from.
#[derive(Clone, Copy)]
struct SourcedRow {
    row: BrandRow,
    source: &'static str,
}

/// A row, with the first-digit mask computed from its ranges.
#[allow(clippy::too_many_arguments)]
const fn row(
    brand: Brand,
    id: &'static str,
    name: &'static str,
    company_code: &'static str,
    ranges: &'static [R],
    lengths: &'static [u8],
    gaps: &'static [u8],
    security_code: Option<(Code, u8)>,
    checksum: Checksum,
    co_badges: &'static [Brand],
    source: &'static str,
) -> SourcedRow {
    let row = BrandRow {
        brand,
        id,
        name,
        company_code,
        ranges,
        lengths,
        gaps,
        security_code,
        checksum,
        co_badges,
        first_digits: first_digit_mask(ranges),
    };
    SourcedRow { row, source }
}

const WIKIPEDIA: &str = "Wikipedia, \"Payment card number\", IIN ranges table (2026)";
const CREDIT_CARD_TYPE: &str = "braintree/credit-card-type lib/card-types.ts (MIT)";

/// Each brand's ranges, in [`Brand::ALL`] order, for the compile-time index below.
const RANGES_BY_BRAND: [&[R]; Brand::ALL.len()] = [
    VISA,
    MASTERCARD,
    AMEX,
    DINERS,
    DISCOVER,
    JCB,
    UNIONPAY,
    MAESTRO,
    MIR,
    ELO,
    HIPER,
    HIPERCARD,
    VERVE,
    TROY,
    RUPAY,
    DANKORT,
    UATP,
    MADA,
    CARTES_BANCAIRES,
    &[],
];

/// For every three-digit prefix, the brands (bit `Brand as usize`) with a
/// range under it, computed at compile time: a complete number then searches
/// only the brands that can match ("424…" only Visa) instead of every list.
pub(crate) static BRANDS_BY_PREFIX3: [u32; 1000] = brands_by_prefix3();

const fn brands_by_prefix3() -> [u32; 1000] {
    let mut table = [0u32; 1000];
    let mut brand = 0;
    while brand < RANGES_BY_BRAND.len() {
        let ranges = RANGES_BY_BRAND[brand];
        let mut index = 0;
        while index < ranges.len() {
            let mut prefix = ranges[index].low() / 100_000;
            while prefix <= ranges[index].high() / 100_000 {
                table[prefix as usize] |= 1 << brand;
                prefix += 1;
            }
            index += 1;
        }
        brand += 1;
    }
    table
}

/// The table, indexed by `Brand as usize`.
pub(crate) static BRANDS: [BrandRow; Brand::ALL.len()] = rows(&TABLE);

/// Each row's source, indexed by `Brand as usize`: a table of its own so that
/// a WebAssembly module that never asks for sources does not carry them.
pub(crate) static SOURCES: [&str; Brand::ALL.len()] = sources(&TABLE);

const fn rows(table: &[SourcedRow; Brand::ALL.len()]) -> [BrandRow; Brand::ALL.len()] {
    let mut rows = [table[0].row; Brand::ALL.len()];
    let mut index = 0;
    while index < rows.len() {
        rows[index] = table[index].row;
        index += 1;
    }
    rows
}

const fn sources(table: &[SourcedRow; Brand::ALL.len()]) -> [&'static str; Brand::ALL.len()] {
    let mut sources = [""; Brand::ALL.len()];
    let mut index = 0;
    while index < sources.len() {
        sources[index] = table[index].source;
        index += 1;
    }
    sources
}

/// The table with its sources, in [`Brand::ALL`] order.
const TABLE: [SourcedRow; Brand::ALL.len()] = [
    // Lengths 13, 16 and 19 as in Wikipedia's table (credit-card-type omits
    // the legacy 13 and lists 18, which Visa does not issue).
    row(
        Brand::Visa,
        "visa",
        "Visa",
        "VI",
        VISA,
        &[13, 16, 19],
        STANDARD_GAPS,
        Some((Code::Cvv, 3)),
        Checksum::Luhn,
        &[],
        WIKIPEDIA,
    ),
    row(
        Brand::Mastercard,
        "mastercard",
        "Mastercard",
        "MC",
        MASTERCARD,
        &[16],
        STANDARD_GAPS,
        Some((Code::Cvc, 3)),
        Checksum::Luhn,
        &[],
        "Mastercard Rules: 51-55 and 2221-2720; Wikipedia",
    ),
    row(
        Brand::AmericanExpress,
        "american-express",
        "American Express",
        "AX",
        AMEX,
        &[15],
        &[4, 10],
        Some((Code::Cid, 4)),
        Checksum::Luhn,
        &[],
        WIKIPEDIA,
    ),
    // 36 issues 14 digits (4-6-4); the 30x, 38 and 39 ranges issue 16 to 19.
    row(
        Brand::DinersClub,
        "diners-club",
        "Diners Club",
        "DC",
        DINERS,
        &[14, 15, 16, 17, 18, 19],
        &[4, 10],
        Some((Code::Cvv, 3)),
        Checksum::Luhn,
        &[],
        WIKIPEDIA,
    ),
    // Discover also accepts UnionPay's 622126-622925; those cards are
    // UnionPay's, so the range stays in the UnionPay row only.
    row(
        Brand::Discover,
        "discover",
        "Discover",
        "DI",
        DISCOVER,
        &[16, 17, 18, 19],
        STANDARD_GAPS,
        Some((Code::Cid, 3)),
        Checksum::Luhn,
        &[],
        WIKIPEDIA,
    ),
    row(
        Brand::Jcb,
        "jcb",
        "JCB",
        "JC",
        JCB,
        &[15, 16, 17, 18, 19],
        STANDARD_GAPS,
        Some((Code::Cvv, 3)),
        Checksum::Luhn,
        &[],
        "Wikipedia; credit-card-type (1800, 2131)",
    ),
    // UnionPay does not require a valid Luhn digit on all its ranges; as
    // card-validator does, a failing Luhn check is not an error.
    row(
        Brand::UnionPay,
        "unionpay",
        "UnionPay",
        "UP",
        UNIONPAY,
        &[14, 15, 16, 17, 18, 19],
        STANDARD_GAPS,
        Some((Code::Cvn, 3)),
        Checksum::LuhnNotRequired,
        &[],
        "Wikipedia (62, 81); credit-card-type (8100-8171)",
    ),
    // Maestro's modern ranges (50, 56-59, 63, 67) per credit-card-type, without
    // its catch-all "6", which would swallow Discover and UnionPay while typing.
    row(
        Brand::Maestro,
        "maestro",
        "Maestro",
        "MA",
        MAESTRO,
        &[12, 13, 14, 15, 16, 17, 18, 19],
        STANDARD_GAPS,
        Some((Code::Cvc, 3)),
        Checksum::Luhn,
        &[],
        CREDIT_CARD_TYPE,
    ),
    row(
        Brand::Mir,
        "mir",
        "Mir",
        "MI",
        MIR,
        &[16, 17, 18, 19],
        STANDARD_GAPS,
        Some((Code::Cvp2, 3)),
        Checksum::Luhn,
        &[],
        "NSPK (2200-2204); credit-card-type",
    ),
    row(
        Brand::Elo,
        "elo",
        "Elo",
        "EL",
        ELO,
        &[16],
        STANDARD_GAPS,
        Some((Code::Cve, 3)),
        Checksum::Luhn,
        &[],
        CREDIT_CARD_TYPE,
    ),
    row(
        Brand::Hiper,
        "hiper",
        "Hiper",
        "HI",
        HIPER,
        &[16],
        STANDARD_GAPS,
        Some((Code::Cvc, 3)),
        Checksum::Luhn,
        &[],
        CREDIT_CARD_TYPE,
    ),
    row(
        Brand::Hipercard,
        "hipercard",
        "Hipercard",
        "HC",
        HIPERCARD,
        &[16, 19],
        STANDARD_GAPS,
        Some((Code::Cvc, 3)),
        Checksum::Luhn,
        &[],
        "Wikipedia (3841x0, 606282); credit-card-type",
    ),
    row(
        Brand::Verve,
        "verve",
        "Verve",
        "VE",
        VERVE,
        &[16, 18, 19],
        STANDARD_GAPS,
        Some((Code::Cvv, 3)),
        Checksum::Luhn,
        &[],
        WIKIPEDIA,
    ),
    row(
        Brand::Troy,
        "troy",
        "Troy",
        "TR",
        TROY,
        &[16],
        STANDARD_GAPS,
        Some((Code::Cvv, 3)),
        Checksum::Luhn,
        &[],
        "Wikipedia (979200-979289)",
    ),
    row(
        Brand::RuPay,
        "rupay",
        "RuPay",
        "RU",
        RUPAY,
        &[16],
        STANDARD_GAPS,
        Some((Code::Cvv, 3)),
        Checksum::Luhn,
        &[],
        "juspay/hyperswitch crates/cards/src/validate.rs (RuPay pattern)",
    ),
    // Dankort's own 5019 range, and the co-badged Visa/Dankort 4571.
    row(
        Brand::Dankort,
        "dankort",
        "Dankort",
        "DK",
        DANKORT,
        &[16],
        STANDARD_GAPS,
        Some((Code::Cvv, 3)),
        Checksum::Luhn,
        &[Brand::Visa],
        WIKIPEDIA,
    ),
    // UATP cards carry no security code.
    row(
        Brand::Uatp,
        "uatp",
        "UATP",
        "TP",
        UATP,
        &[15],
        &[4, 9],
        None,
        Checksum::Luhn,
        &[],
        WIKIPEDIA,
    ),
    row(
        Brand::Mada,
        "mada",
        "mada",
        "MD",
        MADA,
        &[16],
        STANDARD_GAPS,
        Some((Code::Cvv, 3)),
        Checksum::Luhn,
        &[Brand::Visa, Brand::Mastercard],
        "bendrucker/creditcards-types types/mada.js; moyasar/moyasar-flutter MadaUtil",
    ),
    // GIE CB publishes no BIN list; Hyperswitch's co-badge table is the best
    // public one. CB cards also run on Visa or Mastercard.
    row(
        Brand::CartesBancaires,
        "cartes-bancaires",
        "Cartes Bancaires",
        "CB",
        CARTES_BANCAIRES,
        &[16],
        STANDARD_GAPS,
        Some((Code::Cvv, 3)),
        Checksum::Luhn,
        &[Brand::Visa, Brand::Mastercard],
        "juspay/hyperswitch crates/cards/src/validate.rs (CartesBancaires pattern)",
    ),
    // 8 or 9 digits, no IIN, its own mod-11 check. CPAN's Business::CreditCard
    // skips the leading digit's weight; it agrees with ours on every 8-digit
    // number, and we weight all nine as the algorithm is described.
    row(
        Brand::Isracard,
        "isracard",
        "Isracard",
        "IS",
        &[],
        &[8, 9],
        &[],
        Some((Code::Cvv, 3)),
        Checksum::Isracard,
        &[],
        "Business::CreditCard (CPAN) Isracard check, with the leading digit weighted 9",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_follow_brand_order() {
        for (index, brand) in Brand::ALL.iter().enumerate() {
            assert_eq!(BRANDS[index].brand, *brand);
            assert_eq!(BRANDS[index].ranges, RANGES_BY_BRAND[index], "{brand:?}");
        }
    }

    #[test]
    fn ranges_are_sorted_and_disjoint_within_each_row() {
        for row in &BRANDS {
            for pair in row.ranges.windows(2) {
                assert!(
                    pair[0].high() < pair[1].low(),
                    "{:?} overlaps or is unsorted",
                    row.brand
                );
            }
        }
    }

    #[test]
    fn lengths_are_sorted_and_gaps_fit_inside_them() {
        for row in &BRANDS {
            assert!(
                row.lengths.windows(2).all(|pair| pair[0] < pair[1]),
                "{:?}",
                row.brand
            );
            assert!(row.lengths.iter().all(|length| (8..=19).contains(length)));
            assert!(
                row.gaps.windows(2).all(|pair| pair[0] < pair[1]),
                "{:?}",
                row.brand
            );
        }
    }

    #[test]
    fn ids_and_company_codes_are_unique() {
        for (index, row) in BRANDS.iter().enumerate() {
            for other in &BRANDS[index + 1..] {
                assert_ne!(row.id, other.id);
                assert_ne!(row.company_code, other.company_code);
            }
        }
    }
}

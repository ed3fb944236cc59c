//! credit-card-type's brand table, copied as data.
//!
//! Source: the npm package `credit-card-type` 10.3.0 (the version
//! `card-validator@10.0.4` resolves to through its `^10.1.0` range), file
//! `dist/lib/card-types.js`, and the test order `ORIGINAL_TEST_ORDER` and the
//! `types` names of `dist/index.js`. MIT licensed, © Braintree. Patterns are
//! kept as the decimal strings that `String(pattern)` gives in JavaScript,
//! because the matching rules work on those strings.

use alloc::borrow::Cow;

use super::{CardType, Pattern};

const fn p(prefix: &'static str) -> Pattern {
    Pattern::Prefix(Cow::Borrowed(prefix))
}

const fn r(min: &'static str, max: &'static str) -> Pattern {
    Pattern::Range(Cow::Borrowed(min), Cow::Borrowed(max))
}

const G444: &[u32] = &[4, 8, 12];

#[allow(clippy::too_many_arguments)]
const fn card(
    type_name: &'static str,
    nice_type: &'static str,
    patterns: &'static [Pattern],
    gaps: &'static [u32],
    lengths: &'static [u32],
    code_name: &'static str,
    code_size: u32,
) -> CardType {
    CardType {
        type_name: Cow::Borrowed(type_name),
        nice_type: Cow::Borrowed(nice_type),
        patterns: Cow::Borrowed(patterns),
        gaps: Cow::Borrowed(gaps),
        lengths: Cow::Borrowed(lengths),
        code_name: Cow::Borrowed(code_name),
        code_size,
    }
}

/// `creditCardType.types`: the constant names, in `ORIGINAL_TEST_ORDER`
/// (`VISA` → `"visa"`, …).
pub const TYPE_NAMES: &[(&str, &str)] = &[
    ("VISA", "visa"),
    ("MASTERCARD", "mastercard"),
    ("AMERICAN_EXPRESS", "american-express"),
    ("DINERS_CLUB", "diners-club"),
    ("DISCOVER", "discover"),
    ("TROY", "troy"),
    ("JCB", "jcb"),
    ("UNIONPAY", "unionpay"),
    ("NARANJA", "naranja"),
    ("VERVE", "verve"),
    ("MAESTRO", "maestro"),
    ("ELO", "elo"),
    ("MIR", "mir"),
    ("HIPER", "hiper"),
    ("HIPERCARD", "hipercard"),
];

static VISA_PATTERNS: &[Pattern] = &[p("4")];
static MASTERCARD_PATTERNS: &[Pattern] = &[
    r("51", "55"),
    r("2221", "2229"),
    r("223", "229"),
    r("23", "26"),
    r("270", "271"),
    p("2720"),
];
static AMERICAN_EXPRESS_PATTERNS: &[Pattern] = &[p("34"), p("37")];
static DINERS_CLUB_PATTERNS: &[Pattern] = &[r("300", "305"), p("36"), p("38"), p("39")];
static DISCOVER_PATTERNS: &[Pattern] = &[p("6011"), r("644", "649"), p("65")];
static TROY_PATTERNS: &[Pattern] = &[
    p("9792"),
    p("650052"),
    r("650082", "650083"),
    p("650092"),
    p("650161"),
    p("650170"),
    p("650173"),
    p("650175"),
    p("650268"),
    p("650271"),
    r("650273", "650274"),
    r("650456", "650457"),
    p("650836"),
    r("650846", "650850"),
    p("650923"),
    p("650987"),
    p("650990"),
    p("654997"),
    p("657366"),
    p("657998"),
    p("658758"),
    r("658767", "658768"),
    r("65083700", "65083704"),
    r("65085800", "65085804"),
    r("65085900", "65085901"),
    p("65086000"),
    r("65086100", "65086105"),
    r("65086200", "65086203"),
    r("65875000", "65875003"),
    p("65875009"),
    r("65875101", "65875104"),
    p("65875200"),
    p("65875501"),
    p("65875601"),
    p("65875900"),
    r("65876000", "65876002"),
    r("65876100", "65876103"),
    p("65876110"),
    r("65876115", "65876116"),
    r("65876200", "65876201"),
    p("65876500"),
    r("65876504", "65876505"),
    r("65876600", "65876602"),
    r("65877100", "65877101"),
    r("65877600", "65877602"),
    p("65877700"),
    r("65877801", "65877802"),
    r("65878200", "65878202"),
    r("65878300", "65878311"),
    r("65878400", "65878405"),
    r("65878500", "65878505"),
    r("65878600", "65878601"),
    p("65879800"),
    p("65880800"),
    p("65880900"),
];
static JCB_PATTERNS: &[Pattern] = &[p("2131"), p("1800"), r("3528", "3589")];
static UNIONPAY_PATTERNS: &[Pattern] = &[
    p("620"),
    r("62100", "62182"),
    r("62184", "62187"),
    r("62185", "62197"),
    r("62200", "62205"),
    r("622010", "622999"),
    p("622018"),
    r("62207", "62209"),
    r("623", "626"),
    p("6270"),
    p("6272"),
    p("6276"),
    r("627700", "627779"),
    r("627781", "627799"),
    r("6282", "6289"),
    p("6291"),
    p("6292"),
    p("810"),
    r("8110", "8131"),
    r("8132", "8151"),
    r("8152", "8163"),
    r("8164", "8171"),
];
static NARANJA_PATTERNS: &[Pattern] = &[p("589562"), p("402918"), p("527572")];
static VERVE_PATTERNS: &[Pattern] = &[
    r("506099", "506127"),
    p("506129"),
    r("506133", "506150"),
    r("506158", "506163"),
    p("506166"),
    p("506168"),
    p("506170"),
    p("506173"),
    r("506176", "506180"),
    p("506184"),
    r("506187", "506188"),
    p("506191"),
    p("506195"),
    p("506197"),
    p("507865"),
    p("507866"),
    r("507868", "507877"),
    r("507880", "507888"),
    p("507900"),
    p("507941"),
];
static MAESTRO_PATTERNS: &[Pattern] = &[
    p("493698"),
    r("500000", "504174"),
    r("504176", "506698"),
    r("506779", "508999"),
    r("56", "59"),
    p("63"),
    p("67"),
    p("6"),
];
static ELO_PATTERNS: &[Pattern] = &[
    p("401178"),
    p("401179"),
    p("438935"),
    p("457631"),
    p("457632"),
    p("431274"),
    p("451416"),
    p("457393"),
    p("504175"),
    r("506699", "506778"),
    r("509000", "509999"),
    p("627780"),
    p("636297"),
    p("636368"),
    r("650031", "650033"),
    r("650035", "650051"),
    r("650405", "650439"),
    r("650485", "650538"),
    r("650541", "650598"),
    r("650700", "650718"),
    r("650720", "650727"),
    r("650901", "650978"),
    r("651652", "651679"),
    r("655000", "655019"),
    r("655021", "655058"),
];
static MIR_PATTERNS: &[Pattern] = &[r("2200", "2204")];
static HIPER_PATTERNS: &[Pattern] = &[
    p("637095"),
    p("63737423"),
    p("63743358"),
    p("637568"),
    p("637599"),
    p("637609"),
    p("637612"),
];
static HIPERCARD_PATTERNS: &[Pattern] = &[p("606282")];

/// The 15 default card types, in credit-card-type's `ORIGINAL_TEST_ORDER`
/// (the order detection tries them in).
pub static DEFAULT_CARDS: &[CardType] = &[
    card("visa", "Visa", VISA_PATTERNS, G444, &[16, 18, 19], "CVV", 3),
    card(
        "mastercard",
        "Mastercard",
        MASTERCARD_PATTERNS,
        G444,
        &[16],
        "CVC",
        3,
    ),
    card(
        "american-express",
        "American Express",
        AMERICAN_EXPRESS_PATTERNS,
        &[4, 10],
        &[15],
        "CID",
        4,
    ),
    card(
        "diners-club",
        "Diners Club",
        DINERS_CLUB_PATTERNS,
        &[4, 10],
        &[14, 16, 19],
        "CVV",
        3,
    ),
    card(
        "discover",
        "Discover",
        DISCOVER_PATTERNS,
        G444,
        &[16, 19],
        "CID",
        3,
    ),
    card("troy", "Troy", TROY_PATTERNS, G444, &[16], "CVV", 3),
    card(
        "jcb",
        "JCB",
        JCB_PATTERNS,
        G444,
        &[16, 17, 18, 19],
        "CVV",
        3,
    ),
    card(
        "unionpay",
        "UnionPay",
        UNIONPAY_PATTERNS,
        G444,
        &[14, 15, 16, 17, 18, 19],
        "CVN",
        3,
    ),
    card(
        "naranja",
        "Naranja",
        NARANJA_PATTERNS,
        G444,
        &[16],
        "CVV",
        3,
    ),
    card(
        "verve",
        "Verve",
        VERVE_PATTERNS,
        G444,
        &[16, 18, 19],
        "CVV",
        3,
    ),
    card(
        "maestro",
        "Maestro",
        MAESTRO_PATTERNS,
        G444,
        &[12, 13, 14, 15, 16, 17, 18, 19],
        "CVC",
        3,
    ),
    card("elo", "Elo", ELO_PATTERNS, G444, &[16], "CVE", 3),
    card(
        "mir",
        "Mir",
        MIR_PATTERNS,
        G444,
        &[16, 17, 18, 19],
        "CVP2",
        3,
    ),
    card("hiper", "Hiper", HIPER_PATTERNS, G444, &[16], "CVC", 3),
    card(
        "hipercard",
        "Hipercard",
        HIPERCARD_PATTERNS,
        G444,
        &[16],
        "CVC",
        3,
    ),
];

//! Postal-code formats for the countries with the most card payments, and the
//! countries that have no postal codes.
//!
//! Source: Google's address metadata (libaddressinput / chromium-i18n
//! "ssl-address" data, `zip` regular expressions and `zip_name_type`), rewritten
//! in this crate's pattern language (see `super::pattern`). Sorted by country
//! code (lookups binary-search them).
//!
//! Where Google's expression restricts leading digits or letters more finely
//! than the pattern language can say, the row uses the broader pattern and
//! carries a `// narrower upstream: <regex>` comment quoting Google's `zip`.
//! Rows are kept one per line, so the tables are exempt from rustfmt.

use super::{PostalKind, PostalRule};

/// Postal-code formats by country, sorted by country code.
#[rustfmt::skip]
pub(super) static RULES: &[PostalRule] = &[
    PostalRule { country: *b"AD", kind: PostalKind::Postal, patterns: &["AD#0#"], example: "AD500" }, // narrower upstream: AD[1-7]0\d
    PostalRule { country: *b"AR", kind: PostalKind::Postal, patterns: &["####", "@####", "####@@@", "@####@@@"], example: "C1070AAM" }, // narrower upstream: ((?:[A-HJ-NP-Z])?\d{4})([A-Z]{3})?
    PostalRule { country: *b"AS", kind: PostalKind::Zip, patterns: &["96799", "96799-####"], example: "96799" },
    PostalRule { country: *b"AT", kind: PostalKind::Postal, patterns: &["####"], example: "1010" },
    PostalRule { country: *b"AU", kind: PostalKind::Postcode, patterns: &["####"], example: "2060" },
    PostalRule { country: *b"BD", kind: PostalKind::Postal, patterns: &["####"], example: "1000" },
    PostalRule { country: *b"BE", kind: PostalKind::Postal, patterns: &["####"], example: "1000" },
    PostalRule { country: *b"BG", kind: PostalKind::Postal, patterns: &["####"], example: "1000" },
    PostalRule { country: *b"BH", kind: PostalKind::Postal, patterns: &["###", "####"], example: "317" }, // narrower upstream: (?:^|\b)(?:1[0-2]|[1-9])\d{2}(?:$|\b)
    PostalRule { country: *b"BR", kind: PostalKind::Cep, patterns: &["#####-###"], example: "40301-110" },
    PostalRule { country: *b"BY", kind: PostalKind::Postal, patterns: &["######"], example: "220050" },
    PostalRule { country: *b"CA", kind: PostalKind::Postal, patterns: &["@#@ #@#"], example: "K1A 0B1" }, // narrower upstream: [ABCEGHJKLMNPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d
    PostalRule { country: *b"CH", kind: PostalKind::Postal, patterns: &["####"], example: "3030" },
    PostalRule { country: *b"CL", kind: PostalKind::Postal, patterns: &["#######"], example: "8340457" },
    PostalRule { country: *b"CN", kind: PostalKind::Postal, patterns: &["######"], example: "100808" },
    PostalRule { country: *b"CO", kind: PostalKind::Postal, patterns: &["######"], example: "111221" },
    PostalRule { country: *b"CR", kind: PostalKind::Postal, patterns: &["####", "#####", "###-####"], example: "10101" }, // narrower upstream: \d{4,5}|\d{3}-\d{4}
    PostalRule { country: *b"CY", kind: PostalKind::Postal, patterns: &["####"], example: "2008" },
    PostalRule { country: *b"CZ", kind: PostalKind::Postal, patterns: &["### ##"], example: "110 00" },
    PostalRule { country: *b"DE", kind: PostalKind::Postal, patterns: &["#####"], example: "10115" },
    PostalRule { country: *b"DK", kind: PostalKind::Postal, patterns: &["####"], example: "8660" },
    PostalRule { country: *b"DO", kind: PostalKind::Postal, patterns: &["#####"], example: "10101" },
    PostalRule { country: *b"DZ", kind: PostalKind::Postal, patterns: &["#####"], example: "16027" },
    PostalRule { country: *b"EE", kind: PostalKind::Postal, patterns: &["#####"], example: "11212" },
    PostalRule { country: *b"EG", kind: PostalKind::Postal, patterns: &["#####"], example: "11599" },
    PostalRule { country: *b"ES", kind: PostalKind::Postal, patterns: &["#####"], example: "28039" },
    PostalRule { country: *b"FI", kind: PostalKind::Postal, patterns: &["#####"], example: "00550" },
    PostalRule { country: *b"FR", kind: PostalKind::Postal, patterns: &["#####", "## ###"], example: "75008" }, // upstream: \d{2} ?\d{3}; "#####" first so an unspaced code stays unspaced
    PostalRule { country: *b"GB", kind: PostalKind::Postcode, patterns: &["@# #@@", "@## #@@", "@@# #@@", "@@## #@@", "@#@ #@@", "@@#@ #@@", "GIR 0AA", "BFPO #", "BFPO ##", "BFPO ###", "BFPO ####"], example: "SW1A 1AA" }, // narrower upstream: GIR ?0AA|(?:(?:AB|AL|B|BA|BB|BD|BF|BH|BL|BN|BR|BS|BT|BX|CA|CB|CF|CH|CM|CO|CR|CT|CV|CW|DA|DD|DE|DG|DH|DL|DN|DT|DY|E|EC|EH|EN|EX|FK|FY|G|GL|GY|GU|HA|HD|HG|HP|HR|HS|HU|HX|IG|IM|IP|IV|JE|KA|KT|KW|KY|L|LA|LD|LE|LL|LN|LS|LU|M|ME|MK|ML|N|NE|NG|NN|NP|NR|NW|OL|OX|PA|PE|PH|PL|PO|PR|RG|RH|RM|S|SA|SE|SG|SK|SL|SM|SN|SO|SP|SR|SS|ST|SW|SY|TA|TD|TF|TN|TQ|TR|TS|TW|UB|W|WA|WC|WD|WF|WN|WR|WS|WV|YO|ZE)(?:\d[\dA-Z]? ?\d[ABD-HJLN-UW-Z]{2}))|BFPO ?\d{1,4}
    PostalRule { country: *b"GE", kind: PostalKind::Postal, patterns: &["####"], example: "0101" },
    PostalRule { country: *b"GR", kind: PostalKind::Postal, patterns: &["### ##"], example: "151 24" },
    PostalRule { country: *b"GT", kind: PostalKind::Postal, patterns: &["#####"], example: "01001" },
    PostalRule { country: *b"GU", kind: PostalKind::Zip, patterns: &["969##", "969##-####"], example: "96910" }, // narrower upstream: (969(?:[12]\d|3[12]))(?:[ \-](\d{4}))?
    PostalRule { country: *b"HR", kind: PostalKind::Postal, patterns: &["#####"], example: "10000" },
    PostalRule { country: *b"HU", kind: PostalKind::Postal, patterns: &["####"], example: "1037" },
    PostalRule { country: *b"ID", kind: PostalKind::Postal, patterns: &["#####"], example: "40115" },
    PostalRule { country: *b"IE", kind: PostalKind::Eircode, patterns: &["*** ****"], example: "A65 F4E2" },
    PostalRule { country: *b"IL", kind: PostalKind::Postal, patterns: &["#####", "#######"], example: "9614303" },
    PostalRule { country: *b"IN", kind: PostalKind::Pin, patterns: &["######"], example: "110001" },
    PostalRule { country: *b"IS", kind: PostalKind::Postal, patterns: &["###"], example: "101" },
    PostalRule { country: *b"IT", kind: PostalKind::Postal, patterns: &["#####"], example: "00144" },
    PostalRule { country: *b"JO", kind: PostalKind::Postal, patterns: &["#####"], example: "11937" },
    PostalRule { country: *b"JP", kind: PostalKind::Postal, patterns: &["###-####"], example: "154-0023" },
    PostalRule { country: *b"KE", kind: PostalKind::Postal, patterns: &["#####"], example: "00100" },
    PostalRule { country: *b"KR", kind: PostalKind::Postal, patterns: &["#####"], example: "03051" },
    PostalRule { country: *b"KW", kind: PostalKind::Postal, patterns: &["#####"], example: "13009" },
    PostalRule { country: *b"KZ", kind: PostalKind::Postal, patterns: &["######"], example: "050012" },
    PostalRule { country: *b"LI", kind: PostalKind::Postal, patterns: &["94##"], example: "9490" }, // narrower upstream: 948[5-9]|949[0-8]
    PostalRule { country: *b"LK", kind: PostalKind::Postal, patterns: &["#####"], example: "00100" },
    PostalRule { country: *b"LT", kind: PostalKind::Postal, patterns: &["#####"], example: "04340" },
    PostalRule { country: *b"LU", kind: PostalKind::Postal, patterns: &["####"], example: "4750" },
    PostalRule { country: *b"LV", kind: PostalKind::Postal, patterns: &["LV-####"], example: "LV-1073" }, // narrower upstream: LV-\d{4}
    PostalRule { country: *b"MA", kind: PostalKind::Postal, patterns: &["#####"], example: "20050" },
    PostalRule { country: *b"MC", kind: PostalKind::Postal, patterns: &["980##"], example: "98000" },
    PostalRule { country: *b"MD", kind: PostalKind::Postal, patterns: &["####"], example: "2012" },
    PostalRule { country: *b"ME", kind: PostalKind::Postal, patterns: &["8####"], example: "81000" },
    PostalRule { country: *b"MK", kind: PostalKind::Postal, patterns: &["####"], example: "1000" },
    PostalRule { country: *b"MP", kind: PostalKind::Zip, patterns: &["9695#", "9695#-####"], example: "96950" }, // narrower upstream: (9695[012])(?:[ \-](\d{4}))?
    PostalRule { country: *b"MT", kind: PostalKind::Postal, patterns: &["@@@ ##", "@@@ ###", "@@@ ####"], example: "BZN 1130" },
    PostalRule { country: *b"MX", kind: PostalKind::Postal, patterns: &["#####"], example: "06082" },
    PostalRule { country: *b"MY", kind: PostalKind::Postal, patterns: &["#####"], example: "50670" },
    PostalRule { country: *b"NG", kind: PostalKind::Postal, patterns: &["######"], example: "100001" },
    PostalRule { country: *b"NL", kind: PostalKind::Postal, patterns: &["#### @@"], example: "1012 JS" }, // narrower upstream: [1-9]\d{3} ?(?:[A-RT-Z][A-Z]|S[BCE-RT-Z])
    PostalRule { country: *b"NO", kind: PostalKind::Postal, patterns: &["####"], example: "0150" },
    PostalRule { country: *b"NZ", kind: PostalKind::Postcode, patterns: &["####"], example: "6011" },
    PostalRule { country: *b"OM", kind: PostalKind::Postal, patterns: &["###", "PC ###"], example: "133" },
    PostalRule { country: *b"PE", kind: PostalKind::Postal, patterns: &["#####", "LIMA #", "LIMA ##", "CALLAO #", "CALLAO 0#"], example: "15001" }, // narrower upstream: (?:LIMA \d{1,2}|CALLAO 0?\d)|[0-2]\d{4}
    PostalRule { country: *b"PH", kind: PostalKind::Postal, patterns: &["####"], example: "1008" },
    PostalRule { country: *b"PK", kind: PostalKind::Postal, patterns: &["#####"], example: "44000" },
    PostalRule { country: *b"PL", kind: PostalKind::Postal, patterns: &["##-###"], example: "00-950" }, // narrower upstream: \d{2}-\d{3}
    PostalRule { country: *b"PR", kind: PostalKind::Zip, patterns: &["006##", "006##-####", "007##", "007##-####", "009##", "009##-####"], example: "00930" },
    PostalRule { country: *b"PT", kind: PostalKind::Postal, patterns: &["####-###"], example: "1250-096" }, // narrower upstream: \d{4}-\d{3}
    PostalRule { country: *b"RO", kind: PostalKind::Postal, patterns: &["######"], example: "060274" },
    PostalRule { country: *b"RS", kind: PostalKind::Postal, patterns: &["#####", "######"], example: "11000" },
    PostalRule { country: *b"RU", kind: PostalKind::Postal, patterns: &["######"], example: "103375" },
    PostalRule { country: *b"SA", kind: PostalKind::Postal, patterns: &["#####", "#####-####"], example: "11564" }, // upstream: \d{5}; the 4-digit suffix is the national-address additional number
    PostalRule { country: *b"SE", kind: PostalKind::Postal, patterns: &["### ##"], example: "114 55" },
    PostalRule { country: *b"SG", kind: PostalKind::Postal, patterns: &["######"], example: "546080" },
    PostalRule { country: *b"SI", kind: PostalKind::Postal, patterns: &["####"], example: "1000" },
    PostalRule { country: *b"SK", kind: PostalKind::Postal, patterns: &["### ##"], example: "010 01" },
    PostalRule { country: *b"SM", kind: PostalKind::Postal, patterns: &["4789#"], example: "47890" },
    PostalRule { country: *b"TH", kind: PostalKind::Postal, patterns: &["#####"], example: "10150" },
    PostalRule { country: *b"TN", kind: PostalKind::Postal, patterns: &["####"], example: "1002" },
    PostalRule { country: *b"TR", kind: PostalKind::Postal, patterns: &["#####"], example: "06101" },
    PostalRule { country: *b"TW", kind: PostalKind::Postal, patterns: &["###", "#####", "######"], example: "10603" },
    PostalRule { country: *b"UA", kind: PostalKind::Postal, patterns: &["#####"], example: "01001" },
    PostalRule { country: *b"US", kind: PostalKind::Zip, patterns: &["#####", "#####-####"], example: "95014" },
    PostalRule { country: *b"UY", kind: PostalKind::Postal, patterns: &["#####"], example: "11600" },
    PostalRule { country: *b"VA", kind: PostalKind::Postal, patterns: &["00120"], example: "00120" },
    PostalRule { country: *b"VI", kind: PostalKind::Zip, patterns: &["008##", "008##-####"], example: "00802-1222" }, // narrower upstream: (008(?:(?:[0-4]\d)|(?:5[01])))(?:[ \-](\d{4}))?
    PostalRule { country: *b"VN", kind: PostalKind::Postal, patterns: &["#####", "######"], example: "70010" },
    PostalRule { country: *b"ZA", kind: PostalKind::Postcode, patterns: &["####"], example: "2001" },
];

/// Countries with no postal-code system, where an empty postal code is the
/// right answer. Sorted.
#[rustfmt::skip]
pub(super) static NO_POSTAL_CODE: &[[u8; 2]] = &[
    *b"AE", *b"AG", *b"AO", *b"AW", *b"BF", *b"BI", *b"BJ", *b"BO", *b"BS", *b"BW",
    *b"BZ", *b"CD", *b"CF", *b"CG", *b"CI", *b"CK", *b"CM", *b"DJ", *b"DM", *b"ER",
    *b"FJ", *b"GA", *b"GD", *b"GH", *b"GM", *b"GQ", *b"GY", *b"HK", *b"JM", *b"KI",
    *b"KM", *b"KN", *b"KP", *b"LC", *b"ML", *b"MO", *b"MR", *b"MW", *b"NR", *b"NU",
    *b"QA", *b"RW", *b"SB", *b"SC", *b"SL", *b"SR", *b"ST", *b"SY", *b"TD", *b"TG",
    *b"TK", *b"TL", *b"TO", *b"TT", *b"TV", *b"UG", *b"VU", *b"YE", *b"ZW",
];

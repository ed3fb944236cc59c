//! Countries where the EU's payment rules apply to card payments.
//!
//! Sources: the 27 EU member states as listed by the EU itself
//! (<https://european-union.europa.eu/principles-countries-history/eu-countries_en>,
//! since the United Kingdom left on 2020-01-31); the three other parties to
//! the Agreement on the European Economic Area, Iceland, Liechtenstein and
//! Norway, to which PSD2 (Directive (EU) 2015/2366) extends; and the parts
//! of member states with ISO 3166-1 codes of their own where the Treaties
//! apply (TFEU Articles 349 and 355: the outermost regions French Guiana,
//! Guadeloupe, Martinique, Mayotte, Réunion and Saint-Martin, and the Åland
//! Islands). Switzerland, the United Kingdom, Gibraltar, Monaco, San Marino,
//! Andorra and the Vatican are not in it.

/// Alpha-2 codes, sorted (lookups binary-search them).
pub(super) static EEA: &[[u8; 2]] = &[
    *b"AT", *b"AX", *b"BE", *b"BG", *b"CY", *b"CZ", *b"DE", *b"DK", *b"EE", *b"ES", *b"FI", *b"FR",
    *b"GF", *b"GP", *b"GR", *b"HR", *b"HU", *b"IE", *b"IS", *b"IT", *b"LI", *b"LT", *b"LU", *b"LV",
    *b"MF", *b"MQ", *b"MT", *b"NL", *b"NO", *b"PL", *b"PT", *b"RE", *b"RO", *b"SE", *b"SI", *b"SK",
    *b"YT",
];

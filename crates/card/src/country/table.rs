//! ISO 3166-1 alpha-2 countries with their English short names and ITU-T E.164
//! calling codes.
//!
//! Sources: ISO 3166-1 as published in the `pycountry` package (Debian/PyPI,
//! data from Debian's iso-codes) and calling codes from Google's libphonenumber
//! metadata as packaged in the `phonenumbers` PyPI package. Generated once; edit
//! by hand, keeping the order sorted by code (lookups binary-search it).

use super::CountryRow;

/// Every officially assigned ISO 3166-1 alpha-2 code, sorted by code.
#[rustfmt::skip]
pub(super) static COUNTRIES: [CountryRow; 249] = [
    CountryRow { alpha2: *b"AD", calling_code: 376 },
    CountryRow { alpha2: *b"AE", calling_code: 971 },
    CountryRow { alpha2: *b"AF", calling_code: 93 },
    CountryRow { alpha2: *b"AG", calling_code: 1 },
    CountryRow { alpha2: *b"AI", calling_code: 1 },
    CountryRow { alpha2: *b"AL", calling_code: 355 },
    CountryRow { alpha2: *b"AM", calling_code: 374 },
    CountryRow { alpha2: *b"AO", calling_code: 244 },
    CountryRow { alpha2: *b"AQ", calling_code: 672 },
    CountryRow { alpha2: *b"AR", calling_code: 54 },
    CountryRow { alpha2: *b"AS", calling_code: 1 },
    CountryRow { alpha2: *b"AT", calling_code: 43 },
    CountryRow { alpha2: *b"AU", calling_code: 61 },
    CountryRow { alpha2: *b"AW", calling_code: 297 },
    CountryRow { alpha2: *b"AX", calling_code: 358 },
    CountryRow { alpha2: *b"AZ", calling_code: 994 },
    CountryRow { alpha2: *b"BA", calling_code: 387 },
    CountryRow { alpha2: *b"BB", calling_code: 1 },
    CountryRow { alpha2: *b"BD", calling_code: 880 },
    CountryRow { alpha2: *b"BE", calling_code: 32 },
    CountryRow { alpha2: *b"BF", calling_code: 226 },
    CountryRow { alpha2: *b"BG", calling_code: 359 },
    CountryRow { alpha2: *b"BH", calling_code: 973 },
    CountryRow { alpha2: *b"BI", calling_code: 257 },
    CountryRow { alpha2: *b"BJ", calling_code: 229 },
    CountryRow { alpha2: *b"BL", calling_code: 590 },
    CountryRow { alpha2: *b"BM", calling_code: 1 },
    CountryRow { alpha2: *b"BN", calling_code: 673 },
    CountryRow { alpha2: *b"BO", calling_code: 591 },
    CountryRow { alpha2: *b"BQ", calling_code: 599 },
    CountryRow { alpha2: *b"BR", calling_code: 55 },
    CountryRow { alpha2: *b"BS", calling_code: 1 },
    CountryRow { alpha2: *b"BT", calling_code: 975 },
    CountryRow { alpha2: *b"BV", calling_code: 47 },
    CountryRow { alpha2: *b"BW", calling_code: 267 },
    CountryRow { alpha2: *b"BY", calling_code: 375 },
    CountryRow { alpha2: *b"BZ", calling_code: 501 },
    CountryRow { alpha2: *b"CA", calling_code: 1 },
    CountryRow { alpha2: *b"CC", calling_code: 61 },
    CountryRow { alpha2: *b"CD", calling_code: 243 },
    CountryRow { alpha2: *b"CF", calling_code: 236 },
    CountryRow { alpha2: *b"CG", calling_code: 242 },
    CountryRow { alpha2: *b"CH", calling_code: 41 },
    CountryRow { alpha2: *b"CI", calling_code: 225 },
    CountryRow { alpha2: *b"CK", calling_code: 682 },
    CountryRow { alpha2: *b"CL", calling_code: 56 },
    CountryRow { alpha2: *b"CM", calling_code: 237 },
    CountryRow { alpha2: *b"CN", calling_code: 86 },
    CountryRow { alpha2: *b"CO", calling_code: 57 },
    CountryRow { alpha2: *b"CR", calling_code: 506 },
    CountryRow { alpha2: *b"CU", calling_code: 53 },
    CountryRow { alpha2: *b"CV", calling_code: 238 },
    CountryRow { alpha2: *b"CW", calling_code: 599 },
    CountryRow { alpha2: *b"CX", calling_code: 61 },
    CountryRow { alpha2: *b"CY", calling_code: 357 },
    CountryRow { alpha2: *b"CZ", calling_code: 420 },
    CountryRow { alpha2: *b"DE", calling_code: 49 },
    CountryRow { alpha2: *b"DJ", calling_code: 253 },
    CountryRow { alpha2: *b"DK", calling_code: 45 },
    CountryRow { alpha2: *b"DM", calling_code: 1 },
    CountryRow { alpha2: *b"DO", calling_code: 1 },
    CountryRow { alpha2: *b"DZ", calling_code: 213 },
    CountryRow { alpha2: *b"EC", calling_code: 593 },
    CountryRow { alpha2: *b"EE", calling_code: 372 },
    CountryRow { alpha2: *b"EG", calling_code: 20 },
    CountryRow { alpha2: *b"EH", calling_code: 212 },
    CountryRow { alpha2: *b"ER", calling_code: 291 },
    CountryRow { alpha2: *b"ES", calling_code: 34 },
    CountryRow { alpha2: *b"ET", calling_code: 251 },
    CountryRow { alpha2: *b"FI", calling_code: 358 },
    CountryRow { alpha2: *b"FJ", calling_code: 679 },
    CountryRow { alpha2: *b"FK", calling_code: 500 },
    CountryRow { alpha2: *b"FM", calling_code: 691 },
    CountryRow { alpha2: *b"FO", calling_code: 298 },
    CountryRow { alpha2: *b"FR", calling_code: 33 },
    CountryRow { alpha2: *b"GA", calling_code: 241 },
    CountryRow { alpha2: *b"GB", calling_code: 44 },
    CountryRow { alpha2: *b"GD", calling_code: 1 },
    CountryRow { alpha2: *b"GE", calling_code: 995 },
    CountryRow { alpha2: *b"GF", calling_code: 594 },
    CountryRow { alpha2: *b"GG", calling_code: 44 },
    CountryRow { alpha2: *b"GH", calling_code: 233 },
    CountryRow { alpha2: *b"GI", calling_code: 350 },
    CountryRow { alpha2: *b"GL", calling_code: 299 },
    CountryRow { alpha2: *b"GM", calling_code: 220 },
    CountryRow { alpha2: *b"GN", calling_code: 224 },
    CountryRow { alpha2: *b"GP", calling_code: 590 },
    CountryRow { alpha2: *b"GQ", calling_code: 240 },
    CountryRow { alpha2: *b"GR", calling_code: 30 },
    CountryRow { alpha2: *b"GS", calling_code: 500 },
    CountryRow { alpha2: *b"GT", calling_code: 502 },
    CountryRow { alpha2: *b"GU", calling_code: 1 },
    CountryRow { alpha2: *b"GW", calling_code: 245 },
    CountryRow { alpha2: *b"GY", calling_code: 592 },
    CountryRow { alpha2: *b"HK", calling_code: 852 },
    CountryRow { alpha2: *b"HM", calling_code: 672 },
    CountryRow { alpha2: *b"HN", calling_code: 504 },
    CountryRow { alpha2: *b"HR", calling_code: 385 },
    CountryRow { alpha2: *b"HT", calling_code: 509 },
    CountryRow { alpha2: *b"HU", calling_code: 36 },
    CountryRow { alpha2: *b"ID", calling_code: 62 },
    CountryRow { alpha2: *b"IE", calling_code: 353 },
    CountryRow { alpha2: *b"IL", calling_code: 972 },
    CountryRow { alpha2: *b"IM", calling_code: 44 },
    CountryRow { alpha2: *b"IN", calling_code: 91 },
    CountryRow { alpha2: *b"IO", calling_code: 246 },
    CountryRow { alpha2: *b"IQ", calling_code: 964 },
    CountryRow { alpha2: *b"IR", calling_code: 98 },
    CountryRow { alpha2: *b"IS", calling_code: 354 },
    CountryRow { alpha2: *b"IT", calling_code: 39 },
    CountryRow { alpha2: *b"JE", calling_code: 44 },
    CountryRow { alpha2: *b"JM", calling_code: 1 },
    CountryRow { alpha2: *b"JO", calling_code: 962 },
    CountryRow { alpha2: *b"JP", calling_code: 81 },
    CountryRow { alpha2: *b"KE", calling_code: 254 },
    CountryRow { alpha2: *b"KG", calling_code: 996 },
    CountryRow { alpha2: *b"KH", calling_code: 855 },
    CountryRow { alpha2: *b"KI", calling_code: 686 },
    CountryRow { alpha2: *b"KM", calling_code: 269 },
    CountryRow { alpha2: *b"KN", calling_code: 1 },
    CountryRow { alpha2: *b"KP", calling_code: 850 },
    CountryRow { alpha2: *b"KR", calling_code: 82 },
    CountryRow { alpha2: *b"KW", calling_code: 965 },
    CountryRow { alpha2: *b"KY", calling_code: 1 },
    CountryRow { alpha2: *b"KZ", calling_code: 7 },
    CountryRow { alpha2: *b"LA", calling_code: 856 },
    CountryRow { alpha2: *b"LB", calling_code: 961 },
    CountryRow { alpha2: *b"LC", calling_code: 1 },
    CountryRow { alpha2: *b"LI", calling_code: 423 },
    CountryRow { alpha2: *b"LK", calling_code: 94 },
    CountryRow { alpha2: *b"LR", calling_code: 231 },
    CountryRow { alpha2: *b"LS", calling_code: 266 },
    CountryRow { alpha2: *b"LT", calling_code: 370 },
    CountryRow { alpha2: *b"LU", calling_code: 352 },
    CountryRow { alpha2: *b"LV", calling_code: 371 },
    CountryRow { alpha2: *b"LY", calling_code: 218 },
    CountryRow { alpha2: *b"MA", calling_code: 212 },
    CountryRow { alpha2: *b"MC", calling_code: 377 },
    CountryRow { alpha2: *b"MD", calling_code: 373 },
    CountryRow { alpha2: *b"ME", calling_code: 382 },
    CountryRow { alpha2: *b"MF", calling_code: 590 },
    CountryRow { alpha2: *b"MG", calling_code: 261 },
    CountryRow { alpha2: *b"MH", calling_code: 692 },
    CountryRow { alpha2: *b"MK", calling_code: 389 },
    CountryRow { alpha2: *b"ML", calling_code: 223 },
    CountryRow { alpha2: *b"MM", calling_code: 95 },
    CountryRow { alpha2: *b"MN", calling_code: 976 },
    CountryRow { alpha2: *b"MO", calling_code: 853 },
    CountryRow { alpha2: *b"MP", calling_code: 1 },
    CountryRow { alpha2: *b"MQ", calling_code: 596 },
    CountryRow { alpha2: *b"MR", calling_code: 222 },
    CountryRow { alpha2: *b"MS", calling_code: 1 },
    CountryRow { alpha2: *b"MT", calling_code: 356 },
    CountryRow { alpha2: *b"MU", calling_code: 230 },
    CountryRow { alpha2: *b"MV", calling_code: 960 },
    CountryRow { alpha2: *b"MW", calling_code: 265 },
    CountryRow { alpha2: *b"MX", calling_code: 52 },
    CountryRow { alpha2: *b"MY", calling_code: 60 },
    CountryRow { alpha2: *b"MZ", calling_code: 258 },
    CountryRow { alpha2: *b"NA", calling_code: 264 },
    CountryRow { alpha2: *b"NC", calling_code: 687 },
    CountryRow { alpha2: *b"NE", calling_code: 227 },
    CountryRow { alpha2: *b"NF", calling_code: 672 },
    CountryRow { alpha2: *b"NG", calling_code: 234 },
    CountryRow { alpha2: *b"NI", calling_code: 505 },
    CountryRow { alpha2: *b"NL", calling_code: 31 },
    CountryRow { alpha2: *b"NO", calling_code: 47 },
    CountryRow { alpha2: *b"NP", calling_code: 977 },
    CountryRow { alpha2: *b"NR", calling_code: 674 },
    CountryRow { alpha2: *b"NU", calling_code: 683 },
    CountryRow { alpha2: *b"NZ", calling_code: 64 },
    CountryRow { alpha2: *b"OM", calling_code: 968 },
    CountryRow { alpha2: *b"PA", calling_code: 507 },
    CountryRow { alpha2: *b"PE", calling_code: 51 },
    CountryRow { alpha2: *b"PF", calling_code: 689 },
    CountryRow { alpha2: *b"PG", calling_code: 675 },
    CountryRow { alpha2: *b"PH", calling_code: 63 },
    CountryRow { alpha2: *b"PK", calling_code: 92 },
    CountryRow { alpha2: *b"PL", calling_code: 48 },
    CountryRow { alpha2: *b"PM", calling_code: 508 },
    CountryRow { alpha2: *b"PN", calling_code: 64 },
    CountryRow { alpha2: *b"PR", calling_code: 1 },
    CountryRow { alpha2: *b"PS", calling_code: 970 },
    CountryRow { alpha2: *b"PT", calling_code: 351 },
    CountryRow { alpha2: *b"PW", calling_code: 680 },
    CountryRow { alpha2: *b"PY", calling_code: 595 },
    CountryRow { alpha2: *b"QA", calling_code: 974 },
    CountryRow { alpha2: *b"RE", calling_code: 262 },
    CountryRow { alpha2: *b"RO", calling_code: 40 },
    CountryRow { alpha2: *b"RS", calling_code: 381 },
    CountryRow { alpha2: *b"RU", calling_code: 7 },
    CountryRow { alpha2: *b"RW", calling_code: 250 },
    CountryRow { alpha2: *b"SA", calling_code: 966 },
    CountryRow { alpha2: *b"SB", calling_code: 677 },
    CountryRow { alpha2: *b"SC", calling_code: 248 },
    CountryRow { alpha2: *b"SD", calling_code: 249 },
    CountryRow { alpha2: *b"SE", calling_code: 46 },
    CountryRow { alpha2: *b"SG", calling_code: 65 },
    CountryRow { alpha2: *b"SH", calling_code: 290 },
    CountryRow { alpha2: *b"SI", calling_code: 386 },
    CountryRow { alpha2: *b"SJ", calling_code: 47 },
    CountryRow { alpha2: *b"SK", calling_code: 421 },
    CountryRow { alpha2: *b"SL", calling_code: 232 },
    CountryRow { alpha2: *b"SM", calling_code: 378 },
    CountryRow { alpha2: *b"SN", calling_code: 221 },
    CountryRow { alpha2: *b"SO", calling_code: 252 },
    CountryRow { alpha2: *b"SR", calling_code: 597 },
    CountryRow { alpha2: *b"SS", calling_code: 211 },
    CountryRow { alpha2: *b"ST", calling_code: 239 },
    CountryRow { alpha2: *b"SV", calling_code: 503 },
    CountryRow { alpha2: *b"SX", calling_code: 1 },
    CountryRow { alpha2: *b"SY", calling_code: 963 },
    CountryRow { alpha2: *b"SZ", calling_code: 268 },
    CountryRow { alpha2: *b"TC", calling_code: 1 },
    CountryRow { alpha2: *b"TD", calling_code: 235 },
    CountryRow { alpha2: *b"TF", calling_code: 262 },
    CountryRow { alpha2: *b"TG", calling_code: 228 },
    CountryRow { alpha2: *b"TH", calling_code: 66 },
    CountryRow { alpha2: *b"TJ", calling_code: 992 },
    CountryRow { alpha2: *b"TK", calling_code: 690 },
    CountryRow { alpha2: *b"TL", calling_code: 670 },
    CountryRow { alpha2: *b"TM", calling_code: 993 },
    CountryRow { alpha2: *b"TN", calling_code: 216 },
    CountryRow { alpha2: *b"TO", calling_code: 676 },
    CountryRow { alpha2: *b"TR", calling_code: 90 },
    CountryRow { alpha2: *b"TT", calling_code: 1 },
    CountryRow { alpha2: *b"TV", calling_code: 688 },
    CountryRow { alpha2: *b"TW", calling_code: 886 },
    CountryRow { alpha2: *b"TZ", calling_code: 255 },
    CountryRow { alpha2: *b"UA", calling_code: 380 },
    CountryRow { alpha2: *b"UG", calling_code: 256 },
    CountryRow { alpha2: *b"UM", calling_code: 1 },
    CountryRow { alpha2: *b"US", calling_code: 1 },
    CountryRow { alpha2: *b"UY", calling_code: 598 },
    CountryRow { alpha2: *b"UZ", calling_code: 998 },
    CountryRow { alpha2: *b"VA", calling_code: 39 },
    CountryRow { alpha2: *b"VC", calling_code: 1 },
    CountryRow { alpha2: *b"VE", calling_code: 58 },
    CountryRow { alpha2: *b"VG", calling_code: 1 },
    CountryRow { alpha2: *b"VI", calling_code: 1 },
    CountryRow { alpha2: *b"VN", calling_code: 84 },
    CountryRow { alpha2: *b"VU", calling_code: 678 },
    CountryRow { alpha2: *b"WF", calling_code: 681 },
    CountryRow { alpha2: *b"WS", calling_code: 685 },
    CountryRow { alpha2: *b"YE", calling_code: 967 },
    CountryRow { alpha2: *b"YT", calling_code: 262 },
    CountryRow { alpha2: *b"ZA", calling_code: 27 },
    CountryRow { alpha2: *b"ZM", calling_code: 260 },
    CountryRow { alpha2: *b"ZW", calling_code: 263 },
];

/// The English short names, in [`COUNTRIES`]' order. A table of their own,
/// so that a program that never asks for a name (the checkout page, which
/// names countries through `Intl.DisplayNames`) does not carry them.
#[rustfmt::skip]
pub(super) static NAMES: [&str; 249] = [
    "Andorra", // AD
    "United Arab Emirates", // AE
    "Afghanistan", // AF
    "Antigua and Barbuda", // AG
    "Anguilla", // AI
    "Albania", // AL
    "Armenia", // AM
    "Angola", // AO
    "Antarctica", // AQ
    "Argentina", // AR
    "American Samoa", // AS
    "Austria", // AT
    "Australia", // AU
    "Aruba", // AW
    "Åland Islands", // AX
    "Azerbaijan", // AZ
    "Bosnia and Herzegovina", // BA
    "Barbados", // BB
    "Bangladesh", // BD
    "Belgium", // BE
    "Burkina Faso", // BF
    "Bulgaria", // BG
    "Bahrain", // BH
    "Burundi", // BI
    "Benin", // BJ
    "Saint Barthélemy", // BL
    "Bermuda", // BM
    "Brunei", // BN
    "Bolivia", // BO
    "Bonaire, Sint Eustatius and Saba", // BQ
    "Brazil", // BR
    "Bahamas", // BS
    "Bhutan", // BT
    "Bouvet Island", // BV
    "Botswana", // BW
    "Belarus", // BY
    "Belize", // BZ
    "Canada", // CA
    "Cocos (Keeling) Islands", // CC
    "Democratic Republic of the Congo", // CD
    "Central African Republic", // CF
    "Congo", // CG
    "Switzerland", // CH
    "Côte d'Ivoire", // CI
    "Cook Islands", // CK
    "Chile", // CL
    "Cameroon", // CM
    "China", // CN
    "Colombia", // CO
    "Costa Rica", // CR
    "Cuba", // CU
    "Cabo Verde", // CV
    "Curaçao", // CW
    "Christmas Island", // CX
    "Cyprus", // CY
    "Czechia", // CZ
    "Germany", // DE
    "Djibouti", // DJ
    "Denmark", // DK
    "Dominica", // DM
    "Dominican Republic", // DO
    "Algeria", // DZ
    "Ecuador", // EC
    "Estonia", // EE
    "Egypt", // EG
    "Western Sahara", // EH
    "Eritrea", // ER
    "Spain", // ES
    "Ethiopia", // ET
    "Finland", // FI
    "Fiji", // FJ
    "Falkland Islands (Malvinas)", // FK
    "Micronesia", // FM
    "Faroe Islands", // FO
    "France", // FR
    "Gabon", // GA
    "United Kingdom", // GB
    "Grenada", // GD
    "Georgia", // GE
    "French Guiana", // GF
    "Guernsey", // GG
    "Ghana", // GH
    "Gibraltar", // GI
    "Greenland", // GL
    "Gambia", // GM
    "Guinea", // GN
    "Guadeloupe", // GP
    "Equatorial Guinea", // GQ
    "Greece", // GR
    "South Georgia and the South Sandwich Islands", // GS
    "Guatemala", // GT
    "Guam", // GU
    "Guinea-Bissau", // GW
    "Guyana", // GY
    "Hong Kong", // HK
    "Heard Island and McDonald Islands", // HM
    "Honduras", // HN
    "Croatia", // HR
    "Haiti", // HT
    "Hungary", // HU
    "Indonesia", // ID
    "Ireland", // IE
    "Israel", // IL
    "Isle of Man", // IM
    "India", // IN
    "British Indian Ocean Territory", // IO
    "Iraq", // IQ
    "Iran", // IR
    "Iceland", // IS
    "Italy", // IT
    "Jersey", // JE
    "Jamaica", // JM
    "Jordan", // JO
    "Japan", // JP
    "Kenya", // KE
    "Kyrgyzstan", // KG
    "Cambodia", // KH
    "Kiribati", // KI
    "Comoros", // KM
    "Saint Kitts and Nevis", // KN
    "North Korea", // KP
    "South Korea", // KR
    "Kuwait", // KW
    "Cayman Islands", // KY
    "Kazakhstan", // KZ
    "Laos", // LA
    "Lebanon", // LB
    "Saint Lucia", // LC
    "Liechtenstein", // LI
    "Sri Lanka", // LK
    "Liberia", // LR
    "Lesotho", // LS
    "Lithuania", // LT
    "Luxembourg", // LU
    "Latvia", // LV
    "Libya", // LY
    "Morocco", // MA
    "Monaco", // MC
    "Moldova", // MD
    "Montenegro", // ME
    "Saint Martin (French part)", // MF
    "Madagascar", // MG
    "Marshall Islands", // MH
    "North Macedonia", // MK
    "Mali", // ML
    "Myanmar", // MM
    "Mongolia", // MN
    "Macao", // MO
    "Northern Mariana Islands", // MP
    "Martinique", // MQ
    "Mauritania", // MR
    "Montserrat", // MS
    "Malta", // MT
    "Mauritius", // MU
    "Maldives", // MV
    "Malawi", // MW
    "Mexico", // MX
    "Malaysia", // MY
    "Mozambique", // MZ
    "Namibia", // NA
    "New Caledonia", // NC
    "Niger", // NE
    "Norfolk Island", // NF
    "Nigeria", // NG
    "Nicaragua", // NI
    "Netherlands", // NL
    "Norway", // NO
    "Nepal", // NP
    "Nauru", // NR
    "Niue", // NU
    "New Zealand", // NZ
    "Oman", // OM
    "Panama", // PA
    "Peru", // PE
    "French Polynesia", // PF
    "Papua New Guinea", // PG
    "Philippines", // PH
    "Pakistan", // PK
    "Poland", // PL
    "Saint Pierre and Miquelon", // PM
    "Pitcairn", // PN
    "Puerto Rico", // PR
    "Palestine", // PS
    "Portugal", // PT
    "Palau", // PW
    "Paraguay", // PY
    "Qatar", // QA
    "Réunion", // RE
    "Romania", // RO
    "Serbia", // RS
    "Russia", // RU
    "Rwanda", // RW
    "Saudi Arabia", // SA
    "Solomon Islands", // SB
    "Seychelles", // SC
    "Sudan", // SD
    "Sweden", // SE
    "Singapore", // SG
    "Saint Helena, Ascension and Tristan da Cunha", // SH
    "Slovenia", // SI
    "Svalbard and Jan Mayen", // SJ
    "Slovakia", // SK
    "Sierra Leone", // SL
    "San Marino", // SM
    "Senegal", // SN
    "Somalia", // SO
    "Suriname", // SR
    "South Sudan", // SS
    "Sao Tome and Principe", // ST
    "El Salvador", // SV
    "Sint Maarten (Dutch part)", // SX
    "Syria", // SY
    "Eswatini", // SZ
    "Turks and Caicos Islands", // TC
    "Chad", // TD
    "French Southern Territories", // TF
    "Togo", // TG
    "Thailand", // TH
    "Tajikistan", // TJ
    "Tokelau", // TK
    "Timor-Leste", // TL
    "Turkmenistan", // TM
    "Tunisia", // TN
    "Tonga", // TO
    "Türkiye", // TR
    "Trinidad and Tobago", // TT
    "Tuvalu", // TV
    "Taiwan", // TW
    "Tanzania", // TZ
    "Ukraine", // UA
    "Uganda", // UG
    "United States Minor Outlying Islands", // UM
    "United States", // US
    "Uruguay", // UY
    "Uzbekistan", // UZ
    "Holy See (Vatican City State)", // VA
    "Saint Vincent and the Grenadines", // VC
    "Venezuela", // VE
    "British Virgin Islands", // VG
    "U.S. Virgin Islands", // VI
    "Vietnam", // VN
    "Vanuatu", // VU
    "Wallis and Futuna", // WF
    "Samoa", // WS
    "Yemen", // YE
    "Mayotte", // YT
    "South Africa", // ZA
    "Zambia", // ZM
    "Zimbabwe", // ZW
];

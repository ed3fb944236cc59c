//! Regions a billing address must name, for the countries that use them.
//!
//! Sources: ISO 3166-2:US / USPS Publication 28 (state and territory codes),
//! ISO 3166-2:CA, ISO 3166-2:AU.

use super::RegionRow;

/// United States: states, DC, territories and military "states" (USPS codes).
#[rustfmt::skip]
pub(super) static US: &[RegionRow] = &[
    RegionRow { code: "AA", name: "Armed Forces Americas" },
    RegionRow { code: "AE", name: "Armed Forces Europe" },
    RegionRow { code: "AK", name: "Alaska" },
    RegionRow { code: "AL", name: "Alabama" },
    RegionRow { code: "AP", name: "Armed Forces Pacific" },
    RegionRow { code: "AR", name: "Arkansas" },
    RegionRow { code: "AS", name: "American Samoa" },
    RegionRow { code: "AZ", name: "Arizona" },
    RegionRow { code: "CA", name: "California" },
    RegionRow { code: "CO", name: "Colorado" },
    RegionRow { code: "CT", name: "Connecticut" },
    RegionRow { code: "DC", name: "District of Columbia" },
    RegionRow { code: "DE", name: "Delaware" },
    RegionRow { code: "FL", name: "Florida" },
    RegionRow { code: "GA", name: "Georgia" },
    RegionRow { code: "GU", name: "Guam" },
    RegionRow { code: "HI", name: "Hawaii" },
    RegionRow { code: "IA", name: "Iowa" },
    RegionRow { code: "ID", name: "Idaho" },
    RegionRow { code: "IL", name: "Illinois" },
    RegionRow { code: "IN", name: "Indiana" },
    RegionRow { code: "KS", name: "Kansas" },
    RegionRow { code: "KY", name: "Kentucky" },
    RegionRow { code: "LA", name: "Louisiana" },
    RegionRow { code: "MA", name: "Massachusetts" },
    RegionRow { code: "MD", name: "Maryland" },
    RegionRow { code: "ME", name: "Maine" },
    RegionRow { code: "MI", name: "Michigan" },
    RegionRow { code: "MN", name: "Minnesota" },
    RegionRow { code: "MO", name: "Missouri" },
    RegionRow { code: "MP", name: "Northern Mariana Islands" },
    RegionRow { code: "MS", name: "Mississippi" },
    RegionRow { code: "MT", name: "Montana" },
    RegionRow { code: "NC", name: "North Carolina" },
    RegionRow { code: "ND", name: "North Dakota" },
    RegionRow { code: "NE", name: "Nebraska" },
    RegionRow { code: "NH", name: "New Hampshire" },
    RegionRow { code: "NJ", name: "New Jersey" },
    RegionRow { code: "NM", name: "New Mexico" },
    RegionRow { code: "NV", name: "Nevada" },
    RegionRow { code: "NY", name: "New York" },
    RegionRow { code: "OH", name: "Ohio" },
    RegionRow { code: "OK", name: "Oklahoma" },
    RegionRow { code: "OR", name: "Oregon" },
    RegionRow { code: "PA", name: "Pennsylvania" },
    RegionRow { code: "PR", name: "Puerto Rico" },
    RegionRow { code: "RI", name: "Rhode Island" },
    RegionRow { code: "SC", name: "South Carolina" },
    RegionRow { code: "SD", name: "South Dakota" },
    RegionRow { code: "TN", name: "Tennessee" },
    RegionRow { code: "TX", name: "Texas" },
    RegionRow { code: "UM", name: "U.S. Minor Outlying Islands" },
    RegionRow { code: "UT", name: "Utah" },
    RegionRow { code: "VA", name: "Virginia" },
    RegionRow { code: "VI", name: "U.S. Virgin Islands" },
    RegionRow { code: "VT", name: "Vermont" },
    RegionRow { code: "WA", name: "Washington" },
    RegionRow { code: "WI", name: "Wisconsin" },
    RegionRow { code: "WV", name: "West Virginia" },
    RegionRow { code: "WY", name: "Wyoming" },
];

/// Canada: provinces and territories.
#[rustfmt::skip]
pub(super) static CA: &[RegionRow] = &[
    RegionRow { code: "AB", name: "Alberta" },
    RegionRow { code: "BC", name: "British Columbia" },
    RegionRow { code: "MB", name: "Manitoba" },
    RegionRow { code: "NB", name: "New Brunswick" },
    RegionRow { code: "NL", name: "Newfoundland and Labrador" },
    RegionRow { code: "NS", name: "Nova Scotia" },
    RegionRow { code: "NT", name: "Northwest Territories" },
    RegionRow { code: "NU", name: "Nunavut" },
    RegionRow { code: "ON", name: "Ontario" },
    RegionRow { code: "PE", name: "Prince Edward Island" },
    RegionRow { code: "QC", name: "Quebec" },
    RegionRow { code: "SK", name: "Saskatchewan" },
    RegionRow { code: "YT", name: "Yukon" },
];

/// Australia: states and territories.
#[rustfmt::skip]
pub(super) static AU: &[RegionRow] = &[
    RegionRow { code: "ACT", name: "Australian Capital Territory" },
    RegionRow { code: "NSW", name: "New South Wales" },
    RegionRow { code: "NT", name: "Northern Territory" },
    RegionRow { code: "QLD", name: "Queensland" },
    RegionRow { code: "SA", name: "South Australia" },
    RegionRow { code: "TAS", name: "Tasmania" },
    RegionRow { code: "VIC", name: "Victoria" },
    RegionRow { code: "WA", name: "Western Australia" },
];

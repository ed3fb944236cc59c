//! The page's components, one job each.

pub mod brand_logo;
pub mod fields;
pub mod pay_form;
pub mod screens;

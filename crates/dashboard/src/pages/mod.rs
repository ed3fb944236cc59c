//! The dashboard's screens.

pub mod account;
pub mod audit;
pub mod developers;
pub mod overview;
pub mod payment;
pub mod payments;
pub mod settings;
pub mod shell;
pub mod sign_in;
pub mod team;
pub mod two_factor;
pub mod undelivered;

//! The merchant dashboard's server side: users and sign-in, sessions that
//! authenticate the merchant routes (so the dashboard does nothing the API
//! does not document), API keys, settings, an invoice's timeline, the
//! overview, the audit log, and serving the app itself.

pub mod api_keys;
pub mod app;
pub mod audit;
pub mod overview;
pub mod session;
pub mod settings;
pub mod team;
pub mod timeline;
pub mod totp;
pub mod two_factor;
pub mod users;

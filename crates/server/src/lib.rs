//! `kassa-server`: merchants create invoices, shoppers pay them on the hosted
//! page, the server validates again with `kassa-card`, charges through a
//! processor, redirects the shopper and delivers signed callbacks that are
//! never lost.
//!
//! `main.rs` only parses the command line; [`startup::Application`] builds
//! everything from [`settings::Settings`], and [`routes::router`] is its own
//! function so tests can call it directly.

pub mod cli;
pub mod client_address;
pub mod clock;
pub mod dashboard;
pub mod decline_messages;
pub mod demo;
pub mod demo_shop;
pub mod error;
pub mod event_log;
pub mod events;
pub mod extract;
pub mod html;
pub mod ids;
pub mod invoices;
pub mod issuer_page;
pub mod merchants;
pub mod metrics;
pub mod openapi;
pub mod page;
pub mod payments;
pub mod processors;
pub mod rate_limit;
pub mod redirect;
pub mod refunds;
pub mod routes;
pub mod search;
pub mod secrets;
pub mod server_to_server;
pub mod settings;
pub mod signing;
pub mod startup;
pub mod state;
pub mod store;
pub mod telemetry;
pub mod tls;
pub mod url_policy;
pub mod vault;
pub mod widget;
pub mod workers;

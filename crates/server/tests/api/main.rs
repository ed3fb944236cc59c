//! HTTP tests: the real server on port 0 with a fresh database (SQLite and
//! PostgreSQL both), a client that does not follow redirects, and a mock
//! merchant on loopback that records and verifies callbacks.

mod helpers;

mod callbacks;
mod captures;
mod cards;
mod checkout;
mod crash;
mod events;
mod gateways;
mod idempotency;
mod instances;
mod invoices;
mod merchants;
mod metrics;
mod nginx;
mod openapi;
mod page;
mod processors;
mod proxies;
mod refunds;
mod search;
pub(crate) mod security;
mod server_to_server;
mod tls;
mod unknown_fields;
mod widget;

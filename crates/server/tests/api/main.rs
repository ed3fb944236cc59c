//! HTTP tests: the real server on port 0 with a fresh database (SQLite and
//! PostgreSQL both), a client that does not follow redirects, and a mock
//! merchant on loopback that records and verifies callbacks.

mod helpers;

mod callbacks;
mod captures;
mod cards;
mod checkout;
pub(crate) mod crash;
mod credit_installments;
mod dashboard;
mod events;
mod export;
pub(crate) mod gateways;
mod idempotency;
mod instances;
mod instances_killed;
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
mod surcharges;
mod three_d_secure;
mod tls;
mod unknown_fields;
mod vault;
mod widget;

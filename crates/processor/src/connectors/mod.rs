//! The gateway connectors, one folder each, all on one template:
//!
//! * `mod.rs`: the gateway's `Config` (its settings, named as the gateway
//!   names them; `Debug` hides credentials), the connector and its
//!   [`Processor`](crate::Processor) implementation: the mapping between
//!   Kassa's requests and answers and the gateway's, decline codes included.
//! * `wire.rs`: the gateway's request and answer types, exactly as they
//!   travel (field names, formats, amounts in minor units), nothing else.
//!
//! Every connector sends [`charge_reference`](crate::charge_reference) with
//! a charge, answers a lost exchange (`http::Failure::Lost`)
//! with a pending charge that [`Processor::settle`](crate::Processor::settle)
//! looks up with the gateway, and keeps card data out of its errors, logs
//! and pending state. Adding one is the checklist in `docs/gateways.md`.

pub mod creditguard;
pub mod icount;
pub mod stripe;

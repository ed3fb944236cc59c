//! kassa-card for JavaScript: the npm package `kassa-card`.
//!
//! A thin adapter over [`kassa_card`]: every function turns JavaScript values
//! into the core's types and the core's answers into plain objects, with no
//! rule of its own. The package holds three WebAssembly modules built from
//! this crate with one feature each, so that a browser downloads only the API
//! it imports:
//!
//! * feature `card`, module `kassa_card_wasm` (`kassa-card`): the card part
//!   of the Kassa API ([`card`]: `validateCard`, `detectBrands`,
//!   `formatCardNumber`, `formatExpiry`, `maskCardNumber`, `brands`,
//!   `messageLocale`, `errorCodes`), with the stable error codes of
//!   [`kassa_card::ErrorCode`]; the package's entry file adds their
//!   messages (English, French, Hebrew, Spanish and German) from one
//!   catalog per language, so a browser downloads only the language it
//!   shows;
//! * feature `compat`, module `kassa_card_compat` (`kassa-card/compat`): the
//!   low-level entry points of the card-validator-compatible API
//!   ([`compat`]), which the package's `compat.js` wraps in card-validator's
//!   shapes;
//! * feature `extras`, module `kassa_card_extras` (`kassa-card/extras`):
//!   amounts, installment plans, postal codes, and the country and currency
//!   tables ([`extras`]), the largest tables and the decimal arithmetic.
//!
//! All three are on by default, so one build checks everything; `cargo xtask
//! js` builds each module with only its feature. Results are plain objects
//! written as JSON text and parsed once per call ([`js`]) rather than built
//! through serde, which keeps serde's generic machinery out of the modules.
//!
//! The crate is `no_std`. With the feature `runtime` (only for the modules
//! `cargo xtask js` builds, without `std`) it brings its own allocator and a
//! panic handler that stops at once: std's would pull the whole formatting
//! machinery into each module to print a message nobody sees.
//!
//! Browsers and Node load them through the files `cargo xtask js` writes to
//! `target/npm/kassa-card/`.

#![no_std]

extern crate alloc;

#[cfg(feature = "card")]
pub mod card;
#[cfg(feature = "compat")]
pub mod compat;
#[cfg(feature = "extras")]
pub mod extras;
pub mod js;
#[cfg(feature = "card")]
pub mod unicode;

/// The allocator and the panic handler of the shipped modules (feature
/// `runtime`, without `std`).
#[cfg(all(feature = "runtime", target_arch = "wasm32"))]
mod runtime {
    /// Talc, a small allocator made for WebAssembly (std uses dlmalloc,
    /// which is twice the code).
    #[global_allocator]
    static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

    /// A panic (a bug: the adapter is written not to panic) traps, which
    /// JavaScript sees as a `RuntimeError: unreachable`.
    #[panic_handler]
    fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
        core::arch::wasm32::unreachable()
    }
}

#[cfg(feature = "card")]
pub use card::*;
#[cfg(feature = "extras")]
pub use extras::*;

//! The checkout page's entry point: mounts the app, nothing else.
//!
//! In the browser, `#![no_main]` with wasm-bindgen's start function instead
//! of `fn main`: std's `main` wrapper (its runtime set-up, and stdout
//! flushed at the end) has nothing to do there. A native build (the
//! workspace's `cargo test`) keeps a plain `main`.

#![cfg_attr(target_family = "wasm", no_main)]

#[cfg(target_family = "wasm")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
fn start() {
    kassa_checkout::start();
}

#[cfg(not(target_family = "wasm"))]
fn main() {
    kassa_checkout::start();
}

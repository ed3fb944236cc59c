//! How the WebAssembly a browser downloads is compiled: the standard library
//! rebuilt from source with the `immediate-abort` panic strategy.
//!
//! The prebuilt standard library for `wasm32-unknown-unknown` is compiled to
//! unwind-or-abort *with a message*, so every `unwrap`, index and slice in
//! `core` and `alloc` keeps its panic path alive, and that path pulls
//! `core::fmt` (integer and string formatting, `Location`, `Debug` impls)
//! into the module to build a message nobody can read: the module traps
//! either way. Rebuilt with `-Cpanic=immediate-abort`, a panic is a bare
//! `unreachable` and the formatting goes with it. Measured here: the card
//! module of the npm package 38.7 → 33.2 KB gzipped before `wasm-opt`.
//!
//! Both `-Zbuild-std` and `-Cpanic=immediate-abort` are unstable, and the
//! machine has one toolchain, the stable one, with no nightly to fetch; so
//! these builds, and only these, run with `RUSTC_BOOTSTRAP=1`. The server,
//! the tests and every other build use the stable compiler as released.
//! Setting `KASSA_PREBUILT_STD=1` builds the shipped modules with the
//! prebuilt standard library instead (larger, but stable-only), for a
//! toolchain where the unstable flags have moved.

use crate::tools;

/// What the build rebuilds of the standard library.
#[derive(Clone, Copy)]
pub(crate) enum Std {
    /// `core` and `alloc`: the `no_std` modules of the npm package.
    CoreAlloc,
    /// The whole `std`: the checkout page (Leptos needs `std`).
    Full,
}

/// The environment of a shipped-wasm cargo build, with `rustflags` (each
/// flag one item) added after the panic strategy.
///
/// Uses `CARGO_ENCODED_RUSTFLAGS` so that flags are passed through exactly,
/// and cargo's `unstable.build-std` setting through its environment form, so
/// that Trunk's own `cargo build` picks it up too.
pub(crate) fn environment(std: Std, rustflags: &[&str]) -> Result<Vec<(String, String)>, String> {
    if std::env::var_os("KASSA_PREBUILT_STD").is_some() {
        return Ok(vec![(
            "CARGO_ENCODED_RUSTFLAGS".into(),
            rustflags.join("\x1f"),
        )]);
    }
    tools::ensure_rust_src()?;
    // Also no file and line of panic sites (nothing prints them), and no
    // `Debug` text: shipped code never shows it, only tests do.
    let mut flags = vec![
        "-Zunstable-options",
        "-Cpanic=immediate-abort",
        "-Zlocation-detail=none",
        "-Zfmt-debug=none",
    ];
    flags.extend_from_slice(rustflags);
    let crates = match std {
        Std::CoreAlloc => "core,alloc",
        Std::Full => "std,panic_abort",
    };
    Ok(vec![
        ("RUSTC_BOOTSTRAP".into(), "1".into()),
        ("CARGO_UNSTABLE_BUILD_STD".into(), crates.into()),
        ("CARGO_ENCODED_RUSTFLAGS".into(), flags.join("\x1f")),
    ])
}

/// `environment` in the shape `run_with_env` takes.
pub(crate) fn borrow(environment: &[(String, String)]) -> Vec<(&str, &str)> {
    environment
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .collect()
}

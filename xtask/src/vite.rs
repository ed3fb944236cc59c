//! The Vite check of the npm package, part of `cargo xtask js-test`: a tiny
//! Vite app in `web/kassa-card/vite-check/` imports `kassa-card` and
//! `kassa-card/compat` as the package README tells bundler users, and
//! `check.mjs` builds it with Vite, serves the build on loopback, opens it in
//! Debian's Chromium (playwright-core) and checks what both APIs wrote into
//! the page; then the same under Vite's dev server.
//!
//! Vite and playwright-core are installed from the app's package-lock.json
//! once (`npm ci`, when `node_modules/` is missing); later runs need no
//! network. `check.mjs` copies the package `cargo xtask js` just built over
//! the installed copy, so a rebuilt package needs no reinstall.

use std::path::Path;

use crate::js::run_in;
use crate::tools;

/// The Vite app and its check script.
const APP: &str = "web/kassa-card/vite-check";

/// Builds the Vite app against the built package and checks it in Chromium.
/// Expects `cargo xtask js` to have built `target/npm/kassa-card/`.
pub(crate) fn check() -> Result<(), String> {
    tools::ensure_chromium()?;
    let app = Path::new(APP);
    if !app.join("node_modules").is_dir() {
        run_in("npm", &["ci", "--no-audit", "--no-fund"], app)?;
    }
    run_in("node", &["check.mjs"], app)
}

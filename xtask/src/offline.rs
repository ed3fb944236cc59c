//! Everything an offline build needs, fetched while the network is allowed.
//!
//! Trunk builds the page with `cargo build --offline`, and the page rebuilds
//! the standard library from its sources (`-Zbuild-std`, see
//! [`shipped_wasm`]). The standard library is its own
//! Cargo workspace (`library/` in the `rust-src` component) with its own
//! dependencies (`object`, `moto-rt`, `hashbrown`, …), and `cargo fetch` in
//! this workspace does not fetch them; so on a machine whose cargo cache has
//! never held them the first page build failed with "no matching package
//! named `moto-rt` found" (issue 15). [`prefetch`] fetches both workspaces.
//!
//! [`check_from_empty_cargo_home`] proves it in `cargo xtask test`: the same
//! preparation against an empty cargo home, then the page's build resolved
//! offline (cargo's unit graph: every package the build would compile, read
//! from the cache, nothing compiled). A gap like issue 15's fails there
//! instead of on a newcomer's machine.

use std::path::{Path, PathBuf};

use std::process::{Command, Stdio};

use crate::{run_with_env, shipped_wasm, tools};

/// The page's crate and how Trunk builds it (index.html's `data-cargo-profile`).
const PAGE_PACKAGE: &str = "kassa-checkout";
const PAGE_PROFILE: &str = "wasm-release";

/// Fetches the workspace's crates (at Cargo.lock's versions) and, unless the
/// shipped modules use the prebuilt standard library, the standard library
/// workspace's, so that an `--offline` build after it finds them all.
/// `environment` is added to each cargo call (the check's empty cargo home).
pub(crate) fn prefetch(environment: &[(&str, &str)]) -> Result<(), String> {
    tools::announce(
        "fetching the workspace's crates from crates.io",
        "seconds; nothing when cached",
    );
    run_with_env("cargo", &["fetch", "--locked"], environment)?;
    if std::env::var_os("KASSA_PREBUILT_STD").is_some() {
        return Ok(());
    }
    tools::ensure_rust_src()?;
    let manifest = std_manifest()?;
    let manifest = manifest.to_string_lossy();
    tools::announce(
        "fetching the standard library's own dependencies (for -Zbuild-std)",
        "seconds; nothing when cached",
    );
    // The library workspace uses unstable manifest features; the stable
    // toolchain reads it only with RUSTC_BOOTSTRAP (as the build itself does).
    let mut environment = environment.to_vec();
    environment.push(("RUSTC_BOOTSTRAP", "1"));
    run_with_env(
        "cargo",
        &["fetch", "--locked", "--manifest-path", &manifest],
        &environment,
    )
}

/// `library/Cargo.toml` in the toolchain's `rust-src` component.
fn std_manifest() -> Result<PathBuf, String> {
    let sysroot =
        tools::output("rustc", &["--print", "sysroot"]).ok_or("`rustc --print sysroot` failed")?;
    let manifest = Path::new(sysroot.trim()).join("lib/rustlib/src/rust/library/Cargo.toml");
    if manifest.is_file() {
        Ok(manifest)
    } else {
        Err(format!("{} is missing (rust-src)", manifest.display()))
    }
}

/// Runs [`prefetch`] against a new, empty cargo home, then resolves the
/// page's build `--offline` there (with the page's exact environment), so
/// that a crate the preparation does not fetch fails the check.
pub(crate) fn check_from_empty_cargo_home() -> Result<(), String> {
    let home = std::env::current_dir()
        .map_err(|error| error.to_string())?
        .join("target/empty-cargo-home");
    if home.exists() {
        std::fs::remove_dir_all(&home)
            .map_err(|error| format!("cannot clear {}: {error}", home.display()))?;
    }
    std::fs::create_dir_all(&home)
        .map_err(|error| format!("cannot create {}: {error}", home.display()))?;
    let home_text = home.to_string_lossy().into_owned();
    tools::announce(
        "checking that the page's offline build needs nothing the preparation does not fetch (an empty cargo home)",
        "about a minute of downloads",
    );
    let cargo_home = [("CARGO_HOME", home_text.as_str())];
    prefetch(&cargo_home)?;
    let mut environment = shipped_wasm::environment(shipped_wasm::Std::Full, &[])?;
    environment.push(("CARGO_HOME".into(), home_text.clone()));
    // Unit graphs are unstable; the page's build already runs with
    // RUSTC_BOOTSTRAP (see shipped_wasm), and so does this look at it.
    environment.push(("RUSTC_BOOTSTRAP".into(), "1".into()));
    // The graph itself (JSON on stdout) is not needed, only whether cargo
    // could build it.
    quiet_cargo(
        &[
            "build",
            "--offline",
            "--locked",
            "--package",
            PAGE_PACKAGE,
            "--target",
            "wasm32-unknown-unknown",
            "--profile",
            PAGE_PROFILE,
            "-Zunstable-options",
            "--unit-graph",
        ],
        &shipped_wasm::borrow(&environment),
    )
    .map_err(|error| {
        format!("{error}: the page's offline build needs a crate that `cargo xtask page` does not fetch first")
    })?;
    let _ = std::fs::remove_dir_all(&home);
    Ok(())
}

/// `cargo <args>` with its standard output discarded (errors still show).
fn quiet_cargo(args: &[&str], environment: &[(&str, &str)]) -> Result<(), String> {
    eprintln!("xtask: $ cargo {} >/dev/null", args.join(" "));
    let status = Command::new("cargo")
        .args(args)
        .envs(environment.iter().copied())
        .stdout(Stdio::null())
        .status()
        .map_err(|error| format!("could not start cargo: {error}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`cargo {}` failed ({status})", args.join(" ")))
    }
}

//! `cargo xtask <command>`: the project's chores, written in Rust so they run
//! the same on every machine with nothing but cargo installed.
//!
//! * `cargo xtask run`: builds and starts `kassa-server demo` on SQLite
//!   (a demo merchant and invoice; prints the checkout URL).
//! * `cargo xtask test`: every check CI runs (format, lints, tests, doctests,
//!   the `no_std` and WebAssembly builds of the core, docs). Installs the
//!   wasm target when it is missing, and starts (or installs) PostgreSQL for
//!   the server's tests.
//! * `cargo xtask page`: builds the checkout page into `dist/` with Trunk
//!   (installs Trunk and wasm-opt from crates.io when missing).
//! * `cargo xtask dashboard`: builds the merchant dashboard into
//!   `dist-dashboard/` the same way (served at `/dashboard`).
//! * `cargo xtask e2e`: the end-to-end tests in `tests/` (Chromium,
//!   Playwright, the real server).
//! * `cargo xtask page-bench`: the page's weight, requests and Lighthouse
//!   scores (a benchmark).
//! * `cargo xtask js`: builds the npm package into `target/npm/kassa-card/`.
//! * `cargo xtask js-test`: builds it and runs its Node, differential and
//!   TypeScript tests.
//! * `cargo xtask bench`: the criterion benchmarks.
//! * `cargo xtask load [sqlite|postgres] [seconds] [--instances N]`: the
//!   server's load benchmark with `wrk` (N instances behind nginx).
//! * `cargo xtask api-fuzz [sqlite|postgres]`: schemathesis against the
//!   OpenAPI document (both databases unless one is named).
//! * `cargo xtask fuzz <target> [seconds]`: one fuzz target (needs cargo-fuzz).

use std::process::{Command, ExitCode};

mod api_fuzz;
mod js;
mod js_messages;
mod load;
mod minify;
mod offline;
mod page;
mod precompress;
mod server;
mod shipped_wasm;
mod tools;
mod unused_exports;
mod vite;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run_demo(),
        Some("load") => load::load(&args[1..]),
        Some("api-fuzz") => api_fuzz::api_fuzz(&args[1..]),
        Some("js") => js::build_package(),
        Some("page") => page::build(),
        Some("dashboard") => page::build_dashboard(),
        Some("e2e") => page::e2e(),
        Some("page-bench") => page::bench(),
        Some("js-test") => js::test_package(),
        Some("test") => test(),
        Some("bench") => bench(),
        Some("fuzz") => fuzz(&args[1..]),
        _ => {
            eprintln!(
                "usage: cargo xtask <run|test|page|dashboard|e2e|page-bench|js|js-test|bench|load [sqlite|postgres] [seconds] [--instances N]|api-fuzz [sqlite|postgres]|fuzz <target> [seconds]>"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Builds the page (when its sources changed) and the server, and runs the
/// demo: the first thing a new user types.
fn run_demo() -> Result<(), String> {
    page::build_if_stale()?;
    tools::announce(
        "building and starting kassa-server",
        "about 3 minutes of compiling the first time",
    );
    run("cargo", &["run", "--package", "kassa-server", "--", "demo"])
}

/// Every check that CI runs, cheapest first so a formatting slip fails in seconds.
fn test() -> Result<(), String> {
    tools::ensure_rust_target("wasm32-unknown-unknown")?;
    tools::ensure_postgres()?;
    tools::ensure_openssl()?;
    tools::ensure_nginx()?;
    tools::remove_old_test_databases();
    run("cargo", &["fmt", "--all", "--check"])?;
    // What a newcomer's first `cargo xtask run` fetches before Trunk's
    // offline build, proved enough from an empty cargo home (issue 15).
    offline::check_from_empty_cargo_home()?;
    run(
        "cargo",
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
    )?;
    run(
        "cargo",
        &[
            "clippy",
            "-p",
            "kassa-card",
            "--no-default-features",
            "--",
            "-D",
            "warnings",
        ],
    )?;
    // Unit, integration, property and doc tests with every feature on…
    run("cargo", &["test", "--workspace", "--all-features"])?;
    // …and the core alone, as the browser gets it: no std, no serde.
    run(
        "cargo",
        &[
            "test",
            "-p",
            "kassa-card",
            "--no-default-features",
            "--lib",
            "--tests",
        ],
    )?;
    run(
        "cargo",
        &[
            "build",
            "-p",
            "kassa-card",
            "--no-default-features",
            "--target",
            "wasm32-unknown-unknown",
        ],
    )?;
    // Benchmarks must keep compiling even though CI does not time them.
    run("cargo", &["bench", "-p", "kassa-card", "--no-run"])?;
    run_with_env(
        "cargo",
        &["doc", "--workspace", "--no-deps", "--all-features"],
        &[("RUSTDOCFLAGS", "-D warnings")],
    )?;
    // The npm package: built, then Node tests, the differential test against
    // card-validator and the TypeScript check.
    js::test_package()?;
    // The checkout page, built with Trunk, in a real browser against a real server.
    page::e2e()?;
    // schemathesis against the OpenAPI document, on both databases (after
    // the page's build, which the server serves at /pay/{id}).
    api_fuzz::api_fuzz(&[])?;
    eprintln!("xtask: all checks passed");
    Ok(())
}

fn bench() -> Result<(), String> {
    run("cargo", &["bench", "-p", "kassa-card"])
}

fn fuzz(args: &[String]) -> Result<(), String> {
    let target = args
        .first()
        .ok_or("usage: cargo xtask fuzz <target> [seconds]")?;
    let seconds = args.get(1).map(String::as_str).unwrap_or("60");
    tools::ensure_cargo_tool(
        "cargo-fuzz",
        "cargo-fuzz",
        None,
        "a few minutes of compiling, once",
    )?;
    let max_time = format!("-max_total_time={seconds}");
    // cargo-fuzz needs nightly-only sanitizer flags; the machine has one stable
    // toolchain, and RUSTC_BOOTSTRAP lets it accept them.
    run_with_env_in(
        "cargo",
        &["fuzz", "run", target, "--", &max_time],
        &[("RUSTC_BOOTSTRAP", "1")],
        Some("crates/card"),
    )
}

pub(crate) fn run(program: &str, args: &[&str]) -> Result<(), String> {
    run_with_env(program, args, &[])
}

pub(crate) fn run_with_env(
    program: &str,
    args: &[&str],
    env: &[(&str, &str)],
) -> Result<(), String> {
    run_with_env_in(program, args, env, None)
}

fn run_with_env_in(
    program: &str,
    args: &[&str],
    env: &[(&str, &str)],
    dir: Option<&str>,
) -> Result<(), String> {
    eprintln!("xtask: $ {program} {}", args.join(" "));
    let mut command = Command::new(program);
    command.args(args).envs(env.iter().copied());
    if let Some(dir) = dir {
        command.current_dir(dir);
    }
    let status = command
        .status()
        .map_err(|error| format!("could not start {program}: {error}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{program} {}` failed ({status})", args.join(" ")))
    }
}

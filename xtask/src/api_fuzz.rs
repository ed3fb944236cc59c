//! `cargo xtask api-fuzz [sqlite|postgres]`: schemathesis against the
//! running server's `/api/openapi.json`, every check on, with the stateful
//! phase following the document's links. `cargo xtask test` runs it on both
//! databases.
//!
//! schemathesis is a Python tool, installed from PyPI at a pinned version
//! into `target/schemathesis/` (a virtual environment), because no Rust or
//! npm tool generates requests from an OpenAPI document as thoroughly; it
//! is the only test tool Kassa takes from PyPI.

use std::path::Path;
use std::process::{Command, Stdio};

use crate::{run, server, tools};

/// The schemathesis release the checks were written against.
const SCHEMATHESIS: &str = "schemathesis==4.32.5";
/// Test cases per operation and phase: enough to reach every documented
/// status, small enough for CI (about a minute per database).
const MAX_EXAMPLES: &str = "40";
/// Where Kassa knowingly answers a schema-valid request with a 4xx, and why.
const CONFIG: &str = "crates/server/schemathesis.toml";
/// Fixed, so a failure in CI reproduces on a laptop.
const SEED: &str = "20261206";

/// Runs schemathesis against a fresh server on each database named (both
/// when none is).
pub(crate) fn api_fuzz(args: &[String]) -> Result<(), String> {
    let databases: Vec<&str> = if args.is_empty() {
        vec!["sqlite", "postgres"]
    } else {
        args.iter().map(String::as_str).collect()
    };
    let st = ensure_schemathesis()?;
    tools::announce(
        "building kassa-server for the API fuzzer",
        "seconds when tests built it",
    );
    run("cargo", &["build", "--quiet", "-p", "kassa-server"])?;
    for database in databases {
        fuzz_one(&st, database)?;
    }
    Ok(())
}

/// The virtual environment's `st`, installed when missing or of another
/// version.
fn ensure_schemathesis() -> Result<String, String> {
    let venv = Path::new("target/schemathesis");
    let st = venv.join("bin/st").display().to_string();
    let wanted = SCHEMATHESIS.trim_start_matches("schemathesis==");
    if tools::output(&st, &["--version"]).is_some_and(|version| version.contains(wanted)) {
        return Ok(st);
    }
    tools::announce(
        &format!("installing {SCHEMATHESIS} from PyPI into target/schemathesis"),
        "under a minute, once",
    );
    if tools::output("python3", &["-c", "import venv, ensurepip"]).is_none() {
        run("apt-get", &["update"])?;
        run("apt-get", &["install", "-y", "python3-venv"])?;
    }
    run("python3", &["-m", "venv", &venv.display().to_string()])?;
    let pip = venv.join("bin/pip").display().to_string();
    run(&pip, &["install", "--quiet", SCHEMATHESIS])?;
    Ok(st)
}

fn fuzz_one(st: &str, database: &str) -> Result<(), String> {
    let (dir, database_url) = server::fresh_database("kassa_api_fuzz", database)?;
    let server_binary = "target/debug/kassa-server";
    let sink = server::start_callback_sink()?;
    let key_file = dir.join("kassa.key").display().to_string();
    let listen = "127.0.0.1:18191";
    let env = [
        ("KASSA_DATABASE_URL", database_url.as_str()),
        ("KASSA_LISTEN", listen),
        ("KASSA_ALLOW_PRIVATE_CALLBACKS", "true"),
        // The fuzzer pays many invoices from one address.
        ("KASSA_PAY_RATE_PER_MINUTE", "1000000"),
        ("KASSA_SECRET_KEY_FILE", key_file.as_str()),
        ("RUST_LOG", "warn"),
    ];
    let api_key = server::create_merchant(server_binary, &env, &sink)?;
    let log = std::fs::File::create(dir.join("server.log")).map_err(|error| error.to_string())?;
    let mut instance = Command::new(server_binary)
        .envs(env)
        .stderr(Stdio::from(log))
        .spawn()
        .map_err(|error| error.to_string())?;
    let result = server::wait_for(listen).and_then(|()| {
        tools::announce(
            &format!("schemathesis against the API on {database}"),
            "about a minute",
        );
        run(
            st,
            &[
                "--config-file",
                CONFIG,
                "run",
                &format!("http://{listen}/api/openapi.json"),
                "--checks",
                "all",
                "--header",
                &format!("API-KEY: {api_key}"),
                "--max-examples",
                MAX_EXAMPLES,
                "--seed",
                SEED,
                "--workers",
                "2",
                "--report",
                "junit",
                "--report-dir",
                &dir.join("report").display().to_string(),
            ],
        )
    });
    server::stop(&mut instance);
    if result.is_err() {
        eprintln!(
            "xtask: the server's log is {}",
            dir.join("server.log").display()
        );
    }
    result
}

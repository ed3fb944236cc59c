//! Installing the tools the checks need, only when they are missing, so the
//! test command is slow once on a fresh machine and fast ever after.

use std::process::Command;

use crate::run;

/// Adds a rustup target unless it is already installed.
pub(crate) fn ensure_rust_target(target: &str) -> Result<(), String> {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed.lines().any(|line| line.trim() == target) {
        return Ok(());
    }
    announce(
        &format!("installing the Rust target {target} (rustup)"),
        "under a minute, once",
    );
    run("rustup", &["target", "add", target])
}

/// Adds the standard library's sources (`rust-src`, which `-Zbuild-std`
/// compiles) through rustup, like the wasm target, unless they are there.
/// Looked for in the sysroot: `rustup component list` fails on toolchains
/// whose channel manifest is missing, as on these machines.
pub(crate) fn ensure_rust_src() -> Result<(), String> {
    let sysroot = output("rustc", &["--print", "sysroot"]).unwrap_or_default();
    let core = std::path::Path::new(sysroot.trim()).join("lib/rustlib/src/rust/library/core");
    if core.is_dir() {
        return Ok(());
    }
    announce(
        "installing the standard library's sources, rust-src (rustup)",
        "under a minute, once",
    );
    run("rustup", &["component", "add", "rust-src"])
}

/// Prints what a long step is and roughly how long it takes, so that a
/// first run on a fresh machine never looks stuck.
pub(crate) fn announce(what: &str, how_long: &str) {
    eprintln!("xtask: == {what} ({how_long})");
}

/// Installs a cargo subcommand from crates.io unless `<binary> --version`
/// already answers (with `version`, when one is pinned). `how_long` is what
/// the install took on 2 cores, printed before it starts.
pub(crate) fn ensure_cargo_tool(
    binary: &str,
    krate: &str,
    version: Option<&str>,
    how_long: &str,
) -> Result<(), String> {
    let found = output(binary, &["--version"]);
    let matches = match (&found, version) {
        (Some(text), Some(version)) => text.contains(version),
        (Some(_), None) => true,
        (None, _) => false,
    };
    if matches {
        return Ok(());
    }
    let mut args = vec!["install", krate];
    if let Some(version) = version {
        args.extend(["--version", version]);
    }
    announce(
        &format!(
            "installing {krate} {} from crates.io",
            version.unwrap_or("(latest)")
        ),
        how_long,
    );
    run("cargo", &args)
}

/// Installs a tool from crates.io with `--locked` at exactly `version`,
/// unless `<binary> --version` already prints `marker`. `how_long` as in
/// [`ensure_cargo_tool`].
pub(crate) fn ensure_locked_tool(
    binary: &str,
    krate: &str,
    version: &str,
    marker: &str,
    how_long: &str,
) -> Result<(), String> {
    if output(binary, &["--version"]).is_some_and(|text| text.contains(marker)) {
        return Ok(());
    }
    announce(
        &format!("installing {krate} {version} from crates.io"),
        how_long,
    );
    run(
        "cargo",
        &["install", krate, "--version", version, "--locked"],
    )
}

/// The wasm-bindgen CLI at exactly the version in Cargo.lock (Trunk and the
/// npm package's build insist on it). Not `--locked`: one of its locked
/// dependencies is not in the registry here.
pub(crate) fn ensure_wasm_bindgen() -> Result<(), String> {
    let version = crate::js::locked_version("wasm-bindgen")?;
    ensure_cargo_tool(
        "wasm-bindgen",
        "wasm-bindgen-cli",
        Some(&version),
        "about 3 minutes of compiling, once",
    )
}

/// Debian's chromedriver, for wasm-bindgen-test.
pub(crate) const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Installs Debian's chromium and chromium-driver when either is missing.
pub(crate) fn ensure_chromium() -> Result<(), String> {
    let present = |path: &str| std::path::Path::new(path).exists();
    if present("/usr/bin/chromium") && present(CHROMEDRIVER) {
        return Ok(());
    }
    announce(
        "installing Debian's chromium and chromium-driver (apt-get)",
        "about a minute, once",
    );
    run("apt-get", &["update"])?;
    run("apt-get", &["install", "-y", "chromium", "chromium-driver"])
}

pub(crate) fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Debian's openssl command, which the server's TLS test makes its
/// certificates with; installed when missing.
pub(crate) fn ensure_openssl() -> Result<(), String> {
    if output("openssl", &["version"]).is_some() {
        return Ok(());
    }
    announce("installing Debian's openssl (apt-get)", "seconds, once");
    run("apt-get", &["update"])?;
    run("apt-get", &["install", "-y", "openssl"])
}

/// Debian's nginx, for the test that runs the documented production
/// configuration (`docs/deploy/nginx.conf`) in front of the server.
pub(crate) fn ensure_nginx() -> Result<(), String> {
    if output("nginx", &["-v"]).is_some() {
        return Ok(());
    }
    announce("installing Debian's nginx (apt-get)", "seconds, once");
    run("apt-get", &["update"])?;
    // Installing it must not leave a system nginx holding port 80.
    run("apt-get", &["install", "-y", "nginx"])?;
    let _ = run("nginx", &["-s", "stop"]);
    Ok(())
}

/// Makes sure a PostgreSQL server answers on 127.0.0.1:5432 for the server's
/// tests: starts the installed cluster when it is down, installs Debian's
/// package when there is none.
pub(crate) fn ensure_postgres() -> Result<(), String> {
    if postgres_answers() {
        return Ok(());
    }
    if !std::path::Path::new("/etc/postgresql").exists() {
        run("apt-get", &["update"])?;
        run("apt-get", &["install", "-y", "postgresql"])?;
    }
    let versions = std::fs::read_dir("/etc/postgresql")
        .map_err(|error| format!("no PostgreSQL cluster: {error}"))?;
    for version in versions.flatten() {
        let version = version.file_name().to_string_lossy().into_owned();
        let _ = run(
            "pg_ctlcluster",
            &["--skip-systemctl-redirect", &version, "main", "start"],
        );
    }
    for _ in 0..50 {
        if postgres_answers() {
            // Tests connect as `postgres` without a password, as on CI machines.
            return Ok(());
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    Err("PostgreSQL does not answer on 127.0.0.1:5432".into())
}

fn postgres_answers() -> bool {
    let address = std::net::SocketAddr::from(([127, 0, 0, 1], 5432));
    std::net::TcpStream::connect_timeout(&address, std::time::Duration::from_secs(1)).is_ok()
}

/// Drops the databases and files earlier test runs created, so they do not
/// pile up on a long-lived machine. Best effort: a failure here is no reason
/// to stop the checks.
pub(crate) fn remove_old_test_databases() {
    let listed = output(
        "psql",
        &[
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-d",
            "postgres",
            "-Atc",
            "SELECT datname FROM pg_database WHERE datname LIKE 'kassa_test_%'",
        ],
    );
    // One psql call with a -c per database: each DROP runs on its own (it
    // cannot run inside a transaction), without a process per database.
    let statements: Vec<String> = listed
        .unwrap_or_default()
        .lines()
        .filter(|name| {
            name.starts_with("kassa_test_")
                && name
                    .bytes()
                    .all(|byte| byte.is_ascii_alphanumeric() || byte == b'_')
        })
        .map(|name| format!("DROP DATABASE IF EXISTS {name}"))
        .collect();
    if !statements.is_empty() {
        let mut args = vec!["-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-q"];
        for statement in &statements {
            args.extend(["-c", statement.as_str()]);
        }
        let _ = output("psql", &args);
    }
    if let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) {
        for entry in entries.flatten() {
            if entry
                .file_name()
                .to_string_lossy()
                .starts_with("kassa_test_")
            {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

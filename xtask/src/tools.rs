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
    run("rustup", &["target", "add", target])
}

/// Installs a cargo subcommand from crates.io unless `<binary> --version`
/// already answers (with `version`, when one is pinned).
pub(crate) fn ensure_cargo_tool(
    binary: &str,
    krate: &str,
    version: Option<&str>,
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
    run("cargo", &args)
}

fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

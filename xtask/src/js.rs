//! `cargo xtask js`: the npm package `kassa-card` in `target/npm/kassa-card/`,
//! and `cargo xtask js-test`: its Node tests, the differential test against
//! card-validator and the TypeScript check.
//!
//! Offline by design: the wasm-bindgen CLI comes from crates.io (only when
//! `wasm-bindgen --version` differs from the version in Cargo.lock), the test
//! dependencies from npm into `target/npm/test-deps/` once; `wasm-opt` is used
//! when it is on PATH and skipped otherwise.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{run, tools};

const CRATE: &str = "kassa-card-wasm";
const ARTIFACT: &str = "kassa_card_wasm";
const SOURCES: &str = "web/kassa-card";
const OUT: &str = "target/npm/kassa-card";
const TEST_DEPS: &str = "target/npm/test-deps";
/// The exact card-validator the compatible API is checked against.
const CARD_VALIDATOR: &str = "card-validator@10.0.4";
const TYPESCRIPT: &str = "typescript@5";

/// Builds the npm package into `target/npm/kassa-card/`.
pub(crate) fn build_package() -> Result<(), String> {
    tools::ensure_rust_target("wasm32-unknown-unknown")?;
    let version = locked_version("wasm-bindgen")?;
    tools::ensure_cargo_tool("wasm-bindgen", "wasm-bindgen-cli", Some(&version))?;
    // The size-first profile of the workspace (opt-level z, LTO, abort).
    run(
        "cargo",
        &[
            "build",
            "--package",
            CRATE,
            "--target",
            "wasm32-unknown-unknown",
            "--profile",
            "wasm-release",
        ],
    )?;
    let built = PathBuf::from(format!(
        "target/wasm32-unknown-unknown/wasm-release/{ARTIFACT}.wasm"
    ));
    let out = Path::new(OUT);
    if out.exists() {
        fs::remove_dir_all(out).map_err(|error| format!("cannot clear {OUT}: {error}"))?;
    }
    for (target, dir) in [("nodejs", "node"), ("web", "web")] {
        let dir = out.join(dir);
        run(
            "wasm-bindgen",
            &[
                "--target",
                target,
                "--out-dir",
                &dir.to_string_lossy(),
                &built.to_string_lossy(),
            ],
        )?;
        optimize(&dir.join(format!("{ARTIFACT}_bg.wasm")))?;
    }
    write_entry_points(out)?;
    report_sizes(out);
    eprintln!("xtask: npm package written to {OUT}");
    Ok(())
}

/// `wasm-opt -Oz` in place when wasm-opt is installed (it takes minutes to
/// install, so it is not installed here).
fn optimize(wasm: &Path) -> Result<(), String> {
    let present = Command::new("wasm-opt")
        .arg("--version")
        .output()
        .is_ok_and(|out| out.status.success());
    if !present {
        eprintln!(
            "xtask: wasm-opt not found, {} left unoptimized",
            wasm.display()
        );
        return Ok(());
    }
    let path = wasm.to_string_lossy();
    run(
        "wasm-opt",
        &[
            "-Oz",
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
            "--enable-mutable-globals",
            &path,
            "-o",
            &path,
        ],
    )
}

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|error| format!("cannot read {}: {error}", path.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    fs::write(path, text).map_err(|error| format!("cannot write {}: {error}", path.display()))
}

/// The names the wasm-bindgen module exports (`exports.name = name;`).
fn exported_names(node_glue: &str) -> Vec<String> {
    node_glue
        .lines()
        .filter_map(|line| line.strip_prefix("exports."))
        .filter_map(|rest| rest.split(' ').next())
        .map(str::to_owned)
        .collect()
}

fn write_entry_points(out: &Path) -> Result<(), String> {
    let sources = Path::new(SOURCES).join("src");
    let names = exported_names(&read(&out.join(format!("node/{ARTIFACT}.js")))?);
    let public: Vec<&String> = names
        .iter()
        .filter(|name| !name.starts_with("compat"))
        .collect();

    // The Kassa API: CommonJS and ES module entry points for Node (which load
    // the .wasm synchronously), and the browser's ES module with init().
    write(
        &out.join("index.cjs"),
        &format!(
            "\"use strict\";\n// Node loads the .wasm synchronously: no init() needed.\nconst wasm = require(\"./node/{ARTIFACT}.js\");\nmodule.exports = {{ init: async () => {{}} }};\nfor (const name of {names:?}) module.exports[name] = wasm[name];\n",
            names = public
        ),
    )?;
    let mut esm =
        String::from("import wasm from \"./index.cjs\";\nexport const init = wasm.init;\n");
    for name in &public {
        esm.push_str(&format!("export const {name} = wasm.{name};\n"));
    }
    write(&out.join("index.mjs"), &esm)?;
    write(
        &out.join("web/index.js"),
        &format!(
            "// Browsers: `await init()` once (it fetches {ARTIFACT}_bg.wasm next to this file).\nexport {{ default as init, initSync }} from \"./{ARTIFACT}.js\";\nexport * from \"./{ARTIFACT}.js\";\n"
        ),
    )?;

    // The card-validator-compatible API, one body for every module system.
    let body = read(&sources.join("compat-body.js"))?;
    let exports = "creditCardType, cardholderName, number, expirationDate, expirationMonth, expirationYear, cvv, postalCode";
    write(
        &out.join("compat.cjs"),
        &format!(
            "\"use strict\";\nconst wasm = require(\"./node/{ARTIFACT}.js\");\n{body}\nmodule.exports = cardValidator;\n"
        ),
    )?;
    write(
        &out.join("compat.mjs"),
        &format!(
            "import cardValidator from \"./compat.cjs\";\nexport default cardValidator;\nexport const {{ {exports} }} = cardValidator;\n"
        ),
    )?;
    write(
        &out.join("web/compat.js"),
        &format!(
            "// Call init() from \"kassa-card\" once before the first validation.\nimport * as wasm from \"./{ARTIFACT}.js\";\n{body}\nexport default cardValidator;\nexport {{ {exports} }};\n"
        ),
    )?;
    for file in ["compat.d.ts", "index.d.ts"] {
        fs::copy(sources.join(file), out.join(file))
            .map_err(|error| format!("cannot copy {file}: {error}"))?;
    }
    let version = read(Path::new("crates/card-wasm/Cargo.toml"))?
        .lines()
        .find_map(|line| line.strip_prefix("version = \""))
        .and_then(|rest| rest.strip_suffix('"'))
        .unwrap_or("0.0.0")
        .to_owned();
    write(
        &out.join("package.json"),
        &read(&sources.join("package.json"))?.replace("@VERSION@", &version),
    )?;
    fs::copy(Path::new(SOURCES).join("README.md"), out.join("README.md"))
        .map_err(|error| format!("cannot copy README.md: {error}"))?;
    Ok(())
}

/// The version of `package` in Cargo.lock.
fn locked_version(package: &str) -> Result<String, String> {
    let lock = read(Path::new("Cargo.lock"))?;
    let marker = format!("name = \"{package}\"\nversion = \"");
    let start = lock
        .find(&marker)
        .ok_or(format!("{package} is not in Cargo.lock"))?
        + marker.len();
    let end = lock[start..].find('"').ok_or("Cargo.lock is malformed")?;
    Ok(lock[start..start + end].to_owned())
}

fn gzip_size(path: &Path) -> Option<u64> {
    let out = Command::new("gzip")
        .args(["-9", "-c"])
        .arg(path)
        .output()
        .ok()?;
    out.status.success().then_some(out.stdout.len() as u64)
}

fn report_sizes(out: &Path) {
    for file in [
        format!("web/{ARTIFACT}_bg.wasm"),
        format!("web/{ARTIFACT}.js"),
        "web/compat.js".to_owned(),
    ] {
        let path = out.join(&file);
        let raw = fs::metadata(&path).map(|meta| meta.len()).unwrap_or(0);
        let gzip = gzip_size(&path).unwrap_or(0);
        eprintln!("xtask: {file}: {raw} bytes, {gzip} gzipped");
    }
}

/// Builds the package, then runs its Node tests (both APIs and the
/// differential test against card-validator 10.0.4) and the TypeScript check.
pub(crate) fn test_package() -> Result<(), String> {
    build_package()?;
    let deps = Path::new(TEST_DEPS);
    fs::create_dir_all(deps.join("node_modules"))
        .map_err(|error| format!("cannot create {TEST_DEPS}: {error}"))?;
    // Installed once; later runs need no network.
    let installed = deps
        .join("node_modules/card-validator/package.json")
        .exists()
        && deps.join("node_modules/typescript/package.json").exists();
    if !installed {
        write(
            &deps.join("package.json"),
            "{\"name\": \"kassa-card-tests\", \"private\": true}\n",
        )?;
        run_in(
            "npm",
            &[
                "install",
                "--no-audit",
                "--no-fund",
                "--save-dev",
                CARD_VALIDATOR,
                TYPESCRIPT,
            ],
            deps,
        )?;
    }
    // `require("kassa-card")` from the tests resolves to the built package.
    let link = deps.join("node_modules/kassa-card");
    let _ = fs::remove_file(&link);
    let _ = fs::remove_dir_all(&link);
    std::os::unix::fs::symlink(
        fs::canonicalize(OUT).map_err(|error| error.to_string())?,
        &link,
    )
    .map_err(|error| format!("cannot link the package: {error}"))?;
    let tests = deps.join("test");
    let _ = fs::remove_dir_all(&tests);
    fs::create_dir_all(&tests).map_err(|error| error.to_string())?;
    for entry in fs::read_dir(Path::new(SOURCES).join("test")).map_err(|error| error.to_string())? {
        let path = entry.map_err(|error| error.to_string())?.path();
        if let Some(name) = path.file_name() {
            fs::copy(&path, tests.join(name)).map_err(|error| error.to_string())?;
        }
    }
    run_in("node", &["--test", "test/"], deps)?;
    run_in(
        "node",
        &[
            "node_modules/typescript/bin/tsc",
            "--noEmit",
            "--strict",
            "--module",
            "nodenext",
            "--moduleResolution",
            "nodenext",
            "--target",
            "es2020",
            "test/check.ts",
        ],
        deps,
    )?;
    eprintln!("xtask: JS package checks passed");
    Ok(())
}

fn run_in(program: &str, args: &[&str], dir: &Path) -> Result<(), String> {
    eprintln!(
        "xtask: (in {}) $ {program} {}",
        dir.display(),
        args.join(" ")
    );
    let status = Command::new(program)
        .args(args)
        .current_dir(dir)
        .status()
        .map_err(|error| format!("could not start {program}: {error}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{program} {}` failed ({status})", args.join(" ")))
    }
}

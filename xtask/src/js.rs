//! `cargo xtask js`: the npm package `kassa-card` in `target/npm/kassa-card/`,
//! and `cargo xtask js-test`: its Node tests, the differential test against
//! card-validator, the TypeScript check and the wasm-bindgen tests in
//! headless Chromium.
//!
//! The package holds three WebAssembly modules built from `crates/card-wasm`
//! with different features, so that a browser downloads only the API it
//! imports: `kassa_card_wasm` (feature `card`: the card part of the Kassa
//! API, `kassa-card`), `kassa_card_compat` (feature `compat`: the
//! card-validator-compatible API, `kassa-card/compat`) and
//! `kassa_card_extras` (feature `extras`: amounts, installments, postal
//! codes, countries, currencies; `kassa-card/extras`). Node's `kassa-card`
//! loads the card and extras modules.
//!
//! Offline by design: the wasm-bindgen CLI comes from crates.io (only when
//! `wasm-bindgen --version` differs from the version in Cargo.lock), the test
//! dependencies from npm into `target/npm/test-deps/` once; `wasm-opt -Oz` is
//! used when `wasm-opt` is on PATH (`cargo install wasm-opt --version 0.116.1
//! --locked`, about 6 minutes, so not installed here; never Debian's
//! binaryen) and skipped otherwise.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{js_messages, minify, run, run_with_env, shipped_wasm, tools};

const CRATE: &str = "kassa-card-wasm";
const ARTIFACT: &str = "kassa_card_wasm";
/// The modules: (wasm-bindgen name, cargo features, target directory). Each
/// has its own target directory so that switching features does not rebuild
/// the others each time.
const CARD: (&str, &str, &str) = ("kassa_card_wasm", "card,runtime", "target");
const COMPAT: (&str, &str, &str) = ("kassa_card_compat", "compat,runtime", "target/wasm-compat");
const EXTRAS: (&str, &str, &str) = ("kassa_card_extras", "extras,runtime", "target/wasm-extras");
const SOURCES: &str = "web/kassa-card";
const OUT: &str = "target/npm/kassa-card";
const TEST_DEPS: &str = "target/npm/test-deps";
/// The exact card-validator the compatible API is checked against.
const CARD_VALIDATOR: &str = "card-validator@10.0.4";
const TYPESCRIPT: &str = "typescript@5";
/// The version `cargo xtask js` uses when it is installed.
const WASM_OPT_VERSION: &str = "116";

/// Builds the npm package into `target/npm/kassa-card/`.
pub(crate) fn build_package() -> Result<(), String> {
    tools::ensure_rust_target("wasm32-unknown-unknown")?;
    tools::ensure_wasm_bindgen()?;
    let out = Path::new(OUT);
    if out.exists() {
        fs::remove_dir_all(out).map_err(|error| format!("cannot clear {OUT}: {error}"))?;
    }
    let optimize = wasm_opt_present();
    let environment = shipped_wasm::environment(shipped_wasm::Std::CoreAlloc, &[])?;
    let environment = shipped_wasm::borrow(&environment);
    for (name, feature, target_dir) in [CARD, COMPAT, EXTRAS] {
        // The size-first profile of the workspace (opt-level z, LTO, abort),
        // with the standard library rebuilt to abort without a message.
        run_with_env(
            "cargo",
            &[
                "build",
                "--package",
                CRATE,
                "--target",
                "wasm32-unknown-unknown",
                "--profile",
                "wasm-release",
                "--no-default-features",
                "--features",
                feature,
                "--target-dir",
                target_dir,
            ],
            &environment,
        )?;
        let built = PathBuf::from(format!(
            "{target_dir}/wasm32-unknown-unknown/wasm-release/{ARTIFACT}.wasm"
        ));
        for (target, dir) in [("nodejs", "node"), ("web", "web")] {
            let dir = out.join(dir);
            run(
                "wasm-bindgen",
                &[
                    "--target",
                    target,
                    "--remove-name-section",
                    "--remove-producers-section",
                    "--out-name",
                    name,
                    "--out-dir",
                    &dir.to_string_lossy(),
                    &built.to_string_lossy(),
                ],
            )?;
            if target == "web" {
                minify_in_place(&dir.join(format!("{name}.js")))?;
            }
            let wasm = dir.join(format!("{name}_bg.wasm"));
            if optimize {
                wasm_opt(&wasm)?;
            } else {
                eprintln!(
                    "xtask: wasm-opt {WASM_OPT_VERSION} not found, {} left unoptimized",
                    wasm.display()
                );
            }
        }
    }
    write_entry_points(out)?;
    report_sizes(out);
    eprintln!("xtask: npm package written to {OUT}");
    Ok(())
}

/// Whether the crates.io `wasm-opt` (binaryen 116) is on PATH.
fn wasm_opt_present() -> bool {
    Command::new("wasm-opt")
        .arg("--version")
        .output()
        .is_ok_and(|out| {
            out.status.success()
                && String::from_utf8_lossy(&out.stdout)
                    .contains(&format!("version {WASM_OPT_VERSION}"))
        })
}

/// `wasm-opt -Oz` in place, with the WebAssembly features rustc's
/// wasm32-unknown-unknown target enables (wasm-bindgen uses reference types).
fn wasm_opt(wasm: &Path) -> Result<(), String> {
    let path = wasm.to_string_lossy();
    run(
        "wasm-opt",
        &[
            "-Oz",
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
            "--enable-mutable-globals",
            "--enable-reference-types",
            "--enable-multivalue",
            &path,
            "-o",
            &path,
        ],
    )
}

/// Minifies a browser file of the package in place ([`minify::es_module`]):
/// a third to a half of the glue's gzipped bytes.
fn minify_in_place(file: &Path) -> Result<(), String> {
    let minified =
        minify::es_module(&read(file)?).map_err(|error| format!("{}: {error}", file.display()))?;
    write(file, &minified)
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

/// `module.exports` lines re-exporting `names` of the CommonJS module `from`.
fn reexports(names: &[String], from: &str) -> String {
    format!("for (const name of {names:?}) module.exports[name] = {from}[name];\n")
}

fn write_entry_points(out: &Path) -> Result<(), String> {
    let sources = Path::new(SOURCES).join("src");
    let (card, _, _) = CARD;
    let (compat, _, _) = COMPAT;
    let (extras, _, _) = EXTRAS;
    let card_names = exported_names(&read(&out.join(format!("node/{card}.js")))?);
    let extras_names = exported_names(&read(&out.join(format!("node/{extras}.js")))?);

    // Node loads the .wasm synchronously: no init() needed. Node's
    // `kassa-card` is the whole Kassa API; `kassa-card/extras` is also there,
    // for code shared with browsers.
    // The card module returns codes; messages-body.js adds the messages.
    js_messages::write_catalogs(out)?;
    let messages = read(&sources.join("messages-body.js"))?;
    write(
        &out.join("index.cjs"),
        &format!(
            "\"use strict\";\n// Node loads the .wasm synchronously: no init() needed.\nconst card = require(\"./node/{card}.js\");\nconst extras = require(\"./node/{extras}.js\");\nmodule.exports = {{ init: async () => {{}} }};\n{}{}const wasm = card;\nconst catalogs = require(\"./node/messages.cjs\");\nconst fetchCatalog = async (language) => catalogs[language];\n{messages}\nObject.assign(module.exports, {{ validateCard, errorMessage, loadMessages }});\n",
            reexports(&card_names, "card"),
            reexports(&extras_names, "extras"),
        ),
    )?;
    let message_names = ["errorMessage".to_owned(), "loadMessages".to_owned()];
    write(
        &out.join("extras.cjs"),
        &format!(
            "\"use strict\";\nconst extras = require(\"./node/{extras}.js\");\nmodule.exports = {{ init: async () => {{}} }};\n{}",
            reexports(&extras_names, "extras"),
        ),
    )?;
    for (file, from, names) in [
        (
            "index.mjs",
            "./index.cjs",
            [&card_names[..], &extras_names[..], &message_names[..]].concat(),
        ),
        ("extras.mjs", "./extras.cjs", extras_names.clone()),
    ] {
        let mut esm = format!("import wasm from \"{from}\";\nexport const init = wasm.init;\n");
        for name in &names {
            esm.push_str(&format!("export const {name} = wasm.{name};\n"));
        }
        write(&out.join(file), &esm)?;
    }

    // Browsers: each entry point fetches its own module when its init() is
    // called: `kassa-card` the card module (and English messages; other
    // languages on demand), `kassa-card/extras` the other.
    for (file, module) in [("index", card), ("extras", extras)] {
        let (body, types) = if file == "index" {
            (
                format!(
                    "import * as wasm from \"./{module}.js\";\n{}{messages}\nexport {{ validateCard, errorMessage, loadMessages }};\n",
                    js_messages::web_prelude()
                ),
                "export * from \"../messages.js\";\n",
            )
        } else {
            (String::new(), "")
        };
        write(
            &out.join(format!("web/{file}.js")),
            &format!(
                "// Browsers: `await init()` once (it fetches {module}_bg.wasm next to this file).\nexport {{ default as init, initSync }} from \"./{module}.js\";\nexport * from \"./{module}.js\";\n{body}"
            ),
        )?;
        write(
            &out.join(format!("web/{file}.d.ts")),
            &format!(
                "export * from \"./{module}.js\";\n/** Fetches and compiles {module}_bg.wasm; await it once before any other call. */\nexport {{ default as init, initSync }} from \"./{module}.js\";\n{types}"
            ),
        )?;
    }

    // The card-validator-compatible API, one body for every module system.
    let body = read(&sources.join("compat-body.js"))?;
    let exports = "creditCardType, cardholderName, number, expirationDate, expirationMonth, expirationYear, cvv, postalCode";
    write(
        &out.join("compat.cjs"),
        &format!(
            "\"use strict\";\nconst wasm = require(\"./node/{compat}.js\");\n{body}\nmodule.exports = cardValidator;\nmodule.exports.init = async () => {{}};\n"
        ),
    )?;
    write(
        &out.join("compat.mjs"),
        &format!(
            "import cardValidator from \"./compat.cjs\";\nexport default cardValidator;\nexport const {{ {exports}, init }} = cardValidator;\n"
        ),
    )?;
    write(
        &out.join("web/compat.js"),
        &format!(
            "// Browsers: `await init()` once (it fetches {compat}_bg.wasm next to this file).\nimport * as wasm from \"./{compat}.js\";\nexport {{ default as init, initSync }} from \"./{compat}.js\";\n{body}\nexport default cardValidator;\nexport {{ {exports} }};\n"
        ),
    )?;
    // What browsers download goes minified.
    for file in ["web/index.js", "web/compat.js", "web/extras.js"] {
        minify_in_place(&out.join(file))?;
    }
    for file in ["compat.d.ts", "index.d.ts", "extras.d.ts", "messages.d.ts"] {
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
pub(crate) fn locked_version(package: &str) -> Result<String, String> {
    let lock = read(Path::new("Cargo.lock"))?;
    let marker = format!("name = \"{package}\"\nversion = \"");
    let start = lock
        .find(&marker)
        .ok_or(format!("{package} is not in Cargo.lock"))?
        + marker.len();
    let end = lock[start..].find('"').ok_or("Cargo.lock is malformed")?;
    Ok(lock[start..start + end].to_owned())
}

/// The size of `path` gzipped at level 9, the level the budgets are stated in.
fn gzip_size(path: &Path) -> Option<u64> {
    let bytes = fs::read(path).ok()?;
    let compressed = crate::precompress::gzip(&bytes).ok()?;
    u64::try_from(compressed.len()).ok()
}

/// Prints what a browser downloads for each entry point, raw and gzipped:
/// the module, its wasm-bindgen glue, the entry file (and for `kassa-card`,
/// the English messages it imports).
fn report_sizes(out: &Path) {
    let (card, _, _) = CARD;
    let (compat, _, _) = COMPAT;
    let (extras, _, _) = EXTRAS;
    let groups = [
        ("kassa-card", card, "index"),
        ("kassa-card/compat", compat, "compat"),
        ("kassa-card/extras", extras, "extras"),
    ];
    for (group, module, entry) in groups {
        let (mut raw_total, mut gzip_total) = (0, 0);
        let mut files = vec![
            format!("web/{module}_bg.wasm"),
            format!("web/{module}.js"),
            format!("web/{entry}.js"),
        ];
        if entry == "index" {
            // The catalog the entry imports; other languages only on demand.
            files.push("web/messages/en.js".into());
        }
        for file in files {
            let path = out.join(&file);
            let raw = fs::metadata(&path).map(|meta| meta.len()).unwrap_or(0);
            let gzip = gzip_size(&path).unwrap_or(0);
            raw_total += raw;
            gzip_total += gzip;
            eprintln!("xtask: {file}: {raw} bytes, {gzip} gzipped");
        }
        eprintln!(
            "xtask: a browser importing {group} downloads {raw_total} bytes, {gzip_total} gzipped"
        );
    }
}

/// Builds the package, then runs its Node tests (every API and the
/// differential test against card-validator 10.0.4), the TypeScript check
/// and the browser tests.
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
    type_check(deps, "test/check.ts", &["--target", "es2020"])?;
    crate::vite::check()?;
    browser_tests()?;
    eprintln!("xtask: JS package checks passed");
    Ok(())
}

const CHROMEDRIVER: &str = tools::CHROMEDRIVER;

/// The wasm-bindgen tests of the JS package and of the checkout page's
/// components in headless Chromium (`.cargo/config.toml` makes
/// wasm-bindgen-test-runner, from the wasm-bindgen CLI, the runner for
/// wasm32).
fn browser_tests() -> Result<(), String> {
    tools::ensure_chromium()?;
    eprintln!(
        "xtask: $ CHROMEDRIVER={CHROMEDRIVER} cargo test --target wasm32-unknown-unknown -p {CRATE} -p kassa-checkout"
    );
    let status = Command::new("cargo")
        .args([
            "test",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            CRATE,
            "-p",
            "kassa-checkout",
        ])
        .env("CHROMEDRIVER", CHROMEDRIVER)
        .status()
        .map_err(|error| format!("could not start cargo: {error}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("the browser tests of {CRATE} failed ({status})"))
    }
}

/// `tsc --noEmit --strict` on one file, with the TypeScript installed in
/// `dir`'s node_modules, resolving modules as Node does.
pub(crate) fn type_check(dir: &Path, file: &str, extra: &[&str]) -> Result<(), String> {
    let mut args = vec![
        "node_modules/typescript/bin/tsc",
        "--noEmit",
        "--strict",
        "--module",
        "nodenext",
        "--moduleResolution",
        "nodenext",
    ];
    args.extend_from_slice(extra);
    args.push(file);
    run_in("node", &args, dir)
}

pub(crate) fn run_in(program: &str, args: &[&str], dir: &Path) -> Result<(), String> {
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

//! `cargo xtask page`: builds the hosted checkout page with Trunk into
//! `dist/`, where kassa-server serves it; `cargo xtask dashboard` builds the
//! merchant dashboard the same way into `dist-dashboard/` (its own top-level
//! directory: Trunk empties the directory it builds into).
//!
//! Trunk writes one inline `<script type="module">` that starts the
//! WebAssembly module. The page's Content-Security-Policy allows no inline
//! script, so that script moves to its own file, named by its hash and
//! loaded with a subresource-integrity hash like every other script.

use std::fs;
use std::path::Path;
use std::time::SystemTime;

use base64::Engine;
use sha2::{Digest, Sha384};

use crate::{minify, offline, precompress, run, run_with_env, shipped_wasm, tools, unused_exports};

const TRUNK_VERSION: &str = "0.21.14";
const WASM_OPT_VERSION: &str = "0.116.1";

/// A Leptos app Trunk builds: the checkout page or the dashboard.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Site {
    /// What the messages call it.
    name: &'static str,
    /// Trunk's target, at the workspace's root.
    html: &'static str,
    /// Where Trunk writes it (its `index.html` and assets).
    dist: &'static str,
    /// The URL prefix the server serves `dist` under (Trunk's `public_url`).
    public_url: &'static str,
    /// What it is built from: a change here means a rebuild.
    sources: &'static [&'static str],
    /// Whether xtask takes wasm-streams' unused classes out of the module
    /// and the glue ([`unused_exports`]) and runs `wasm-opt` itself, after
    /// that (the HTML's `data-wasm-opt="0"` turns Trunk's off).
    drop_stream_classes: bool,
}

/// The hosted checkout page: `dist/`, served under `/assets/` (Trunk.toml).
pub(crate) const CHECKOUT: Site = Site {
    name: "the checkout page",
    html: "index.html",
    dist: "dist",
    public_url: "/assets/",
    sources: &[
        "index.html",
        "Cargo.toml",
        "xtask/src/page.rs",
        "xtask/src/shipped_wasm.rs",
        "xtask/src/minify.rs",
        "xtask/src/unused_exports.rs",
        "Trunk.toml",
        "Cargo.lock",
        "web/checkout",
        "crates/checkout",
        "crates/card/src",
        "crates/api/src",
    ],
    drop_stream_classes: true,
};

/// The merchant dashboard: `dist-dashboard/`, the HTML served at
/// `/dashboard` and its files under `/dashboard/assets/`.
pub(crate) const DASHBOARD: Site = Site {
    name: "the dashboard",
    html: "dashboard.html",
    dist: "dist-dashboard",
    public_url: "/dashboard/assets/",
    sources: &[
        "dashboard.html",
        "Cargo.toml",
        "xtask/src/page.rs",
        "xtask/src/shipped_wasm.rs",
        "xtask/src/minify.rs",
        "Trunk.toml",
        "Cargo.lock",
        "web/dashboard",
        "crates/dashboard",
        "crates/card/src",
        "crates/api/src",
    ],
    drop_stream_classes: false,
};

/// Builds the checkout page.
pub(crate) fn build() -> Result<(), String> {
    build_site(CHECKOUT)
}

/// Builds the dashboard.
pub(crate) fn build_dashboard() -> Result<(), String> {
    build_site(DASHBOARD)
}

/// Builds `site` with Trunk, then makes it fit the CSP and precompresses it.
fn build_site(site: Site) -> Result<(), String> {
    tools::ensure_rust_target("wasm32-unknown-unknown")?;
    tools::ensure_wasm_bindgen()?;
    tools::ensure_locked_tool(
        "trunk",
        "trunk",
        TRUNK_VERSION,
        TRUNK_VERSION,
        "6 to 11 minutes of compiling, once",
    )?;
    tools::ensure_locked_tool(
        "wasm-opt",
        "wasm-opt",
        WASM_OPT_VERSION,
        "version 116",
        "7 to 15 minutes of compiling, once",
    )?;
    // Trunk builds offline: everything it needs, the standard library's
    // own dependencies included, is fetched first (issue 15).
    offline::prefetch(&[])?;
    // Leptos's type erasure: one code path per component instead of one per
    // view type, a smaller module (about 4% here); and the standard library
    // rebuilt to abort without a message (see shipped_wasm).
    let mut environment =
        shipped_wasm::environment(shipped_wasm::Std::Full, &["--cfg", "erase_components"])?;
    environment.push(("TRUNK_SKIP_VERSION_CHECK".into(), "true".into()));
    environment.push(("NO_COLOR".into(), "true".into()));
    tools::announce(
        &format!(
            "building {} with Trunk (the standard library too)",
            site.name
        ),
        "about 3 minutes the first time",
    );
    run_with_env(
        "trunk",
        &[
            "build",
            site.html,
            // `--release` takes an optional value: it must not be followed
            // by the target's name.
            "--release",
            "--dist",
            site.dist,
            "--public-url",
            site.public_url,
        ],
        &shipped_wasm::borrow(&environment),
    )?;
    let dist = Path::new(site.dist);
    if site.drop_stream_classes {
        drop_stream_exports(dist)?;
    }
    minify_glue(dist, site.public_url, site.drop_stream_classes)?;
    externalize_boot_script(dist, site.public_url)?;
    precompress::precompress(dist)?;
    report_weight(dist, site.name);
    Ok(())
}

/// The end-to-end tests in `tests/`: Playwright (playwright-core from npm)
/// driving Debian's Chromium against a real kassa-server serving the page.
pub(crate) fn e2e() -> Result<(), String> {
    build_if_stale()?;
    // The server, and the gateways' test doubles the gateway tests pay through.
    run(
        "cargo",
        &["build", "-p", "kassa-server", "-p", "kassa-gateway-doubles"],
    )?;
    tools::ensure_chromium()?;
    let tests = Path::new("tests");
    let installed = ["playwright-core", "@axe-core/playwright", "typescript"]
        .iter()
        .all(|package| tests.join("node_modules").join(package).is_dir());
    if !installed {
        crate::js::run_in("npm", &["ci", "--no-audit", "--no-fund"], tests)?;
    }
    // widget.d.ts as a merchant's TypeScript meets it.
    crate::js::type_check(
        tests,
        "types/widget_check.ts",
        &["--target", "es2022", "--lib", "es2022,dom"],
    )?;
    crate::js::run_in("node", &["--test", "--test-concurrency=1", "e2e/"], tests)
}

/// The page's weight and Lighthouse scores (a benchmark): the release
/// server, the page, and `tests/perf/page_bench.mjs`.
pub(crate) fn bench() -> Result<(), String> {
    build_if_stale()?;
    run("cargo", &["build", "--release", "-p", "kassa-server"])?;
    tools::ensure_chromium()?;
    for dir in ["tests", "tests/perf"] {
        if !Path::new(dir).join("node_modules").is_dir() {
            crate::js::run_in("npm", &["ci", "--no-audit", "--no-fund"], Path::new(dir))?;
        }
    }
    let server = std::env::current_dir()
        .map_err(|error| error.to_string())?
        .join("target/release/kassa-server");
    crate::run_with_env(
        "node",
        &["tests/perf/page_bench.mjs"],
        &[("KASSA_SERVER_BIN", &server.to_string_lossy())],
    )
}

/// Builds the checkout page and the dashboard, each unless its directory is
/// newer than everything it is built from.
pub(crate) fn build_if_stale() -> Result<(), String> {
    build_site_if_stale(CHECKOUT)?;
    build_site_if_stale(DASHBOARD)
}

fn build_site_if_stale(site: Site) -> Result<(), String> {
    let index = Path::new(site.dist).join("index.html");
    // A page built some other way (a plain `trunk build`) still has its
    // inline script, which the CSP blocks: rebuild it.
    let complete =
        fs::read_to_string(&index).is_ok_and(|html| inline_module_script(&html).is_none());
    let built = modified(&index).filter(|_| complete);
    let newest_source = site
        .sources
        .iter()
        .filter_map(|source| newest(Path::new(source)))
        .max();
    match (built, newest_source) {
        (Some(built), Some(source)) if built >= source => {
            eprintln!("xtask: {} in {}/ is up to date", site.name, site.dist);
            Ok(())
        }
        _ => build_site(site),
    }
}

fn modified(path: &Path) -> Option<SystemTime> {
    fs::metadata(path).and_then(|meta| meta.modified()).ok()
}

fn newest(path: &Path) -> Option<SystemTime> {
    let meta = fs::metadata(path).ok()?;
    if !meta.is_dir() {
        return meta.modified().ok();
    }
    fs::read_dir(path)
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|entry| newest(&entry.path()))
        .max()
}

/// Moves Trunk's inline start-up script into `boot-<hash>.js` with an
/// integrity hash, so the CSP can forbid inline scripts.
fn externalize_boot_script(dist: &Path, public_url: &str) -> Result<(), String> {
    let index_path = dist.join("index.html");
    let html = fs::read_to_string(&index_path)
        .map_err(|error| format!("cannot read {}: {error}", index_path.display()))?;
    let (start, open_end, close) = inline_module_script(&html)
        .ok_or("Trunk's index.html has no inline module script to move")?;
    let script = check_wasm_integrity(html[open_end..close].trim(), &html)?;
    let integrity = sri(&script);
    let name = format!("boot-{}.js", &hex(&Sha384::digest(script.as_bytes()))[..16]);
    fs::write(dist.join(&name), &script)
        .map_err(|error| format!("cannot write {name}: {error}"))?;
    let tag = format!(
        r#"<script type="module" src="{public_url}{name}" integrity="{integrity}" crossorigin="anonymous"></script>"#
    );
    let end = close + "</script>".len();
    write_index(dist, &format!("{}{tag}{}", &html[..start], &html[end..]))
}

/// Replaces `dist/index.html`: written aside, then renamed, so that a server
/// never reads half an index.
fn write_index(dist: &Path, html: &str) -> Result<(), String> {
    let index_path = dist.join("index.html");
    let partial = dist.join("index.html.partial");
    fs::write(&partial, html)
        .and_then(|()| fs::rename(&partial, &index_path))
        .map_err(|error| format!("cannot write {}: {error}", index_path.display()))
}

/// Takes wasm-streams' classes out of the module in `dist`
/// ([`unused_exports`]), then runs `wasm-opt -Oz` on it (once, here: Trunk's
/// is off for this site), and puts its new integrity hash where the old one
/// was. The file keeps its name, as the glue does in [`minify_glue`].
fn drop_stream_exports(dist: &Path) -> Result<(), String> {
    let wasm_files: Vec<_> = fs::read_dir(dist)
        .map_err(|error| format!("cannot read {}: {error}", dist.display()))?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.to_string_lossy().ends_with("_bg.wasm"))
        .collect();
    let [path] = wasm_files.as_slice() else {
        return Err(format!("{} holds no single _bg.wasm", dist.display()));
    };
    let index_path = dist.join("index.html");
    let html = fs::read_to_string(&index_path)
        .map_err(|error| format!("cannot read {}: {error}", index_path.display()))?;
    let wasm =
        fs::read(path).map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    let old = sri_bytes(&wasm);
    if html.matches(&old).count() != 1 {
        return Err("index.html does not carry the module's integrity hash once".into());
    }
    let (stripped, removed) = unused_exports::remove(&wasm)?;
    if removed == 0 {
        return Err("the module exports no stream class any more: drop this step".into());
    }
    let unoptimized = dist.join("stripped.wasm.partial");
    fs::write(&unoptimized, &stripped)
        .map_err(|error| format!("cannot write {}: {error}", unoptimized.display()))?;
    let output = format!("--output={}", path.display());
    let optimized = run(
        "wasm-opt",
        &[&output, "-Oz", &unoptimized.to_string_lossy()],
    );
    let _ = fs::remove_file(&unoptimized);
    optimized?;
    let wasm =
        fs::read(path).map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    write_index(dist, &html.replace(&old, &sri_bytes(&wasm)))
}

/// Minifies wasm-bindgen's glue with Oxc ([`minify::es_module`]; Trunk's own
/// minifier cannot parse it) and puts the new integrity hash where the old
/// one was. The file keeps its name: the name's hash is of the build, and the
/// same build always minifies to the same text. With `drop_stream_classes`,
/// the classes of the exports [`drop_stream_exports`] took out go first.
fn minify_glue(dist: &Path, public_url: &str, drop_stream_classes: bool) -> Result<(), String> {
    let index_path = dist.join("index.html");
    let html = fs::read_to_string(&index_path)
        .map_err(|error| format!("cannot read {}: {error}", index_path.display()))?;
    let name = glue_name(&html, public_url)
        .ok_or("Trunk's index.html no longer imports the glue as expected")?;
    let path = dist.join(name);
    let glue = fs::read_to_string(&path)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    let old = sri(&glue);
    if html.matches(&old).count() != 1 {
        return Err(format!(
            "index.html does not carry {name}'s integrity hash once"
        ));
    }
    let glue = if drop_stream_classes {
        unused_exports::remove_glue_classes(&glue).map_err(|error| format!("{name}: {error}"))?
    } else {
        glue
    };
    let minified = minify::es_module(&glue).map_err(|error| format!("{name}: {error}"))?;
    fs::write(&path, &minified).map_err(|error| format!("cannot write {name}: {error}"))?;
    write_index(dist, &html.replace(&old, &sri(&minified)))
}

/// The glue's file name in `dist/`, from the start-up script's import.
fn glue_name<'a>(html: &'a str, public_url: &str) -> Option<&'a str> {
    let start = html.find(&format!("from '{public_url}"))? + "from '".len() + public_url.len();
    let end = start + html[start..].find('\'')?;
    Some(&html[start..end]).filter(|name| name.ends_with(".js") && !name.contains('/'))
}

/// A subresource-integrity value: `sha384-<base64>`.
fn sri(text: &str) -> String {
    sri_bytes(text.as_bytes())
}

fn sri_bytes(bytes: &[u8]) -> String {
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes))
    )
}

/// Makes the start-up script fetch the WebAssembly module with its integrity
/// hash (from Trunk's preload link). Chromium ignores `integrity` on a
/// `<link rel=preload as=fetch>`, and wasm-bindgen's loader fetches the URL
/// without one, so without this the largest file on the page would be the
/// only one the browser does not check.
fn check_wasm_integrity(script: &str, html: &str) -> Result<String, String> {
    const MARKER: &str = "module_or_path: '";
    let start = script
        .find(MARKER)
        .ok_or("Trunk's start-up script no longer names the .wasm as expected")?
        + MARKER.len();
    let end = start + script[start..].find('\'').ok_or("unterminated .wasm URL")?;
    let url = &script[start..end];
    let link_start = html
        .find(&format!("href=\"{url}\""))
        .ok_or("no preload link for the .wasm")?;
    let link = &html[html[..link_start].rfind('<').unwrap_or(0)..];
    let link = &link[..link.find('>').unwrap_or(link.len())];
    let integrity_start = link
        .find("integrity=\"")
        .ok_or("the .wasm preload has no integrity")?
        + "integrity=\"".len();
    let integrity = &link[integrity_start..][..link[integrity_start..].find('"').unwrap_or(0)];
    Ok(format!(
        "{}fetch('{url}', {{ integrity: '{integrity}', mode: 'cors', credentials: 'same-origin' }}){}",
        &script[..start - 1],
        &script[end + 1..]
    ))
}

/// `(tag start, content start, content end)` of the first inline
/// `<script type="module">` (one without `src`).
fn inline_module_script(html: &str) -> Option<(usize, usize, usize)> {
    let mut from = 0;
    while let Some(offset) = html[from..].find("<script") {
        let start = from + offset;
        let open_end = start + html[start..].find('>')? + 1;
        let open_tag = &html[start..open_end];
        let close = open_end + html[open_end..].find("</script>")?;
        if open_tag.contains("type=\"module\"") && !open_tag.contains("src=") {
            return Some((start, open_end, close));
        }
        from = close;
    }
    None
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Prints each file of the page, raw, gzipped (level 9, what the budget
/// counts) and brotli-compressed (what a browser receives), and the totals
/// (the figures docs/benchmarks.md records).
fn report_weight(dist: &Path, site_name: &str) {
    let Ok(entries) = fs::read_dir(dist) else {
        return;
    };
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.is_file() && !precompress::is_compressed_copy(path))
        .collect();
    files.sort();
    let mut totals = [0; 3];
    eprintln!(
        "xtask: {site_name} ({}/): raw, gzip -9, brotli -11",
        dist.display()
    );
    for file in &files {
        let bytes = fs::read(file).unwrap_or_default();
        let sizes = [
            bytes.len(),
            precompress::compressed_size(file, &bytes, "gz"),
            precompress::compressed_size(file, &bytes, "br"),
        ];
        for (total, size) in totals.iter_mut().zip(sizes) {
            *total += size;
        }
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        eprintln!(
            "  {name:<48} {:>8} {:>8} {:>8}",
            sizes[0], sizes[1], sizes[2]
        );
    }
    eprintln!(
        "  {:<48} {:>8} {:>8} {:>8}",
        "total", totals[0], totals[1], totals[2]
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wasm_is_fetched_with_the_integrity_of_its_preload() {
        let html = r#"<link rel="preload" href="/assets/x_bg.wasm" crossorigin="anonymous" integrity="sha384-abc" as="fetch">"#;
        let script = "const wasm = await init({ module_or_path: '/assets/x_bg.wasm' });";
        assert_eq!(
            check_wasm_integrity(script, html).unwrap(),
            "const wasm = await init({ module_or_path: fetch('/assets/x_bg.wasm', { integrity: 'sha384-abc', mode: 'cors', credentials: 'same-origin' }) });"
        );
        assert!(check_wasm_integrity("init()", html).is_err());
    }

    #[test]
    fn the_glue_is_minified_and_its_integrity_follows() {
        let dist = std::env::temp_dir().join(format!("kassa-glue-{}", std::process::id()));
        fs::create_dir_all(&dist).unwrap();
        let glue = "// wasm-bindgen\nfunction passStringToWasm(longName) {\n  return longName;\n}\nexport default passStringToWasm;\n";
        fs::write(dist.join("x-1.js"), glue).unwrap();
        let old = sri(glue);
        let html = format!(
            "<script type=\"module\">import init from '/assets/x-1.js';</script><link rel=\"modulepreload\" href=\"/assets/x-1.js\" integrity=\"{old}\">"
        );
        fs::write(dist.join("index.html"), &html).unwrap();
        minify_glue(&dist, "/assets/", false).unwrap();
        let minified = fs::read_to_string(dist.join("x-1.js")).unwrap();
        let rewritten = fs::read_to_string(dist.join("index.html")).unwrap();
        fs::remove_dir_all(&dist).unwrap();
        assert!(minified.len() < glue.len() / 2, "{minified}");
        assert!(!rewritten.contains(&old));
        assert!(rewritten.contains(&sri(&minified)), "{rewritten}");
        assert_eq!(
            glue_name("import x from 'https://elsewhere/a.js'", "/assets/"),
            None
        );
        assert_eq!(
            glue_name(
                "import init from '/dashboard/assets/d-1.js';",
                "/dashboard/assets/"
            ),
            Some("d-1.js")
        );
    }

    #[test]
    fn the_inline_module_script_is_found_and_scripts_with_src_are_skipped() {
        let html = r#"<head><script type="module" src="/a.js"></script><script type="module">
import init from '/assets/x.js';
</script></head>"#;
        let (start, open_end, close) = inline_module_script(html).unwrap();
        assert!(html[start..open_end].starts_with("<script type=\"module\">"));
        assert_eq!(
            html[open_end..close].trim(),
            "import init from '/assets/x.js';"
        );
        assert_eq!(
            inline_module_script("<script src=\"/a.js\"></script>"),
            None
        );
    }
}

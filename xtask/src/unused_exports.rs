//! The checkout page's module without the stream classes nothing calls.
//!
//! leptos 0.8 always builds `server_fn` with its `browser` feature, and that
//! brings `wasm-streams`, whose `#[wasm_bindgen]` classes
//! (`IntoUnderlyingSource`, `IntoUnderlyingByteSource`, `IntoUnderlyingSink`)
//! are exports of the module: the linker and `wasm-opt` must keep an export
//! and everything it reaches, and wasm-bindgen writes a JavaScript class for
//! each. The page calls no server function and streams nothing, so nothing
//! ever calls them. [`remove`] takes them out of the export section between
//! wasm-bindgen and `wasm-opt` (which then drops the code only they
//! reached), and [`remove_glue_classes`] takes their classes out of the glue.
//! Measured in session 12 (docs/benchmarks.md): the module 1.3 KB and the
//! glue 0.3 KB smaller, gzipped.

/// The exports wasm-streams adds: the classes' methods and their `free`.
const PREFIXES: &[&str] = &["intounderlying", "__wbg_intounderlying"];

/// The classes' names in the glue.
const CLASSES: &[&str] = &[
    "IntoUnderlyingByteSource",
    "IntoUnderlyingSink",
    "IntoUnderlyingSource",
];

/// `wasm` without the stream classes' exports, and how many went.
///
/// # Errors
/// When `wasm` is not a WebAssembly module this can read.
pub(crate) fn remove(wasm: &[u8]) -> Result<(Vec<u8>, usize), String> {
    if wasm.get(..4) != Some(b"\0asm".as_slice()) {
        return Err("not a WebAssembly module".into());
    }
    let mut out = wasm[..8].to_vec();
    let mut removed = 0;
    let mut at = 8;
    while at < wasm.len() {
        let id = wasm[at];
        let (size, body_start) = leb128(wasm, at + 1)?;
        let body_end = body_start + size;
        let body = wasm
            .get(body_start..body_end)
            .ok_or("a section runs past the end of the module")?;
        if id == EXPORT_SECTION {
            let (kept, count) = kept_exports(body)?;
            removed += count;
            out.push(id);
            write_leb128(&mut out, kept.len());
            out.extend_from_slice(&kept);
        } else {
            out.extend_from_slice(&wasm[at..body_end]);
        }
        at = body_end;
    }
    Ok((out, removed))
}

const EXPORT_SECTION: u8 = 7;

/// The export section's body without the stream classes' exports, and how
/// many went.
fn kept_exports(body: &[u8]) -> Result<(Vec<u8>, usize), String> {
    let (count, mut at) = leb128(body, 0)?;
    let mut kept = Vec::new();
    let mut kept_count = 0;
    for _ in 0..count {
        let start = at;
        let (name_len, name_start) = leb128(body, at)?;
        let name = body
            .get(name_start..name_start + name_len)
            .ok_or("an export name runs past its section")?;
        // The kind (one byte), then the index.
        let (_, end) = leb128(body, name_start + name_len + 1)?;
        at = end;
        let unused = std::str::from_utf8(name)
            .is_ok_and(|name| PREFIXES.iter().any(|prefix| name.starts_with(prefix)));
        if !unused {
            kept.extend_from_slice(&body[start..end]);
            kept_count += 1;
        }
    }
    let mut section = Vec::new();
    write_leb128(&mut section, kept_count);
    section.extend_from_slice(&kept);
    Ok((section, count - kept_count))
}

/// An unsigned LEB128 number at `at`, and where what follows it starts.
fn leb128(bytes: &[u8], mut at: usize) -> Result<(usize, usize), String> {
    let mut value = 0usize;
    let mut shift = 0;
    loop {
        let byte = *bytes.get(at).ok_or("a number runs past the end")?;
        at += 1;
        value |= usize::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Ok((value, at));
        }
        shift += 7;
        if shift > 28 {
            return Err("a number is too long".into());
        }
    }
}

fn write_leb128(out: &mut Vec<u8>, mut value: usize) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// wasm-bindgen's glue without the stream classes: each `export class`
/// block with its `Symbol.dispose` line, and its `FinalizationRegistry`.
///
/// # Errors
/// When the glue does not hold them in the shape wasm-bindgen 0.2.130
/// writes (a newer wasm-bindgen: look at its output and adjust).
pub(crate) fn remove_glue_classes(glue: &str) -> Result<String, String> {
    let mut glue = glue.to_owned();
    for class in CLASSES {
        let start = glue
            .find(&format!("export class {class} {{\n"))
            .ok_or(format!("the glue has no class {class}"))?;
        let dispose = format!(
            "if (Symbol.dispose) {class}.prototype[Symbol.dispose] = {class}.prototype.free;\n"
        );
        let end = start
            + glue[start..]
                .find(&dispose)
                .ok_or(format!("{class}'s class has no dispose line"))?
            + dispose.len();
        glue.replace_range(start..end, "");
        let registry = format!("const {class}Finalization = ");
        let start = glue
            .find(&registry)
            .ok_or(format!("the glue has no {class}Finalization"))?;
        let end = start
            + glue[start..]
                .find(";\n")
                .ok_or(format!("{class}Finalization does not end"))?
            + 2;
        glue.replace_range(start..end, "");
    }
    if glue.contains("IntoUnderlying") {
        return Err("the glue still names a stream class".into());
    }
    Ok(glue)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module with a custom section and an export section, each export
    /// a function whose index is its name's length plus 150 (two LEB128
    /// bytes).
    fn module(names: &[&str]) -> Vec<u8> {
        let mut body = Vec::new();
        write_leb128(&mut body, names.len());
        for name in names {
            write_leb128(&mut body, name.len());
            body.extend_from_slice(name.as_bytes());
            body.push(0); // a function
            write_leb128(&mut body, name.len() + 150);
        }
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.extend_from_slice(&[0, 2, 1, b'x']); // a custom section, kept as is
        wasm.push(EXPORT_SECTION);
        write_leb128(&mut wasm, body.len());
        wasm.extend_from_slice(&body);
        wasm
    }

    #[test]
    fn the_stream_exports_go_and_the_others_stay() {
        let wasm = module(&[
            "main",
            "intounderlyingsource_pull",
            "__wbg_intounderlyingsink_free",
            "memory",
        ]);
        let (out, removed) = remove(&wasm).unwrap();
        assert_eq!(removed, 2);
        assert_eq!(out, module(&["main", "memory"]));
        assert_eq!(remove(&out).unwrap(), (out.clone(), 0));
        assert!(remove(b"not wasm").is_err());
    }

    #[test]
    fn the_glue_loses_the_stream_classes_only() {
        let mut glue = String::from("export function start() {}\n");
        for class in CLASSES {
            glue.push_str(&format!(
                "export class {class} {{\n    free() {{\n        wasm.x();\n    }}\n}}\nif (Symbol.dispose) {class}.prototype[Symbol.dispose] = {class}.prototype.free;\n\n"
            ));
        }
        for class in CLASSES {
            glue.push_str(&format!(
                "const {class}Finalization = (typeof FinalizationRegistry === 'undefined')\n    ? {{ }}\n    : new FinalizationRegistry(ptr => wasm.f(ptr >>> 0, 1));\n"
            ));
        }
        glue.push_str("export { initSync };\n");
        assert_eq!(
            remove_glue_classes(&glue).unwrap(),
            "export function start() {}\n\n\n\nexport { initSync };\n"
        );
        assert!(remove_glue_classes("export function start() {}").is_err());
    }
}

//! The page's assets compressed once, when the page is built, at the highest
//! levels: `<file>.br` (brotli 11) and `<file>.gz` (gzip 9) beside each
//! file of `dist/`. kassa-server sends the one the browser accepts, so no
//! request pays for compression and every shopper gets the smallest bytes
//! (compressing on the fly would use a fast, weaker level on each request).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The suffixes of the compressed copies.
pub(crate) const SUFFIXES: [&str; 2] = ["br", "gz"];

/// Writes the compressed copies of every asset in `dir` (not `index.html`,
/// which the server answers itself with per-request headers).
pub(crate) fn precompress(dir: &Path) -> Result<(), String> {
    for file in assets(dir)? {
        let bytes =
            fs::read(&file).map_err(|error| format!("cannot read {}: {error}", file.display()))?;
        write_beside(&file, "br", &brotli(&bytes)?)?;
        write_beside(&file, "gz", &gzip(&bytes)?)?;
    }
    Ok(())
}

/// The files of `dir` a browser fetches as assets.
fn assets(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries =
        fs::read_dir(dir).map_err(|error| format!("cannot list {}: {error}", dir.display()))?;
    Ok(entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.is_file() && !is_compressed_copy(path))
        .filter(|path| path.file_name().is_some_and(|name| name != "index.html"))
        .collect())
}

/// Whether `path` is one of the copies this module writes.
pub(crate) fn is_compressed_copy(path: &Path) -> bool {
    path.extension()
        .is_some_and(|extension| SUFFIXES.iter().any(|suffix| extension == *suffix))
}

fn beside(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

fn write_beside(file: &Path, suffix: &str, bytes: &[u8]) -> Result<(), String> {
    let path = beside(file, suffix);
    fs::write(&path, bytes).map_err(|error| format!("cannot write {}: {error}", path.display()))
}

/// The size of `file` (whose content is `bytes`) compressed with `suffix`
/// (`gz` or `br`): its copy's, when [`precompress`] wrote one, else
/// compressed now (`index.html` has no copies).
pub(crate) fn compressed_size(file: &Path, bytes: &[u8], suffix: &str) -> usize {
    if let Ok(meta) = fs::metadata(beside(file, suffix)) {
        return usize::try_from(meta.len()).unwrap_or(usize::MAX);
    }
    let compressed = if suffix == "br" {
        brotli(bytes)
    } else {
        gzip(bytes)
    };
    compressed.map_or(0, |out| out.len())
}

/// Brotli at quality 11 with a 4 MiB window: the slowest and smallest.
pub(crate) fn brotli(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)
        .map_err(|error| format!("brotli: {error}"))?;
    Ok(out)
}

/// gzip at level 9 (what the size budgets are stated in).
pub(crate) fn gzip(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder
        .write_all(bytes)
        .and_then(|()| encoder.finish())
        .map_err(|error| format!("gzip: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_copies_decompress_to_the_original() {
        let text = "formatCardNumber(".repeat(500);
        let br = brotli(text.as_bytes()).unwrap();
        let gz = gzip(text.as_bytes()).unwrap();
        assert!(br.len() < text.len() / 10 && gz.len() < text.len() / 10);
        let mut unbrotli = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut unbrotli).unwrap();
        let mut ungzip = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&gz[..]), &mut ungzip)
            .unwrap();
        assert_eq!(unbrotli, text.as_bytes());
        assert_eq!(ungzip, text);
    }

    #[test]
    fn only_assets_are_compressed_and_copies_are_recognised() {
        let dir = std::env::temp_dir().join(format!("kassa_xtask_{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("index.html"), "<html>").unwrap();
        fs::write(dir.join("app-1.js"), "let a = 1;".repeat(50)).unwrap();
        precompress(&dir).unwrap();
        assert!(dir.join("app-1.js.br").is_file() && dir.join("app-1.js.gz").is_file());
        let script = fs::read(dir.join("app-1.js")).unwrap();
        let gz = fs::metadata(dir.join("app-1.js.gz")).unwrap().len() as usize;
        assert_eq!(compressed_size(&dir.join("app-1.js"), &script, "gz"), gz);
        let html = b"<html>";
        assert_eq!(
            compressed_size(&dir.join("index.html"), html, "gz"),
            gzip(html).unwrap().len()
        );
        assert!(!dir.join("index.html.br").exists());
        assert!(is_compressed_copy(&dir.join("app-1.js.br")));
        assert!(!is_compressed_copy(&dir.join("app-1.js")));
        // A second build does not compress the copies again.
        precompress(&dir).unwrap();
        assert!(!dir.join("app-1.js.br.br").exists());
        fs::remove_dir_all(&dir).unwrap();
    }
}

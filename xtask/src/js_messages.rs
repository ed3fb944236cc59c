//! The npm package's message catalogs: one per language, written from
//! kassa-card's own messages (the text the server sends), so that the card
//! module carries codes only and a browser downloads one language.

use std::fs;
use std::path::Path;

use kassa_card::{ErrorCode, Locale};

/// `{"code": "message", …}` for every stable error code in `locale`.
fn catalog(locale: Locale) -> String {
    let entries: serde_json::Map<String, serde_json::Value> = ErrorCode::ALL
        .iter()
        .map(|code| (code.as_str().to_owned(), code.message(locale).into()))
        .collect();
    serde_json::Value::Object(entries).to_string()
}

/// Writes `web/messages/<language>.js` (an ES module per language) and
/// `node/messages.cjs` (all of them, for Node) under `out`.
pub(crate) fn write_catalogs(out: &Path) -> Result<(), String> {
    let web = out.join("web/messages");
    fs::create_dir_all(&web)
        .map_err(|error| format!("cannot create {}: {error}", web.display()))?;
    let mut node = String::from("\"use strict\";\nmodule.exports = {\n");
    for &locale in Locale::ALL {
        let catalog = catalog(locale);
        let file = web.join(format!("{}.js", locale.tag()));
        fs::write(&file, format!("export default {catalog};\n"))
            .map_err(|error| format!("cannot write {}: {error}", file.display()))?;
        node.push_str(&format!("  {}: {catalog},\n", locale.tag()));
    }
    node.push_str("};\n");
    let file = out.join("node/messages.cjs");
    fs::write(&file, node).map_err(|error| format!("cannot write {}: {error}", file.display()))
}

/// The ES-module lines a browser entry needs around `messages-body.js`:
/// English imported with the entry, the other languages fetched on demand
/// through literal `import()`s (which bundlers such as Vite split into
/// chunks of their own).
pub(crate) fn web_prelude() -> String {
    let loaders: Vec<String> = Locale::ALL
        .iter()
        .filter(|&&locale| locale != Locale::En)
        .map(|locale| {
            format!(
                "  {0}: () => import(\"./messages/{0}.js\"),\n",
                locale.tag()
            )
        })
        .collect();
    format!(
        "import en from \"./messages/en.js\";\nconst catalogs = {{ en }};\nconst loaders = {{\n{}}};\nconst fetchCatalog = (language) => loaders[language]().then((module) => module.default);\n",
        loaders.concat()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_catalog_holds_every_code_in_its_language() {
        let french: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&catalog(Locale::Fr)).unwrap();
        assert_eq!(french.len(), ErrorCode::ALL.len());
        assert_eq!(french["expiry.in_past"], "Cette carte a expiré.");
    }

    #[test]
    fn the_browser_prelude_fetches_every_language_but_english_on_demand() {
        let prelude = web_prelude();
        assert!(prelude.contains("import en from \"./messages/en.js\""));
        for language in ["fr", "he", "es", "de"] {
            assert!(prelude.contains(&format!("import(\"./messages/{language}.js\")")));
        }
        assert!(!prelude.contains("import(\"./messages/en.js\")"));
    }
}

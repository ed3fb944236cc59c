//! Minifies the JavaScript a browser downloads from the npm package (the
//! wasm-bindgen glue and the entry files) with Oxc, the minifier Vite 8
//! ships: whitespace and comments go, local names are shortened, and
//! expressions are folded. Names a module exports are kept.

use oxc_allocator::Allocator;
use oxc_codegen::{Codegen, CodegenOptions};
use oxc_minifier::{Minifier, MinifierOptions};
use oxc_parser::Parser;
use oxc_span::SourceType;

/// The ES module `source`, minified.
///
/// # Errors
/// The source does not parse as an ES module (the message names the first
/// syntax error): the build stops rather than ship a broken file.
pub(crate) fn es_module(source: &str) -> Result<String, String> {
    let allocator = Allocator::default();
    let parsed = Parser::new(&allocator, source, SourceType::mjs()).parse();
    if let Some(error) = parsed.diagnostics.first() {
        return Err(format!("cannot minify: {error}"));
    }
    let mut program = parsed.program;
    let minified = Minifier::new(MinifierOptions::default()).minify(&allocator, &mut program);
    Ok(Codegen::new()
        .with_options(CodegenOptions::minify())
        .with_scoping(minified.scoping)
        .build(&program)
        .code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortens_local_names_and_keeps_exported_ones() {
        let source = "// a comment\nfunction passStringToWasm(longArgumentName) {\n  return longArgumentName + 1;\n}\nexport function validateCard(card) {\n  return passStringToWasm(card);\n}\n";
        let minified = es_module(source).unwrap();
        assert!(minified.len() < source.len() / 2, "{minified}");
        assert!(!minified.contains("longArgumentName"), "{minified}");
        assert!(!minified.contains("a comment"), "{minified}");
        assert!(minified.contains("validateCard"), "{minified}");
    }

    #[test]
    fn keeps_string_contents() {
        let minified = es_module("export const text = \"a  //  b /* c */\";\n").unwrap();
        assert!(minified.contains("a  //  b /* c */"), "{minified}");
    }

    #[test]
    fn refuses_what_does_not_parse() {
        let error = es_module("export function (").unwrap_err();
        assert!(error.starts_with("cannot minify"), "{error}");
    }
}

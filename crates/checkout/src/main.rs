//! The checkout page's entry point: mounts the app, nothing else.

/// Talc, a small allocator made for WebAssembly, in place of std's dlmalloc:
/// the page is downloaded on every checkout, and dlmalloc is twice the code.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    kassa_checkout::start();
}

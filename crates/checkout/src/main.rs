//! The checkout page's entry point: mounts the app, nothing else.

fn main() {
    kassa_checkout::start();
}

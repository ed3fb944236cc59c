//! The dashboard's entry point: mounts the app, nothing else.

fn main() {
    kassa_dashboard::start();
}

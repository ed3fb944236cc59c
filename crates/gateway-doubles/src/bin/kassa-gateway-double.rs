//! `kassa-gateway-double <stripe|creditguard|icount>`: one gateway double
//! on a free loopback port, for the end-to-end tests in `tests/e2e` (the
//! browser pays on the hosted page; the server charges through the double).
//!
//! Prints one JSON line on standard output, the merchant's processor
//! settings pointing at the double (what `kassa-server merchant create
//! --processor … --processor-config …` takes), then serves until killed.

use std::io::Write as _;

use kassa_gateway_doubles::creditguard::CreditGuardDouble;
use kassa_gateway_doubles::icount::ICountDouble;
use kassa_gateway_doubles::stripe::StripeDouble;
use serde_json::json;

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::process::ExitCode {
    let gateway = std::env::args().nth(1).unwrap_or_default();
    // Keep each double alive for as long as the process runs.
    let (settings, _stripe, _creditguard, _icount) = match gateway.as_str() {
        "stripe" => {
            let double = StripeDouble::start("sk_test_e2e").await;
            let settings = json!({"processor": "stripe", "config": {"base_url": double.base_url(), "secret_key": "sk_test_e2e"}});
            (settings, Some(double), None, None)
        }
        "creditguard" => {
            let double = CreditGuardDouble::start("e2e-user", "e2e-password", "0962832").await;
            let settings = json!({"processor": "creditguard", "config": {"base_url": double.base_url(), "user": "e2e-user", "password": "e2e-password", "terminal": "0962832"}});
            (settings, None, Some(double), None)
        }
        "icount" => {
            let double = ICountDouble::start("e2e-company", "e2e-user", "e2e-pass").await;
            let settings = json!({"processor": "icount", "config": {"base_url": double.base_url(), "cid": "e2e-company", "user": "e2e-user", "pass": "e2e-pass"}});
            (settings, None, None, Some(double))
        }
        _ => {
            eprintln!("usage: kassa-gateway-double <stripe|creditguard|icount>");
            return std::process::ExitCode::from(2);
        }
    };
    let mut out = std::io::stdout();
    if writeln!(out, "{settings}")
        .and_then(|()| out.flush())
        .is_err()
    {
        return std::process::ExitCode::FAILURE;
    }
    std::future::pending::<()>().await;
    std::process::ExitCode::SUCCESS
}

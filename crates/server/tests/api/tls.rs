//! HTTPS served by Kassa itself (rustls): the page's API over TLS with HSTS,
//! and a renewed certificate picked up without a restart.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::helpers::{Db, spawn_app_with};

/// A fresh P-256 certificate for 127.0.0.1 signed by a fresh authority of
/// its own, written to `<dir>/<name>.cert.pem` and `<dir>/<name>.key.pem`;
/// returns those paths and the authority's PEM (what a client trusts).
pub(crate) fn certificate(dir: &Path, name: &str) -> (PathBuf, PathBuf, Vec<u8>) {
    let file = |suffix: &str| dir.join(format!("{name}.{suffix}"));
    let openssl = |args: &[&str]| {
        let made = Command::new("openssl")
            .args(args)
            .current_dir(dir)
            .output()
            .unwrap();
        assert!(
            made.status.success(),
            "{}",
            String::from_utf8_lossy(&made.stderr)
        );
    };
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
    ];
    let (ca, ca_key) = (format!("{name}.ca.pem"), format!("{name}.ca.key"));
    openssl(
        &[
            &["req", "-x509"][..],
            &ec,
            &[
                "-days",
                "2",
                "-subj",
                &format!("/CN={name} authority"),
                "-keyout",
                &ca_key,
                "-out",
                &ca,
            ],
        ]
        .concat(),
    );
    let (csr, key, cert) = (
        format!("{name}.csr"),
        format!("{name}.key.pem"),
        format!("{name}.cert.pem"),
    );
    openssl(
        &[
            &["req"][..],
            &ec,
            &["-subj", "/CN=localhost", "-keyout", &key, "-out", &csr],
        ]
        .concat(),
    );
    let extensions = format!("{name}.ext");
    std::fs::write(
        file("ext"),
        "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n",
    )
    .unwrap();
    openssl(&[
        "x509",
        "-req",
        "-in",
        &csr,
        "-CA",
        &ca,
        "-CAkey",
        &ca_key,
        "-CAcreateserial",
        "-days",
        "2",
        "-out",
        &cert,
        "-extfile",
        &extensions,
    ]);
    (
        file("cert.pem"),
        file("key.pem"),
        std::fs::read(file("ca.pem")).unwrap(),
    )
}

/// A client that trusts only `pem`.
fn client_trusting(pem: &[u8]) -> reqwest::Client {
    reqwest::Client::builder()
        .use_rustls_tls()
        .tls_built_in_root_certs(false)
        .add_root_certificate(reqwest::Certificate::from_pem(pem).unwrap())
        .pool_max_idle_per_host(0)
        .build()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kassa_serves_https_with_hsts_and_picks_up_a_renewed_certificate() {
    let dir = std::env::temp_dir().join(format!(
        "kassa_test_tls_{}",
        kassa_server::ids::random_hex(6)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let (first_cert, first_key, first_pem) = certificate(&dir, "first");
    let (cert, key) = (dir.join("live.cert.pem"), dir.join("live.key.pem"));
    std::fs::copy(&first_cert, &cert).unwrap();
    std::fs::copy(&first_key, &key).unwrap();
    let (tls_cert, tls_key) = (cert.clone(), key.clone());
    let app = spawn_app_with(Db::Sqlite, move |settings| {
        settings.tls_cert = Some(tls_cert);
        settings.tls_key = Some(tls_key);
        settings.tls_reload_ms = 100;
    })
    .await;
    let https = app.address.replace("http://", "https://");
    assert!(https.starts_with("https://127.0.0.1:"), "{https}");

    let response = client_trusting(&first_pem)
        .get(format!("{https}/healthz"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let hsts = response
        .headers()
        .get("strict-transport-security")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(hsts.contains("max-age=63072000"), "{hsts}");
    // The page's API works over TLS too.
    let invoice = app.create_invoice_at(&https, &first_pem).await;
    assert!(invoice.starts_with("inv_"), "{invoice}");
    // Plain HTTP on the HTTPS port gets no answer a browser would show.
    let plain = reqwest::Client::new()
        .get(format!("{}/healthz", app.address))
        .send()
        .await;
    assert!(plain.is_err() || plain.unwrap().status() != 200);

    // Renewal: the files are replaced in place (as certbot does).
    let (second_cert, second_key, second_pem) = certificate(&dir, "second");
    std::fs::rename(&second_key, &key).unwrap();
    std::fs::rename(&second_cert, &cert).unwrap();
    let mut renewed = false;
    for _ in 0..100 {
        if client_trusting(&second_pem)
            .get(format!("{https}/healthz"))
            .send()
            .await
            .is_ok_and(|r| r.status() == 200)
        {
            renewed = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(
        renewed,
        "the renewed certificate is served without a restart"
    );
    assert!(
        client_trusting(&first_pem)
            .get(format!("{https}/healthz"))
            .send()
            .await
            .is_err(),
        "new connections no longer get the old certificate"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

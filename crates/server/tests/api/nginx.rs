//! The documented production set-up, run for real: Debian's nginx with
//! `docs/deploy/nginx.conf` terminating TLS in front of kassa-server
//! instances. Shoppers from different addresses are limited one by one, a
//! forged `X-Forwarded-For` changes nothing, HSTS reaches the browser, and
//! (on PostgreSQL, with two instances) stopping one instance loses nothing.

#![allow(clippy::unwrap_used)]

use std::net::{IpAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

use crate::helpers::{Db, TestApp, answer, fresh_database, spawn_app_on, test_settings};
use crate::tls::certificate;

/// The configuration operators copy, as shipped.
const DOCUMENTED: &str = include_str!("../../../../docs/deploy/nginx.conf");

/// nginx, started from a directory of its own; stopped when dropped.
struct Nginx {
    child: Child,
    dir: PathBuf,
}

impl Nginx {
    /// Runs the documented configuration with only its example values
    /// replaced: the instances' ports, nginx's own ports and the certificate.
    fn start(dir: &Path, https_port: u16, instances: &[u16], cert: &Path, key: &Path) -> Nginx {
        let servers: String = instances
            .iter()
            .map(|port| format!("    server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;\n"))
            .collect();
        let mut site = String::new();
        let mut servers_written = false;
        for line in DOCUMENTED.lines() {
            if line.trim_start().starts_with("server 10.0.0.") {
                if !servers_written {
                    site.push_str(&servers);
                    servers_written = true;
                }
                continue;
            }
            let line = line
                .replace(
                    "listen 443 ssl",
                    &format!("listen 127.0.0.1:{https_port} ssl"),
                )
                .replace("listen 80;", &format!("listen 127.0.0.1:{};", free_port()))
                .replace(
                    "/etc/letsencrypt/live/pay.example.com/fullchain.pem",
                    &cert.display().to_string(),
                )
                .replace(
                    "/etc/letsencrypt/live/pay.example.com/privkey.pem",
                    &key.display().to_string(),
                );
            site.push_str(&line);
            site.push('\n');
        }
        assert!(servers_written, "the documented upstream lists instances");
        assert!(site.contains(&format!("127.0.0.1:{https_port} ssl")));
        assert!(!site.contains("/etc/letsencrypt"), "{site}");
        std::fs::write(dir.join("kassa.conf"), site).unwrap();
        // What Debian's /etc/nginx/nginx.conf provides around conf.d/, with
        // this test's directory for everything nginx writes.
        let d = dir.display();
        let main = format!(
            "worker_processes 1;\nerror_log {d}/error.log;\npid {d}/nginx.pid;\n\
             events {{ worker_connections 256; }}\n\
             http {{\n  access_log off;\n  client_body_temp_path {d}/body;\n  proxy_temp_path {d}/proxy;\n\
             fastcgi_temp_path {d}/fastcgi;\n  uwsgi_temp_path {d}/uwsgi;\n  scgi_temp_path {d}/scgi;\n\
             include {d}/kassa.conf;\n}}\n"
        );
        std::fs::write(dir.join("nginx.conf"), main).unwrap();
        let child = Command::new("nginx")
            .args(["-e", &format!("{d}/error.log"), "-p"])
            .arg(dir)
            .arg("-c")
            .arg(dir.join("nginx.conf"))
            .args(["-g", "daemon off;"])
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("nginx runs (`cargo xtask test` installs Debian's nginx)");
        let nginx = Nginx {
            child,
            dir: dir.to_owned(),
        };
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", https_port)).is_ok() {
                return nginx;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!(
            "nginx did not start: {}",
            std::fs::read_to_string(dir.join("error.log")).unwrap_or_default()
        );
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A shopper's browser: connects from `address` (any of 127.0.0.0/8 is
/// this machine) and trusts only the test's certificate authority.
fn shopper(address: &str, authority: &[u8]) -> reqwest::Client {
    reqwest::Client::builder()
        .use_rustls_tls()
        .tls_built_in_root_certs(false)
        .add_root_certificate(reqwest::Certificate::from_pem(authority).unwrap())
        .local_address(address.parse::<IpAddr>().unwrap())
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// Creates an invoice through nginx; its id.
async fn create_invoice(app: &TestApp, client: &reqwest::Client, base: &str) -> String {
    let response = client
        .post(format!("{base}/api/v1/invoices"))
        .header("API-KEY", &app.merchant.api_key)
        .json(&app.invoice_body(json!({})))
        .send()
        .await
        .unwrap();
    let hsts = response
        .headers()
        .get("strict-transport-security")
        .map(|value| value.to_str().unwrap().to_owned());
    let (status, body) = answer(response).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(
        hsts.as_deref(),
        Some("max-age=63072000; includeSubDomains"),
        "browsers are told to keep to HTTPS"
    );
    body["id"].as_str().unwrap().to_owned()
}

/// Pays a fresh invoice as `shopper`, sending `forwarded_for` as its own
/// `X-Forwarded-For` when given; the status code.
async fn pay(
    app: &TestApp,
    shopper: &reqwest::Client,
    base: &str,
    forwarded_for: Option<&str>,
) -> u16 {
    let id = create_invoice(app, shopper, base).await;
    let mut request = shopper
        .post(format!("{base}/api/v1/checkout/{id}/pay"))
        .json(&TestApp::card("4242424242424242"));
    if let Some(forged) = forwarded_for {
        request = request.header("x-forwarded-for", forged);
    }
    let (status, body): (u16, Value) = answer(request.send().await.unwrap()).await;
    assert!(status == 200 || status == 429, "{status} {body}");
    status
}

async fn shoppers_pay_through_the_documented_nginx(db: Db) {
    let url = fresh_database(db).await;
    let https_port = free_port();
    let base = format!("https://127.0.0.1:{https_port}");
    let settings = || {
        let mut settings = test_settings(&url);
        settings.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()];
        settings.pay_rate_per_minute = 2;
        settings.public_url = Some(base.clone());
        settings
    };
    // Several instances need one shared database: PostgreSQL.
    let mut instances = vec![spawn_app_on(db, &url, settings(), None).await];
    if db == Db::Postgres {
        instances.push(spawn_app_on(db, &url, settings(), None).await);
    }
    let ports: Vec<u16> = instances
        .iter()
        .map(|app| app.address.rsplit(':').next().unwrap().parse().unwrap())
        .collect();
    let dir = std::env::temp_dir().join(format!(
        "kassa_test_nginx_{}",
        kassa_server::ids::random_hex(6)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let (cert, key, authority) = certificate(&dir, "nginx");
    let _nginx = Nginx::start(&dir, https_port, &ports, &cert, &key);
    let app = &instances[0];

    // Every request reaches Kassa from nginx (127.0.0.1, trusted); each
    // shopper is still counted on their own address.
    let alice = shopper("127.0.0.2", &authority);
    let bob = shopper("127.0.0.3", &authority);
    assert_eq!(pay(app, &alice, &base, None).await, 200);
    assert_eq!(pay(app, &alice, &base, Some("203.0.113.9")).await, 200);
    assert_eq!(
        pay(app, &alice, &base, Some("198.51.100.1")).await,
        429,
        "a third payment in a minute: a forged X-Forwarded-For is no way out"
    );
    assert_eq!(
        pay(app, &bob, &base, None).await,
        200,
        "another shopper behind the same nginx is not held back"
    );

    if db == Db::Postgres {
        // A rolling restart: one instance stops (SIGTERM's graceful path),
        // and shoppers hashed to it move to the other without an error.
        let mut stopped = instances.remove(0);
        stopped.stop().await;
        for n in 4..12 {
            let carol = shopper(&format!("127.0.0.{n}"), &authority);
            create_invoice(&stopped, &carol, &base).await;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn documented_nginx_limits_each_shopper_sqlite() {
    shoppers_pay_through_the_documented_nginx(Db::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn documented_nginx_limits_each_shopper_and_survives_a_restart_postgres() {
    shoppers_pay_through_the_documented_nginx(Db::Postgres).await;
}

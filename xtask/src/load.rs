//! `cargo xtask load [sqlite|postgres] [seconds] [--instances N]`: the load
//! benchmark. Builds the release server, starts it with a merchant whose
//! callbacks go to a tiny sink, then drives it with Debian's `wrk`: invoice
//! creation (keeping every id), the page's read of those invoices, then
//! paying them. Prints wrk's throughput and latency percentiles;
//! docs/benchmarks.md records them.
//!
//! With `--instances N` (PostgreSQL), N servers share the database behind
//! Debian's nginx running `docs/deploy/nginx.conf` (TLS included), as
//! docs/operations.md describes; without it, wrk talks to one server directly.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::{run, server};

/// Where wrk sends its requests: the server, or nginx in front of them.
const ADDRESS: &str = "127.0.0.1:18181";
/// The first instance's port behind nginx; the others follow.
const FIRST_INSTANCE_PORT: u16 = 18182;
const THREADS: &str = "2";
const CONNECTIONS: &str = "32";

/// The benchmark's options, from the command line.
struct Options {
    database: String,
    seconds: String,
    /// `None`: one server, no proxy. `Some(n)`: n servers behind nginx.
    instances: Option<u16>,
}

fn options(args: &[String]) -> Result<Options, String> {
    let mut positional = Vec::new();
    let mut instances = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        if arg == "--instances" {
            let count = args
                .next()
                .and_then(|count| count.parse::<u16>().ok())
                .filter(|count| (1..=8).contains(count))
                .ok_or("--instances takes a number from 1 to 8")?;
            instances = Some(count);
        } else {
            positional.push(arg.as_str());
        }
    }
    let database = positional.first().copied().unwrap_or("sqlite").to_owned();
    if instances.is_some() && database != "postgres" {
        return Err("--instances needs postgres: instances share one PostgreSQL database".into());
    }
    Ok(Options {
        database,
        seconds: positional.get(1).copied().unwrap_or("10").to_owned(),
        instances,
    })
}

/// Runs the benchmark against one database.
pub(crate) fn load(args: &[String]) -> Result<(), String> {
    let options = options(args)?;
    let (database, seconds) = (options.database.as_str(), options.seconds.as_str());
    let (dir, database_url) = server::fresh_database("kassa_load", database)?;
    run(
        "cargo",
        &["build", "--release", "--quiet", "-p", "kassa-server"],
    )?;
    let sink = server::start_callback_sink()?;
    let server_binary = "target/release/kassa-server";
    let key_file = dir.join("kassa.key");
    let key_file = key_file.display().to_string();
    let public_url = format!("https://{ADDRESS}");
    let mut env = vec![
        ("KASSA_DATABASE_URL", database_url.as_str()),
        ("KASSA_ALLOW_PRIVATE_CALLBACKS", "true"),
        ("KASSA_PAY_RATE_PER_MINUTE", "1000000000"),
        ("KASSA_LOG_FORMAT", "json"),
        ("KASSA_SECRET_KEY_FILE", key_file.as_str()),
        ("RUST_LOG", "warn"),
    ];
    if options.instances.is_some() {
        env.push(("KASSA_TRUSTED_PROXIES", "127.0.0.1/32"));
        env.push(("KASSA_PUBLIC_URL", public_url.as_str()));
    }
    let api_key = server::create_merchant(server_binary, &env, &sink)?;
    let listens: Vec<String> = match options.instances {
        None => vec![ADDRESS.to_owned()],
        Some(count) => (0..count)
            .map(|n| format!("127.0.0.1:{}", FIRST_INSTANCE_PORT + n))
            .collect(),
    };
    let mut children = Vec::new();
    for listen in &listens {
        let instance = Command::new(server_binary)
            .envs(env.iter().copied())
            .env("KASSA_LISTEN", listen)
            .stderr(Stdio::null())
            .spawn()
            .map_err(|error| error.to_string())?;
        children.push(instance);
    }
    let url = match options.instances {
        None => format!("http://{ADDRESS}"),
        Some(_) => match start_nginx(&dir, &listens) {
            Ok(nginx) => {
                children.push(nginx);
                public_url.clone()
            }
            Err(error) => {
                children.iter_mut().for_each(server::stop);
                return Err(error);
            }
        },
    };
    std::thread::sleep(Duration::from_millis(1500));
    eprintln!(
        "xtask: {} against {url}",
        match options.instances {
            None => "one server".to_owned(),
            Some(count) => format!("{count} instance(s) behind nginx"),
        }
    );
    let result = drive(&dir, &url, &api_key, seconds);
    children.iter_mut().for_each(server::stop);
    result
}

/// nginx with the documented configuration in front of `instances`, on
/// [`ADDRESS`] with a self-signed certificate. One change: wrk comes from one
/// address, which the documented `hash $remote_addr` would pin to one
/// instance, so the benchmark spreads requests round robin instead.
fn start_nginx(dir: &Path, instances: &[String]) -> Result<Child, String> {
    crate::tools::ensure_nginx()?;
    let d = dir.display().to_string();
    run(
        "openssl",
        &[
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-keyout",
            &format!("{d}/tls.key"),
            "-out",
            &format!("{d}/tls.pem"),
        ],
    )?;
    let documented = std::fs::read_to_string("docs/deploy/nginx.conf")
        .map_err(|error| format!("docs/deploy/nginx.conf: {error}"))?;
    let mut site = String::new();
    for line in documented.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("hash $remote_addr") || trimmed.starts_with("listen 80;") {
            continue;
        }
        if trimmed.starts_with("server 10.0.0.") {
            if !site.contains("server 127.0.0.1:") {
                for instance in instances {
                    site.push_str(&format!(
                        "    server {instance} max_fails=1 fail_timeout=5s;\n"
                    ));
                }
            }
            continue;
        }
        let line = line
            .replace("listen 443 ssl", &format!("listen {ADDRESS} ssl"))
            .replace(
                "/etc/letsencrypt/live/pay.example.com/fullchain.pem",
                &format!("{d}/tls.pem"),
            )
            .replace(
                "/etc/letsencrypt/live/pay.example.com/privkey.pem",
                &format!("{d}/tls.key"),
            );
        site.push_str(&line);
        site.push('\n');
    }
    // The redirect server has no port left to listen on; drop its block.
    let site = match site.find("# Plain HTTP only redirects.") {
        Some(start) => site[..start].to_owned(),
        None => site,
    };
    std::fs::write(dir.join("kassa.conf"), site).map_err(|error| error.to_string())?;
    let main = format!(
        "worker_processes 1;\nerror_log {d}/nginx-error.log;\npid {d}/nginx.pid;\n\
         events {{ worker_connections 1024; }}\n\
         http {{\n  access_log off;\n  client_body_temp_path {d}/body;\n  proxy_temp_path {d}/proxy;\n\
         fastcgi_temp_path {d}/fastcgi;\n  uwsgi_temp_path {d}/uwsgi;\n  scgi_temp_path {d}/scgi;\n\
         include {d}/kassa.conf;\n}}\n"
    );
    std::fs::write(dir.join("nginx.conf"), main).map_err(|error| error.to_string())?;
    Command::new("nginx")
        .args([
            "-e",
            &format!("{d}/nginx-error.log"),
            "-p",
            &d,
            "-c",
            &format!("{d}/nginx.conf"),
        ])
        .args(["-g", "daemon off;"])
        .spawn()
        .map_err(|error| format!("nginx: {error}"))
}

fn drive(dir: &Path, url: &str, api_key: &str, seconds: &str) -> Result<(), String> {
    let duration = format!("{seconds}s");
    let wrk_args = [
        "-t",
        THREADS,
        "-c",
        CONNECTIONS,
        "-d",
        duration.as_str(),
        "--latency",
    ];
    let dir = dir.display().to_string();
    eprintln!("xtask: invoice creation, {seconds} s, {THREADS} threads, {CONNECTIONS} connections");
    let status = Command::new("wrk")
        .args(wrk_args)
        .args([
            "-s",
            "crates/server/load/create_invoice.lua",
            &format!("{url}/api/v1/invoices"),
        ])
        .env("KASSA_LOAD_KEY", api_key)
        .env("KASSA_LOAD_DIR", &dir)
        .status()
        .map_err(|error| format!("wrk: {error} (apt-get install wrk)"))?;
    if !status.success() {
        return Err("wrk failed".into());
    }
    eprintln!("xtask: the page reading those invoices, {seconds} s");
    let status = Command::new("wrk")
        .args(wrk_args)
        .args([
            "-s",
            "crates/server/load/checkout_get.lua",
            &format!("{url}/"),
        ])
        .env("KASSA_LOAD_DIR", &dir)
        .status()
        .map_err(|error| error.to_string())?;
    if !status.success() {
        return Err("wrk failed".into());
    }
    eprintln!("xtask: paying those invoices, {seconds} s");
    let status = Command::new("wrk")
        .args(wrk_args)
        .args(["-s", "crates/server/load/pay.lua", &format!("{url}/")])
        .env("KASSA_LOAD_DIR", &dir)
        .env("KASSA_LOAD_THREADS", THREADS)
        .status()
        .map_err(|error| error.to_string())?;
    if status.success() {
        Ok(())
    } else {
        Err("wrk failed".into())
    }
}

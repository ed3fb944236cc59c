//! `cargo xtask load [sqlite|postgres] [seconds]`: the load benchmark. Builds
//! the release server, starts it with a merchant whose callbacks go to a
//! tiny sink, then drives it with Debian's `wrk`: invoice creation (keeping
//! every id), then paying those invoices. Prints wrk's throughput and
//! latency percentiles; docs/benchmarks.md records them.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::run;

const ADDRESS: &str = "127.0.0.1:18181";
const THREADS: &str = "2";
const CONNECTIONS: &str = "32";

/// Runs the benchmark against one database.
pub(crate) fn load(args: &[String]) -> Result<(), String> {
    let database = args.first().map(String::as_str).unwrap_or("sqlite");
    let seconds = args.get(1).map(String::as_str).unwrap_or("10");
    let dir = std::env::temp_dir().join(format!("kassa_load_{database}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|error| error.to_string())?;
    let database_url = match database {
        "sqlite" => format!("sqlite://{}/kassa.db", dir.display()),
        "postgres" => {
            let admin = ["-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc"];
            let _ = Command::new("psql")
                .args(admin)
                .arg("DROP DATABASE IF EXISTS kassa_load")
                .status();
            run(
                "psql",
                &[admin.as_slice(), &["CREATE DATABASE kassa_load"]].concat(),
            )?;
            "postgres://postgres@127.0.0.1:5432/kassa_load".to_owned()
        }
        other => return Err(format!("unknown database {other}: sqlite or postgres")),
    };
    run(
        "cargo",
        &["build", "--release", "--quiet", "-p", "kassa-server"],
    )?;
    let sink = start_callback_sink()?;
    let server_binary = "target/release/kassa-server";
    let env = [
        ("KASSA_DATABASE_URL", database_url.as_str()),
        ("KASSA_LISTEN", ADDRESS),
        ("KASSA_ALLOW_PRIVATE_CALLBACKS", "true"),
        ("KASSA_PAY_RATE_PER_MINUTE", "1000000000"),
        ("KASSA_LOG_FORMAT", "json"),
        ("RUST_LOG", "warn"),
    ];
    let key_file = dir.join("kassa.key");
    let created = Command::new(server_binary)
        .args([
            "merchant",
            "create",
            "--name",
            "Load Shop",
            "--callback-url",
            &format!("http://{sink}/callbacks"),
            "--json",
        ])
        .envs(env)
        .env("KASSA_SECRET_KEY_FILE", &key_file)
        .output()
        .map_err(|error| error.to_string())?;
    let created = String::from_utf8_lossy(&created.stdout).into_owned();
    let api_key = created
        .split("\"api_key\":\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .ok_or_else(|| format!("merchant create printed {created}"))?
        .to_owned();
    let mut server = Command::new(server_binary)
        .envs(env)
        .env("KASSA_SECRET_KEY_FILE", &key_file)
        .stderr(Stdio::null())
        .spawn()
        .map_err(|error| error.to_string())?;
    std::thread::sleep(Duration::from_millis(1500));
    let result = drive(&dir, &api_key, seconds);
    stop(&mut server);
    result
}

fn drive(dir: &std::path::Path, api_key: &str, seconds: &str) -> Result<(), String> {
    let url = format!("http://{ADDRESS}");
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

fn stop(server: &mut Child) {
    let _ = Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status();
    let _ = server.wait();
}

/// A merchant endpoint that answers 204 to everything, on a free port.
fn start_callback_sink() -> Result<String, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|error| error.to_string())?;
    let address = listener
        .local_addr()
        .map_err(|error| error.to_string())?
        .to_string();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let mut stream = stream;
                let mut buffer = [0u8; 65536];
                // One request per connection is enough for a sink: read what
                // arrives, answer, close.
                let _ = stream.set_read_timeout(Some(Duration::from_millis(200)));
                let _ = stream.read(&mut buffer);
                let _ = stream.write_all(
                    b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                );
            });
        }
    });
    Ok(address)
}

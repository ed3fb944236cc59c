//! Running the built `kassa-server` from xtask (the load benchmark, the API
//! fuzzer): a merchant, a callback sink, and stopping it.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::process::{Child, Command};
use std::time::Duration;

/// A fresh scratch directory `<tmp>/<name>_<database>` and a fresh
/// database for one run: an SQLite file in that directory, or the
/// PostgreSQL database `<name>` dropped and created again. Returns the
/// directory and the database URL.
pub(crate) fn fresh_database(
    name: &str,
    database: &str,
) -> Result<(std::path::PathBuf, String), String> {
    let dir = std::env::temp_dir().join(format!("{name}_{database}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|error| error.to_string())?;
    let url = match database {
        "sqlite" => format!("sqlite://{}/kassa.db", dir.display()),
        "postgres" => {
            let admin = ["-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc"];
            let _ = Command::new("psql")
                .args(admin)
                .arg(format!("DROP DATABASE IF EXISTS {name}"))
                .status();
            let create = format!("CREATE DATABASE {name}");
            crate::run("psql", &[admin.as_slice(), &[create.as_str()]].concat())?;
            format!("postgres://postgres@127.0.0.1:5432/{name}")
        }
        other => return Err(format!("unknown database {other}: sqlite or postgres")),
    };
    Ok((dir, url))
}

/// Creates a merchant whose callbacks go to `sink`, with the server's
/// `env`; its API key.
pub(crate) fn create_merchant(
    server_binary: &str,
    env: &[(&str, &str)],
    sink: &str,
) -> Result<String, String> {
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
        .envs(env.iter().copied())
        .output()
        .map_err(|error| error.to_string())?;
    let created = String::from_utf8_lossy(&created.stdout).into_owned();
    created
        .split("\"api_key\":\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .map(str::to_owned)
        .ok_or_else(|| format!("merchant create printed {created}"))
}

/// Waits until something answers on `address` (host:port), for up to 20 s.
pub(crate) fn wait_for(address: &str) -> Result<(), String> {
    for _ in 0..200 {
        if std::net::TcpStream::connect(address).is_ok() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Err(format!("nothing answers on {address}"))
}

pub(crate) fn stop(server: &mut Child) {
    let _ = Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status();
    let _ = server.wait();
}

/// A merchant endpoint that answers 204 to everything, on a free port.
pub(crate) fn start_callback_sink() -> Result<String, String> {
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

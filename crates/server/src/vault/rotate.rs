//! `kassa-server keys rotate`: a new master key, with no downtime.
//!
//! 1. The key file gets the new key first and the current one after it,
//!    written atomically (a temporary file renamed over it, mode 0600).
//! 2. It waits [`PICKUP`]: running instances re-read the file at least that
//!    often (see [`SealingKey`]), so from then on they all seal with the
//!    new key and open with either.
//! 3. Every value sealed with the master key (merchants' vault data keys,
//!    callback secrets, gateway settings) is opened with the ring and
//!    sealed again under the new key, in one transaction that refuses to
//!    overwrite a value changed meanwhile (then it starts that step again).
//!
//! The cards themselves are untouched: they are sealed under the data keys,
//! which do not change. The key before the current one is dropped from the
//! file: the previous rotation re-sealed everything it had sealed.

use std::time::Duration;

use crate::secrets::SealingKey;
use crate::settings::Settings;
use crate::store::{SealedValue, StoreError};

/// How long running instances may take to read the new key file.
pub const PICKUP: Duration = Duration::from_secs(6);

/// What a rotation did.
#[derive(Debug, PartialEq, Eq)]
pub struct Rotation {
    /// Merchants' vault data keys re-wrapped.
    pub data_keys: usize,
    /// Other sealed values (callback secrets, gateway settings) re-sealed.
    pub other_values: usize,
}

/// Rotates the master key in the key file and re-seals the database's
/// values under it.
///
/// # Errors
/// A message when the key comes from `KASSA_SECRET_KEY` (there is no file
/// to rotate), the file is missing or unreadable, a stored value does not
/// open with the current keys, or the database fails.
pub async fn rotate(settings: &Settings) -> Result<Rotation, String> {
    if settings.secret_key.is_some() {
        return Err("KASSA_SECRET_KEY is set: keys rotate rotates the key file (KASSA_SECRET_KEY_FILE). Unset KASSA_SECRET_KEY, or see docs/security.md for rotating a key given in the environment.".into());
    }
    let path = std::path::Path::new(&settings.secret_key_file);
    let text = std::fs::read_to_string(path)
        .map_err(|error| format!("cannot read the key file {}: {error}", path.display()))?;
    let current = SealingKey::from_file_text(&text, path).map_err(|error| error.to_string())?;
    let store = crate::startup::connect_store(&settings.database_url)
        .await
        .map_err(|error| error.to_string())?;
    let rotated = current.rotated();
    write_key_file(path, &rotated.to_ring_text())
        .map_err(|error| format!("cannot write the key file {}: {error}", path.display()))?;
    tracing::info!(path = %path.display(), "new master key written; waiting for running instances to read it");
    tokio::time::sleep(PICKUP).await;
    for _ in 0..5 {
        let values = store
            .sealed_values()
            .await
            .map_err(|error| error.to_string())?;
        let mut changes: Vec<(SealedValue, String)> = Vec::with_capacity(values.len());
        for value in values {
            let plain = rotated.open(&value.sealed).map_err(|_| {
                format!(
                    "{:?} {} does not open with the key file's keys; nothing was re-sealed",
                    value.kind, value.id
                )
            })?;
            let sealed = rotated.seal(&plain);
            changes.push((value, sealed));
        }
        match store.reseal(&changes).await {
            Ok(()) => {
                let data_keys = changes
                    .iter()
                    .filter(|(value, _)| value.kind == crate::store::SealedKind::VaultKey)
                    .count();
                return Ok(Rotation {
                    data_keys,
                    other_values: changes.len() - data_keys,
                });
            }
            // A merchant changed a secret meanwhile: read them all again.
            Err(StoreError::Conflict) => continue,
            Err(error) => return Err(error.to_string()),
        }
    }
    Err("sealed values kept changing during the rotation; run it again".into())
}

/// Replaces the key file atomically, readable by its owner only.
fn write_key_file(path: &std::path::Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    let temporary = path.with_extension("rotating");
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&temporary)?;
    file.write_all(contents.as_bytes())?;
    file.sync_all()?;
    std::fs::rename(&temporary, path)
}

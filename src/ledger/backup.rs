//! Writing and restoring backups with SQLite's online backup API (names and rotation: `crate::ledger::backups`).
//!
//! A backup is written to a `.partial` file, synced, then renamed, so a crash never leaves a file that
//! looks like a backup but is not one. A restore checks the backup first (a ledger, not newer than this
//! version, intact), backs up the current ledger, then copies the backup's pages into the open ledger.

use super::{Ledger, SCHEMA_VERSION};
use crate::ledger::backups::{self as backup, Reason};
use crate::ledger::error::{LedgerError, Result};
use crate::ledger::QueryCached;
use rusqlite::{Connection, OpenFlags, MAIN_DB};
use std::path::{Path, PathBuf};

fn io_error(path: &Path, source: std::io::Error) -> LedgerError {
    LedgerError::Backup { path: path.to_path_buf(), source }
}

/// Copies the database behind `connection` to `destination`, atomically.
fn copy_to(connection: &Connection, destination: &Path) -> Result<()> {
    let folder = destination.parent().unwrap_or_else(|| Path::new("."));
    std::fs::create_dir_all(folder).map_err(|e| io_error(folder, e))?;
    let partial = super::files::partial_path(destination);
    let _ = std::fs::remove_file(&partial);
    connection.backup(MAIN_DB, &partial, None)?;
    super::files::put_in_place(&partial, destination)?;
    Ok(())
}

/// A name in `folder` not taken yet: `name`, else with `-2`, `-3`... before the reason.
fn free_path(folder: &Path, stem: &str, reason: Reason, label: &str) -> PathBuf {
    let mut path = folder.join(backup::file_name(stem, reason, label));
    let mut n = 2;
    while path.exists() {
        path = folder.join(backup::file_name(stem, reason, &format!("{label}-{n}")));
        n += 1;
    }
    path
}

/// Backs up the file at `ledger_path` through `connection`, then rotates the folder.
pub(super) fn back_up(connection: &Connection, ledger_path: &Path, reason: Reason, label: &str) -> Result<PathBuf> {
    let folder = backup::folder(ledger_path);
    let owner = backup::Owner::of(ledger_path);
    let path = free_path(&folder, &owner.stem, reason, label);
    copy_to(connection, &path)?;
    backup::rotate(&folder, &owner, backup::KEEP).map_err(|e| io_error(&folder, e))?;
    Ok(path)
}

/// A backup begun but not yet written: a second, read-only connection to the ledger file, holding a read
/// transaction begun with it. What it writes later — on another thread, while the ledger goes on being
/// read and written through its own connection (WAL lets both) — is the ledger as it was when it began.
#[derive(Debug)]
pub struct PendingBackup {
    connection: Connection,
    ledger_path: PathBuf,
    reason: Reason,
    label: String,
}

impl PendingBackup {
    /// Writes the backup into the ledger's `sauvegardes` folder and rotates the folder, as
    /// [`Ledger::back_up`] does; returns the file written.
    pub fn write(self) -> Result<PathBuf> {
        back_up(&self.connection, &self.ledger_path, self.reason, &self.label)
    }
}

impl Ledger {
    /// Begins a backup of this ledger as it is now, to be written by [`PendingBackup::write`], possibly on
    /// another thread.
    pub fn begin_backup(&self, reason: Reason, label: &str) -> Result<PendingBackup> {
        let ledger_path = self.file_path()?;
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let connection = Connection::open_with_flags(&ledger_path, flags)
            .map_err(|source| LedgerError::Open { path: ledger_path.clone(), source })?;
        // The snapshot is taken by a transaction's first read, not by BEGIN; the backup then copies it.
        connection.execute_batch("BEGIN")?;
        connection.query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get::<_, i64>(0))?;
        Ok(PendingBackup { connection, ledger_path, reason, label: label.to_string() })
    }

    /// Writes a backup of this ledger into its `sauvegardes` folder and keeps the newest [`backup::KEEP`].
    /// `label` names it (a local timestamp from the shell, see [`backup::timestamp_label`]).
    pub fn back_up(&self, reason: Reason, label: &str) -> Result<PathBuf> {
        let path = self.file_path()?;
        back_up(&self.connection, &path, reason, label)
    }

    /// Writes a consistent copy of this ledger to `destination` (online backup API; written aside, synced,
    /// then renamed), for the whole-ledger bundle.
    pub fn write_copy(&self, destination: &Path) -> Result<()> {
        copy_to(&self.connection, destination)
    }

    /// Refuses a file that is not an intact ledger this version can read (a restore, a bundle).
    pub fn check_file(path: &Path) -> Result<()> {
        check_ledger(path, "Le registre du fichier importé")
    }

    /// The backups of this ledger, newest first (not those of other ledgers sharing its folder).
    pub fn backups(&self) -> Result<Vec<backup::Backup>> {
        let path = self.file_path()?;
        let folder = backup::folder(&path);
        backup::list(&folder, &backup::Owner::of(&path)).map_err(|e| io_error(&folder, e))
    }

    /// Replaces the content of this ledger by the backup called `name` (from [`Ledger::backups`]), after
    /// backing up the current content with `label`. A backup of another ledger, one that is not a readable
    /// ledger, is damaged or was written by a newer version is refused, and the ledger is left as it was.
    pub fn restore(&mut self, name: &str, label: &str) -> Result<()> {
        let ledger_path = self.file_path()?;
        let folder = backup::folder(&ledger_path);
        let owner = backup::Owner::of(&ledger_path);
        let chosen = match backup::find(&folder, &owner, name).map_err(|e| io_error(&folder, e))? {
            backup::Found::Own(chosen) => chosen,
            backup::Found::Other(stem) => {
                let ledger_name = ledger_path.file_name().unwrap_or_default().to_string_lossy();
                let whose = if stem == backup::OLD_STEM {
                    "a été prise par une version précédente d'Ardoise, qui ne notait pas de quel registre, et \
                     d'autres registres partagent ce dossier : rien ne dit qu'elle soit celle de ce registre"
                        .to_string()
                } else {
                    format!("est celle d'un autre registre de ce dossier (« {stem} »)")
                };
                return Err(LedgerError::Conflict(format!(
                    "La sauvegarde « {name} » {whose}. Elle n'est pas restaurée dans « {ledger_name} », qui n'a \
                     pas été modifié ; la liste `ardoise backups` donne les sauvegardes de ce registre."
                )));
            }
            backup::Found::Absent => {
                return Err(LedgerError::Conflict(format!(
                    "Sauvegarde « {name} » introuvable dans « {} ».",
                    folder.display()
                )))
            }
        };
        check_ledger(&chosen.path, "La sauvegarde")?;
        back_up(&self.connection, &ledger_path, Reason::Restore, label)?;
        self.remembered.bump();
        self.connection.restore(MAIN_DB, &chosen.path, None::<fn(rusqlite::backup::Progress)>)?;
        self.configure()?;
        self.migrate()?;
        Ok(())
    }

    fn file_path(&self) -> Result<PathBuf> {
        self.path.clone().ok_or_else(|| {
            LedgerError::Conflict("Un registre en mémoire n'a pas de sauvegardes : ouvrez un fichier.".to_string())
        })
    }
}

/// Refuses a file that is not an intact ledger this version can read; `what` names it in the message.
fn check_ledger(path: &Path, what: &str) -> Result<()> {
    let unreadable = |detail: String| {
        LedgerError::Conflict(format!(
            "{what} « {} » ne peut pas être repris : {detail} Le registre n'a pas été modifié.",
            path.display()
        ))
    };
    let connection =
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(|e| unreadable(format!("{e}.")))?;
    let version: i64 = connection
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(|_| unreadable("ce n'est pas un registre Ardoise.".to_string()))?;
    if version > SCHEMA_VERSION {
        return Err(LedgerError::NewerSchema { found: version, known: SCHEMA_VERSION });
    }
    if version == 0 {
        return Err(unreadable("ce n'est pas un registre Ardoise.".to_string()));
    }
    let verdict: String = connection
        .query_row_cached("PRAGMA integrity_check", [], |row| row.get(0))
        .map_err(|e| unreadable(format!("{e}.")))?;
    if verdict != "ok" {
        return Err(unreadable(format!("le fichier est endommagé ({verdict}).")));
    }
    Ok(())
}

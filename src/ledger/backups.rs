//! Backups of the ledger (F1, issue 8): copies taken with SQLite's online backup API, kept in a
//! `sauvegardes` folder next to the ledger, at most [`KEEP`] of them.
//!
//! This module names, lists and rotates the files; `ledger/backup.rs` writes and restores them. A backup's
//! name carries a label the caller chooses — a local timestamp from the shell (`2026-11-22_194000`), or
//! the schema versions of a migration (`v1-v2`) — and the reason it was taken, so that the folder reads
//! well in a file manager: `ardoise_2026-11-22_194000_demarrage.sqlite3`. When it was taken is the file's
//! modification time; the core never reads the clock.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// How many backups rotation keeps.
pub const KEEP: usize = 30;

/// The folder holding the backups of the ledger at `ledger_path`.
pub fn folder(ledger_path: &Path) -> PathBuf {
    ledger_path.parent().unwrap_or_else(|| Path::new(".")).join("sauvegardes")
}

/// Why a backup was taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The window opened the ledger (at most once a day).
    Startup,
    /// Just before an import is written.
    Import,
    /// Just before the schema is upgraded.
    Migration,
    /// Just before another backup replaced the ledger.
    Restore,
    /// Asked for by the user.
    Manual,
}

impl Reason {
    const ALL: [Reason; 5] = [Reason::Startup, Reason::Import, Reason::Migration, Reason::Restore, Reason::Manual];

    /// The word in the file name (plain ASCII, French).
    pub fn slug(self) -> &'static str {
        match self {
            Reason::Startup => "demarrage",
            Reason::Import => "import",
            Reason::Migration => "migration",
            Reason::Restore => "restauration",
            Reason::Manual => "manuelle",
        }
    }

    /// What the window and the command line show.
    pub fn label(self) -> &'static str {
        match self {
            Reason::Startup => "À l'ouverture",
            Reason::Import => "Avant un import",
            Reason::Migration => "Avant une mise à jour du registre",
            Reason::Restore => "Avant une restauration",
            Reason::Manual => "À la demande",
        }
    }
}

/// The file name of a backup: `ardoise_<label>_<reason>.sqlite3`.
pub fn file_name(reason: Reason, label: &str) -> String {
    format!("ardoise_{label}_{}.sqlite3", reason.slug())
}

/// The label for a backup taken at a local date and time, as the shells pass it.
pub fn timestamp_label(at: chrono::NaiveDateTime) -> String {
    at.format("%Y-%m-%d_%H%M%S").to_string()
}

/// One backup file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Backup {
    pub file_name: String,
    #[serde(skip)]
    pub path: PathBuf,
    pub reason: Reason,
    pub reason_label: &'static str,
    /// The label inside the name (a timestamp or the migration's versions).
    pub label: String,
    /// When the file was written (its modification time).
    pub written_at: DateTime<Utc>,
    pub size_bytes: u64,
}

/// Reads a backup's name back: its label and reason, or None for any other file.
pub fn parse_file_name(name: &str) -> Option<(String, Reason)> {
    let stem = name.strip_prefix("ardoise_")?.strip_suffix(".sqlite3")?;
    let (label, slug) = stem.rsplit_once('_')?;
    let reason = Reason::ALL.into_iter().find(|reason| reason.slug() == slug)?;
    (!label.is_empty()).then(|| (label.to_string(), reason))
}

/// The backups in `folder`, newest first; an absent folder has none. Other files are ignored.
pub fn list(folder: &Path) -> std::io::Result<Vec<Backup>> {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(error),
    };
    let mut backups = Vec::new();
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some((label, reason)) = parse_file_name(&name) else { continue };
        let metadata = entry.metadata()?;
        if !metadata.is_file() {
            continue;
        }
        backups.push(Backup {
            path: entry.path(),
            file_name: name,
            reason,
            reason_label: reason.label(),
            label,
            written_at: DateTime::<Utc>::from(metadata.modified()?),
            size_bytes: metadata.len(),
        });
    }
    backups.sort_by(|a, b| b.written_at.cmp(&a.written_at).then_with(|| b.file_name.cmp(&a.file_name)));
    Ok(backups)
}

/// Deletes the oldest backups beyond the `keep` newest, and returns what it deleted.
///
/// Also deletes the `.partial` copies an interrupted backup left behind (the window closed while the day's
/// first backup was being written): each as large as the ledger, under a name no later backup takes. One
/// last written before the newest backup was finished is abandoned; the core reads no clock, so the newest
/// backup's time is the measure. Deleting those is best effort: a copy still open elsewhere may stay.
pub fn rotate(folder: &Path, keep: usize) -> std::io::Result<Vec<PathBuf>> {
    let backups = list(folder)?;
    let mut removed = Vec::new();
    if let Some(newest) = backups.first() {
        for abandoned in abandoned_copies(folder, newest.written_at)? {
            if std::fs::remove_file(&abandoned).is_ok() {
                removed.push(abandoned);
            }
        }
    }
    for backup in backups.into_iter().skip(keep) {
        std::fs::remove_file(&backup.path)?;
        removed.push(backup.path);
    }
    Ok(removed)
}

/// The `.partial` copies of backups in `folder` last written before `newest`.
fn abandoned_copies(folder: &Path, newest: DateTime<Utc>) -> std::io::Result<Vec<PathBuf>> {
    let mut abandoned = Vec::new();
    for entry in std::fs::read_dir(folder)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(backup_name) = name.strip_suffix(super::files::PARTIAL) else { continue };
        let metadata = entry.metadata()?;
        if parse_file_name(backup_name).is_some()
            && metadata.is_file()
            && DateTime::<Utc>::from(metadata.modified()?) < newest
        {
            abandoned.push(entry.path());
        }
    }
    Ok(abandoned)
}

/// True when a start-up backup labelled with `day` is already there: one a day is enough.
pub fn has_startup_backup_on(backups: &[Backup], day: NaiveDate) -> bool {
    let prefix = day.format("%Y-%m-%d_").to_string();
    backups.iter().any(|backup| backup.reason == Reason::Startup && backup.label.starts_with(&prefix))
}

/// The backup called `name` in `folder`, refusing anything that is not a plain backup name (no path).
pub fn find(folder: &Path, name: &str) -> std::io::Result<Option<Backup>> {
    if parse_file_name(name).is_none() || name.contains(['/', '\\']) {
        return Ok(None);
    }
    Ok(list(folder)?.into_iter().find(|backup| backup.file_name == name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    fn touch(folder: &Path, name: &str, age_days: u64) {
        let path = folder.join(name);
        std::fs::write(&path, b"x").unwrap();
        let file = std::fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000 - age_days * 86_400)).unwrap();
    }

    #[test]
    fn names_round_trip_and_strangers_are_ignored() {
        let name = file_name(Reason::Startup, "2026-11-22_194000");
        assert_eq!(name, "ardoise_2026-11-22_194000_demarrage.sqlite3");
        assert_eq!(parse_file_name(&name), Some(("2026-11-22_194000".to_string(), Reason::Startup)));
        assert_eq!(parse_file_name("ardoise_v1-v2_migration.sqlite3"), Some(("v1-v2".to_string(), Reason::Migration)));
        assert_eq!(parse_file_name("ardoise.sqlite3"), None);
        assert_eq!(parse_file_name("ardoise__import.sqlite3"), None);
        assert_eq!(parse_file_name("ardoise_x_inconnu.sqlite3"), None);
    }

    #[test]
    fn rotation_keeps_the_newest_and_leaves_other_files_alone() {
        let folder = tempfile::tempdir().unwrap();
        for age in 0..35u64 {
            touch(folder.path(), &file_name(Reason::Import, &format!("n{age:02}")), age);
        }
        touch(folder.path(), "notes.txt", 100);
        let removed = rotate(folder.path(), KEEP).unwrap();
        assert_eq!(removed.len(), 5);
        let kept = list(folder.path()).unwrap();
        assert_eq!(kept.len(), 30);
        assert_eq!(kept.first().unwrap().label, "n00", "newest first");
        assert_eq!(kept.last().unwrap().label, "n29");
        assert!(folder.path().join("notes.txt").exists());
        assert!(!folder.path().join(file_name(Reason::Import, "n30")).exists());
    }

    #[test]
    fn rotation_deletes_the_copies_interrupted_backups_left_and_no_other_file() {
        let folder = tempfile::tempdir().unwrap();
        let interrupted = format!("{}.partial", file_name(Reason::Startup, "2026-11-20_080000"));
        let in_progress = format!("{}.partial", file_name(Reason::Startup, "2026-11-22_080000"));
        touch(folder.path(), &interrupted, 2);
        touch(folder.path(), &file_name(Reason::Startup, "2026-11-21_080000"), 1);
        touch(folder.path(), &in_progress, 0);
        touch(folder.path(), "rapport.txt.partial", 5);
        let removed = rotate(folder.path(), KEEP).unwrap();
        assert_eq!(removed, [folder.path().join(&interrupted)]);
        assert!(folder.path().join(&in_progress).exists(), "written after the newest backup: still being written");
        assert!(folder.path().join("rapport.txt.partial").exists(), "not a backup's copy");
        assert_eq!(list(folder.path()).unwrap().len(), 1);
    }

    #[test]
    fn one_startup_backup_a_day_and_find_refuses_paths() {
        let folder = tempfile::tempdir().unwrap();
        touch(folder.path(), &file_name(Reason::Startup, "2026-11-21_080000"), 1);
        touch(folder.path(), &file_name(Reason::Import, "2026-11-22_090000"), 0);
        let backups = list(folder.path()).unwrap();
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        assert!(has_startup_backup_on(&backups, day(21)));
        assert!(!has_startup_backup_on(&backups, day(22)), "an import backup is not a start-up one");
        let name = file_name(Reason::Import, "2026-11-22_090000");
        assert_eq!(find(folder.path(), &name).unwrap().map(|b| b.reason), Some(Reason::Import));
        assert!(find(folder.path(), &format!("../{name}")).unwrap().is_none());
        assert!(find(folder.path(), "ardoise.sqlite3").unwrap().is_none());
        assert!(list(&folder.path().join("absent")).unwrap().is_empty());
    }
}

//! Backups of the ledger (F1, issue 8): copies taken with SQLite's online backup API, kept in a
//! `sauvegardes` folder next to the ledger, at most [`KEEP`] of them.
//!
//! This module names, lists and rotates the files; `ledger/backup.rs` writes and restores them. A backup's
//! name starts with the name of the ledger file it copies (its stem, `ardoise` for `ardoise.sqlite3`),
//! then a label the caller chooses — a local timestamp from the shell (`2026-11-22_194000`), or the schema
//! versions of a migration (`v1-v2`) — and the reason it was taken, so that the folder reads well in a file
//! manager: `ardoise_2026-11-22_194000_demarrage.sqlite3`. Ledgers sharing a folder share `sauvegardes`:
//! each lists, rotates and restores its own backups only. When it was taken is the file's modification
//! time; the core never reads the clock.
//!
//! Backups were once all named `ardoise_…`, whatever the ledger: those are the default ledger's
//! (`ardoise.sqlite3`, the window's), and another ledger's only when it has its folder to itself (no other
//! SQLite file beside it could have written them).

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

/// The stem every backup had before backups were named after their ledger: the default ledger's.
pub const OLD_STEM: &str = "ardoise";

/// Whose backups: the ledger file they are named after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    /// The ledger file's stem as backup names carry it.
    pub stem: String,
    /// Whether backups named the old way (`ardoise_…`) are this ledger's too.
    pub old_names: bool,
}

impl Owner {
    /// The owner of the backups of the ledger at `ledger_path`. Backups named the old way are its own when
    /// its stem is the old one, or when no other SQLite file is beside it.
    pub fn of(ledger_path: &Path) -> Owner {
        let stem = stem_of(ledger_path);
        let old_names = stem == OLD_STEM || alone_in_its_folder(ledger_path);
        Owner { stem, old_names }
    }

    /// Whether a backup named with `stem` is this ledger's.
    pub fn owns(&self, stem: &str) -> bool {
        stem == self.stem || (self.old_names && stem == OLD_STEM)
    }
}

/// A ledger file's stem as backup names carry it: letters, digits and dashes (anything else a dash, so
/// that the first `_` of a name ends it); `ardoise` for `ardoise.sqlite3`.
pub fn stem_of(ledger_path: &Path) -> String {
    let stem = ledger_path.file_stem().map(|stem| stem.to_string_lossy().into_owned()).unwrap_or_default();
    let stem: String = stem.chars().map(|c| if c.is_alphanumeric() || c == '-' { c } else { '-' }).collect();
    if stem.is_empty() {
        OLD_STEM.to_string()
    } else {
        stem
    }
}

/// True when no file beside the ledger but its own journals is an SQLite database.
fn alone_in_its_folder(ledger_path: &Path) -> bool {
    let folder = match ledger_path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    let Ok(entries) = std::fs::read_dir(folder) else { return false };
    let own = ledger_path.file_name();
    for entry in entries.flatten() {
        if Some(entry.file_name().as_os_str()) == own || !entry.file_type().is_ok_and(|kind| kind.is_file()) {
            continue;
        }
        let mut header = [0u8; 16];
        let is_sqlite = std::fs::File::open(entry.path())
            .and_then(|mut file| std::io::Read::read_exact(&mut file, &mut header))
            .is_ok_and(|()| &header == b"SQLite format 3\0");
        if is_sqlite {
            return false;
        }
    }
    true
}

/// The file name of a backup: `<ledger stem>_<label>_<reason>.sqlite3`.
pub fn file_name(stem: &str, reason: Reason, label: &str) -> String {
    format!("{stem}_{label}_{}.sqlite3", reason.slug())
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
    /// The stem of the ledger it copies.
    #[serde(skip)]
    pub ledger: String,
    /// The label inside the name (a timestamp or the migration's versions).
    pub label: String,
    /// When the file was written (its modification time).
    pub written_at: DateTime<Utc>,
    pub size_bytes: u64,
}

/// Reads a backup's name back: the ledger stem, label and reason, or None for any other file.
pub fn parse_file_name(name: &str) -> Option<(String, String, Reason)> {
    let rest = name.strip_suffix(".sqlite3")?;
    let (rest, slug) = rest.rsplit_once('_')?;
    let (stem, label) = rest.split_once('_')?;
    let reason = Reason::ALL.into_iter().find(|reason| reason.slug() == slug)?;
    (!stem.is_empty() && !label.is_empty()).then(|| (stem.to_string(), label.to_string(), reason))
}

/// The backups in `folder` that are `owner`'s, newest first; an absent folder has none.
pub fn list(folder: &Path, owner: &Owner) -> std::io::Result<Vec<Backup>> {
    Ok(list_all(folder)?.into_iter().filter(|backup| owner.owns(&backup.ledger)).collect())
}

/// Every backup in `folder`, whichever ledger it copies, newest first. Other files are ignored.
fn list_all(folder: &Path) -> std::io::Result<Vec<Backup>> {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(error),
    };
    let mut backups = Vec::new();
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some((ledger, label, reason)) = parse_file_name(&name) else { continue };
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
            ledger,
            written_at: DateTime::<Utc>::from(metadata.modified()?),
            size_bytes: metadata.len(),
        });
    }
    backups.sort_by(|a, b| b.written_at.cmp(&a.written_at).then_with(|| b.file_name.cmp(&a.file_name)));
    Ok(backups)
}

/// Deletes the oldest of `owner`'s backups beyond the `keep` newest, and returns what it deleted.
///
/// Also deletes the `.partial` copies an interrupted backup left behind (the window closed while the day's
/// first backup was being written): each as large as the ledger, under a name no later backup takes. One
/// last written before the newest backup was finished is abandoned; the core reads no clock, so the newest
/// backup's time is the measure. Deleting those is best effort: a copy still open elsewhere may stay.
pub fn rotate(folder: &Path, owner: &Owner, keep: usize) -> std::io::Result<Vec<PathBuf>> {
    let backups = list(folder, owner)?;
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

/// What a backup's name finds in the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// One of the owner's backups.
    Own(Backup),
    /// A backup of another ledger (its stem).
    Other(String),
    /// No backup of that name (or not a plain backup name: a path is never followed).
    Absent,
}

/// The backup called `name` in `folder`, if it is `owner`'s.
pub fn find(folder: &Path, owner: &Owner, name: &str) -> std::io::Result<Found> {
    if parse_file_name(name).is_none() || name.contains(['/', '\\']) {
        return Ok(Found::Absent);
    }
    Ok(match list_all(folder)?.into_iter().find(|backup| backup.file_name == name) {
        Some(backup) if owner.owns(&backup.ledger) => Found::Own(backup),
        Some(backup) => Found::Other(backup.ledger),
        None => Found::Absent,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    fn owner() -> Owner {
        Owner { stem: OLD_STEM.to_string(), old_names: true }
    }

    fn touch(folder: &Path, name: &str, age_days: u64) {
        let path = folder.join(name);
        std::fs::write(&path, b"x").unwrap();
        let file = std::fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000 - age_days * 86_400)).unwrap();
    }

    #[test]
    fn names_round_trip_and_strangers_are_ignored() {
        let name = file_name("ardoise", Reason::Startup, "2026-11-22_194000");
        assert_eq!(name, "ardoise_2026-11-22_194000_demarrage.sqlite3");
        assert_eq!(
            parse_file_name(&name),
            Some(("ardoise".to_string(), "2026-11-22_194000".to_string(), Reason::Startup))
        );
        assert_eq!(
            parse_file_name("ardoise_v1-v2_migration.sqlite3"),
            Some(("ardoise".to_string(), "v1-v2".to_string(), Reason::Migration))
        );
        assert_eq!(parse_file_name("ardoise.sqlite3"), None);
        assert_eq!(parse_file_name("ardoise__import.sqlite3"), None);
        assert_eq!(parse_file_name("ardoise_x_inconnu.sqlite3"), None);
    }

    #[test]
    fn rotation_keeps_the_newest_and_leaves_other_files_alone() {
        let folder = tempfile::tempdir().unwrap();
        for age in 0..35u64 {
            touch(folder.path(), &file_name("ardoise", Reason::Import, &format!("n{age:02}")), age);
        }
        touch(folder.path(), "notes.txt", 100);
        let removed = rotate(folder.path(), &owner(), KEEP).unwrap();
        assert_eq!(removed.len(), 5);
        let kept = list(folder.path(), &owner()).unwrap();
        assert_eq!(kept.len(), 30);
        assert_eq!(kept.first().unwrap().label, "n00", "newest first");
        assert_eq!(kept.last().unwrap().label, "n29");
        assert!(folder.path().join("notes.txt").exists());
        assert!(!folder.path().join(file_name("ardoise", Reason::Import, "n30")).exists());
    }

    #[test]
    fn rotation_deletes_the_copies_interrupted_backups_left_and_no_other_file() {
        let folder = tempfile::tempdir().unwrap();
        let interrupted = format!("{}.partial", file_name("ardoise", Reason::Startup, "2026-11-20_080000"));
        let in_progress = format!("{}.partial", file_name("ardoise", Reason::Startup, "2026-11-22_080000"));
        touch(folder.path(), &interrupted, 2);
        touch(folder.path(), &file_name("ardoise", Reason::Startup, "2026-11-21_080000"), 1);
        touch(folder.path(), &in_progress, 0);
        touch(folder.path(), "rapport.txt.partial", 5);
        let removed = rotate(folder.path(), &owner(), KEEP).unwrap();
        assert_eq!(removed, [folder.path().join(&interrupted)]);
        assert!(folder.path().join(&in_progress).exists(), "written after the newest backup: still being written");
        assert!(folder.path().join("rapport.txt.partial").exists(), "not a backup's copy");
        assert_eq!(list(folder.path(), &owner()).unwrap().len(), 1);
    }

    #[test]
    fn one_startup_backup_a_day_and_find_refuses_paths() {
        let folder = tempfile::tempdir().unwrap();
        touch(folder.path(), &file_name("ardoise", Reason::Startup, "2026-11-21_080000"), 1);
        touch(folder.path(), &file_name("ardoise", Reason::Import, "2026-11-22_090000"), 0);
        let backups = list(folder.path(), &owner()).unwrap();
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        assert!(has_startup_backup_on(&backups, day(21)));
        assert!(!has_startup_backup_on(&backups, day(22)), "an import backup is not a start-up one");
        let name = file_name("ardoise", Reason::Import, "2026-11-22_090000");
        assert_eq!(
            find(folder.path(), &owner(), &name).unwrap(),
            Found::Own(list(folder.path(), &owner()).unwrap()[0].clone())
        );
        assert_eq!(find(folder.path(), &owner(), &format!("../{name}")).unwrap(), Found::Absent);
        assert_eq!(find(folder.path(), &owner(), "ardoise.sqlite3").unwrap(), Found::Absent);
        assert!(list(&folder.path().join("absent"), &owner()).unwrap().is_empty());
    }
}

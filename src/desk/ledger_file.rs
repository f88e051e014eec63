//! The ledger file as a whole, as both shells handle it: where it lives and opening it, the first-start
//! choice (an empty ledger or the demo), the day's start-up backup, backups on demand and restores, the
//! JSON export and load, and the whole-ledger bundle for another machine. The shells pass the moment
//! (`now`, `today`): the desk never reads the clock.

use crate::desk::{demo, Error, Result};
pub use crate::ledger::backups::Backup;
use crate::ledger::backups::{self, Reason};
use crate::ledger::bundle;
pub use crate::ledger::bundle::{Bundled, Manifest};
pub use crate::ledger::LedgerExport;
use crate::ledger::{files, paths, PendingBackup};
use crate::Ledger;
use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;
use std::path::{Path, PathBuf};

pub use crate::ledger::FILE_NAME;

/// The default ledger file in the operating system's data folder (Tauri's `app_data_dir()` for the
/// identifier `fr.ardoise.app`), or None when the system has no home folder.
pub fn default_ledger_path() -> Option<PathBuf> {
    paths::default_ledger_path()
}

/// Opens (or creates) the ledger at `path`, migrating it if it was written by an older version.
pub fn open(path: &Path) -> Result<Ledger> {
    Ok(Ledger::open(path)?)
}

/// What the window needs before its first screen: whether to offer the first-start choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FirstStart {
    /// True on a first start: nothing chosen yet and nothing in the ledger.
    pub needs_choice: bool,
}

pub fn first_start(ledger: &Ledger) -> Result<FirstStart> {
    Ok(FirstStart { needs_choice: ledger.first_start_choice()?.is_none() && ledger.is_empty()? })
}

/// The first-start choice: "demo" fills the ledger with the demonstration data dated around `today`,
/// "empty" keeps it empty. Either way the choice is remembered and not offered again.
pub fn choose_first_start(ledger: &mut Ledger, choice: &str, today: NaiveDate) -> Result<()> {
    match choice {
        "demo" => demo::populate(ledger, today)?,
        "empty" => {}
        other => return Err(Error::invalid("choice", format!("Choix inconnu « {other} » : « demo » ou « empty »."))),
    }
    Ok(ledger.save_first_start_choice(choice)?)
}

/// The day's first backup of a ledger, begun at its opening: the ledger as it was opened, written by
/// [`StartUpBackup::write`] — on a thread of its own in the window, so that copying a large ledger does
/// not hold the first screen back.
#[derive(Debug)]
pub struct StartUpBackup(PendingBackup);

impl StartUpBackup {
    /// Writes the backup and rotates the folder; returns the file written. A failure leaves the ledger
    /// untouched and is the caller's to report.
    pub fn write(self) -> Result<PathBuf> {
        Ok(self.0.write()?)
    }
}

/// The day's first opening of a ledger that holds something backs it up: returns the backup begun now,
/// or None when the ledger is empty or was already backed up at an opening today.
pub fn start_up_backup(ledger: &Ledger, now: NaiveDateTime) -> Result<Option<StartUpBackup>> {
    if ledger.is_empty()? || backups::has_startup_backup_on(&ledger.backups()?, now.date()) {
        return Ok(None);
    }
    Ok(Some(StartUpBackup(ledger.begin_backup(Reason::Startup, &backups::timestamp_label(now))?)))
}

/// The ledger's backups, newest first.
pub fn backups(ledger: &Ledger) -> Result<Vec<Backup>> {
    Ok(ledger.backups()?)
}

/// A backup on demand, labelled with the moment `now`; returns its file.
pub fn back_up(ledger: &Ledger, now: NaiveDateTime) -> Result<PathBuf> {
    Ok(ledger.back_up(Reason::Manual, &backups::timestamp_label(now))?)
}

/// Replaces the ledger's content by the backup `file_name` (one of `backups`), after backing up the
/// current content (labelled with `now`).
pub fn restore(ledger: &mut Ledger, file_name: &str, now: NaiveDateTime) -> Result<()> {
    Ok(ledger.restore(file_name, &backups::timestamp_label(now))?)
}

/// The whole ledger as JSON (docs/ledger-json.md).
pub fn export_json(ledger: &Ledger) -> Result<LedgerExport> {
    Ok(ledger.export()?)
}

/// Writes the JSON export to `path` (atomically).
pub fn export_json_to(ledger: &Ledger, path: &Path) -> Result<()> {
    let text = serde_json::to_string_pretty(&ledger.export()?)
        .map_err(|error| Error::conflict(format!("Export impossible : {error}")))?;
    Ok(files::write_atomically(path, format!("{text}\n").as_bytes())?)
}

/// Loads a JSON export into an empty ledger, checked whole, as one unit.
pub fn load_json(ledger: &mut Ledger, text: &str, file_name: &str) -> Result<()> {
    let export: LedgerExport = serde_json::from_str(text).map_err(|error| {
        Error::Ledger(crate::LedgerError::Exchange(format!(
            "« {file_name} » n'est pas un export Ardoise lisible ({}).",
            json_error_in_french(&error)
        )))
    })?;
    Ok(ledger.load(&export)?)
}

/// What serde_json found wrong, in French, with its line and column: its own words are English.
fn json_error_in_french(error: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let place = format!("ligne {}, colonne {}", error.line(), error.column());
    let text = error.to_string();
    // « missing field `schema_version` at line 3 column 1 »: the field is named between backquotes.
    let field = text.split('`').nth(1).filter(|_| text.starts_with("missing field"));
    match error.classify() {
        Category::Eof => format!("le fichier s'arrête avant la fin du JSON, {place} : il a sans doute été coupé"),
        Category::Syntax => format!("JSON mal formé, {place}"),
        Category::Data => match field {
            Some(field) => format!("le champ « {field} » manque, {place}"),
            None => format!("une valeur n'a pas le type attendu, {place}"),
        },
        Category::Io => format!("lecture interrompue, {place}"),
    }
}

/// The ledger and the archived files it names in one ZIP with a SHA-256 manifest; a file changed or
/// removed since it was kept is left out and said.
pub fn bundle(ledger: &Ledger, out: &Path) -> Result<Bundled> {
    Ok(bundle::write(ledger, out)?)
}

/// Puts a bundle in place as the ledger `ledger_path`, which must not hold anything yet; its pieces join
/// the archive beside it unless one would replace a different file.
pub fn unbundle(bundle_file: &Path, ledger_path: &Path) -> Result<Manifest> {
    Ok(bundle::read(bundle_file, ledger_path)?)
}

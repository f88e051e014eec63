//! A letter's dispatch as both shells use it (F7): recording its sending (with the proof archived in the
//! same unit), what became of it, the scans attached to it, and the letters list with each one's status,
//! deadline and archive integrity. The rules (tracking numbers, deadlines) are in `domain::delivery`; the
//! archive's files in `ledger::archive`.

use crate::desk::letters;
use crate::desk::Result;
use crate::domain::calendar::format_long;
use crate::domain::delivery::check_sending;
pub use crate::domain::delivery::{Deadline, Delivery, DispatchRow, GuaranteeLevel, SendingForm};
pub use crate::ledger::archive::{ArchiveCheck, ArchiveFile, ArchiveRole, Integrity};
use crate::Ledger;
use chrono::NaiveDate;
use serde::Serialize;
use std::path::Path;

/// Checks the form against the letter's dispatch and records the sending, without archiving anything
/// (see [`send_letter`] for the whole step).
pub fn record_sending(ledger: &mut Ledger, letter_id: i64, form: &SendingForm) -> Result<DispatchRow> {
    let row = ledger.dispatch_row(letter_id)?;
    let sending = check_sending(form, row.dispatch)?;
    ledger.write_sending(letter_id, &sending)?;
    Ok(ledger.dispatch_row(letter_id)?)
}

/// Records a letter's sending and archives its PDF as one unit: the PDF is written into the archive
/// first, then the rows; if anything fails the file is removed and nothing is recorded.
pub fn send_letter(ledger: &mut Ledger, letter_id: i64, form: &SendingForm) -> Result<DispatchRow> {
    ledger.atomically(|ledger| {
        let row = record_sending(ledger, letter_id, form)?;
        archive_letter(ledger, letter_id, row.sent_on.unwrap_or(row.drafted_on))?;
        Ok(row)
    })
}

/// Records what became of a sent letter.
pub fn record_delivery(ledger: &mut Ledger, letter_id: i64, delivery: Delivery) -> Result<DispatchRow> {
    ledger.write_delivery(letter_id, &delivery)?;
    Ok(ledger.dispatch_row(letter_id)?)
}

/// Archives a letter's PDF, once: the file it was last exported to when it still exists (the very bytes
/// printed), else the letter rendered again from the ledger as of the day it was sent. Returns the
/// archive's row (the existing one when the letter is already archived).
pub fn archive_letter(ledger: &mut Ledger, letter_id: i64, sent_on: NaiveDate) -> Result<ArchiveFile> {
    let existing = ledger.archive_files(None)?;
    if let Some(found) = existing.iter().find(|f| f.letter_id == Some(letter_id) && f.role == ArchiveRole::Letter) {
        return Ok(found.clone());
    }
    let stored = ledger.letter(letter_id)?;
    let exported = stored.pdf_path.as_deref().and_then(|path| std::fs::read(path).ok());
    let (bytes, name) = match exported {
        Some(bytes) => {
            let name = Path::new(stored.pdf_path.as_deref().unwrap_or_default())
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            (bytes, name)
        }
        None => {
            let letter = letters::stored_letter(ledger, letter_id, sent_on)?;
            let bytes = crate::documents::print::letter_pdf(&letter, &letters::print_options(ledger)?)?;
            (bytes, letter.file_name.clone())
        }
    };
    Ok(ledger.archive_bytes(stored.client_id, Some(letter_id), ArchiveRole::Letter, &name, &bytes, sent_on)?)
}

/// Copies a scan (PDF or image) into the archive, attached to a letter as its deposit proof or its
/// signed receipt.
pub fn attach_scan(
    ledger: &mut Ledger,
    letter_id: i64,
    role: ArchiveRole,
    source: &Path,
    date: NaiveDate,
) -> Result<ArchiveFile> {
    let row = ledger.dispatch_row(letter_id)?;
    let bytes = std::fs::read(source).map_err(|cause| {
        crate::desk::Error::conflict(format!("Impossible de lire le fichier « {} » : {cause}", source.display()))
    })?;
    let name = source.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    Ok(ledger.archive_bytes(row.client_id, Some(letter_id), role, &name, &bytes, date)?)
}

/// Checks every archived file (or one client's) against its hash.
pub fn verify_archive(ledger: &Ledger, client_id: Option<i64>) -> Result<Vec<ArchiveCheck>> {
    Ok(ledger.verify_archive(client_id)?)
}

/// An archived file's bytes, only if they are still exactly what was archived.
pub fn read_archived(ledger: &Ledger, file: &ArchiveFile) -> Result<Vec<u8>> {
    Ok(ledger.read_archived(file)?)
}

/// One line of the letters list: the dispatch, the client's name, what the letter is, and its deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LetterLine {
    #[serde(flatten)]
    pub row: DispatchRow,
    pub client_name: String,
    pub title: String,
    /// "Préparé", "Imprimé", "Envoyé", "Annulé", with the delivery when known.
    pub status_label: String,
    pub deadline: Option<Deadline>,
    /// The archived PDF was changed or removed since it was archived.
    pub tampered: bool,
}

/// The letters list (one client's, or all), newest first, with their archive's integrity.
pub fn letter_lines(ledger: &Ledger, client_id: Option<i64>) -> Result<Vec<LetterLine>> {
    let broken: Vec<i64> = ledger
        .verify_archive(client_id)?
        .into_iter()
        .filter(|check| check.state != Integrity::Intact)
        .filter_map(|check| check.file.letter_id)
        .collect();
    let rows = ledger.dispatch_rows(client_id)?;
    let mut names = std::collections::HashMap::new();
    rows.into_iter()
        .map(|row| {
            if let std::collections::hash_map::Entry::Vacant(entry) = names.entry(row.client_id) {
                entry.insert(ledger.client(row.client_id)?.fields.display_name());
            }
            let status = match row.status.as_str() {
                "drafted" => "Préparé".to_string(),
                "printed" => "Imprimé".to_string(),
                "cancelled" => "Annulé".to_string(),
                _ => match (&row.delivery, row.sent_on) {
                    (Some(delivery), _) => format!("Envoyé, {}", delivery.label()),
                    (None, Some(on)) => format!("Envoyé le {}", format_long(on)),
                    (None, None) => "Envoyé".to_string(),
                },
            };
            Ok(LetterLine {
                client_name: names[&row.client_id].clone(),
                title: row.kind.title().to_string(),
                status_label: status,
                deadline: row.deadline(),
                tampered: broken.contains(&row.id),
                row,
            })
        })
        .collect()
}

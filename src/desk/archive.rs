//! The evidence archive: the PDF of every letter as it was sent, and the scans of deposit proofs and
//! signed acknowledgements of receipt, copied into an `archive` folder next to the ledger with their
//! SHA-256 and linked to the client, the letter (and through it the invoices). La Poste keeps its proof
//! of delivery one year only, so these copies are the user's proof. Reading a file back checks its hash:
//! a file changed or removed since it was archived is reported, never shown as if it were the original.

use crate::desk::letters as desk;
use crate::documents::letters::LetterError;
use crate::domain::delivery::{record_sending, DispatchRow, SendingForm};
use crate::{Ledger, LedgerError};
use chrono::NaiveDate;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The archive's folder name, next to the ledger file.
pub const FOLDER_NAME: &str = "archive";

/// What an archived file proves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ArchiveRole {
    /// The letter's PDF as sent.
    Letter,
    /// The scan of the post office's deposit proof (the stamped receipt of the registered letter).
    DepositProof,
    /// The scan of the acknowledgement of receipt signed by the debtor.
    Receipt,
}

impl ArchiveRole {
    pub fn id(self) -> &'static str {
        match self {
            ArchiveRole::Letter => "letter",
            ArchiveRole::DepositProof => "deposit_proof",
            ArchiveRole::Receipt => "receipt",
        }
    }

    pub fn from_id(text: &str) -> Option<ArchiveRole> {
        [ArchiveRole::Letter, ArchiveRole::DepositProof, ArchiveRole::Receipt].into_iter().find(|r| r.id() == text)
    }

    /// In French, as file names and lists show it.
    pub fn label(self) -> &'static str {
        match self {
            ArchiveRole::Letter => "Courrier envoyé",
            ArchiveRole::DepositProof => "Preuve de dépôt",
            ArchiveRole::Receipt => "Accusé de réception",
        }
    }
}

/// A file of the archive as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArchiveFile {
    pub id: i64,
    pub client_id: i64,
    pub letter_id: Option<i64>,
    pub role: ArchiveRole,
    /// Its name inside the archive folder.
    pub file_name: String,
    pub sha256: String,
    pub archived_on: NaiveDate,
}

/// Whether an archived file is still what was archived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Integrity {
    Intact,
    Changed,
    Missing,
}

/// One file checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArchiveCheck {
    pub file: ArchiveFile,
    pub state: Integrity,
    /// In French: "intact", or what is wrong.
    pub message: String,
}

/// The archive folder of a ledger file.
pub fn folder_of(ledger_path: &Path) -> PathBuf {
    ledger_path.parent().unwrap_or(Path::new(".")).join(FOLDER_NAME)
}

/// The hex SHA-256 of bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Records a letter's sending and archives its PDF as one unit: the PDF is written into the archive
/// first, then the rows; if anything fails the file is removed and nothing is recorded.
pub fn send_letter(
    ledger: &mut Ledger,
    folder: &Path,
    letter_id: i64,
    form: &SendingForm,
) -> Result<DispatchRow, LetterError> {
    let mut failure = None;
    let outcome = ledger.atomically(|ledger| {
        let row = record_sending(ledger, letter_id, form)?;
        if let Err(error) = archive_letter(ledger, folder, letter_id, row.sent_on.unwrap_or(row.drafted_on)) {
            let message = error.to_string();
            failure = Some(error);
            return Err(LedgerError::Conflict(message));
        }
        Ok(row)
    });
    match (outcome, failure) {
        (Ok(row), _) => Ok(row),
        (Err(_), Some(error)) => Err(error),
        (Err(error), None) => Err(error.into()),
    }
}

/// Archives a letter's PDF, once: the file it was last exported to when it still exists (the very bytes
/// printed), else the letter rendered again from the ledger as of the day it was sent. Returns the
/// archive's row (the existing one when the letter is already archived).
pub fn archive_letter(
    ledger: &mut Ledger,
    folder: &Path,
    letter_id: i64,
    sent_on: NaiveDate,
) -> Result<ArchiveFile, LetterError> {
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
            let letter = desk::stored_letter(ledger, letter_id, sent_on)?;
            (crate::documents::print::letter_pdf(&letter, &desk::print_options(ledger)?)?, letter.file_name.clone())
        }
    };
    store(ledger, folder, stored.client_id, Some(letter_id), ArchiveRole::Letter, &name, &bytes, sent_on)
}

/// Copies a scan (PDF or image) into the archive, attached to a letter as its deposit proof or its
/// signed receipt.
pub fn attach_scan(
    ledger: &mut Ledger,
    folder: &Path,
    letter_id: i64,
    role: ArchiveRole,
    source: &Path,
    date: NaiveDate,
) -> Result<ArchiveFile, LetterError> {
    let row = ledger.dispatch_row(letter_id)?;
    let bytes = std::fs::read(source).map_err(|cause| {
        LedgerError::Conflict(format!("Impossible de lire le fichier « {} » : {cause}", source.display()))
    })?;
    let name = source.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    store(ledger, folder, row.client_id, Some(letter_id), role, &name, &bytes, date)
}

/// Checks every archived file (or one client's) against its hash.
pub fn verify(ledger: &Ledger, folder: &Path, client_id: Option<i64>) -> Result<Vec<ArchiveCheck>, LedgerError> {
    Ok(ledger
        .archive_files(client_id)?
        .into_iter()
        .map(|file| {
            let (state, message) = match std::fs::read(folder.join(&file.file_name)) {
                Err(_) => (Integrity::Missing, format!("« {} » a disparu de l'archive.", file.file_name)),
                Ok(bytes) if sha256_hex(&bytes) != file.sha256 => (
                    Integrity::Changed,
                    format!(
                        "« {} » a été modifié depuis son archivage le {} : ce n'est plus le document envoyé.",
                        file.file_name,
                        crate::domain::calendar::format_long(file.archived_on)
                    ),
                ),
                Ok(_) => (Integrity::Intact, "intact".to_string()),
            };
            ArchiveCheck { file, state, message }
        })
        .collect())
}

/// An archived file's bytes, only if they are still exactly what was archived.
pub fn read(folder: &Path, file: &ArchiveFile) -> Result<Vec<u8>, LedgerError> {
    let bytes = std::fs::read(folder.join(&file.file_name))
        .map_err(|_| LedgerError::Conflict(format!("« {} » a disparu de l'archive.", file.file_name)))?;
    if sha256_hex(&bytes) != file.sha256 {
        return Err(LedgerError::Conflict(format!(
            "« {} » a été modifié depuis son archivage : ce n'est plus le document envoyé.",
            file.file_name
        )));
    }
    Ok(bytes)
}

/// Writes the file (through a temporary name), then its row; removes the file if the row fails.
#[allow(clippy::too_many_arguments)]
fn store(
    ledger: &mut Ledger,
    folder: &Path,
    client_id: i64,
    letter_id: Option<i64>,
    role: ArchiveRole,
    original_name: &str,
    bytes: &[u8],
    date: NaiveDate,
) -> Result<ArchiveFile, LetterError> {
    std::fs::create_dir_all(folder).map_err(|cause| LetterError::Write { path: folder.to_path_buf(), cause })?;
    let extension = Path::new(original_name)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .filter(|e| e.len() <= 5 && e.chars().all(|c| c.is_ascii_alphanumeric()))
        .unwrap_or_else(|| "pdf".to_string());
    let stem = Path::new(original_name).file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
    let base = crate::documents::letters::sanitize_file_name(&format!(
        "{} {} n° {} - {}",
        date.format("%Y-%m-%d"),
        role.label(),
        letter_id.unwrap_or(0),
        stem
    ));
    let file_name = (1..)
        .map(|n| if n == 1 { format!("{base}.{extension}") } else { format!("{base} ({n}).{extension}") })
        .find(|name| !folder.join(name).exists())
        .unwrap_or_default();
    let path = folder.join(&file_name);
    let partial = folder.join(format!("{file_name}.partial"));
    let failed = |cause| LetterError::Write { path: path.clone(), cause };
    std::fs::write(&partial, bytes).map_err(failed)?;
    std::fs::rename(&partial, &path).map_err(|cause| {
        let _ = std::fs::remove_file(&partial);
        failed(cause)
    })?;
    let mut file =
        ArchiveFile { id: 0, client_id, letter_id, role, file_name, sha256: sha256_hex(bytes), archived_on: date };
    match ledger.add_archive_file(&file) {
        Ok(id) => {
            file.id = id;
            Ok(file)
        }
        Err(error) => {
            let _ = std::fs::remove_file(&path);
            Err(error.into())
        }
    }
}

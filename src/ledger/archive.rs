//! The evidence archive's files: the PDF of every letter as it was sent, the e-mail that carried it when
//! it left by e-mail (`.eml`), and the scans of deposit proofs and signed acknowledgements of receipt, kept in an `archive` folder next to the ledger with their
//! SHA-256 and linked to the client and the letter (and through it the invoices). La Poste keeps its proof
//! of delivery one year only, so these copies are the user's proof. Reading a file back checks its hash: a
//! file changed or removed since it was archived is reported, never shown as if it were the original.

use super::files;
use super::letters::{LetterRow, PrintedCopy, PrintedFigures};
use super::Ledger;
use crate::domain::calendar::format_long;
use crate::domain::digest::sha256_hex;
use crate::domain::letter_kind::Gender;
use crate::ledger::error::{LedgerError, Result};
use chrono::NaiveDate;
use rusqlite::params;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// The archive's folder name, next to the ledger file.
pub const FOLDER_NAME: &str = "archive";
/// The folder, inside the archive, of the PDFs kept when letters are printed: the one last printed is
/// what recording the sending archives, byte for byte.
pub const PRINTED_FOLDER: &str = "imprimés";

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
    /// The e-mail that carried the letter, as it left (`.eml`: headers, text and attachments).
    Email,
}

impl ArchiveRole {
    pub fn id(self) -> &'static str {
        match self {
            ArchiveRole::Letter => "letter",
            ArchiveRole::DepositProof => "deposit_proof",
            ArchiveRole::Receipt => "receipt",
            ArchiveRole::Email => "email",
        }
    }

    pub fn from_id(text: &str) -> Option<ArchiveRole> {
        [ArchiveRole::Letter, ArchiveRole::DepositProof, ArchiveRole::Receipt, ArchiveRole::Email]
            .into_iter()
            .find(|r| r.id() == text)
    }

    /// In French, as file names and lists show it, with the gender its words agree with.
    pub fn label(self) -> &'static str {
        self.wording().0
    }

    /// « Preuve de dépôt archivée », « Accusé de réception archivé »: the label with its participle agreed.
    pub fn archived_label(self) -> String {
        let participle = match self.wording().1 {
            Gender::Feminine => "archivée",
            Gender::Masculine => "archivé",
        };
        format!("{} {participle}", self.label())
    }

    /// The label and the gender of its noun: one row per role.
    fn wording(self) -> (&'static str, Gender) {
        match self {
            ArchiveRole::Letter => ("Courrier envoyé", Gender::Masculine),
            ArchiveRole::DepositProof => ("Preuve de dépôt", Gender::Feminine),
            ArchiveRole::Receipt => ("Accusé de réception", Gender::Masculine),
            ArchiveRole::Email => ("E-mail envoyé", Gender::Masculine),
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

/// A file of the archive folder that this ledger names: its path inside the folder (`/` between folders)
/// and the SHA-256 it was kept with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptFile {
    pub path: String,
    pub sha256: String,
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

impl Ledger {
    /// The archive folder beside this ledger's file (an in-memory ledger has none).
    pub fn archive_folder(&self) -> Result<PathBuf> {
        let path = self.path().ok_or_else(|| {
            LedgerError::Conflict("Un registre en mémoire n'a pas de dossier d'archive des preuves.".into())
        })?;
        Ok(archive_folder_of(path))
    }

    /// Adds a file of the evidence archive; returns its id.
    pub fn add_archive_file(&mut self, file: &ArchiveFile) -> Result<i64> {
        self.connection.execute(
            "INSERT INTO archive_files (client_id, letter_id, role, file_name, sha256, archived_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![file.client_id, file.letter_id, file.role.id(), file.file_name, file.sha256, file.archived_on],
        )?;
        Ok(self.connection.last_insert_rowid())
    }

    /// The archive's files (or one client's), oldest first.
    pub fn archive_files(&self, client_id: Option<i64>) -> Result<Vec<ArchiveFile>> {
        Ok(self
            .connection
            .prepare_cached(&format!(
                "SELECT id, client_id, letter_id, role, file_name, sha256, archived_on FROM archive_files
                 WHERE {} ORDER BY id",
                super::client_filter("client_id", client_id, 1)
            ))?
            .query_map([client_id], |row| {
                let role: String = row.get(3)?;
                Ok(ArchiveFile {
                    id: row.get(0)?,
                    client_id: row.get(1)?,
                    letter_id: row.get(2)?,
                    role: ArchiveRole::from_id(&role).unwrap_or(ArchiveRole::Letter),
                    file_name: row.get(4)?,
                    sha256: row.get(5)?,
                    archived_on: row.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Writes `bytes` into the archive (through a temporary name, synced), then its row; removes the file
    /// if the row fails. `original_name` gives the file its extension and the end of its name.
    pub fn archive_bytes(
        &mut self,
        client_id: i64,
        letter_id: Option<i64>,
        role: ArchiveRole,
        original_name: &str,
        bytes: &[u8],
        date: NaiveDate,
    ) -> Result<ArchiveFile> {
        let folder = self.archive_folder()?;
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
        let path = files::free_path(&folder, &format!("{base}.{extension}"));
        files::write_atomically(&path, bytes)?;
        let file_name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        let mut file =
            ArchiveFile { id: 0, client_id, letter_id, role, file_name, sha256: sha256_hex(bytes), archived_on: date };
        match self.add_archive_file(&file) {
            Ok(id) => {
                file.id = id;
                Ok(file)
            }
            Err(error) => {
                let _ = std::fs::remove_file(&path);
                Err(error)
            }
        }
    }

    /// Keeps the PDF of a letter as printed on `date`, in the archive's printed folder (written aside,
    /// synced, renamed); returns the copy to record with the letter (`Ledger::record_print`), with the
    /// penalty `figures` those bytes state. Every print keeps its own file: a reprint never overwrites what
    /// an earlier print put in an envelope.
    pub fn keep_printed_copy(
        &self,
        letter_id: i64,
        original_name: &str,
        bytes: &[u8],
        date: NaiveDate,
        figures: PrintedFigures,
    ) -> Result<PrintedCopy> {
        let folder = self.archive_folder()?.join(PRINTED_FOLDER);
        let stem = Path::new(original_name).file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
        // The letter's own name starts with its date; the number tells two letters of one day apart.
        let base = crate::documents::letters::sanitize_file_name(&format!("Courrier n° {letter_id} - {stem}"));
        let path = files::free_path(&folder, &format!("{base}.pdf"));
        files::write_atomically(&path, bytes)?;
        let file_name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        Ok(PrintedCopy { file_name, sha256: sha256_hex(bytes), printed_on: date, figures })
    }

    /// Removes a kept copy that no row names (its print was not recorded).
    pub fn forget_printed_copy(&self, copy: &PrintedCopy) {
        if let Ok(folder) = self.archive_folder() {
            let _ = std::fs::remove_file(folder.join(PRINTED_FOLDER).join(&copy.file_name));
        }
    }

    /// The bytes of the PDF a letter was last printed as, only if they are still exactly what was printed.
    pub fn printed_copy_bytes(&self, letter: &LetterRow) -> Result<Vec<u8>> {
        let (Some(name), Some(sha256)) = (&letter.printed_file, &letter.printed_sha256) else {
            return Err(LedgerError::Conflict(format!(
                "Le PDF imprimé du courrier n° {} n'a pas été conservé : imprimez-le de nouveau (Exporter en PDF), \
                 mettez sous enveloppe le nouveau tirage, puis enregistrez son envoi.",
                letter.id
            )));
        };
        let path = self.archive_folder()?.join(PRINTED_FOLDER).join(name);
        let bytes = std::fs::read(&path).map_err(|_| {
            LedgerError::Conflict(format!(
                "Le PDF imprimé du courrier n° {} (« {name} ») a disparu du dossier « {PRINTED_FOLDER} » de \
                 l'archive : imprimez-le de nouveau avant d'enregistrer son envoi.",
                letter.id
            ))
        })?;
        if sha256_hex(&bytes) != *sha256 {
            return Err(LedgerError::Conflict(format!(
                "Le PDF imprimé du courrier n° {} (« {name} ») a été modifié depuis son impression : ce n'est plus \
                 le courrier imprimé. Imprimez-le de nouveau avant d'enregistrer son envoi.",
                letter.id
            )));
        }
        Ok(bytes)
    }

    /// Checks every archived file (or one client's) against its hash.
    pub fn verify_archive(&self, client_id: Option<i64>) -> Result<Vec<ArchiveCheck>> {
        let folder = self.archive_folder()?;
        Ok(self
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
                            format_long(file.archived_on)
                        ),
                    ),
                    Ok(_) => (Integrity::Intact, "intact".to_string()),
                };
                ArchiveCheck { file, state, message }
            })
            .collect())
    }

    /// Every file of the archive folder this ledger names, by path: its archived pieces (`archive_files`),
    /// the PDFs its letters were last printed as (`imprimés/`) and its invoices' documents (`factures/`),
    /// those an import's undo would put back included. The folder is shared by every ledger of the same
    /// folder: what it holds besides is other ledgers' (or older prints no letter names any more).
    pub fn kept_files(&self) -> Result<Vec<KeptFile>> {
        let mut kept: Vec<KeptFile> = self
            .archive_files(None)?
            .into_iter()
            .map(|file| KeptFile { path: file.file_name, sha256: file.sha256 })
            .collect();
        for letter in self.letters(None)? {
            if let (Some(name), Some(sha256)) = (letter.printed_file, letter.printed_sha256) {
                kept.push(KeptFile { path: format!("{PRINTED_FOLDER}/{name}"), sha256 });
            }
        }
        let documents = self.invoice_documents(None)?.into_iter().map(|document| document.sha256);
        for sha256 in documents.chain(self.documents_an_undo_restores()?) {
            let path = format!("{}/{}", super::documents::FOLDER_NAME, super::documents::stored_name(&sha256));
            kept.push(KeptFile { path, sha256 });
        }
        kept.sort_by(|a, b| a.path.cmp(&b.path));
        kept.dedup_by(|a, b| a.path == b.path);
        Ok(kept)
    }

    /// An archived file's bytes, only if they are still exactly what was archived.
    pub fn read_archived(&self, file: &ArchiveFile) -> Result<Vec<u8>> {
        let bytes = std::fs::read(self.archive_folder()?.join(&file.file_name))
            .map_err(|_| LedgerError::Conflict(format!("« {} » a disparu de l'archive.", file.file_name)))?;
        if sha256_hex(&bytes) != file.sha256 {
            return Err(LedgerError::Conflict(format!(
                "« {} » a été modifié depuis son archivage : ce n'est plus le document envoyé.",
                file.file_name
            )));
        }
        Ok(bytes)
    }
}

/// The archive folder of the ledger file at `ledger_path`.
pub fn archive_folder_of(ledger_path: &Path) -> PathBuf {
    ledger_path.parent().unwrap_or(Path::new(".")).join(FOLDER_NAME)
}

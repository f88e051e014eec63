//! Invoices' documents: the PDF of an invoice, kept beside the ledger so that letters can enclose it, the
//! batch print it after each letter, the court dossier include it and an e-mail attach it. The Factur-X an
//! import read an invoice from becomes its document; any invoice can be given a PDF by hand.
//!
//! The files are content-addressed, in the archive's `factures` folder: `<sha256>.pdf`, so the same bytes
//! are stored once however many rows name them, a file is never overwritten by other bytes, and writing a
//! file before its row is harmless (an unnamed file is simply removed). A row (`invoice_documents`) says
//! which file an invoice has, under which name the user knew it, and which import brought it. Reading a
//! document checks its hash, as the evidence archive does: a file changed or removed since is never
//! enclosed as if it were the invoice.

use super::archive::Integrity;
use super::files;
use super::Ledger;
use crate::domain::digest::sha256_hex;
use crate::ledger::error::{LedgerError, Result};
use crate::ledger::QueryCached;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use std::path::PathBuf;

/// The documents' folder, inside the archive folder beside the ledger.
pub const FOLDER_NAME: &str = "factures";

/// Where an invoice's document came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentSource {
    /// The Factur-X PDF an import read the invoice from.
    Import,
    /// A PDF the user gave by hand.
    Hand,
}

impl DocumentSource {
    fn id(self) -> &'static str {
        match self {
            DocumentSource::Import => "import",
            DocumentSource::Hand => "hand",
        }
    }
}

/// An invoice's document as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InvoiceDocument {
    pub invoice_id: i64,
    pub invoice_number: String,
    pub sha256: String,
    /// The name the user knew the file by (« F2026-068.pdf »).
    pub file_name: String,
    pub source: DocumentSource,
    /// The import that brought it, while that import is in the history.
    pub import_id: Option<i64>,
}

impl Ledger {
    /// The documents' folder (an in-memory ledger has none).
    pub fn documents_folder(&self) -> Result<PathBuf> {
        Ok(self.archive_folder()?.join(FOLDER_NAME))
    }

    /// Stores `bytes` under their SHA-256 (written aside, synced, renamed) unless an intact copy is already
    /// there; returns the SHA-256. A file under that name with other bytes (changed since) is replaced by
    /// the right ones.
    pub fn store_document(&self, bytes: &[u8]) -> Result<String> {
        let sha256 = sha256_hex(bytes);
        let path = self.documents_folder()?.join(stored_name(&sha256));
        let intact = std::fs::read(&path).is_ok_and(|stored| sha256_hex(&stored) == sha256);
        if !intact {
            files::write_atomically(&path, bytes)?;
        }
        Ok(sha256)
    }

    /// The document of one invoice, if it has one.
    pub fn invoice_document(&self, invoice_id: i64) -> Result<Option<InvoiceDocument>> {
        Ok(self
            .connection
            .query_row_cached(&format!("{SELECT_DOCUMENTS} WHERE d.invoice_id = ?1"), [invoice_id], document_from_row)
            .optional()?)
    }

    /// The documents of a client's invoices (every client's with None), in invoice order.
    pub fn invoice_documents(&self, client_id: Option<i64>) -> Result<Vec<InvoiceDocument>> {
        let sql = format!(
            "{SELECT_DOCUMENTS} WHERE {} ORDER BY i.due_date, i.id",
            super::client_filter("i.client_id", client_id, 1)
        );
        let mut statement = self.connection.prepare_cached(&sql)?;
        let rows = statement.query_map([client_id], document_from_row)?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Gives an invoice the document stored under `sha256` (by hand), replacing the one it had; returns the
    /// replaced one. The file must have been stored first (`store_document`).
    pub fn set_invoice_document(
        &mut self,
        invoice_id: i64,
        sha256: &str,
        file_name: &str,
    ) -> Result<Option<InvoiceDocument>> {
        self.invoice_row(invoice_id)?;
        let before = self.invoice_document(invoice_id)?;
        self.record_document(invoice_id, sha256, file_name, DocumentSource::Hand, None)?;
        Ok(before)
    }

    /// Takes an invoice's document away; returns it (None when it had none).
    pub fn remove_invoice_document(&mut self, invoice_id: i64) -> Result<Option<InvoiceDocument>> {
        self.invoice_row(invoice_id)?;
        let before = self.invoice_document(invoice_id)?;
        self.connection.execute("DELETE FROM invoice_documents WHERE invoice_id = ?1", [invoice_id])?;
        Ok(before)
    }

    /// Whether a document's file is still the one recorded.
    pub fn document_integrity(&self, document: &InvoiceDocument) -> Result<Integrity> {
        let path = self.documents_folder()?.join(stored_name(&document.sha256));
        Ok(match std::fs::read(path) {
            Err(_) => Integrity::Missing,
            Ok(bytes) if sha256_hex(&bytes) != document.sha256 => Integrity::Changed,
            Ok(_) => Integrity::Intact,
        })
    }

    /// A document's bytes, only if they are still exactly what was recorded.
    pub fn document_bytes(&self, document: &InvoiceDocument) -> Result<Vec<u8>> {
        let path = self.documents_folder()?.join(stored_name(&document.sha256));
        let bytes = std::fs::read(&path).map_err(|_| {
            LedgerError::Conflict(format!(
                "Le document de la facture {} (« {} ») a disparu du dossier « {FOLDER_NAME} » de l'archive : \
                 joignez-le de nouveau à la facture.",
                document.invoice_number, document.file_name
            ))
        })?;
        if sha256_hex(&bytes) != document.sha256 {
            return Err(LedgerError::Conflict(format!(
                "Le document de la facture {} (« {} ») a été modifié depuis qu'il a été joint : ce n'est plus la \
                 facture. Joignez-le de nouveau à la facture.",
                document.invoice_number, document.file_name
            )));
        }
        Ok(bytes)
    }

    /// Removes the stored files of these hashes that nothing names any more: no invoice's document, and no
    /// import's record of a document it replaced (its undo would put that one back). Files are removed
    /// after the rows that named them are gone, so a failure here leaves at worst an unnamed file.
    pub fn forget_unreferenced_documents(&self, hashes: &[String]) -> Result<()> {
        let Ok(folder) = self.documents_folder() else { return Ok(()) };
        if hashes.is_empty() {
            return Ok(());
        }
        // The documents the imports' records name, read once: the records are JSON, not indexed, and were
        // read again for each file of a batch.
        let recorded = self.documents_an_undo_restores()?;
        for sha256 in hashes {
            let attached: bool = self.connection.query_row_cached(
                "SELECT EXISTS (SELECT 1 FROM invoice_documents WHERE sha256 = ?1)",
                [sha256],
                |row| row.get(0),
            )?;
            if !attached && !recorded.contains(sha256.as_str()) {
                let _ = std::fs::remove_file(folder.join(stored_name(sha256)));
            }
        }
        Ok(())
    }

    /// The hashes of the documents the imports' records name: those an import replaced, which its undo
    /// would put back.
    pub(crate) fn documents_an_undo_restores(&self) -> Result<std::collections::HashSet<String>> {
        Ok(self
            .connection
            .prepare_cached(
                "SELECT json_extract(before_json, '$.document.sha256') FROM import_changes
                 WHERE entity = 'invoice' AND json_extract(before_json, '$.document.sha256') IS NOT NULL",
            )?
            .query_map([], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// Records (or replaces) an invoice's document row.
    pub(crate) fn record_document(
        &self,
        invoice_id: i64,
        sha256: &str,
        file_name: &str,
        source: DocumentSource,
        import_id: Option<i64>,
    ) -> Result<()> {
        self.connection
            .prepare_cached(
                "INSERT INTO invoice_documents (invoice_id, sha256, file_name, source, import_id)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (invoice_id) DO UPDATE SET sha256 = excluded.sha256, file_name = excluded.file_name,
                    source = excluded.source, import_id = excluded.import_id,
                    created_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
            )?
            .execute(params![invoice_id, sha256, file_name, source.id(), import_id])?;
        Ok(())
    }
}

/// The stored file's name: its SHA-256 and the extension of a PDF.
pub fn stored_name(sha256: &str) -> String {
    format!("{sha256}.pdf")
}

const SELECT_DOCUMENTS: &str = "SELECT d.invoice_id, i.number, d.sha256, d.file_name, d.source, d.import_id
    FROM invoice_documents d JOIN invoices i ON i.id = d.invoice_id";

fn document_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<InvoiceDocument> {
    let source: String = row.get(4)?;
    Ok(InvoiceDocument {
        invoice_id: row.get(0)?,
        invoice_number: row.get(1)?,
        sha256: row.get(2)?,
        file_name: row.get(3)?,
        source: if source == "import" { DocumentSource::Import } else { DocumentSource::Hand },
        import_id: row.get(5)?,
    })
}

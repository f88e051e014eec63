//! The `letters` table as the letters feature uses it (a letter drafted from a client, its edited body,
//! printed when exported) and `letter_templates`, the user's edited copies of templates.

use super::Ledger;
use crate::domain::letter_kind::{Dispatch, LetterKind};
use crate::ledger::error::{LedgerError, Result};
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

/// A stored letter as the letters feature reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LetterRow {
    pub id: i64,
    pub client_id: i64,
    pub kind: LetterKind,
    pub status: String,
    pub drafted_on: NaiveDate,
    pub dispatch: Dispatch,
    pub reason: String,
    /// The user's edited body, if any.
    pub body_override: Option<String>,
    pub tracking_number: Option<String>,
    /// The file the letter was last exported to.
    pub pdf_path: Option<String>,
    pub invoice_ids: Vec<i64>,
}

const LETTER_COLUMNS: &str =
    "id, client_id, kind, status, drafted_on, dispatch, reason, body_override, tracking_number, pdf_path";

impl Ledger {
    /// One stored letter with its invoices.
    pub fn letter(&self, id: i64) -> Result<LetterRow> {
        let row = self
            .connection
            .query_row(&format!("SELECT {LETTER_COLUMNS} FROM letters WHERE id = ?1"), [id], letter_of_row)
            .optional()?
            .ok_or(LedgerError::NotFound { what: "Courrier", id })?;
        self.with_invoices(row?)
    }

    /// The letters still to print that were drafted on `date` (today's accepted proposals), by id.
    pub fn drafted_letters(&self, date: NaiveDate) -> Result<Vec<LetterRow>> {
        let rows: Vec<_> = self
            .connection
            .prepare(&format!(
                "SELECT {LETTER_COLUMNS} FROM letters WHERE status = 'drafted' AND drafted_on = ?1 ORDER BY id"
            ))?
            .query_map([date], letter_of_row)?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter().map(|row| self.with_invoices(row?)).collect()
    }

    /// Drafts a letter of `kind` to a client on `date`, about `invoice_ids` (none: the kind's usual
    /// choice when it is composed); returns its id.
    pub fn draft_letter(
        &mut self,
        client_id: i64,
        kind: LetterKind,
        dispatch: Dispatch,
        date: NaiveDate,
        invoice_ids: &[i64],
    ) -> Result<i64> {
        self.atomically(|ledger| {
            ledger.client(client_id)?;
            ledger.connection.execute(
                "INSERT INTO letters (client_id, kind, status, drafted_on, dispatch, reason)
                 VALUES (?1, ?2, 'drafted', ?3, ?4, 'Courrier préparé depuis la fiche du client.')",
                params![client_id, kind.id(), date, dispatch.id()],
            )?;
            let id = ledger.connection.last_insert_rowid();
            for invoice_id in invoice_ids {
                ledger.connection.execute(
                    "INSERT INTO letter_invoices (letter_id, invoice_id) VALUES (?1, ?2)",
                    params![id, invoice_id],
                )?;
            }
            Ok(id)
        })
    }

    /// Keeps the user's edited body with the letter (`None`: back to the template's text).
    pub fn save_letter_body(&mut self, id: i64, body: Option<&str>) -> Result<()> {
        let changed =
            self.connection.execute("UPDATE letters SET body_override = ?2 WHERE id = ?1", params![id, body])?;
        if changed == 0 {
            return Err(LedgerError::NotFound { what: "Courrier", id });
        }
        Ok(())
    }

    /// Marks exported letters printed (a drafted letter only: one already sent keeps its status), with
    /// the file and its SHA-256 when saved to one.
    pub fn mark_letter_printed(&mut self, id: i64, pdf_path: Option<&str>, pdf_sha256: Option<&str>) -> Result<()> {
        self.letter(id)?;
        self.connection.execute(
            "UPDATE letters SET status = CASE WHEN status = 'drafted' THEN 'printed' ELSE status END,
                    pdf_path = COALESCE(?2, pdf_path), pdf_sha256 = COALESCE(?3, pdf_sha256)
             WHERE id = ?1",
            params![id, pdf_path, pdf_sha256],
        )?;
        Ok(())
    }

    /// The signature image of the profile (PNG), if the user stored one.
    pub fn signature_png(&self) -> Result<Option<Vec<u8>>> {
        Ok(self
            .connection
            .query_row("SELECT signature_png FROM profile WHERE id = 1", [], |row| row.get(0))
            .optional()?
            .flatten())
    }

    /// The user's copies of templates, by name.
    pub fn template_copies(&self) -> Result<Vec<(String, String)>> {
        Ok(self
            .connection
            .prepare("SELECT name, source FROM letter_templates ORDER BY name")?
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The user's copy of one template, if any.
    pub fn template_copy(&self, name: &str) -> Result<Option<String>> {
        Ok(self
            .connection
            .query_row("SELECT source FROM letter_templates WHERE name = ?1", [name], |row| row.get(0))
            .optional()?)
    }

    /// Stores the user's copy of a template (checked by the caller).
    pub fn save_template_copy(&mut self, name: &str, source: &str) -> Result<()> {
        self.connection.execute(
            "INSERT INTO letter_templates (name, source) VALUES (?1, ?2)
             ON CONFLICT (name) DO UPDATE SET source = excluded.source,
                 updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
            params![name, source],
        )?;
        Ok(())
    }

    /// Drops the user's copy: the original applies again.
    pub fn restore_template(&mut self, name: &str) -> Result<()> {
        self.connection.execute("DELETE FROM letter_templates WHERE name = ?1", [name])?;
        Ok(())
    }

    fn with_invoices(&self, mut row: LetterRow) -> Result<LetterRow> {
        row.invoice_ids = self.letter_invoice_ids(row.id)?;
        Ok(row)
    }

    /// The invoices a letter is about, by id.
    pub(super) fn letter_invoice_ids(&self, letter_id: i64) -> Result<Vec<i64>> {
        Ok(self
            .connection
            .prepare_cached("SELECT invoice_id FROM letter_invoices WHERE letter_id = ?1 ORDER BY invoice_id")?
            .query_map([letter_id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }
}

/// A row of `LETTER_COLUMNS`; an unknown kind or dispatch is reported as a storage problem.
fn letter_of_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Result<LetterRow>> {
    let kind: String = row.get(2)?;
    let dispatch: String = row.get(5)?;
    let (Some(kind), Some(dispatch)) = (LetterKind::from_id(&kind), Dispatch::from_id(&dispatch)) else {
        return Ok(Err(LedgerError::Exchange(format!(
            "courrier n° {} : modèle « {kind} » inconnu.",
            row.get::<_, i64>(0)?
        ))));
    };
    Ok(Ok(LetterRow {
        id: row.get(0)?,
        client_id: row.get(1)?,
        kind,
        status: row.get(3)?,
        drafted_on: row.get(4)?,
        dispatch,
        reason: row.get(6)?,
        body_override: row.get(7)?,
        tracking_number: row.get(8)?,
        pdf_path: row.get(9)?,
        invoice_ids: Vec::new(),
    }))
}

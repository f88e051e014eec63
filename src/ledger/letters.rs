//! The `letters` table as the letters feature uses it — a letter drafted about the invoices it names, its
//! edited body, printed (with the kept copy of the PDF printed and the penalty figures it states),
//! cancelled with a reason — and `letter_templates`, the user's edited copies of templates.
//!
//! A letter's life: drafted → printed → sent, or cancelled while it is drafted or printed. A printed
//! letter whose body is edited goes back to drafted: what is sent must be what was printed last.

use super::Ledger;
use crate::documents::letters::facts::BreakdownFacts;
use crate::domain::letter_kind::{Dispatch, LetterKind};
use crate::domain::money::{from_cents, to_cents};
use crate::domain::timeline::CancelledLetter;
use crate::ledger::error::{LedgerError, Result};
use crate::ledger::QueryCached;
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use rust_decimal::Decimal;
use serde::Serialize;

/// A stored letter as the letters feature reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LetterRow {
    pub id: i64,
    pub client_id: i64,
    pub kind: LetterKind,
    /// drafted, printed, sent or cancelled.
    pub status: String,
    pub drafted_on: NaiveDate,
    pub dispatch: Dispatch,
    pub reason: String,
    /// "with_fees" for a plan letter carrying the penalties; empty otherwise.
    pub variant: String,
    /// The user's edited body, if any.
    pub body_override: Option<String>,
    pub tracking_number: Option<String>,
    /// The file the letter was last exported to.
    pub pdf_path: Option<String>,
    /// The day it was last printed, if ever.
    pub printed_on: Option<NaiveDate>,
    /// The kept copy of the PDF last printed: its name in the archive's printed folder, and its SHA-256.
    pub printed_file: Option<String>,
    pub printed_sha256: Option<String>,
    /// The penalty figures the PDF last printed states; `None` for a letter printed before the ledger
    /// kept them (migration 0014) or never printed.
    pub printed_figures: Option<PrintedFigures>,
    pub cancelled_on: Option<NaiveDate>,
    pub cancel_reason: Option<String>,
    pub invoice_ids: Vec<i64>,
}

impl LetterRow {
    /// Printed, then edited: it waits to be printed again and cannot be sent before.
    pub fn edited_since_printed(&self) -> bool {
        self.status == "drafted" && self.printed_on.is_some()
    }
}

/// A PDF kept when its letter was printed: its file in the archive's printed folder, its SHA-256, and the
/// penalty figures it states.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrintedCopy {
    pub file_name: String,
    pub sha256: String,
    pub printed_on: NaiveDate,
    pub figures: PrintedFigures,
}

/// The penalty breakdown (F4) a letter states as printed: the figures of the facts it was composed with
/// on the day it was printed, whatever the ledger learns later (a payment dated before that day, a rate
/// entered since). Stored with each print, replaced by a reprint's like the kept copy: the letter sent is
/// the PDF printed last (only it can be recorded sent, and a sent letter is never printed again), so the
/// figures kept are those of the paper that left. Amounts to the cent, stored as integer cents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct PrintedFigures {
    pub principal: Decimal,
    pub interest: Decimal,
    pub indemnity: Decimal,
    pub total: Decimal,
}

impl From<&BreakdownFacts> for PrintedFigures {
    fn from(breakdown: &BreakdownFacts) -> PrintedFigures {
        PrintedFigures {
            principal: breakdown.principal,
            interest: breakdown.interest,
            indemnity: breakdown.indemnity,
            total: breakdown.total,
        }
    }
}

const LETTER_COLUMNS: &str = "id, client_id, kind, status, drafted_on, dispatch, reason, variant, body_override, \
     tracking_number, pdf_path, printed_on, printed_file, pdf_sha256, cancelled_on, cancel_reason, \
     printed_principal_cents, printed_interest_cents, printed_indemnity_cents, printed_total_cents";

impl Ledger {
    /// One stored letter with its invoices.
    pub fn letter(&self, id: i64) -> Result<LetterRow> {
        let row = self
            .connection
            .query_row_cached(&format!("SELECT {LETTER_COLUMNS} FROM letters WHERE id = ?1"), [id], letter_of_row)
            .optional()?
            .ok_or(LedgerError::NotFound { what: "Courrier", id })?;
        self.with_invoices(row?)
    }

    /// Every letter (or one client's), by id, with its invoices.
    pub fn letters(&self, client_id: Option<i64>) -> Result<Vec<LetterRow>> {
        self.letter_rows(&format!("WHERE {} ORDER BY id", super::client_filter("client_id", client_id, 1)), client_id)
    }

    /// Every letter waiting to be printed, whatever day it was drafted: drafted and never printed, or
    /// edited since it was printed. Oldest first. E-mail letters are in it too (issue 13: the batch holds
    /// every waiting letter): printed, an e-mail letter leaves with the PDF printed attached.
    pub fn letters_to_print(&self) -> Result<Vec<LetterRow>> {
        self.letter_rows("WHERE status = 'drafted' AND ?1 IS NULL ORDER BY drafted_on, id", None)
    }

    pub(super) fn letter_rows(&self, filter: &str, client_id: Option<i64>) -> Result<Vec<LetterRow>> {
        let rows: Vec<_> = self
            .connection
            .prepare_cached(&format!("SELECT {LETTER_COLUMNS} FROM letters {filter}"))?
            .query_map([client_id], letter_of_row)?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter().map(|row| self.with_invoices(row?)).collect()
    }

    /// Drafts a letter of `kind` to a client on `date`, about `invoice_ids` (at least one, all the
    /// client's, no credit note); returns its id.
    pub fn draft_letter(
        &mut self,
        client_id: i64,
        kind: LetterKind,
        dispatch: Dispatch,
        date: NaiveDate,
        invoice_ids: &[i64],
    ) -> Result<i64> {
        self.draft_letter_with(client_id, kind, dispatch, date, invoice_ids, "")
    }

    /// [`Ledger::draft_letter`] with a template variant ("with_fees").
    pub fn draft_letter_with(
        &mut self,
        client_id: i64,
        kind: LetterKind,
        dispatch: Dispatch,
        date: NaiveDate,
        invoice_ids: &[i64],
        variant: &str,
    ) -> Result<i64> {
        self.atomically(|ledger| {
            ledger.check_letter_invoices(client_id, invoice_ids)?;
            ledger.connection.execute(
                "INSERT INTO letters (client_id, kind, status, drafted_on, dispatch, reason, variant)
                 VALUES (?1, ?2, 'drafted', ?3, ?4, 'Courrier préparé depuis la fiche du client.', ?5)",
                params![client_id, kind.id(), date, dispatch.id(), variant],
            )?;
            let id = ledger.connection.last_insert_rowid();
            for invoice_id in invoice_ids {
                ledger.connection.execute(
                    "INSERT OR IGNORE INTO letter_invoices (letter_id, invoice_id) VALUES (?1, ?2)",
                    params![id, invoice_id],
                )?;
            }
            Ok(id)
        })
    }

    /// A letter is about at least one invoice, each of them the client's and none a credit note.
    fn check_letter_invoices(&self, client_id: i64, invoice_ids: &[i64]) -> Result<()> {
        let client = self.client(client_id)?;
        if invoice_ids.is_empty() {
            return Err(LedgerError::invalid(
                "invoice_ids",
                format!(
                    "choisissez au moins une facture de {} : un courrier porte sur les factures qu'il réclame.",
                    client.fields.display_name()
                ),
            ));
        }
        for id in invoice_ids {
            let invoice = self.invoice_row(*id)?.invoice;
            if invoice.client_id != client_id {
                return Err(LedgerError::invalid(
                    "invoice_ids",
                    format!("la facture {} n'est pas une facture de {}.", invoice.number, client.fields.display_name()),
                ));
            }
            if invoice.amount <= Decimal::ZERO {
                return Err(LedgerError::invalid(
                    "invoice_ids",
                    format!("{} est un avoir : un courrier porte sur des factures.", invoice.number),
                ));
            }
        }
        Ok(())
    }

    /// Keeps the user's edited body with the letter (`None`: back to the template's text). A letter sent
    /// or cancelled no longer changes; a printed letter whose text changes must be printed again (it goes
    /// back to drafted). Returns the letter as stored now.
    pub fn save_letter_body(&mut self, id: i64, body: Option<&str>) -> Result<LetterRow> {
        let row = self.letter(id)?;
        match row.status.as_str() {
            "sent" => {
                return Err(LedgerError::Conflict(format!(
                    "Le courrier n° {id} est envoyé : son texte ne change plus (c'est celui qui est archivé)."
                )))
            }
            "cancelled" => {
                return Err(LedgerError::Conflict(format!(
                    "Le courrier n° {id} est annulé : son texte ne change plus. Préparez un nouveau courrier."
                )))
            }
            _ => {}
        }
        if row.body_override.as_deref() != body {
            self.connection.execute(
                "UPDATE letters SET body_override = ?2,
                        status = CASE WHEN status = 'printed' THEN 'drafted' ELSE status END
                 WHERE id = ?1",
                params![id, body],
            )?;
        }
        self.letter(id)
    }

    /// Records that a letter was printed on `copy.printed_on`: its kept copy with the figures it states, and
    /// the file it was exported to. A drafted letter becomes printed; a cancelled or sent one is not printed
    /// again. A reprint replaces the copy and the figures of the print before.
    pub fn record_print(&mut self, id: i64, pdf_path: Option<&str>, copy: &PrintedCopy) -> Result<()> {
        let row = self.letter(id)?;
        if matches!(row.status.as_str(), "cancelled" | "sent") {
            return Err(LedgerError::Conflict(format!(
                "Le courrier n° {id} est {} : il ne s'imprime plus.",
                if row.status == "sent" { "envoyé" } else { "annulé" }
            )));
        }
        self.connection.execute(
            "UPDATE letters SET status = 'printed', printed_on = ?2, printed_file = ?3, pdf_sha256 = ?4,
                    pdf_path = COALESCE(?5, pdf_path), printed_principal_cents = ?6, printed_interest_cents = ?7,
                    printed_indemnity_cents = ?8, printed_total_cents = ?9
             WHERE id = ?1",
            params![
                id,
                copy.printed_on,
                copy.file_name,
                copy.sha256,
                pdf_path,
                to_cents(copy.figures.principal),
                to_cents(copy.figures.interest),
                to_cents(copy.figures.indemnity),
                to_cents(copy.figures.total),
            ],
        )?;
        Ok(())
    }

    /// Cancels a drafted or printed letter on `on`, with the user's reason: it stays in the client's
    /// history and stops blocking the dunning ladder. A payment plan whose letter it was, not yet signed,
    /// is a draft again (its letter was never sent).
    pub fn cancel_letter(&mut self, id: i64, on: NaiveDate, reason: &str) -> Result<()> {
        let reason = reason.trim();
        self.atomically(|ledger| {
            let row = ledger.letter(id)?;
            match row.status.as_str() {
                "sent" => {
                    return Err(LedgerError::Conflict(format!(
                        "Le courrier n° {id} est déjà envoyé : il ne s'annule plus. S'il n'est pas arrivé, \
                         enregistrez son retour ; sinon préparez le courrier suivant."
                    )))
                }
                "cancelled" => {
                    return Err(LedgerError::Conflict(format!("Le courrier n° {id} est déjà annulé.")));
                }
                _ => {}
            }
            if reason.is_empty() {
                return Err(LedgerError::invalid(
                    "reason",
                    "indiquez pourquoi ce courrier est annulé : le motif reste dans l'historique du client.",
                ));
            }
            if on < row.drafted_on {
                return Err(LedgerError::invalid(
                    "cancelled_on",
                    format!("l'annulation ne peut pas précéder la préparation du courrier ({}).", row.drafted_on),
                ));
            }
            ledger.connection.execute(
                "UPDATE letters SET status = 'cancelled', cancelled_on = ?2, cancel_reason = ?3 WHERE id = ?1",
                params![id, on, reason],
            )?;
            ledger.connection.execute(
                "UPDATE plans SET letter_id = NULL, status = 'draft', sent_on = NULL
                 WHERE letter_id = ?1 AND status IN ('draft', 'sent')",
                [id],
            )?;
            Ok(())
        })
    }

    /// A client's cancelled letters, for its timeline.
    pub fn cancelled_letters(&self, client_id: i64) -> Result<Vec<CancelledLetter>> {
        Ok(self
            .letter_rows("WHERE status = 'cancelled' AND client_id = ?1 ORDER BY cancelled_on, id", Some(client_id))?
            .into_iter()
            .map(|row| CancelledLetter {
                id: row.id,
                kind: row.kind,
                dispatch: row.dispatch,
                drafted_on: row.drafted_on,
                cancelled_on: row.cancelled_on.unwrap_or(row.drafted_on),
                reason: row.cancel_reason.unwrap_or_default(),
                invoice_ids: row.invoice_ids,
            })
            .collect())
    }

    /// The signature image of the profile (PNG), if the user stored one.
    pub fn signature_png(&self) -> Result<Option<Vec<u8>>> {
        Ok(self
            .connection
            .query_row_cached("SELECT signature_png FROM profile WHERE id = 1", [], |row| row.get(0))
            .optional()?
            .flatten())
    }

    /// The user's copies of templates, by name.
    pub fn template_copies(&self) -> Result<Vec<(String, String)>> {
        Ok(self
            .connection
            .prepare_cached("SELECT name, source FROM letter_templates ORDER BY name")?
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The user's copy of one template, if any.
    pub fn template_copy(&self, name: &str) -> Result<Option<String>> {
        Ok(self
            .connection
            .query_row_cached("SELECT source FROM letter_templates WHERE name = ?1", [name], |row| row.get(0))
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
        variant: row.get(7)?,
        body_override: row.get(8)?,
        tracking_number: row.get(9)?,
        pdf_path: row.get(10)?,
        printed_on: row.get(11)?,
        printed_file: row.get(12)?,
        printed_sha256: row.get(13)?,
        cancelled_on: row.get(14)?,
        cancel_reason: row.get(15)?,
        printed_figures: printed_figures_of(row)?,
        invoice_ids: Vec::new(),
    }))
}

/// The figures stored with a letter's last print (columns 16 to 19 of `LETTER_COLUMNS`), if it has them.
fn printed_figures_of(row: &rusqlite::Row<'_>) -> rusqlite::Result<Option<PrintedFigures>> {
    let cents: [Option<i64>; 4] = [row.get(16)?, row.get(17)?, row.get(18)?, row.get(19)?];
    let [Some(principal), Some(interest), Some(indemnity), Some(total)] = cents else { return Ok(None) };
    Ok(Some(PrintedFigures {
        principal: from_cents(principal),
        interest: from_cents(interest),
        indemnity: from_cents(indemnity),
        total: from_cents(total),
    }))
}

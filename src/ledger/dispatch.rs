//! Registered mail and proof (F7) in the ledger: a letter's dispatch (sent with its tracking number,
//! guarantee level, receipt option and deposit date), its delivery (received, left unclaimed, returned)
//! and the evidence archive's rows (`archive_files`, migration 0007). The checks of a form live in
//! `crate::domain::delivery`; the checks against what is stored (dates in order, a cancelled letter) live here.

use super::Ledger;
use crate::domain::delivery::{Delivery, DispatchRow, GuaranteeLevel, Sending};
use crate::domain::letter_kind::{Dispatch, LetterKind};
use crate::ledger::error::{LedgerError, Result};
use crate::ledger::QueryCached;
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};

const DISPATCH_COLUMNS: &str = "l.id, l.client_id, l.kind, l.status, l.dispatch, l.drafted_on, l.sent_on, \
     l.tracking_number, l.guarantee_level, l.with_receipt, l.deposit_date, l.receipt_date, l.presented_on, \
     l.returned_on, l.delivery_outcome";

impl Ledger {
    /// One letter's dispatch as stored.
    pub fn dispatch_row(&self, letter_id: i64) -> Result<DispatchRow> {
        let row = self
            .connection
            .query_row_cached(&format!("SELECT {DISPATCH_COLUMNS} FROM letters l WHERE l.id = ?1"), [letter_id], row_of)
            .optional()?
            .ok_or(LedgerError::NotFound { what: "Courrier", id: letter_id })??;
        self.with_letter_invoices(row)
    }

    /// Every letter (or one client's), newest first, cancelled ones included.
    pub fn dispatch_rows(&self, client_id: Option<i64>) -> Result<Vec<DispatchRow>> {
        let rows: Vec<_> = self
            .connection
            .prepare_cached(&format!(
                "SELECT {DISPATCH_COLUMNS} FROM letters l WHERE {}
                 ORDER BY l.drafted_on DESC, l.id DESC",
                super::client_filter("l.client_id", client_id, 1)
            ))?
            .query_map([client_id], row_of)?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter().map(|row| self.with_letter_invoices(row?)).collect()
    }

    /// Records that a letter left: the day, and for a registered letter its number, level and receipt
    /// option; the plan it proposes, if any, is sent that day. A letter may be recorded again (a corrected
    /// number) until a delivery is recorded.
    pub fn write_sending(&mut self, letter_id: i64, sending: &Sending) -> Result<()> {
        let row = self.dispatch_row(letter_id)?;
        if row.status == "cancelled" {
            return Err(LedgerError::invalid("status", "ce courrier a été annulé : il ne peut pas être envoyé."));
        }
        if sending.date < row.drafted_on {
            return Err(LedgerError::invalid("sent_on", "l'envoi ne peut pas précéder la préparation du courrier."));
        }
        if row.delivery.is_some() {
            return Err(LedgerError::invalid(
                "sent_on",
                "la distribution de ce courrier est déjà enregistrée : son envoi ne peut plus changer.",
            ));
        }
        self.connection.execute(
            "UPDATE letters SET status = 'sent', sent_on = ?2, deposit_date = ?2,
                    tracking_number = COALESCE(?3, tracking_number),
                    guarantee_level = COALESCE(?4, guarantee_level), with_receipt = ?5
             WHERE id = ?1",
            params![
                letter_id,
                sending.date,
                sending.tracking_number,
                sending.level.map(GuaranteeLevel::id),
                sending.with_receipt
            ],
        )?;
        // A plan is sent when its letter is, dated that day (printing it is not sending it); a sending
        // corrected moves the date with it.
        self.connection.execute(
            "UPDATE plans SET status = 'sent', sent_on = ?2 WHERE letter_id = ?1 AND status IN ('draft', 'sent')",
            params![letter_id, sending.date],
        )?;
        Ok(())
    }

    /// Records what became of a sent letter: received (the date on the acknowledgement), left unclaimed
    /// (the day of the first presentation) or returned to the sender.
    pub fn write_delivery(&mut self, letter_id: i64, delivery: &Delivery) -> Result<()> {
        let row = self.dispatch_row(letter_id)?;
        let Some(sent) = row.sent_on.filter(|_| row.status == "sent") else {
            return Err(LedgerError::invalid("receipt_date", "ce courrier n'a pas encore été envoyé."));
        };
        if delivery.date() < sent {
            return Err(LedgerError::invalid(delivery.field(), "cette date ne peut pas précéder l'envoi."));
        }
        let (received, presented, returned) = match delivery {
            Delivery::Received(on) => (Some(*on), None, None),
            Delivery::Unclaimed(on) => (None, Some(*on), None),
            Delivery::Returned(on) => (None, None, Some(*on)),
        };
        self.connection.execute(
            "UPDATE letters SET delivery_outcome = ?2, receipt_date = ?3, presented_on = ?4, returned_on = ?5,
                    with_receipt = CASE WHEN ?3 IS NULL THEN with_receipt ELSE 1 END
             WHERE id = ?1",
            params![letter_id, delivery.outcome(), received, presented, returned],
        )?;
        Ok(())
    }

    fn with_letter_invoices(&self, mut row: DispatchRow) -> Result<DispatchRow> {
        row.invoice_ids = self.letter_invoice_ids(row.id)?;
        Ok(row)
    }
}

fn row_of(row: &rusqlite::Row<'_>) -> rusqlite::Result<Result<DispatchRow>> {
    let id: i64 = row.get(0)?;
    let kind: String = row.get(2)?;
    let dispatch: String = row.get(4)?;
    let (Some(kind), Some(dispatch)) = (LetterKind::from_id(&kind), Dispatch::from_id(&dispatch)) else {
        return Ok(Err(LedgerError::Exchange(format!("courrier n° {id} : modèle « {kind} » inconnu."))));
    };
    let level: Option<String> = row.get(8)?;
    let outcome: Option<String> = row.get(14)?;
    let receipt: Option<NaiveDate> = row.get(11)?;
    let presented: Option<NaiveDate> = row.get(12)?;
    let returned: Option<NaiveDate> = row.get(13)?;
    let delivery = delivery_of(outcome, receipt, presented, returned);
    Ok(Ok(DispatchRow {
        id,
        client_id: row.get(1)?,
        kind,
        status: row.get(3)?,
        dispatch,
        drafted_on: row.get(5)?,
        sent_on: row.get(6)?,
        tracking_number: row.get(7)?,
        level: level.as_deref().and_then(GuaranteeLevel::from_id),
        with_receipt: row.get(9)?,
        deposit_date: row.get(10)?,
        delivery,
        invoice_ids: Vec::new(),
    }))
}

/// The delivery recorded on a letter's row (outcome and its date); a receipt date alone (recorded before
/// the outcome column was filled) counts as received.
pub(super) fn delivery_of(
    outcome: Option<String>,
    received: Option<NaiveDate>,
    presented: Option<NaiveDate>,
    returned: Option<NaiveDate>,
) -> Option<crate::domain::delivery::Delivery> {
    use crate::domain::delivery::Delivery;
    match (outcome.as_deref(), received, presented, returned) {
        (Some("unclaimed"), _, Some(on), _) => Some(Delivery::Unclaimed(on)),
        (Some("returned"), _, _, Some(on)) => Some(Delivery::Returned(on)),
        (_, Some(on), _, _) => Some(Delivery::Received(on)),
        _ => None,
    }
}

//! The `events` table: notes, calls, promises, disputes, pauses and procedure steps of the timeline.

use super::{enum_from_text, enum_text, Ledger};
use crate::domain::model::{Event, EventFields, EventKind};
use crate::domain::money::{from_cents, to_cents};
use crate::ledger::error::{LedgerError, Result};
use chrono::NaiveDate;
use rusqlite::params;

impl Ledger {
    /// Records a timeline event after checking the form; returns its id.
    pub fn add_event(&mut self, fields: &EventFields) -> Result<i64> {
        let mut fields = fields.clone();
        fields.validate()?;
        self.client(fields.client_id).map_err(|error| match error {
            LedgerError::NotFound { .. } => LedgerError::invalid("client_id", "choisissez un client existant."),
            other => other,
        })?;
        if let Some(invoice_id) = fields.invoice_id {
            let row = self.invoice_row(invoice_id)?;
            if row.invoice.client_id != fields.client_id {
                return Err(LedgerError::invalid("invoice_id", "cette facture appartient à un autre client."));
            }
        }
        self.connection.execute(
            "INSERT INTO events (client_id, kind, date, text, amount_cents, until, invoice_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                fields.client_id,
                enum_text(&fields.kind),
                fields.date,
                fields.text,
                fields.amount.map(to_cents),
                fields.until,
                fields.invoice_id
            ],
        )?;
        Ok(self.connection.last_insert_rowid())
    }

    /// Ends a dispute or lifts a pause on `date`.
    pub fn close_event(&mut self, id: i64, date: NaiveDate) -> Result<()> {
        let event = self.event(id)?;
        if !matches!(event.fields.kind, EventKind::Dispute | EventKind::Pause) {
            return Err(LedgerError::Conflict("Seules une contestation ou une suspension se clôturent.".into()));
        }
        if event.closed_on.is_some() {
            return Err(LedgerError::Conflict("Cet événement est déjà clos.".into()));
        }
        if date < event.fields.date {
            return Err(LedgerError::invalid("date", "la clôture ne peut pas précéder l'ouverture."));
        }
        self.connection.execute("UPDATE events SET closed_on = ?2 WHERE id = ?1", params![id, date])?;
        Ok(())
    }

    /// One event.
    pub fn event(&self, id: i64) -> Result<Event> {
        self.load_events("WHERE id = ?1", id)?.pop().ok_or(LedgerError::NotFound { what: "Événement", id })
    }

    /// A client's events, oldest first.
    pub fn events(&self, client_id: i64) -> Result<Vec<Event>> {
        self.load_events("WHERE client_id = ?1", client_id)
    }

    pub(super) fn load_events(&self, filter: &str, key: impl rusqlite::ToSql) -> Result<Vec<Event>> {
        let sql = format!(
            "SELECT id, client_id, kind, date, text, amount_cents, until, invoice_id, closed_on
             FROM events {filter} ORDER BY date, id"
        );
        let mut statement = self.connection.prepare_cached(&sql)?;
        let events = statement
            .query_map([key], |row| {
                Ok(Event {
                    id: row.get(0)?,
                    fields: EventFields {
                        client_id: row.get(1)?,
                        kind: enum_from_text(row.get(2)?)?,
                        date: row.get(3)?,
                        text: row.get(4)?,
                        amount: row.get::<_, Option<i64>>(5)?.map(from_cents),
                        until: row.get(6)?,
                        invoice_id: row.get(7)?,
                    },
                    closed_on: row.get(8)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(events)
    }
}

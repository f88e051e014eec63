//! The rows the derived figures (F1.6) are computed from: open invoices, unallocated credits, sales.
//! The arithmetic itself lives in `crate::figures`, outside SQL.

use super::Ledger;
use crate::error::Result;
use crate::model::{Event, EventKind};
use crate::money::from_cents;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// An invoice with something left to pay (or, negative, an unused credit note).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenInvoice {
    pub invoice_id: i64,
    pub client_id: i64,
    pub due_date: NaiveDate,
    pub remaining: Decimal,
}

/// What the figures need besides open invoices.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClientTotals {
    /// Money received and not allocated to any invoice, by client: it lowers the balance.
    pub unallocated: HashMap<i64, Decimal>,
}

impl Ledger {
    /// Every invoice not written off whose remaining amount is not zero.
    pub fn open_invoices(&self) -> Result<Vec<OpenInvoice>> {
        let mut statement = self.connection.prepare_cached(
            "SELECT i.id, i.client_id, i.due_date, i.amount_cents - COALESCE(p.paid_cents, 0)
             FROM invoices i LEFT JOIN invoice_paid p ON p.invoice_id = i.id
             WHERE i.written_off_on IS NULL AND i.amount_cents - COALESCE(p.paid_cents, 0) <> 0",
        )?;
        let rows = statement
            .query_map([], |row| {
                Ok(OpenInvoice {
                    invoice_id: row.get(0)?,
                    client_id: row.get(1)?,
                    due_date: row.get(2)?,
                    remaining: from_cents(row.get(3)?),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Unallocated money of non-rejected payments, by client.
    pub fn client_totals(&self) -> Result<ClientTotals> {
        let mut statement = self.connection.prepare_cached(
            "SELECT p.client_id, SUM(p.amount_cents - COALESCE(a.allocated, 0))
             FROM payments p
             LEFT JOIN (SELECT payment_id, SUM(amount_cents) AS allocated FROM payment_allocations
                        GROUP BY payment_id) a ON a.payment_id = p.id
             WHERE NOT EXISTS (SELECT 1 FROM payment_rejections r WHERE r.payment_id = p.id)
             GROUP BY p.client_id
             HAVING SUM(p.amount_cents - COALESCE(a.allocated, 0)) <> 0",
        )?;
        let unallocated = statement
            .query_map([], |row| Ok((row.get::<_, i64>(0)?, from_cents(row.get(1)?))))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ClientTotals { unallocated })
    }

    /// The total invoiced (credit notes deducted) with an issue date in `from..=to`, for the DSO.
    pub fn invoiced_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Decimal> {
        let cents: i64 = self.connection.query_row(
            "SELECT COALESCE(SUM(amount_cents), 0) FROM invoices WHERE issue_date BETWEEN ?1 AND ?2",
            [from, to],
            |row| row.get(0),
        )?;
        Ok(from_cents(cents))
    }

    /// The number of clients.
    pub fn client_count(&self) -> Result<i64> {
        Ok(self.connection.query_row("SELECT COUNT(*) FROM clients", [], |row| row.get(0))?)
    }

    /// Every dispute, open or closed, of every client.
    pub fn disputes(&self) -> Result<Vec<Event>> {
        let mut statement = self.connection.prepare_cached("SELECT id FROM events WHERE kind = ?1 ORDER BY id")?;
        let ids: Vec<i64> = statement
            .query_map([super::enum_text(&EventKind::Dispute)], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter().map(|id| self.event(id)).collect()
    }
}

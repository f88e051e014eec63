//! The rows the derived figures (F1.6) are computed from, as of a date: open invoices, unallocated
//! credit, sales. The arithmetic itself lives in `crate::figures`, outside SQL.

use super::{Ledger, PAID_AS_OF};
use crate::ledger::error::Result;
use crate::model::{Event, EventKind};
use crate::money::from_cents;
use chrono::NaiveDate;
use rusqlite::params;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// An invoice with something left to pay on a date (or, negative, an unused credit note).
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
    /// Money received and not allocated to any invoice, by client: a credit in the client's favour.
    pub unallocated: HashMap<i64, Decimal>,
}

impl Ledger {
    /// Every invoice issued by `as_of`, not written off by then, whose remaining amount on that day is
    /// not zero; by client, then oldest due date first (the order credits are set against them).
    pub fn open_invoices(&self, as_of: NaiveDate) -> Result<Vec<OpenInvoice>> {
        let sql = format!(
            "WITH {PAID_AS_OF}
             SELECT i.id, i.client_id, i.due_date, i.amount_cents - COALESCE(p.paid_cents, 0)
             FROM invoices i LEFT JOIN paid p ON p.invoice_id = i.id
             WHERE i.issue_date <= ?1 AND (i.written_off_on IS NULL OR i.written_off_on > ?1)
               AND i.amount_cents - COALESCE(p.paid_cents, 0) <> 0
             ORDER BY i.client_id, i.due_date, i.issue_date, i.id"
        );
        let mut statement = self.connection.prepare_cached(&sql)?;
        let rows = statement
            .query_map([as_of], |row| {
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

    /// Unallocated money, by client, of payments made by `as_of` and not rejected by then.
    pub fn client_totals(&self, as_of: NaiveDate) -> Result<ClientTotals> {
        let mut statement = self.connection.prepare_cached(
            "SELECT p.client_id, SUM(p.amount_cents - COALESCE(a.allocated, 0))
             FROM payments p
             LEFT JOIN (SELECT payment_id, SUM(amount_cents) AS allocated FROM payment_allocations
                        GROUP BY payment_id) a ON a.payment_id = p.id
             LEFT JOIN payment_rejections r ON r.payment_id = p.id
             WHERE p.date <= ?1 AND (r.date IS NULL OR r.date > ?1)
             GROUP BY p.client_id
             HAVING SUM(p.amount_cents - COALESCE(a.allocated, 0)) <> 0",
        )?;
        let unallocated = statement
            .query_map([as_of], |row| Ok((row.get::<_, i64>(0)?, from_cents(row.get(1)?))))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ClientTotals { unallocated })
    }

    /// The total invoiced (credit notes deducted) with an issue date in `from..=to`, for the DSO.
    pub fn invoiced_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Decimal> {
        let cents: i64 = self.connection.query_row(
            "SELECT COALESCE(SUM(amount_cents), 0) FROM invoices WHERE issue_date BETWEEN ?1 AND ?2",
            params![from, to],
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
        self.load_events("WHERE kind = ?1", super::enum_text(&EventKind::Dispute))
    }
}

//! What the penalty computation (`crate::penalties::compute`) needs, for every client or one, loaded in
//! a constant number of queries whatever the number of clients: late invoices with their dated receipts,
//! the client's kind, opening judgment and mise en demeure.
//!
//! Receipts are the allocations of payments made by `as_of` and not rejected by then (the `PAID_AS_OF`
//! rule), plus the credits `figures::settle` sets against open invoices: unused credit notes (dated by
//! their issue date), then unallocated money (dated by its payment), covering open invoices oldest due
//! date first. So the principal here is the one the rest of the app shows.

use super::{decimal_from_text, enum_from_text, Ledger};
use crate::ledger::error::Result;
use crate::model::ClientKind;
use crate::money::from_cents;
use crate::penalties::{PenaltyClient, PenaltyInvoice};
use chrono::NaiveDate;
use rusqlite::types::Value;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// The letter kind of a mise en demeure (the dunning engine's `LetterKind::FormalNotice`).
const FORMAL_NOTICE_KIND: &str = "formal_notice";

/// Payments counted on `?1`: made by then and not rejected by then.
const COUNTED_PAYMENT: &str = "p.date <= ?1 AND NOT EXISTS
    (SELECT 1 FROM payment_rejections r WHERE r.payment_id = p.id AND r.date <= ?1)";

impl Ledger {
    /// Every client's penalty inputs on `as_of` (or only `client`'s), by client id. Every client is listed,
    /// even one with no late invoice. The invoices are those due before `as_of`, issued and not written off
    /// by then, with a positive amount, that were not fully paid on their due date: still owed, or paid late.
    pub fn penalty_inputs(&self, as_of: NaiveDate, client: Option<i64>) -> Result<Vec<PenaltyClient>> {
        let client_filter = client.map_or(Value::Null, Value::Integer);
        let parameters = rusqlite::params![as_of, client_filter];

        let mut clients: Vec<PenaltyClient> = self
            .connection
            .prepare_cached(
                "SELECT id, kind, CASE WHEN status = 'collective_procedure' THEN procedure_opening_date END
                 FROM clients WHERE ?2 IS NULL OR id = ?2 ORDER BY id",
            )?
            .query_map(rusqlite::params![as_of, client_filter], |row| {
                Ok(PenaltyClient {
                    client_id: row.get(0)?,
                    kind: enum_from_text::<ClientKind>(row.get(1)?)?,
                    invoices: Vec::new(),
                    formal_notice: None,
                    opening_judgment: row.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let index: HashMap<i64, usize> = clients.iter().enumerate().map(|(i, c)| (c.client_id, i)).collect();

        // Dated receipts of every invoice due before as_of, by invoice.
        let mut receipts: HashMap<i64, Vec<(NaiveDate, Decimal)>> = HashMap::new();
        let sql = format!(
            "SELECT a.invoice_id, p.date, a.amount_cents
             FROM payment_allocations a JOIN payments p ON p.id = a.payment_id JOIN invoices i ON i.id = a.invoice_id
             WHERE i.due_date < ?1 AND (?2 IS NULL OR i.client_id = ?2) AND {COUNTED_PAYMENT}"
        );
        let mut statement = self.connection.prepare_cached(&sql)?;
        let mut rows = statement.query(parameters)?;
        while let Some(row) = rows.next()? {
            receipts.entry(row.get(0)?).or_default().push((row.get(1)?, from_cents(row.get(2)?)));
        }
        drop(rows);

        for (invoice_id, credit) in self.settled_credits(as_of, client_filter.clone())? {
            receipts.entry(invoice_id).or_default().push(credit);
        }

        let mut statement = self.connection.prepare_cached(
            "SELECT i.id, i.client_id, i.number, i.due_date, i.amount_cents, i.penalty_rate
             FROM invoices i
             WHERE i.due_date < ?1 AND i.issue_date <= ?1 AND i.amount_cents > 0
               AND (i.written_off_on IS NULL OR i.written_off_on > ?1) AND (?2 IS NULL OR i.client_id = ?2)
             ORDER BY i.client_id, i.due_date, i.issue_date, i.id",
        )?;
        let mut rows = statement.query(parameters)?;
        while let Some(row) = rows.next()? {
            let invoice_id: i64 = row.get(0)?;
            let client_id: i64 = row.get(1)?;
            let due_date: NaiveDate = row.get(3)?;
            let amount = from_cents(row.get(4)?);
            let invoice_receipts = receipts.remove(&invoice_id).unwrap_or_default();
            let paid_by_due: Decimal =
                invoice_receipts.iter().filter(|(date, _)| *date <= due_date).map(|(_, amount)| *amount).sum();
            if paid_by_due >= amount {
                continue;
            }
            let Some(&position) = index.get(&client_id) else { continue };
            clients[position].invoices.push(PenaltyInvoice {
                invoice_id,
                number: row.get(2)?,
                due_date,
                amount,
                contractual_rate: decimal_from_text(row.get(5)?)?,
                receipts: invoice_receipts,
            });
        }
        drop(rows);

        // The latest mise en demeure sent, effective on its receipt date if known, else the day it was sent.
        let mut statement = self.connection.prepare_cached(
            "SELECT l.client_id, MAX(COALESCE(l.receipt_date, l.sent_on, l.drafted_on))
             FROM letters l
             WHERE l.kind = ?3 AND l.status = 'sent' AND COALESCE(l.receipt_date, l.sent_on, l.drafted_on) <= ?1
               AND (?2 IS NULL OR l.client_id = ?2)
             GROUP BY l.client_id",
        )?;
        let mut rows = statement.query(rusqlite::params![as_of, client_filter, FORMAL_NOTICE_KIND])?;
        while let Some(row) = rows.next()? {
            if let Some(&position) = index.get(&row.get::<_, i64>(0)?) {
                clients[position].formal_notice = row.get(1)?;
            }
        }
        Ok(clients)
    }

    /// The credits `figures::settle` sets against open invoices on `as_of`, as dated receipts by invoice:
    /// a client's unused credit notes (oldest due date first), then its unallocated money (oldest payment
    /// first), cover its open invoices oldest due date first.
    fn settled_credits(&self, as_of: NaiveDate, client_filter: Value) -> Result<Vec<(i64, (NaiveDate, Decimal))>> {
        // Open invoices and credit notes, in the order of `Ledger::open_invoices`.
        let sql = format!(
            "WITH {paid}
             SELECT i.id, i.client_id, i.issue_date, i.amount_cents - COALESCE(p.paid_cents, 0)
             FROM invoices i LEFT JOIN paid p ON p.invoice_id = i.id
             WHERE i.issue_date <= ?1 AND (i.written_off_on IS NULL OR i.written_off_on > ?1)
               AND i.amount_cents - COALESCE(p.paid_cents, 0) <> 0 AND (?2 IS NULL OR i.client_id = ?2)
             ORDER BY i.client_id, i.due_date, i.issue_date, i.id",
            paid = super::PAID_AS_OF
        );
        let mut open: HashMap<i64, Vec<(i64, NaiveDate, i64)>> = HashMap::new();
        let mut statement = self.connection.prepare_cached(&sql)?;
        let mut rows = statement.query(rusqlite::params![as_of, client_filter])?;
        while let Some(row) = rows.next()? {
            open.entry(row.get(1)?).or_default().push((row.get(0)?, row.get(2)?, row.get(3)?));
        }
        drop(rows);

        let sql = format!(
            "SELECT p.client_id, p.date, p.amount_cents - COALESCE(
                 (SELECT SUM(a.amount_cents) FROM payment_allocations a WHERE a.payment_id = p.id), 0)
             FROM payments p
             WHERE {COUNTED_PAYMENT} AND (?2 IS NULL OR p.client_id = ?2)
             ORDER BY p.client_id, p.date, p.id"
        );
        let mut unallocated: HashMap<i64, Vec<(NaiveDate, i64)>> = HashMap::new();
        let mut statement = self.connection.prepare_cached(&sql)?;
        let mut rows = statement.query(rusqlite::params![as_of, client_filter])?;
        while let Some(row) = rows.next()? {
            let cents: i64 = row.get(2)?;
            if cents > 0 {
                unallocated.entry(row.get(0)?).or_default().push((row.get(1)?, cents));
            }
        }
        drop(rows);

        let mut credits = Vec::new();
        for (client_id, invoices) in &open {
            let mut pool: Vec<(NaiveDate, i64)> = invoices
                .iter()
                .filter(|(_, _, cents)| *cents < 0)
                .map(|(_, issued, cents)| (*issued, -cents))
                .collect();
            pool.extend(unallocated.remove(client_id).unwrap_or_default());
            for (invoice_id, _, cents) in invoices.iter().filter(|(_, _, cents)| *cents > 0) {
                let mut remaining = *cents;
                for (date, available) in pool.iter_mut().filter(|(_, available)| *available > 0) {
                    let used = remaining.min(*available);
                    remaining -= used;
                    *available -= used;
                    credits.push((*invoice_id, (*date, from_cents(used))));
                    if remaining == 0 {
                        break;
                    }
                }
            }
        }
        Ok(credits)
    }
}

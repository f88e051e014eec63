//! What the penalty computation (`crate::domain::penalties::compute`) needs, for every client or one, loaded in
//! a constant number of queries whatever the number of clients: late invoices with their dated receipts,
//! the client's kind, opening judgment and mise en demeure.
//!
//! Receipts are the allocations of payments made by `as_of` and not rejected by then (the `PAID_AS_OF`
//! rule), plus the credits `figures::settle` sets against open invoices: unused credit notes (dated by
//! their issue date), then unallocated money (dated by its payment), covering open invoices oldest due
//! date first. So the principal here is the one the rest of the app shows.

use super::{decimal_from_text, enum_from_text, Ledger};
use crate::domain::model::ClientKind;
use crate::domain::money::from_cents;
use crate::domain::penalties::{PenaltyClient, PenaltyInvoice};
use crate::ledger::error::Result;
use chrono::NaiveDate;
use rusqlite::types::Value;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// A credit set against an open invoice: the invoice, the dated amount, and whether it is money (not a
/// credit note).
pub(super) type SettledCredit = (i64, (NaiveDate, Decimal), bool);

/// Payments counted on `?1`: made by then and not rejected by then.
const COUNTED_PAYMENT: &str = "p.date <= ?1 AND NOT EXISTS
    (SELECT 1 FROM payment_rejections r WHERE r.payment_id = p.id AND r.date <= ?1)";

/// The SQL condition selecting one client's rows (`?2` holds the client id) or, when `?2` is NULL, all of
/// them. Written out for each case so that SQLite can use the client indexes for one client.
fn client_condition(column: &str, one_client: bool) -> String {
    if one_client {
        format!("{column} = ?2")
    } else {
        "?2 IS NULL".to_string()
    }
}

impl Ledger {
    /// Every client's penalty inputs on `as_of` (or only `client`'s), by client id. Every client is listed,
    /// even one with no late invoice. The invoices are those due before `as_of`, issued and not written off
    /// by then, with a positive amount, not paid in full by their due date, and either still owed in whole
    /// or in part on `as_of` or paid in full since, late, with money received after the due date (the
    /// computation lists those apart, `settled_late`); oldest due date first. Left out: an invoice a
    /// corrected invoice replaces by then (what it received counts for its replacement, on the days
    /// received), and one settled by a credit note alone (cancelled, not paid late).
    pub fn penalty_inputs(&self, as_of: NaiveDate, client: Option<i64>) -> Result<Vec<PenaltyClient>> {
        let client_filter = client.map_or(Value::Null, Value::Integer);
        let one = client.is_some();
        let parameters = rusqlite::params![as_of, client_filter];

        let sql = format!(
            "SELECT id, kind, CASE WHEN status = 'collective_procedure' THEN procedure_opening_date END
             FROM clients WHERE {} ORDER BY id",
            client_condition("id", one)
        );
        let mut clients: Vec<PenaltyClient> = self
            .connection
            .prepare_cached(&sql)?
            .query_map(parameters, |row| {
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

        // Invoices replaced by a corrected one issued by as_of, with their replacement.
        let sql = format!(
            "WITH {replacing}
             SELECT i.id, r.id
             FROM invoices i JOIN replacing r ON r.corrects = i.number AND r.client_id = i.client_id AND r.id <> i.id
             WHERE i.amount_cents > 0 AND {}",
            client_condition("i.client_id", one),
            replacing = super::REPLACING_AS_OF
        );
        let replaced: HashMap<i64, i64> = self
            .connection
            .prepare_cached(&sql)?
            .query_map(parameters, |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;

        // Dated receipts of every invoice, by invoice (a replaced invoice's go to its replacement), and
        // which of them are money (not a credit note).
        let mut receipts: HashMap<i64, Vec<(NaiveDate, Decimal)>> = HashMap::new();
        let mut money: HashMap<i64, Vec<NaiveDate>> = HashMap::new();
        let sql = format!(
            "SELECT a.invoice_id, p.date, a.amount_cents
             FROM payment_allocations a JOIN payments p ON p.id = a.payment_id JOIN invoices i ON i.id = a.invoice_id
             WHERE {} AND {COUNTED_PAYMENT}",
            client_condition("i.client_id", one)
        );
        let mut statement = self.connection.prepare_cached(&sql)?;
        let mut rows = statement.query(parameters)?;
        while let Some(row) = rows.next()? {
            let invoice_id: i64 = row.get(0)?;
            let invoice_id = replaced.get(&invoice_id).copied().unwrap_or(invoice_id);
            let date = iso_date(row, 1)?;
            receipts.entry(invoice_id).or_default().push((date, from_cents(row.get(2)?)));
            money.entry(invoice_id).or_default().push(date);
        }
        drop(rows);

        for (invoice_id, credit, is_money) in self.settled_credits(as_of, client)? {
            receipts.entry(invoice_id).or_default().push(credit);
            if is_money {
                money.entry(invoice_id).or_default().push(credit.0);
            }
        }

        let sql = format!(
            "SELECT i.id, i.client_id, i.number, i.due_date, i.amount_cents, i.penalty_rate
             FROM invoices i
             WHERE i.due_date < ?1 AND i.issue_date <= ?1 AND i.amount_cents > 0
               AND (i.written_off_on IS NULL OR i.written_off_on > ?1) AND {}",
            client_condition("i.client_id", one)
        );
        let mut statement = self.connection.prepare_cached(&sql)?;
        let mut rows = statement.query(parameters)?;
        while let Some(row) = rows.next()? {
            let invoice_id: i64 = row.get(0)?;
            if replaced.contains_key(&invoice_id) {
                continue;
            }
            let client_id: i64 = row.get(1)?;
            let due_date = iso_date(row, 3)?;
            let amount = from_cents(row.get(4)?);
            let invoice_receipts = receipts.remove(&invoice_id).unwrap_or_default();
            let paid_by_due: Decimal =
                invoice_receipts.iter().filter(|(date, _)| *date <= due_date).map(|(_, amount)| *amount).sum();
            let paid_by_as_of: Decimal = invoice_receipts.iter().map(|(_, amount)| *amount).sum();
            let paid_late = || money.get(&invoice_id).is_some_and(|days| days.iter().any(|day| *day > due_date));
            if paid_by_due >= amount || (paid_by_as_of >= amount && !paid_late()) {
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
        // Sorted here rather than in SQL: per client, it is cheaper than SQLite sorting every late invoice.
        for client in &mut clients {
            client.invoices.sort_unstable_by_key(|invoice| (invoice.due_date, invoice.invoice_id));
        }

        // The latest mise en demeure sent, effective on its receipt date if known, else the day it was sent.
        let sql = format!(
            "SELECT l.client_id, MAX(COALESCE(l.receipt_date, l.sent_on, l.drafted_on))
             FROM letters l
             WHERE l.kind = ?3 AND l.status = 'sent' AND COALESCE(l.receipt_date, l.sent_on, l.drafted_on) <= ?1
               AND {}
             GROUP BY l.client_id",
            client_condition("l.client_id", one)
        );
        let mut statement = self.connection.prepare_cached(&sql)?;
        let mut rows = statement.query(rusqlite::params![
            as_of,
            client_filter,
            crate::domain::letter_kind::LetterKind::FormalNotice.id()
        ])?;
        while let Some(row) = rows.next()? {
            if let Some(&position) = index.get(&row.get::<_, i64>(0)?) {
                clients[position].formal_notice = row.get(1)?;
            }
        }
        Ok(clients)
    }

    /// The credits `figures::settle` sets against open invoices on `as_of`, as dated receipts by invoice:
    /// a client's unused credit notes (oldest due date first, dated by their issue date), then its
    /// unallocated money (oldest payment first, dated by the payment), cover its open invoices oldest due
    /// date first. Only the clients that have such credits have their open invoices read.
    /// Each credit says whether it is money (unallocated payments) rather than a credit note.
    pub(super) fn settled_credits(&self, as_of: NaiveDate, client: Option<i64>) -> Result<Vec<SettledCredit>> {
        let one = client.is_some();
        self.settled_credits_where(
            as_of,
            |column| client_condition(column, one),
            client.map_or(Value::Null, Value::Integer),
        )
    }

    /// [`Ledger::settled_credits`] of the clients `ids` alone: the dunning engine's loader asks only for
    /// those its settlement found a credit for (most clients have none, and reading every payment's
    /// allocations to find none would be most of its time).
    pub(super) fn settled_credits_among(&self, as_of: NaiveDate, ids: &[i64]) -> Result<Vec<SettledCredit>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let list = serde_json::to_string(ids).expect("ids serialise");
        self.settled_credits_where(
            as_of,
            |column| format!("{column} IN (SELECT value FROM json_each(?2))"),
            Value::Text(list),
        )
    }

    /// `settled_credits` for the clients `condition` (a SQL condition on its column, with `?2` bound to
    /// `client_filter`) selects.
    fn settled_credits_where(
        &self,
        as_of: NaiveDate,
        condition: impl Fn(&str) -> String,
        client_filter: Value,
    ) -> Result<Vec<SettledCredit>> {
        // Credit notes take no allocation (the schema and `check_consistency` see to it): all of one is
        // unused until settled here.
        let sql = format!(
            "SELECT client_id, 0 AS source, due_date, issue_date, id, -amount_cents
             FROM invoices
             WHERE amount_cents < 0 AND issue_date <= ?1 AND (written_off_on IS NULL OR written_off_on > ?1) AND {}
             UNION ALL
             SELECT p.client_id, 1, p.date, p.date, p.id,
                    p.amount_cents - COALESCE((SELECT SUM(a.amount_cents) FROM payment_allocations a
                                               WHERE a.payment_id = p.id), 0) AS unallocated
             FROM payments p
             WHERE {COUNTED_PAYMENT} AND {} AND unallocated > 0
             ORDER BY 1, 2, 3, 4, 5",
            condition("client_id"),
            condition("p.client_id")
        );
        let mut pools: HashMap<i64, Vec<(NaiveDate, i64, bool)>> = HashMap::new();
        let mut statement = self.connection.prepare_cached(&sql)?;
        let mut rows = statement.query(rusqlite::params![as_of, client_filter])?;
        while let Some(row) = rows.next()? {
            pools.entry(row.get(0)?).or_default().push((row.get(3)?, row.get(5)?, row.get::<_, i64>(1)? == 1));
        }
        drop(rows);
        if pools.is_empty() {
            return Ok(Vec::new());
        }

        let with_credit = serde_json::to_string(&pools.keys().collect::<Vec<_>>()).expect("ids serialise");
        // An invoice a corrected one replaces owes nothing; what it received counts for its replacement.
        let sql = format!(
            "WITH {paid}, {replacing}
             SELECT i.id, i.client_id,
                    i.amount_cents - COALESCE(p.paid_cents, 0)
                    - COALESCE((SELECT SUM(op.paid_cents) FROM replacing r
                                JOIN invoices o ON o.number = r.corrects AND o.client_id = r.client_id
                                JOIN paid op ON op.invoice_id = o.id
                                WHERE r.id = i.id AND o.id <> i.id AND o.amount_cents > 0), 0) AS remaining
             FROM invoices i LEFT JOIN paid p ON p.invoice_id = i.id
             WHERE i.amount_cents > 0 AND i.issue_date <= ?1 AND (i.written_off_on IS NULL OR i.written_off_on > ?1)
               AND remaining > 0
               AND NOT EXISTS (SELECT 1 FROM replacing r
                               WHERE r.corrects = i.number AND r.client_id = i.client_id AND r.id <> i.id)
               AND i.client_id IN (SELECT value FROM json_each(?2))
             ORDER BY i.client_id, i.due_date, i.issue_date, i.id",
            paid = super::PAID_AS_OF,
            replacing = super::REPLACING_AS_OF
        );
        let mut credits = Vec::new();
        let mut statement = self.connection.prepare_cached(&sql)?;
        let mut rows = statement.query(rusqlite::params![as_of, with_credit])?;
        while let Some(row) = rows.next()? {
            let (invoice_id, client_id, mut remaining): (i64, i64, i64) = (row.get(0)?, row.get(1)?, row.get(2)?);
            let Some(pool) = pools.get_mut(&client_id) else { continue };
            for (date, available, is_money) in pool.iter_mut().filter(|(_, available, _)| *available > 0) {
                let used = remaining.min(*available);
                remaining -= used;
                *available -= used;
                credits.push((invoice_id, (*date, from_cents(used)), *is_money));
                if remaining == 0 {
                    break;
                }
            }
        }
        Ok(credits)
    }
}

/// A stored `YYYY-MM-DD` date, read without chrono's general parser: the loader reads one per invoice and
/// per receipt. Anything else falls back to rusqlite's own conversion (and its error).
fn iso_date(row: &rusqlite::Row<'_>, index: usize) -> rusqlite::Result<NaiveDate> {
    if let Ok(bytes) = row.get_ref(index)?.as_bytes() {
        if bytes.len() == 10 && bytes[4] == b'-' && bytes[7] == b'-' {
            let number = |range: std::ops::Range<usize>| {
                bytes[range].iter().try_fold(0_u32, |n, b| b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0')))
            };
            if let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10)) {
                if let Some(date) = NaiveDate::from_ymd_opt(year as i32, month, day) {
                    return Ok(date);
                }
            }
        }
    }
    row.get(index)
}

//! The rows the derived figures (F1.6) are computed from, as of a date: open invoices, unallocated
//! credit, sales. The arithmetic itself lives in `crate::domain::figures`, outside SQL.

use super::{client_filter, date_column, Ledger};
use crate::domain::figures::{ClientTotals, OpenInvoice};
use crate::domain::model::{Event, EventKind};
use crate::domain::money::from_cents;
use crate::ledger::error::Result;
use crate::ledger::QueryCached;
use chrono::NaiveDate;
use rusqlite::params;
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::sync::Arc;

/// What the allocations counting on a date add up to (see `Ledger::allocation_pass`).
#[derive(Debug, Default)]
pub(crate) struct AllocationPass {
    /// Cents received, by invoice.
    pub paid: HashMap<i64, i64>,
    /// Cents allocated by each client's payments.
    pub allocated_by_client: HashMap<i64, i64>,
    /// (invoice, payment date, cents, brought by an import), in no particular order, when asked for.
    pub receipts: Vec<(i64, NaiveDate, i64, bool)>,
}

impl Ledger {
    /// Every invoice issued by `as_of` whose remaining amount on that day is not zero, those written off by
    /// then marked so (`OpenInvoice::written_off`: they owe nothing, but keep the credits that covered
    /// them); by client, then oldest due date first (the order credits are set against them).
    pub fn open_invoices(&self, as_of: NaiveDate) -> Result<Vec<OpenInvoice>> {
        let pass = self.allocation_pass(as_of, None, false)?;
        self.open_invoices_with(as_of, None, &pass, |_, _| Ok(()))
    }

    /// Unallocated money, by client, of payments made by `as_of` and not rejected by then.
    pub fn client_totals(&self, as_of: NaiveDate) -> Result<ClientTotals> {
        let pass = self.allocation_pass(as_of, None, false)?;
        self.client_totals_with(as_of, None, &pass)
    }

    /// Both at once, sharing the one pass over the allocations: what every figure is settled from. With
    /// a client, only that client's rows (credits never cross clients, so its figures are the same).
    pub fn settlement_rows(&self, as_of: NaiveDate, client: Option<i64>) -> Result<(Vec<OpenInvoice>, ClientTotals)> {
        let pass = self.allocation_pass(as_of, client, false)?;
        Ok((
            self.open_invoices_with(as_of, client, &pass, |_, _| Ok(()))?,
            self.client_totals_with(as_of, client, &pass)?,
        ))
    }

    /// One pass over the allocations that count on `as_of` (the rule of `PAID_AS_OF`: payments made by
    /// then and not rejected by then), summed in Rust: what each invoice received, what each client's
    /// payments allocated, and, when asked, each allocation dated. SQLite's own GROUP BY and join on the
    /// grouped rows cost several times more on a large ledger (benches/dunning.rs).
    ///
    /// The whole ledger's pass (with the receipts) is remembered while the ledger does not change: the
    /// settlement, the invoice list and the engine's facts each start from it.
    pub(super) fn allocation_pass(
        &self,
        as_of: NaiveDate,
        client: Option<i64>,
        with_receipts: bool,
    ) -> Result<Arc<AllocationPass>> {
        match client {
            None => self.remembered("allocation_pass", as_of, || self.compute_allocation_pass(as_of, None, true)),
            Some(_) => Ok(Arc::new(self.compute_allocation_pass(as_of, client, with_receipts)?)),
        }
    }

    fn compute_allocation_pass(
        &self,
        as_of: NaiveDate,
        client: Option<i64>,
        with_receipts: bool,
    ) -> Result<AllocationPass> {
        let sql = format!(
            "SELECT a.invoice_id, p.client_id, a.amount_cents, p.date, p.import_id IS NOT NULL
             FROM payment_allocations a
             JOIN payments p ON p.id = a.payment_id
             LEFT JOIN payment_rejections r ON r.payment_id = a.payment_id
             WHERE +p.date <= ?1 AND (r.date IS NULL OR r.date > ?1) AND {}",
            client_filter("p.client_id", client, 2)
        );
        // `+p.date`: not through `payments_by_date` (the books' index), which SQLite would otherwise walk for
        // a range holding nearly every payment, then look each allocation up: three times the plain scan.
        let mut statement = self.connection.prepare_cached(&sql)?;
        let mut pass = AllocationPass::default();
        let mut rows = statement.query(params![as_of, client])?;
        while let Some(row) = rows.next()? {
            let invoice: i64 = row.get(0)?;
            let client: i64 = row.get(1)?;
            let cents: i64 = row.get(2)?;
            *pass.paid.entry(invoice).or_default() += cents;
            *pass.allocated_by_client.entry(client).or_default() += cents;
            if with_receipts {
                pass.receipts.push((invoice, date_column(row, 3)?, cents, row.get(4)?));
            }
        }
        Ok(pass)
    }

    /// The open invoices given what they received; `detail` sees each open invoice's row (to read more
    /// columns of it: number, issue date, amount, rate are columns 4 to 7; the corrected invoice 8, the
    /// replacing one 9, whether written off 10). An invoice replaced by a corrected invoice is listed with
    /// what it received, as a credit for its replacement.
    pub(super) fn open_invoices_with(
        &self,
        as_of: NaiveDate,
        client: Option<i64>,
        pass: &AllocationPass,
        mut detail: impl FnMut(&OpenInvoice, &rusqlite::Row<'_>) -> Result<()>,
    ) -> Result<Vec<OpenInvoice>> {
        let sql = format!(
            "WITH {replacing}
             SELECT i.id, i.client_id, i.due_date, i.amount_cents, i.number, i.issue_date, i.amount_cents,
                 i.penalty_rate, (SELECT c.id FROM invoices c WHERE c.number = i.corrects AND c.client_id = i.client_id),
                 r.id, i.written_off_on IS NOT NULL AND i.written_off_on <= ?1
             FROM invoices i
             LEFT JOIN replacing r
                 ON r.corrects = i.number AND r.client_id = i.client_id AND r.id <> i.id AND i.amount_cents > 0
             WHERE i.issue_date <= ?1 AND {}",
            client_filter("i.client_id", client, 2),
            replacing = super::REPLACING_AS_OF
        );
        let mut statement = self.connection.prepare_cached(&sql)?;
        let mut open = Vec::new();
        let mut rows = statement.query(params![as_of, client])?;
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            let amount: i64 = row.get(3)?;
            let paid = pass.paid.get(&id).copied().unwrap_or(0);
            // An invoice a corrected invoice replaces owes nothing; what it received is credit.
            let replaced_by: Option<i64> = row.get(9)?;
            let remaining = if replaced_by.is_some() { -paid } else { amount - paid };
            if remaining == 0 && replaced_by.is_none() {
                continue;
            }
            // Written off: listed only for the credits it took, when something was left to give up.
            let written_off: bool = row.get(10)?;
            if written_off && (replaced_by.is_some() || remaining < 0) {
                continue;
            }
            let invoice = OpenInvoice {
                invoice_id: id,
                client_id: row.get(1)?,
                due_date: date_column(row, 2)?,
                remaining: from_cents(remaining),
                corrects: if replaced_by.is_some() { replaced_by } else { row.get(8)? },
                replaced: replaced_by.is_some(),
                written_off,
            };
            let issue = date_column(row, 5)?;
            detail(&invoice, row)?;
            open.push((issue, invoice));
        }
        open.sort_unstable_by_key(|(issue, i)| (i.client_id, i.due_date, *issue, i.invoice_id));
        Ok(open.into_iter().map(|(_, invoice)| invoice).collect())
    }

    /// Unallocated money by client: what its payments (made by `as_of`, not rejected by then) brought,
    /// less what they allocated.
    pub(super) fn client_totals_with(
        &self,
        as_of: NaiveDate,
        client: Option<i64>,
        pass: &AllocationPass,
    ) -> Result<ClientTotals> {
        let sql = format!(
            "SELECT p.client_id, SUM(p.amount_cents)
             FROM payments p LEFT JOIN payment_rejections r ON r.payment_id = p.id
             WHERE p.date <= ?1 AND (r.date IS NULL OR r.date > ?1) AND {}
             GROUP BY p.client_id",
            client_filter("p.client_id", client, 2)
        );
        let mut statement = self.connection.prepare_cached(&sql)?;
        let mut unallocated = HashMap::new();
        let mut rows = statement.query(params![as_of, client])?;
        while let Some(row) = rows.next()? {
            let client: i64 = row.get(0)?;
            let paid: i64 = row.get(1)?;
            let left = paid - pass.allocated_by_client.get(&client).copied().unwrap_or(0);
            if left != 0 {
                unallocated.insert(client, from_cents(left));
            }
        }
        Ok(ClientTotals { unallocated })
    }

    /// The total invoiced (credit notes deducted) with an issue date in `from..=to`, for the DSO.
    pub fn invoiced_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Decimal> {
        let cents: i64 = self.connection.query_row_cached(
            "SELECT COALESCE(SUM(amount_cents), 0) FROM invoices WHERE issue_date BETWEEN ?1 AND ?2",
            params![from, to],
            |row| row.get(0),
        )?;
        Ok(from_cents(cents))
    }

    /// The number of clients.
    pub fn client_count(&self) -> Result<i64> {
        Ok(self.connection.query_row_cached("SELECT COUNT(*) FROM clients", [], |row| row.get(0))?)
    }

    /// Every dispute, open or closed, of every client.
    pub fn disputes(&self) -> Result<Vec<Event>> {
        self.load_events("WHERE kind = ?1", super::enum_text(&EventKind::Dispute))
    }
}

//! The rows the books of a period are made from (F13): the payments received or rejected in the period
//! with what each invoice received from them (and the invoice's nature), the invoices issued and those
//! written off in the period, the letters sent in it, and the ledger's default nature, the
//! `default_nature` setting. The books themselves are built in `domain::books`.

use super::invoices::{invoice_row_from_row, select_rows};
use super::{enum_from_text, paid_of_invoice, Ledger, LetterRow};
use crate::domain::model::{InvoiceRow, Nature, Payment, Rejection};
use crate::domain::money::from_cents;
use crate::ledger::error::{LedgerError, Result};
use chrono::NaiveDate;
use rusqlite::params;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// The settings key of the nature an invoice has when neither it nor its client says one.
const DEFAULT_NATURE: &str = "default_nature";

/// A payment received or rejected in a period, with the invoices it paid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentOfPeriod {
    pub payment: Payment,
    /// Its allocations, with each invoice's number and nature.
    pub paid: Vec<PaidInvoice>,
    /// What the bank kept as its charges of the credit this payment was recorded from (given with the
    /// first payment of a credit split over several clients); zero mostly.
    pub bank_charges: Decimal,
}

/// The part of a payment one invoice received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaidInvoice {
    pub invoice_id: i64,
    pub number: String,
    pub issue_date: NaiveDate,
    /// As the invoice says; None: its client's default.
    pub nature: Option<Nature>,
    pub amount: Decimal,
}

impl Ledger {
    /// Every payment made in `from..=to` or rejected in it, oldest first, with its allocations.
    pub fn payments_of_period(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<PaymentOfPeriod>> {
        let mut statement = self.connection.prepare_cached(
            "SELECT p.id, p.client_id, p.date, p.amount_cents, p.method, p.reference, r.date, r.fees_cents, r.reason,
                    COALESCE((SELECT l.charges_cents FROM bank_lines l WHERE l.id = p.bank_line_id
                                AND p.id = (SELECT MIN(q.id) FROM payments q WHERE q.bank_line_id = l.id)), 0)
             FROM payments p LEFT JOIN payment_rejections r ON r.payment_id = p.id
             WHERE p.date BETWEEN ?1 AND ?2 OR r.date BETWEEN ?1 AND ?2
             ORDER BY p.date, p.id",
        )?;
        let mut payments: Vec<PaymentOfPeriod> = statement
            .query_map(params![from, to], |row| {
                let rejected_on: Option<NaiveDate> = row.get(6)?;
                Ok(PaymentOfPeriod {
                    payment: Payment {
                        id: row.get(0)?,
                        client_id: row.get(1)?,
                        date: row.get(2)?,
                        amount: from_cents(row.get(3)?),
                        method: enum_from_text(row.get(4)?)?,
                        reference: row.get(5)?,
                        allocations: Vec::new(),
                        rejection: match rejected_on {
                            Some(date) => Some(Rejection { date, fees: from_cents(row.get(7)?), reason: row.get(8)? }),
                            None => None,
                        },
                    },
                    paid: Vec::new(),
                    bank_charges: from_cents(row.get(9)?),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut statement = self.connection.prepare_cached(
            "SELECT a.payment_id, a.invoice_id, a.amount_cents, i.number, i.issue_date, i.nature
             FROM payment_allocations a
             JOIN payments p ON p.id = a.payment_id
             JOIN invoices i ON i.id = a.invoice_id
             LEFT JOIN payment_rejections r ON r.payment_id = p.id
             WHERE p.date BETWEEN ?1 AND ?2 OR r.date BETWEEN ?1 AND ?2
             ORDER BY a.payment_id, i.due_date, i.issue_date, i.id",
        )?;
        let mut by_payment: HashMap<i64, Vec<PaidInvoice>> = HashMap::new();
        let rows = statement.query_map(params![from, to], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                PaidInvoice {
                    invoice_id: row.get(1)?,
                    amount: from_cents(row.get(2)?),
                    number: row.get(3)?,
                    issue_date: row.get(4)?,
                    nature: row.get::<_, Option<String>>(5)?.map(enum_from_text).transpose()?,
                },
            ))
        })?;
        for row in rows {
            let (payment_id, paid) = row?;
            by_payment.entry(payment_id).or_default().push(paid);
        }
        for entry in &mut payments {
            entry.paid = by_payment.remove(&entry.payment.id).unwrap_or_default();
            entry.payment.allocations = entry
                .paid
                .iter()
                .map(|paid| crate::domain::model::Allocation { invoice_id: paid.invoice_id, amount: paid.amount })
                .collect();
        }
        Ok(payments)
    }

    /// The invoices and credit notes issued in `from..=to`, by issue date then number, with what they had
    /// received by `to`.
    pub fn invoices_issued_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<InvoiceRow>> {
        let sql =
            select_rows(&paid_of_invoice("?1"), "WHERE i.issue_date BETWEEN ?2 AND ?3 ORDER BY i.issue_date, i.number");
        let mut statement = self.connection.prepare_cached(&sql)?;
        let rows =
            statement.query_map(params![to, from, to], invoice_row_from_row)?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The invoices written off in `from..=to`, by write-off date then number, each with what it had
    /// received on the day it was written off (the rule of `PAID_AS_OF`, on that day).
    pub fn write_offs_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<InvoiceRow>> {
        let mut statement = self.connection.prepare_cached(&select_rows(
            &paid_of_invoice("i.written_off_on"),
            "WHERE i.written_off_on BETWEEN ?1 AND ?2 ORDER BY i.written_off_on, i.number",
        ))?;
        let rows = statement.query_map(params![from, to], invoice_row_from_row)?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The letters sent in `from..=to`, with the day each was sent, oldest first. A letter printed but
    /// not recorded as sent claimed nothing yet (it may never leave), nor did a draft or a cancelled one.
    pub fn letters_sent_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<(LetterRow, NaiveDate)>> {
        let mut statement = self.connection.prepare_cached(
            "SELECT id, sent_on FROM letters
             WHERE status = 'sent' AND sent_on BETWEEN ?1 AND ?2
             ORDER BY sent_on, id",
        )?;
        let found: Vec<(i64, NaiveDate)> = statement
            .query_map(params![from, to], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        found.into_iter().map(|(id, date)| Ok((self.letter(id)?, date))).collect()
    }

    /// The nature of an invoice that says none and whose client says none (services until changed).
    pub fn default_nature(&self) -> Result<Nature> {
        Ok(self.setting(DEFAULT_NATURE)?.and_then(|json| serde_json::from_str(&json).ok()).unwrap_or(Nature::DEFAULT))
    }

    pub fn save_default_nature(&mut self, nature: Nature) -> Result<()> {
        let json = serde_json::to_string(&nature).map_err(|error| LedgerError::Conflict(error.to_string()))?;
        self.set_setting(DEFAULT_NATURE, &json)
    }
}

//! The `payments`, `payment_allocations` and `payment_rejections` tables.

use super::paid_of_invoice;
use super::{enum_from_text, enum_text, Ledger, ALL_TIME};
use crate::domain::allocation::{allocate_oldest_first, check_allocations, Receivable};
use crate::domain::model::{Allocation, Payment, PaymentFields, Rejection};
use crate::domain::money::{from_cents, to_cents};
use crate::ledger::error::{LedgerError, Result};
use rusqlite::params;
use rust_decimal::Decimal;
use std::collections::HashMap;

impl Ledger {
    /// The client's invoices that can still receive money, oldest due date first, each for what the invoice
    /// list says remains: what its payments leave once the client's credits are set against it by the one
    /// rule, `figures::settle` (the credit notes naming it, then those naming none and the money received
    /// without allocation, oldest due date first). The split Ardoise proposes, and records when the user
    /// gives none, never goes to what a credit already covers; an invoice a corrected one replaces
    /// receives nothing.
    pub fn receivables(&self, client_id: i64) -> Result<Vec<Receivable>> {
        let (open, totals) = self.settlement_rows(ALL_TIME, Some(client_id))?;
        let settlement = crate::domain::figures::settle(&open, &totals);
        self.receivables_as(client_id, |invoice_id| settlement.invoice(invoice_id).map(|settled| settled.remaining))
    }

    /// The most a split typed by hand may give each of the client's invoices (`figures::receivable_amounts`:
    /// what payments and the credit notes naming it leave).
    fn hand_split_receivables(&self, client_id: i64) -> Result<Vec<Receivable>> {
        let (open, _) = self.settlement_rows(ALL_TIME, Some(client_id))?;
        let amounts = crate::domain::figures::receivable_amounts(&open);
        self.receivables_as(client_id, |invoice_id| amounts.get(&invoice_id).copied())
    }

    /// The client's invoices not wholly paid by payments alone, each for what `remaining` says, those with
    /// nothing left dropped.
    fn receivables_as(&self, client_id: i64, remaining: impl Fn(i64) -> Option<Decimal>) -> Result<Vec<Receivable>> {
        let mut receivables = self.paid_receivables(client_id)?;
        for receivable in &mut receivables {
            receivable.remaining = remaining(receivable.invoice_id).unwrap_or(Decimal::ZERO);
        }
        receivables.retain(|receivable| receivable.remaining > Decimal::ZERO);
        Ok(receivables)
    }

    /// The client's invoices not wholly paid by payments alone, oldest due date first.
    fn paid_receivables(&self, client_id: i64) -> Result<Vec<Receivable>> {
        let sql = format!(
            "SELECT id, number, remaining_cents FROM (
                SELECT i.id, i.number, i.due_date, i.issue_date, i.amount_cents - {} AS remaining_cents
                FROM invoices i
                WHERE i.client_id = ?2 AND i.written_off_on IS NULL)
             WHERE remaining_cents > 0
             ORDER BY due_date, issue_date, id",
            paid_of_invoice("?1")
        );
        let mut statement = self.connection.prepare_cached(&sql)?;
        let rows = statement
            .query_map(params![ALL_TIME, client_id], |row| {
                Ok(Receivable { invoice_id: row.get(0)?, number: row.get(1)?, remaining: from_cents(row.get(2)?) })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Records a payment and its allocation as one unit; returns its id.
    pub fn record_payment(&mut self, fields: &PaymentFields) -> Result<i64> {
        let mut fields = fields.clone();
        fields.validate()?;
        self.atomically(|ledger| ledger.insert_payment(&fields))
    }

    fn insert_payment(&mut self, fields: &PaymentFields) -> Result<i64> {
        self.client(fields.client_id).map_err(|error| match error {
            LedgerError::NotFound { .. } => LedgerError::invalid("client_id", "choisissez un client existant."),
            other => other,
        })?;
        let allocations = match &fields.allocations {
            Some(chosen) => {
                self.check_written_off(fields.client_id, chosen)?;
                let open = self.hand_split_receivables(fields.client_id)?;
                check_allocations(&open, chosen).map_err(|message| LedgerError::invalid("allocations", message))?;
                chosen.clone()
            }
            None => allocate_oldest_first(&self.receivables(fields.client_id)?, fields.amount),
        };
        self.connection.execute(
            "INSERT INTO payments (client_id, date, amount_cents, method, reference) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                fields.client_id,
                fields.date,
                to_cents(fields.amount),
                enum_text(&fields.method),
                fields.reference
            ],
        )?;
        let payment_id = self.connection.last_insert_rowid();
        let mut insert = self.connection.prepare_cached(
            "INSERT INTO payment_allocations (payment_id, invoice_id, amount_cents) VALUES (?1, ?2, ?3)",
        )?;
        for allocation in &allocations {
            insert.execute(params![payment_id, allocation.invoice_id, to_cents(allocation.amount)])?;
        }
        Ok(payment_id)
    }

    /// Refuses a split giving money to an invoice of the client written off, saying how to cancel the
    /// write-off: what was given up is no more owed, and money received for it is a recovery the user
    /// decides on.
    fn check_written_off(&self, client_id: i64, chosen: &[crate::domain::model::Allocation]) -> Result<()> {
        for allocation in chosen {
            let Ok(row) = self.invoice_row(allocation.invoice_id) else { continue };
            let invoice = row.invoice;
            if let (Some(date), true) = (invoice.written_off_on, invoice.client_id == client_id) {
                return Err(LedgerError::invalid(
                    "allocations",
                    format!(
                        "la facture {number} a été passée en perte le {} : annulez l'abandon (`ardoise write-off \
                         --invoice {number} --cancel`, ou videz « Abandonnée le » sur sa fiche) pour y affecter ce \
                         règlement.",
                        crate::domain::calendar::format_short(date),
                        number = invoice.number
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Marks a payment rejected (bounced cheque, rejected direct debit): its invoices reopen.
    pub fn reject_payment(&mut self, payment_id: i64, rejection: &Rejection) -> Result<()> {
        let payment = self.payment(payment_id)?;
        if payment.rejection.is_some() {
            return Err(LedgerError::Conflict("Ce règlement est déjà marqué comme rejeté.".into()));
        }
        if payment.method == crate::domain::model::PaymentMethod::Cash {
            return Err(LedgerError::Conflict(format!(
                "Le règlement n° {payment_id} est en espèces : aucune banque ne le rejette. S'il a été saisi par \
                 erreur, supprimez-le (`ardoise payment delete {payment_id}`, ou « Supprimer » sur le règlement)."
            )));
        }
        if rejection.date < payment.date {
            return Err(LedgerError::invalid("date", "le rejet ne peut pas précéder la date du règlement."));
        }
        let mut errors = crate::domain::model::FieldErrors::default();
        crate::domain::model::check_amount("fees", rejection.fees, false, &mut errors);
        errors.into_result()?;
        self.connection.execute(
            "INSERT INTO payment_rejections (payment_id, date, fees_cents, reason) VALUES (?1, ?2, ?3, ?4)",
            params![payment_id, rejection.date, to_cents(rejection.fees), rejection.reason.trim()],
        )?;
        Ok(())
    }

    /// Deletes a payment entered by mistake, with its allocation and rejection: its invoices reopen.
    pub fn delete_payment(&mut self, id: i64) -> Result<()> {
        let deleted = self.connection.execute("DELETE FROM payments WHERE id = ?1", [id])?;
        if deleted == 0 {
            return Err(LedgerError::NotFound { what: "Règlement", id });
        }
        Ok(())
    }

    /// One payment with its allocations and rejection.
    pub fn payment(&self, id: i64) -> Result<Payment> {
        self.load_payments("WHERE p.id = ?1", id)?.pop().ok_or(LedgerError::NotFound { what: "Règlement", id })
    }

    /// A client's payments, oldest first.
    pub fn payments(&self, client_id: i64) -> Result<Vec<Payment>> {
        self.load_payments("WHERE p.client_id = ?1", client_id)
    }

    fn load_payments(&self, filter: &str, key: i64) -> Result<Vec<Payment>> {
        let sql = format!(
            "SELECT p.id, p.client_id, p.date, p.amount_cents, p.method, p.reference,
                    r.date, r.fees_cents, r.reason
             FROM payments p LEFT JOIN payment_rejections r ON r.payment_id = p.id
             {filter} ORDER BY p.date, p.id"
        );
        let mut statement = self.connection.prepare_cached(&sql)?;
        let mut payments: Vec<Payment> = statement
            .query_map([key], |row| {
                let rejected_on: Option<chrono::NaiveDate> = row.get(6)?;
                Ok(Payment {
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
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let sql = format!(
            "SELECT a.payment_id, a.invoice_id, a.amount_cents FROM payment_allocations a
             JOIN payments p ON p.id = a.payment_id {filter} ORDER BY a.payment_id, a.invoice_id"
        );
        let mut statement = self.connection.prepare_cached(&sql)?;
        let mut by_payment: HashMap<i64, Vec<Allocation>> = HashMap::new();
        let rows = statement.query_map([key], |row| {
            Ok((row.get::<_, i64>(0)?, Allocation { invoice_id: row.get(1)?, amount: from_cents(row.get(2)?) }))
        })?;
        for row in rows {
            let (payment_id, allocation) = row?;
            by_payment.entry(payment_id).or_default().push(allocation);
        }
        for payment in &mut payments {
            payment.allocations = by_payment.remove(&payment.id).unwrap_or_default();
        }
        Ok(payments)
    }
}

//! The `invoices` table, and what each invoice has received.

use super::{as_named, decimal_from_text, Ledger, ALL_TIME, PAID_AS_OF};
use crate::domain::model::{Invoice, InvoiceFields, InvoiceRow};
use crate::domain::money::{from_cents, to_cents};
use crate::ledger::error::{LedgerError, Result};
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension, Row};
use rust_decimal::Decimal;

/// Invoice rows with what they received as of `?1`.
fn select_rows(filter: &str) -> String {
    format!(
        "WITH {PAID_AS_OF}
         SELECT i.id, i.number, i.client_id, i.issue_date, i.due_date, i.amount_cents,
            i.amount_excl_vat_cents, i.object, i.penalty_rate, i.written_off_on, i.import_id, i.corrects,
            d.file_name AS document, COALESCE(p.paid_cents, 0) AS paid_cents
         FROM invoices i LEFT JOIN paid p ON p.invoice_id = i.id
            LEFT JOIN invoice_documents d ON d.invoice_id = i.id
         {filter}"
    )
}

impl Ledger {
    /// Records a new invoice; a missing due date comes from the client's or the default payment terms.
    pub fn create_invoice(&mut self, fields: &InvoiceFields) -> Result<i64> {
        let mut fields = fields.clone();
        fields.validate()?;
        let values = self.invoice_values(&fields, None)?;
        self.connection.execute(
            "INSERT INTO invoices (number, client_id, issue_date, due_date, amount_cents, amount_excl_vat_cents,
                object, penalty_rate, written_off_on)
             VALUES (:number, :client_id, :issue_date, :due_date, :amount_cents, :amount_excl_vat_cents, :object,
                :penalty_rate, :written_off_on)",
            &*as_named(&values),
        )?;
        Ok(self.connection.last_insert_rowid())
    }

    /// Replaces an invoice's details. Its amount cannot fall below what has already been paid on it.
    pub fn update_invoice(&mut self, id: i64, fields: &InvoiceFields) -> Result<()> {
        let mut fields = fields.clone();
        fields.validate()?;
        let existing = self.invoice_row(id)?;
        if existing.paid > Decimal::ZERO && fields.amount < existing.paid {
            return Err(LedgerError::invalid(
                "amount",
                format!(
                    "{} ont déjà été réglés sur cette facture : le montant ne peut pas être inférieur.",
                    crate::domain::money::format_eur_ascii(existing.paid)
                ),
            ));
        }
        if fields.client_id != existing.invoice.client_id && existing.paid > Decimal::ZERO {
            return Err(LedgerError::invalid(
                "client_id",
                "cette facture a reçu des règlements : elle ne peut pas changer de client.",
            ));
        }
        let mut values = self.invoice_values(&fields, Some(id))?;
        values.push((":id", Value::Integer(id)));
        self.connection.execute(
            "UPDATE invoices SET number = :number, client_id = :client_id, issue_date = :issue_date,
                due_date = :due_date, amount_cents = :amount_cents, amount_excl_vat_cents = :amount_excl_vat_cents,
                object = :object, penalty_rate = :penalty_rate, written_off_on = :written_off_on,
                updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
             WHERE id = :id",
            &*as_named(&values),
        )?;
        Ok(())
    }

    /// Deletes an invoice entered by mistake. One that has received payments, or appears in a letter or a
    /// plan, is part of the record and cannot be deleted (write it off instead).
    pub fn delete_invoice(&mut self, id: i64) -> Result<()> {
        let references: i64 = self.connection.query_row(
            "SELECT (SELECT COUNT(*) FROM payment_allocations WHERE invoice_id = ?1)
                  + (SELECT COUNT(*) FROM letter_invoices WHERE invoice_id = ?1)
                  + (SELECT COUNT(*) FROM plan_invoices WHERE invoice_id = ?1)",
            [id],
            |row| row.get(0),
        )?;
        if references > 0 {
            return Err(LedgerError::Conflict(
                "Cette facture a reçu des règlements ou figure dans un courrier ou un échéancier : elle ne peut \
                 pas être supprimée. Supprimez d'abord le règlement, ou indiquez une date d'abandon."
                    .into(),
            ));
        }
        let events: i64 =
            self.connection.query_row("SELECT COUNT(*) FROM events WHERE invoice_id = ?1", [id], |row| row.get(0))?;
        if events > 0 {
            return Err(LedgerError::Conflict(
                "Une promesse ou une contestation du suivi porte sur cette facture : elle ne peut pas être \
                 supprimée. Indiquez plutôt une date d'abandon."
                    .into(),
            ));
        }
        let deleted = self.connection.execute("DELETE FROM invoices WHERE id = ?1", [id])?;
        if deleted == 0 {
            return Err(LedgerError::NotFound { what: "Facture", id });
        }
        Ok(())
    }

    /// One invoice with everything it has received.
    pub fn invoice_row(&self, id: i64) -> Result<InvoiceRow> {
        self.connection
            .query_row(&select_rows("WHERE i.id = ?2"), params![ALL_TIME, id], invoice_row_from_row)
            .optional()?
            .ok_or(LedgerError::NotFound { what: "Facture", id })
    }

    /// The invoice with this number, if any, with everything it has received.
    pub fn invoice_by_number(&self, number: &str) -> Result<Option<InvoiceRow>> {
        let sql = select_rows("WHERE i.number = ?2");
        Ok(self.connection.query_row(&sql, params![ALL_TIME, number.trim()], invoice_row_from_row).optional()?)
    }

    /// A client's invoices, or every invoice, oldest due date first, with what they received as of `as_of`.
    pub fn invoice_rows(&self, client_id: Option<i64>, as_of: NaiveDate) -> Result<Vec<InvoiceRow>> {
        let sql = select_rows("WHERE (?2 IS NULL OR i.client_id = ?2) ORDER BY i.due_date, i.issue_date, i.id");
        let mut statement = self.connection.prepare(&sql)?;
        let rows =
            statement.query_map(params![as_of, client_id], invoice_row_from_row)?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Checks what only the ledger knows (client exists, number unique) and builds the statement values.
    fn invoice_values(&self, fields: &InvoiceFields, id: Option<i64>) -> Result<Vec<(&'static str, Value)>> {
        let client = self.client(fields.client_id).map_err(|error| match error {
            LedgerError::NotFound { .. } => LedgerError::invalid("client_id", "choisissez un client existant."),
            other => other,
        })?;
        if let Some(other) = self.invoice_by_number(&fields.number)? {
            if Some(other.invoice.id) != id {
                return Err(LedgerError::invalid(
                    "number",
                    format!("le numéro « {} » est déjà utilisé par une autre facture.", fields.number),
                ));
            }
        }
        let terms = match client.fields.payment_terms_days {
            Some(days) => days,
            None => self.default_payment_terms_days()?,
        };
        let due_date = fields.due_date.unwrap_or(fields.issue_date + chrono::Days::new(terms.into()));
        let optional_cents = |amount: Option<Decimal>| amount.map_or(Value::Null, |a| Value::Integer(to_cents(a)));
        let optional_date = |date: Option<chrono::NaiveDate>| date.map_or(Value::Null, |d| Value::Text(d.to_string()));
        Ok(vec![
            (":number", Value::Text(fields.number.clone())),
            (":client_id", Value::Integer(fields.client_id)),
            (":issue_date", Value::Text(fields.issue_date.to_string())),
            (":due_date", Value::Text(due_date.to_string())),
            (":amount_cents", Value::Integer(to_cents(fields.amount))),
            (":amount_excl_vat_cents", optional_cents(fields.amount_excl_vat)),
            (":object", Value::Text(fields.object.clone())),
            (":penalty_rate", fields.penalty_rate.map_or(Value::Null, |r| Value::Text(r.normalize().to_string()))),
            (":written_off_on", optional_date(fields.written_off_on)),
        ])
    }
}

fn invoice_row_from_row(row: &Row<'_>) -> rusqlite::Result<InvoiceRow> {
    let import_id: Option<i64> = row.get("import_id")?;
    Ok(InvoiceRow {
        invoice: Invoice {
            id: row.get("id")?,
            number: row.get("number")?,
            client_id: row.get("client_id")?,
            issue_date: row.get("issue_date")?,
            due_date: row.get("due_date")?,
            amount: from_cents(row.get("amount_cents")?),
            amount_excl_vat: row.get::<_, Option<i64>>("amount_excl_vat_cents")?.map(from_cents),
            object: row.get("object")?,
            penalty_rate: decimal_from_text(row.get("penalty_rate")?)?,
            written_off_on: row.get("written_off_on")?,
            source: import_id.map_or_else(|| "typed".to_string(), |id| format!("import:{id}")),
            corrects: row.get("corrects")?,
            document: row.get("document")?,
        },
        paid: from_cents(row.get("paid_cents")?),
    })
}

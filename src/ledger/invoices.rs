//! The `invoices` table, and what each invoice has received.

use super::paid_of_invoice;
use super::{as_named, date_column, decimal_from_text, enum_from_text, enum_text, Ledger, ALL_TIME};
use crate::domain::model::{Invoice, InvoiceFields, InvoiceRow};
use crate::domain::money::{from_cents, to_cents};
use crate::ledger::error::{LedgerError, Result};
use crate::ledger::QueryCached;
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension, Row};
use rust_decimal::Decimal;

/// The invoice columns `invoice_row_from_row` reads, in its order, from the invoices `i` and their
/// documents `d` (`select_rows` joins them): every query that builds invoice rows goes through
/// `select_rows`, which adds what the invoice received (`paid_cents`) after them. One list, so that no
/// query can drift from the reader, which reads by position (`COLUMN_NAMES` pins the order in a test).
const INVOICE_COLUMNS: &str = "i.id, i.number, i.client_id, i.issue_date, i.due_date, i.amount_cents,
    i.amount_excl_vat_cents, i.object, i.penalty_rate, i.written_off_on, i.nature, i.import_id,
    i.payment_terms_days, i.payment_terms_end_of_month, i.corrects, d.file_name AS document";

/// Invoice rows, in the order `invoice_row_from_row` reads them, with what each received (`paid`, an SQL
/// expression over the invoice `i`: `paid_of_invoice("?1")`, through the allocations' index, for a few
/// invoices). `filter` follows the FROM clause (WHERE, ORDER BY).
pub(super) fn select_rows(paid: &str, filter: &str) -> String {
    format!(
        "SELECT {INVOICE_COLUMNS}, {paid} AS paid_cents
         FROM invoices i LEFT JOIN invoice_documents d ON d.invoice_id = i.id
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
                object, penalty_rate, written_off_on, payment_terms_days, payment_terms_end_of_month, nature)
             VALUES (:number, :client_id, :issue_date, :due_date, :amount_cents, :amount_excl_vat_cents, :object,
                :penalty_rate, :written_off_on, :payment_terms_days, :payment_terms_end_of_month, :nature)",
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
                payment_terms_days = :payment_terms_days, payment_terms_end_of_month = :payment_terms_end_of_month,
                nature = :nature,
                updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
             WHERE id = :id",
            &*as_named(&values),
        )?;
        Ok(())
    }

    /// Deletes an invoice entered by mistake. One that has received payments, or appears in a letter or a
    /// plan, is part of the record and cannot be deleted (write it off instead).
    pub fn delete_invoice(&mut self, id: i64) -> Result<()> {
        let references: i64 = self.connection.query_row_cached(
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
            self.connection
                .query_row_cached("SELECT COUNT(*) FROM events WHERE invoice_id = ?1", [id], |row| row.get(0))?;
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

    /// Writes an invoice off on `date` (passes what is left on it to loss): from that day it is owed no
    /// more and no longer dunned. Refused before its issue date, or when it is already written off.
    pub fn write_off_invoice(&mut self, id: i64, date: NaiveDate) -> Result<()> {
        let row = self.invoice_row(id)?;
        if let Some(already) = row.invoice.written_off_on {
            return Err(LedgerError::Conflict(format!(
                "La facture {} est déjà passée en perte depuis le {}.",
                row.invoice.number,
                crate::domain::calendar::format_short(already)
            )));
        }
        if date < row.invoice.issue_date {
            return Err(LedgerError::invalid("written_off_on", "la date d'abandon précède la date d'émission."));
        }
        self.connection.execute(
            "UPDATE invoices SET written_off_on = ?2, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
            params![id, date],
        )?;
        Ok(())
    }

    /// Cancels an invoice's write-off: it is owed again, as if it never had been written off.
    pub fn cancel_write_off(&mut self, id: i64) -> Result<()> {
        let row = self.invoice_row(id)?;
        if row.invoice.written_off_on.is_none() {
            return Err(LedgerError::Conflict(format!("La facture {} n'est pas passée en perte.", row.invoice.number)));
        }
        self.connection.execute(
            "UPDATE invoices SET written_off_on = NULL, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
            params![id],
        )?;
        Ok(())
    }

    /// One invoice with everything it has received.
    pub fn invoice_row(&self, id: i64) -> Result<InvoiceRow> {
        self.connection
            .query_row_cached(
                &select_rows(&paid_of_invoice("?1"), "WHERE i.id = ?2"),
                params![ALL_TIME, id],
                invoice_row_from_row,
            )
            .optional()?
            .ok_or(LedgerError::NotFound { what: "Facture", id })
    }

    /// The invoice with this number, if any, with everything it has received.
    pub fn invoice_by_number(&self, number: &str) -> Result<Option<InvoiceRow>> {
        let sql = select_rows(&paid_of_invoice("?1"), "WHERE i.number = ?2");
        Ok(self.connection.query_row_cached(&sql, params![ALL_TIME, number.trim()], invoice_row_from_row).optional()?)
    }

    /// A client's invoices, or every invoice, oldest due date first, with what they received as of `as_of`.
    pub fn invoice_rows(&self, client_id: Option<i64>, as_of: NaiveDate) -> Result<Vec<InvoiceRow>> {
        if let Some(client) = client_id {
            let sql =
                select_rows(&paid_of_invoice("?1"), "WHERE i.client_id = ?2 ORDER BY i.due_date, i.issue_date, i.id");
            let mut statement = self.connection.prepare_cached(&sql)?;
            let rows =
                statement.query_map(params![as_of, client], invoice_row_from_row)?.collect::<rusqlite::Result<_>>()?;
            return Ok(rows);
        }
        // Every invoice: what each received from one pass over the allocations (the rule of `PAID_AS_OF`),
        // and sorted here. SQLite's join on the grouped allocations and its sort of every whole row cost
        // twice as much.
        let pass = self.allocation_pass(as_of, None, false)?;
        let mut statement = self.connection.prepare_cached(&select_rows("0", ""))?;
        let mut rows: Vec<InvoiceRow> =
            statement.query_map([], invoice_row_from_row)?.collect::<rusqlite::Result<_>>()?;
        for row in &mut rows {
            if let Some(&cents) = pass.paid.get(&row.invoice.id) {
                row.paid = from_cents(cents);
            }
        }
        // Sorted by small keys, then the rows put in that order: sorting the rows themselves moved every
        // whole row some seventeen times.
        let mut order: Vec<(NaiveDate, NaiveDate, i64, usize)> = rows
            .iter()
            .enumerate()
            .map(|(index, row)| (row.invoice.due_date, row.invoice.issue_date, row.invoice.id, index))
            .collect();
        order.sort_unstable();
        let mut slots: Vec<Option<InvoiceRow>> = rows.into_iter().map(Some).collect();
        Ok(order.into_iter().filter_map(|(_, _, _, index)| slots[index].take()).collect())
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
        // The invoice's own terms, else the client's, else the ledger's default (`domain::terms`).
        let terms = match fields.payment_terms.or(client.fields.payment_terms()) {
            Some(terms) => terms,
            None => crate::domain::terms::PaymentTerms::days(self.default_payment_terms_days()?),
        };
        let due_date = fields.due_date.unwrap_or_else(|| terms.due_date(fields.issue_date));
        // The invoice's own terms are kept with it (a due date typed as well wins over them).
        let own_terms = fields.payment_terms;
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
            (":payment_terms_days", own_terms.map_or(Value::Null, |t| Value::Integer(t.days.into()))),
            (":payment_terms_end_of_month", Value::Integer(i64::from(own_terms.is_some_and(|t| t.end_of_month)))),
            (":nature", fields.nature.map_or(Value::Null, |nature| Value::Text(enum_text(&nature)))),
        ])
    }
}

/// Reads an invoice row selected as `INVOICE_COLUMNS` then `paid_cents`. By position (by name, each column
/// was looked up among them all on every row of a list of every invoice); dates through the ledger's fast
/// reader.
pub(super) fn invoice_row_from_row(row: &Row<'_>) -> rusqlite::Result<InvoiceRow> {
    let import_id: Option<i64> = row.get(11)?;
    let terms_days: Option<u32> = row.get(12)?;
    let end_of_month: bool = row.get(13)?;
    Ok(InvoiceRow {
        invoice: Invoice {
            id: row.get(0)?,
            number: row.get(1)?,
            client_id: row.get(2)?,
            issue_date: date_column(row, 3)?,
            due_date: date_column(row, 4)?,
            amount: from_cents(row.get(5)?),
            amount_excl_vat: row.get::<_, Option<i64>>(6)?.map(from_cents),
            object: row.get(7)?,
            penalty_rate: decimal_from_text(row.get(8)?)?,
            written_off_on: row.get(9)?,
            payment_terms: terms_days.map(|days| crate::domain::terms::PaymentTerms { days, end_of_month }),
            nature: row.get::<_, Option<String>>(10)?.map(enum_from_text).transpose()?,
            source: import_id.map_or_else(|| "typed".to_string(), |id| format!("import:{id}")),
            corrects: row.get(14)?,
            document: row.get(15)?,
        },
        paid: from_cents(row.get(16)?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names of the columns `invoice_row_from_row` reads, at the positions it reads them.
    const COLUMN_NAMES: [&str; 17] = [
        "id",
        "number",
        "client_id",
        "issue_date",
        "due_date",
        "amount_cents",
        "amount_excl_vat_cents",
        "object",
        "penalty_rate",
        "written_off_on",
        "nature",
        "import_id",
        "payment_terms_days",
        "payment_terms_end_of_month",
        "corrects",
        "document",
        "paid_cents",
    ];

    /// The reader reads by position: a column added to the list (or to the table's rows) in another place
    /// than the reader expects would read one column as another. Pins the list to the reader's positions.
    #[test]
    fn invoice_columns_are_where_the_reader_reads_them() {
        let ledger = Ledger::open_in_memory().unwrap();
        let statement = ledger.connection.prepare_cached(&select_rows(&paid_of_invoice("?1"), "")).unwrap();
        assert_eq!(statement.column_names(), COLUMN_NAMES);
    }
}

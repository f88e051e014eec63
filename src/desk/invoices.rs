//! Invoices as both shells show and change them: the list with status and days late, the invoice form,
//! deletion, and the list written for a spreadsheet.

use crate::desk::accounts::settlement;
use crate::desk::Result;
use crate::documents::spreadsheet;
use crate::domain::figures::{self, InvoiceLine};
use crate::domain::model::Client;
pub use crate::domain::model::InvoiceFields;
use crate::ledger::files;
use crate::Ledger;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::path::Path;

/// Every invoice, or one client's, with status and days late on `as_of`.
pub fn invoice_list(ledger: &Ledger, client_id: Option<i64>, as_of: NaiveDate) -> Result<Vec<InvoiceLine>> {
    let clients: HashMap<i64, Client> = ledger.clients()?.into_iter().map(|c| (c.id, c)).collect();
    let disputes = ledger.disputes()?;
    let settlement = settlement(ledger, as_of, None)?;
    Ok(ledger
        .invoice_rows(client_id, as_of)?
        .into_iter()
        .map(|row| {
            let client = &clients[&row.invoice.client_id];
            figures::invoice_line(row, client, &settlement, &disputes, as_of)
        })
        .collect())
}

/// Writes the invoice list for a spreadsheet (UTF-8 with a BOM, `;`, decimal commas, formula-safe) to `path`.
pub fn export_invoice_list_csv(ledger: &Ledger, client_id: Option<i64>, as_of: NaiveDate, path: &Path) -> Result<()> {
    let lines = invoice_list(ledger, client_id, as_of)?;
    let bytes = spreadsheet::invoices_csv(&lines).map_err(|error| {
        crate::desk::Error::conflict(format!("La liste des factures n'a pas pu être écrite : {error}"))
    })?;
    Ok(files::write_atomically(path, &bytes)?)
}

/// Creates the invoice when `id` is None, else updates it; returns its id.
pub fn save_invoice(ledger: &mut Ledger, id: Option<i64>, fields: &InvoiceFields) -> Result<i64> {
    match id {
        Some(id) => {
            ledger.update_invoice(id, fields)?;
            Ok(id)
        }
        None => Ok(ledger.create_invoice(fields)?),
    }
}

/// Writes an invoice off on `date` (the client page offers it for a residual balance under the
/// tolerance): it is owed no more from that day, and no longer dunned.
pub fn write_off(ledger: &mut Ledger, id: i64, date: NaiveDate) -> Result<()> {
    Ok(ledger.write_off_invoice(id, date)?)
}

/// Deletes an invoice with no payment allocated to it.
pub fn delete_invoice(ledger: &mut Ledger, id: i64) -> Result<()> {
    Ok(ledger.delete_invoice(id)?)
}

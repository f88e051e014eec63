//! One client's account on a date — the client, its invoices with what remains on each, its payments and
//! events — and the settlement of credits the figures start from. Drafting a letter, drafting a plan and
//! building a dossier read a client through `account`, without the client page's extras (its proposal,
//! timeline and plans).

use crate::desk::Result;
use crate::domain::figures::{self, InvoiceLine, Settlement};
use crate::domain::model::{Client, Event, EventKind, Payment};
use crate::domain::money::from_cents;
use crate::Ledger;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::sync::Arc;

/// One client's account on a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub client: Client,
    /// The name letters and lists use.
    pub name: String,
    /// Every invoice and credit note of the client with its status on the date, oldest first.
    pub invoices: Vec<InvoiceLine>,
    pub payments: Vec<Payment>,
    pub events: Vec<Event>,
}

/// The client's account on `as_of`, read from that client's rows alone.
pub fn account(ledger: &Ledger, client_id: i64, as_of: NaiveDate) -> Result<Account> {
    Ok(account_and_settlement(ledger, client_id, as_of)?.0)
}

/// The account and the client's settlement it was computed from (the client page's summary needs both).
pub(crate) fn account_and_settlement(
    ledger: &Ledger,
    client_id: i64,
    as_of: NaiveDate,
) -> Result<(Account, Arc<Settlement>)> {
    let client = ledger.client(client_id)?;
    let rows = ledger.invoice_rows(Some(client_id), as_of)?;
    let payments = ledger.payments(client_id)?;
    let events = ledger.events(client_id)?;
    let disputes: Vec<Event> = events.iter().filter(|e| e.fields.kind == EventKind::Dispute).cloned().collect();
    let settlement = settlement(ledger, as_of, Some(client_id))?;
    let invoices =
        rows.into_iter().map(|row| figures::invoice_line(row, &client, &settlement, &disputes, as_of)).collect();
    Ok((Account { name: client.fields.display_name(), client, invoices, payments, events }, settlement))
}

/// An invoice's number and what it still owes in `settlement`: what its money left (`Ledger::invoice_left`,
/// every allocation not rejected), less what the client's credit notes and unallocated money cover there
/// (`figures::settle`, the invoice list's rule). An invoice the settlement does not list (paid in full by
/// its money, or not issued yet on its day) owes what its money left.
pub(crate) fn still_owed(ledger: &Ledger, settlement: &Settlement, invoice_id: i64) -> Result<(String, Decimal)> {
    let (number, left) = ledger.invoice_left(invoice_id)?;
    let owed = settlement.invoice(invoice_id).map_or(from_cents(left), |settled| settled.remaining);
    Ok((number, owed))
}

/// The settlement of credits on `as_of`: the whole ledger's (remembered while the ledger does not change:
/// the dashboard, the client list and the invoice list all start from it), or one client's from its rows
/// alone (the same figures for it either way).
pub(crate) fn settlement(ledger: &Ledger, as_of: NaiveDate, client_id: Option<i64>) -> Result<Arc<Settlement>> {
    let compute = || -> Result<Settlement> {
        let (open, totals) = ledger.settlement_rows(as_of, client_id)?;
        Ok(figures::settle(&open, &totals))
    };
    match client_id {
        Some(_) => Ok(Arc::new(compute()?)),
        None => ledger.remembered("settlement", as_of, compute),
    }
}
